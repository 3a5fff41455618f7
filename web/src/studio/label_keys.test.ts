import { describe, expect, it } from 'vitest';
import { DEFAULT_LETTERS, labelForKey, labelKeys, matchesKey } from './label_keys';

const ev = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('labelKeys', () => {
  it('uses the control hotkeys when there is one per label', () => {
    expect(labelKeys(['alice', 'bob'], ['x', 'shift+y'])).toEqual([
      { label: 'alice', key: 'x' },
      { label: 'bob', key: 'shift+y' },
    ]);
  });
  it('else letters, never digits nor the keys the views and the page use', () => {
    const keys = labelKeys(['a', 'b', 'c'], []).map((k) => k.key);
    expect(keys).toEqual(['a', 'b', 'c']);
    for (const used of 'knorsKNORS0123456789') expect(DEFAULT_LETTERS).not.toContain(used);
    expect(labelKeys(Array.from({ length: 30 }, (_, i) => `l${i}`), [])).toHaveLength(DEFAULT_LETTERS.length);
  });
});

describe('matchesKey', () => {
  it('matches letters with their modifiers exactly', () => {
    expect(matchesKey('p', ev('p'))).toBe(true);
    expect(matchesKey('p', ev('P', { shiftKey: true }))).toBe(false);
    expect(matchesKey('shift+p', ev('P', { shiftKey: true }))).toBe(true);
    expect(matchesKey('p', ev('p', { ctrlKey: true }))).toBe(false);
    expect(matchesKey('ctrl+alt+x', ev('x', { ctrlKey: true, altKey: true }))).toBe(true);
  });
  it('matches symbols whatever Shift took to type them', () => {
    expect(matchesKey('?', ev('?', { shiftKey: true }))).toBe(true);
  });
  it('finds the label of a key', () => {
    const keys = labelKeys(['alice', 'bob'], []);
    expect(labelForKey(keys, ev('b'))).toBe('bob');
    expect(labelForKey(keys, ev('z'))).toBeNull();
  });
});
