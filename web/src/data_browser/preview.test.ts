import { describe, expect, it } from 'vitest';
import { formatCount, prettyJson, previewOf, truncate } from './preview';

describe('previewOf', () => {
  it('shows a lone field without its name and several with theirs', () => {
    expect(previewOf({ text: 'Hello  there\nfriend' })).toBe('Hello there friend');
    expect(previewOf({ a: 'x', b: 2, c: [1, 'y'], d: null })).toBe('a: x · b: 2 · c: [1,"y"] · d: null');
    expect(previewOf('plain')).toBe('plain');
    expect(previewOf({})).toBe('');
  });

  it('keeps markup as text', () => {
    expect(previewOf({ text: '<img src=x onerror="alert(1)">' })).toBe('<img src=x onerror="alert(1)">');
  });

  it('cuts long values with an ellipsis', () => {
    const preview = previewOf({ text: 'a'.repeat(500) }, 10);
    expect(preview).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('truncate', () => {
  it('never splits a surrogate pair', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀…');
    expect(truncate('😀😀', 2)).toBe('😀😀');
  });
});

describe('formatting', () => {
  it('groups thousands and indents JSON', () => {
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(5000)).toBe('5,000');
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
