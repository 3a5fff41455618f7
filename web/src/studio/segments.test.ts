import { describe, expect, it } from 'vitest';
import {
  addSegment,
  formatTime,
  mergeWithNext,
  normalise,
  nudge,
  readSegments,
  removeSegment,
  segmentAt,
  segmentsValue,
  sortSegments,
  splitSegment,
  updateSegment,
  type Segment,
} from './segments';

const seg = (start: number, end: number, label = 'a', text?: string): Segment => ({
  start,
  end,
  label,
  ...(text !== undefined ? { text } : {}),
});

describe('normalise', () => {
  it('swaps a range drawn backwards', () => {
    expect(normalise(seg(3, 1))).toEqual(seg(1, 3));
  });
  it('clamps to 0 and to the duration', () => {
    expect(normalise(seg(-2, 1))).toEqual(seg(0, 1));
    expect(normalise(seg(4, 12), 10)).toEqual(seg(4, 10));
  });
  it('keeps start < end, growing an empty range forward or, at the end, backward', () => {
    expect(normalise(seg(2, 2), null, 0.04)).toEqual(seg(2, 2.04));
    expect(normalise(seg(10, 10), 10, 0.04)).toEqual(seg(9.96, 10));
    expect(normalise(seg(-1, -0.5))).toEqual(seg(0, 0.001));
  });
  it('rounds to the millisecond', () => {
    expect(normalise(seg(0.12345, 1.00049))).toEqual(seg(0.123, 1));
  });
});

describe('list editing', () => {
  it('adds in time order and says where', () => {
    const { segments, index } = addSegment([seg(0, 1), seg(5, 6)], seg(3, 2, 'b'));
    expect(segments).toEqual([seg(0, 1), seg(2, 3, 'b'), seg(5, 6)]);
    expect(index).toBe(1);
  });
  it('sorts by start, end, then label', () => {
    expect(sortSegments([seg(1, 3, 'b'), seg(1, 2), seg(1, 3, 'a'), seg(0, 9)])).toEqual([
      seg(0, 9),
      seg(1, 2),
      seg(1, 3, 'a'),
      seg(1, 3, 'b'),
    ]);
  });
  it('updates, re-sorts and follows the segment', () => {
    const { segments, index } = updateSegment([seg(0, 1), seg(2, 3, 'b')], 0, { start: 4, end: 5 });
    expect(segments).toEqual([seg(2, 3, 'b'), seg(4, 5)]);
    expect(index).toBe(1);
    expect(updateSegment([seg(0, 1)], 3, { label: 'x' }).index).toBe(-1);
  });
  it('removes', () => {
    expect(removeSegment([seg(0, 1), seg(2, 3)], 0)).toEqual([seg(2, 3)]);
  });
});

describe('nudge', () => {
  it('moves one edge, never past the other', () => {
    expect(nudge(seg(1, 2), 'start', 0.5)).toEqual(seg(1.5, 2));
    expect(nudge(seg(1, 2), 'start', 5)).toEqual(seg(1.999, 2));
    expect(nudge(seg(1, 2), 'end', -5)).toEqual(seg(1, 1.001));
    expect(nudge(seg(1, 2), 'end', 9, 5)).toEqual(seg(1, 5));
  });
  it('moves the whole segment keeping its length, inside the media', () => {
    expect(nudge(seg(1, 2), 'both', -0.25)).toEqual(seg(0.75, 1.75));
    expect(nudge(seg(1, 2), 'both', -5)).toEqual(seg(0, 1));
    expect(nudge(seg(1, 2), 'both', 10, 4)).toEqual(seg(3, 4));
  });
});

describe('split and merge', () => {
  it('splits inside a segment; the text stays with the first half', () => {
    expect(splitSegment([seg(0, 4, 'a', 'hi')], 0, 1.5)).toEqual([seg(0, 1.5, 'a', 'hi'), seg(1.5, 4, 'a', '')]);
    expect(splitSegment([seg(0, 4)], 0, 4)).toEqual([seg(0, 4)]);
  });
  it('merges with the next, joining texts', () => {
    expect(mergeWithNext([seg(0, 1, 'a', 'hello'), seg(2, 3, 'b', 'world')], 0)).toEqual([seg(0, 3, 'a', 'hello world')]);
    expect(mergeWithNext([seg(0, 1)], 0)).toEqual([seg(0, 1)]);
  });
});

describe('values', () => {
  it('writes exactly the result shape, text only with transcription and when written', () => {
    const list = [seg(1, 2, 'bob', ''), seg(0, 1.5, 'alice', 'hello')];
    expect(segmentsValue(list, true)).toEqual({
      segments: [
        { start: 0, end: 1.5, label: 'alice', text: 'hello' },
        { start: 1, end: 2, label: 'bob' },
      ],
    });
    expect(segmentsValue(list, false)).toEqual({
      segments: [
        { start: 0, end: 1.5, label: 'alice' },
        { start: 1, end: 2, label: 'bob' },
      ],
    });
  });
  it('reads a value back, dropping malformed entries', () => {
    expect(
      readSegments({
        segments: [{ start: 2, end: 3, label: 'b', text: 'x' }, { start: 1, end: 1 }, null, { start: 'a' }, { start: 0, end: 1, label: 'a' }],
      }),
    ).toEqual([seg(0, 1, 'a'), seg(2, 3, 'b', 'x')]);
    expect(readSegments(undefined)).toEqual([]);
  });
  it('finds the segment under a time', () => {
    expect(segmentAt([seg(0, 1), seg(2, 3)], 2.5)).toBe(1);
    expect(segmentAt([seg(0, 1), seg(2, 3)], 1)).toBe(-1);
  });
  it('formats times', () => {
    expect(formatTime(65.25)).toBe('1:05.250');
    expect(formatTime(0)).toBe('0:00.000');
    expect(formatTime(Infinity)).toBe('–');
  });
});
