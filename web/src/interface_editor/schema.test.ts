import { describe, expect, it } from 'vitest';
import { FIELDS, fieldText, move, newControl, sampleData, setField } from './schema';

const field = (type: string, key: string) => FIELDS[type]!.find((f) => f.key === key)!;

describe('newControl', () => {
  it('names a new control after its type without clashing', () => {
    expect(newControl('rating', ['rating_1'])).toEqual({ type: 'rating', name: 'rating_2', min: 1, max: 5 });
    expect(newControl('pairwise', []).to).toEqual(['answer_a', 'answer_b']);
  });
});

describe('setField and fieldText', () => {
  it('reads lists separated by commas and writes them back', () => {
    const c = setField({ type: 'choices' }, field('choices', 'options'), ' yes, no ,, maybe ');
    expect(c.options).toEqual(['yes', 'no', 'maybe']);
    expect(fieldText(c, field('choices', 'options'))).toBe('yes, no, maybe');
  });

  it('removes an emptied optional field so the default applies, and keeps other keys', () => {
    const c = setField({ type: 'number', name: 'n', min: 0, future: 1 }, field('number', 'min'), '  ');
    expect(c).toEqual({ type: 'number', name: 'n', future: 1 });
  });

  it('keeps text that is not a number for the server to name', () => {
    expect(setField({}, field('rating', 'max'), '7').max).toBe(7);
    expect(setField({}, field('rating', 'max'), 'seven').max).toBe('seven');
  });

  it('reads a skeleton as pairs of label numbers', () => {
    const c = setField({}, field('keypoints', 'skeleton'), '0-1, 0-2');
    expect(c.skeleton).toEqual([[0, 1], [0, 2]]);
    expect(fieldText(c, field('keypoints', 'skeleton'))).toBe('0-1, 0-2');
  });

  it('sets booleans from the checkbox', () => {
    expect(setField({}, field('spans', 'overlap'), true).overlap).toBe(true);
    expect(setField({ overlap: true }, field('spans', 'overlap'), false).overlap).toBe(false);
  });
});

describe('move', () => {
  it('swaps neighbours and ignores moves past the ends', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});

describe('sampleData', () => {
  it('gives each field a stand-in of the right shape', () => {
    const data = sampleData([
      { type: 'ranking', to: 'answers', prompt: 'question' },
      { type: 'rectangles', to: 'image' },
      { type: 'pairwise', to: ['a', 'b'] },
    ]);
    expect(Array.isArray(data.answers)).toBe(true);
    expect(data.image).toBe('/demo/shapes/picture-01.png');
    expect(typeof data.a).toBe('string');
    expect(data.question).toBe('Sample prompt');
  });
});
