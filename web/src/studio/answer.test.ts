import { describe, expect, it } from 'vitest';
import { isComplete, isEmptyValue, missing, toResult } from './answer';
import { studioControls } from './controls';

const controls = studioControls({
  controls: [
    { type: 'choices', name: 'sentiment', to: 'text', options: ['pos', 'neg'] },
    { type: 'choices', name: 'topics', to: 'text', options: ['a', 'b'], multiple: true },
    { type: 'spans', name: 'entities', to: 'text', labels: ['PER'], required: true },
    { type: 'rating', name: 'quality' },
    { type: 'ellipses', name: 'future' },
  ],
});

describe('isEmptyValue', () => {
  it('treats missing values, empty lists and empty text as nothing said', () => {
    expect(isEmptyValue(undefined)).toBe(true);
    expect(isEmptyValue({ choices: [] })).toBe(true);
    expect(isEmptyValue({ text: '' })).toBe(true);
    expect(isEmptyValue({ rating: 0 })).toBe(false);
    expect(isEmptyValue({ order: [1, 0] })).toBe(false);
  });
});

describe('isComplete', () => {
  it('needs required controls and single choices answered', () => {
    const spans = { entities: { spans: [{ start: 0, end: 3, label: 'PER' }] } };
    expect(isComplete({ sentiment: { choices: ['pos'] } }, controls)).toBe(false);
    expect(missing({ sentiment: { choices: ['pos'] } }, controls)).toEqual(['entities']);
    expect(isComplete({ sentiment: { choices: ['pos'] }, ...spans }, controls)).toBe(true);
    expect(isComplete(spans, controls)).toBe(false);
  });

  it('needs something answered when nothing is required', () => {
    const optional = studioControls({ controls: [{ type: 'rating', name: 'quality' }] });
    expect(isComplete({}, optional)).toBe(false);
    expect(isComplete({ quality: { rating: 3 } }, optional)).toBe(true);
    expect(isComplete({}, [])).toBe(false);
  });
});

describe('toResult', () => {
  it('leaves out empty values, unknown controls and names not in the interface', () => {
    const answer = { sentiment: { choices: ['neg'] }, topics: { choices: [] }, future: { x: [1] }, stray: { rating: 1 } };
    expect(toResult(answer, controls)).toEqual({ sentiment: { choices: ['neg'] } });
  });
});

describe('invalid values', () => {
  const limited = studioControls({ controls: [{ type: 'text', name: 'note', max_length: 3 }] });
  it('counts text in code points and keeps over-long text out of a complete answer and the result', () => {
    expect(isComplete({ note: { text: 'a😀c' } }, limited)).toBe(true);
    expect(isComplete({ note: { text: 'a😀cd' } }, limited)).toBe(false);
    expect(toResult({ note: { text: 'a😀cd' } }, limited)).toEqual({});
    expect(toResult({ note: { text: 'a😀c' } }, limited)).toEqual({ note: { text: 'a😀c' } });
  });

  it('refuses a pairwise answer the control does not offer', () => {
    const pair = studioControls({ controls: [{ type: 'pairwise', name: 'pref', to: ['a', 'b'] } as never] });
    expect(isComplete({ pref: { choice: 'b' } }, pair)).toBe(true);
    expect(isComplete({ pref: { choice: 'tie' } }, pair)).toBe(false);
    expect(toResult({ pref: { choice: 'tie' } }, pair)).toEqual({});
  });
});
