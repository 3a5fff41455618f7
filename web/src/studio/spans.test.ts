import { describe, expect, it } from 'vitest';
import {
  addSpan,
  codePointLength,
  codePointToUtf16,
  coveredText,
  relabelSpan,
  removeSpan,
  segmentsOf,
  selectionToRange,
  spansInReadingOrder,
  spansOf,
  trimRange,
  utf16ToCodePoint,
  wordLeft,
  wordRight,
  type Span,
} from './spans';

const zoe = 'Zoë met Bob';
const emoji = 'Zoë met Bob at ACME 🙂 Corp';

describe('code point offsets', () => {
  it('counts a BMP accent as one unit either way', () => {
    expect(zoe.indexOf('Bob')).toBe(8);
    expect(utf16ToCodePoint(zoe, 8)).toBe(8);
    expect(codePointToUtf16(zoe, 11)).toBe(11);
    expect(coveredText(zoe, 8, 11)).toBe('Bob');
  });

  it('counts an emoji as one code point but two UTF-16 units', () => {
    const corp = emoji.indexOf('Corp'); // UTF-16: 23
    expect(corp).toBe(23);
    expect(utf16ToCodePoint(emoji, corp)).toBe(22);
    expect(codePointToUtf16(emoji, 22)).toBe(23);
    expect(codePointLength(emoji)).toBe(26);
    expect(emoji.length).toBe(27);
    expect(coveredText(emoji, 22, 26)).toBe('Corp');
    expect(coveredText(emoji, 20, 21)).toBe('🙂');
  });

  it('takes a half-selected surrogate pair whole and trims whitespace', () => {
    const at = emoji.indexOf('🙂');
    expect(selectionToRange(emoji, at + 1, at + 2)).toEqual({ start: 20, end: 21 });
    expect(selectionToRange(emoji, at, at + 1)).toEqual({ start: 20, end: 21 });
    expect(selectionToRange(emoji, 14, 20)).toEqual({ start: 15, end: 19 }); // ' ACME ' -> ACME
    expect(selectionToRange(emoji, 27, 14)).toEqual({ start: 15, end: 26 }); // backwards selection
    expect(selectionToRange(emoji, 23, 14)).toEqual({ start: 15, end: 21 }); // " ACME 🙂 " -> "ACME 🙂"
    expect(selectionToRange(emoji, 3, 4)).toBeNull(); // only a space
    expect(trimRange(emoji, 21, 26)).toEqual({ start: 22, end: 26 });
  });
});

describe('adding, removing and relabelling spans', () => {
  const add = (spans: Span[], start: number, end: number, label: string, overlap = false) => addSpan(spans, emoji, start, end, label, overlap);

  it('stores code points, the covered text, and appends', () => {
    const one = add([], 22, 26, 'ORG');
    expect(one).toEqual({ spans: [{ start: 22, end: 26, label: 'ORG', text: 'Corp' }] });
    const two = add((one as { spans: Span[] }).spans, 0, 3, 'PER');
    expect((two as { spans: Span[] }).spans.map((s) => s.text)).toEqual(['Corp', 'Zoë']);
  });

  it('refuses overlaps unless the control allows them, but lets spans touch', () => {
    const base = (add([], 15, 19, 'ORG') as { spans: Span[] }).spans;
    expect(add(base, 17, 26, 'ORG')).toHaveProperty('error');
    expect('spans' in add(base, 19, 21, 'LOC')).toBe(true);
    expect('spans' in add(base, 15, 26, 'ORG', true)).toBe(true);
  });

  it('refuses the same span with the same label twice even with overlap', () => {
    const base = (add([], 15, 19, 'ORG', true) as { spans: Span[] }).spans;
    expect(add(base, 15, 19, 'ORG', true)).toHaveProperty('error');
    expect('spans' in add(base, 15, 19, 'LOC', true)).toBe(true);
  });

  it('refuses ranges outside the text', () => {
    expect(add([], 20, 40, 'ORG')).toHaveProperty('error');
    expect(add([], 3, 3, 'ORG')).toHaveProperty('error');
  });

  it('removes and relabels in place', () => {
    const spans: Span[] = [
      { start: 0, end: 3, label: 'PER' },
      { start: 8, end: 11, label: 'PER' },
    ];
    expect(removeSpan(spans, 0)).toEqual([{ start: 8, end: 11, label: 'PER' }]);
    expect(relabelSpan(spans, 1, 'ORG')).toEqual({ spans: [spans[0], { start: 8, end: 11, label: 'ORG' }] });
    expect(relabelSpan([...spans, { start: 8, end: 11, label: 'ORG' }], 1, 'ORG')).toHaveProperty('error');
  });

  it('reads only well-formed spans from a value', () => {
    expect(spansOf({ spans: [{ start: 0, end: 1, label: 'A' }, { start: 'x' }, null] })).toEqual([{ start: 0, end: 1, label: 'A' }]);
    expect(spansOf(undefined)).toEqual([]);
  });
});

describe('segments for nested highlights', () => {
  it('cuts at every boundary and lists the covering spans outermost first', () => {
    const spans: Span[] = [
      { start: 15, end: 19, label: 'ORG' }, // ACME
      { start: 15, end: 26, label: 'ORG' }, // ACME 🙂 Corp
    ];
    const segments = segmentsOf(emoji, spans);
    expect(segments.map((s) => s.text)).toEqual(['Zoë met Bob at ', 'ACME', ' 🙂 Corp']);
    expect(segments.map((s) => s.covering)).toEqual([[], [1, 0], [1]]);
    expect(segments.map((s) => s.text).join('')).toBe(emoji);
  });

  it('cuts at extra points (a keyboard selection)', () => {
    expect(segmentsOf(zoe, [], [4, 7]).map((s) => s.text)).toEqual(['Zoë ', 'met', ' Bob']);
    expect(segmentsOf('', [])).toEqual([]);
  });
});

describe('caret movement and span order', () => {
  it('jumps by words in code points', () => {
    expect(wordRight(emoji, 0)).toBe(3);
    expect(wordRight(emoji, 19)).toBe(21);
    expect(wordLeft(emoji, 22)).toBe(20);
    expect(wordLeft(emoji, 2)).toBe(0);
  });

  it('visits spans by position in the text', () => {
    expect(
      spansInReadingOrder([
        { start: 8, end: 11, label: 'PER' },
        { start: 0, end: 3, label: 'PER' },
      ]),
    ).toEqual([1, 0]);
  });
});
