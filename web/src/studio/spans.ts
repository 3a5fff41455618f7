// Labelled text spans (NER) as the `spans` control's result holds them: offsets in Unicode
// code points of the data field, `end` exclusive (docs/label-interface.md). A browser string
// counts UTF-16 units, so every offset from the DOM is converted here before it is stored.
// Pure functions: the view (spans_view.tsx) keeps no span logic of its own.
import type { ControlValue } from './answer';

export interface Span {
  start: number;
  end: number;
  label: string;
  text?: string;
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

// The code point offset of UTF-16 offset `i` (an offset inside a surrogate pair counts the pair).
export function utf16ToCodePoint(text: string, i: number): number {
  const limit = Math.max(0, Math.min(i, text.length));
  let points = 0;
  for (let u = 0; u < limit; u++) {
    if (!(isLow(text.charCodeAt(u)) && u > 0 && isHigh(text.charCodeAt(u - 1)))) points++;
  }
  return points;
}

// The UTF-16 offset where code point `cp` starts (the string's length past its end).
export function codePointToUtf16(text: string, cp: number): number {
  let u = 0;
  for (let p = 0; p < cp && u < text.length; p++) u += isHigh(text.charCodeAt(u)) && isLow(text.charCodeAt(u + 1)) ? 2 : 1;
  return u;
}

export const codePointLength = (text: string) => utf16ToCodePoint(text, text.length);

// The text of code points [start, end).
export function coveredText(text: string, start: number, end: number): string {
  return text.slice(codePointToUtf16(text, start), codePointToUtf16(text, end));
}

// The range a selection between UTF-16 offsets `a` and `b` stands for, in code points: a
// half-selected surrogate pair is taken whole, whitespace at both ends is dropped; null when
// nothing but whitespace is selected.
export function selectionToRange(text: string, a: number, b: number): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(a, b, text.length));
  let e = Math.min(text.length, Math.max(a, b, 0));
  if (s > 0 && s < text.length && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e > 0 && e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (s >= e) return null;
  return { start: utf16ToCodePoint(text, s), end: utf16ToCodePoint(text, e) };
}

// The same, for a range already in code points (the keyboard's caret works in code points).
export function trimRange(text: string, start: number, end: number): { start: number; end: number } | null {
  return selectionToRange(text, codePointToUtf16(text, start), codePointToUtf16(text, end));
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end && a.label === b.label;

export type Outcome = { spans: Span[] } | { error: string };

// Adds `label` over code points [start, end) of `text` (at the end of the list: relations
// index the list, so adding must not move the spans already there).
export function addSpan(spans: Span[], text: string, start: number, end: number, label: string, overlap: boolean): Outcome {
  const span: Span = { start, end, label, text: coveredText(text, start, end) };
  if (!(start >= 0 && start < end && end <= codePointLength(text))) return { error: 'That range is not inside the text.' };
  if (spans.some((s) => sameSpan(s, span))) return { error: `“${span.text}” is already labelled ${label}.` };
  if (!overlap) {
    const clash = spans.find((s) => overlaps(s, span));
    if (clash) return { error: `Spans may not overlap here: “${clash.text ?? ''}” (${clash.label}) is in the way.` };
  }
  return { spans: [...spans, span] };
}

export const removeSpan = (spans: Span[], index: number): Span[] => spans.filter((_, i) => i !== index);

// Gives span `index` another label (same place in the list, so relations still point at it).
export function relabelSpan(spans: Span[], index: number, label: string): Outcome {
  const old = spans[index];
  if (!old) return { error: 'No such span.' };
  const next = { ...old, label };
  if (spans.some((s, i) => i !== index && sameSpan(s, next))) return { error: `That span is already labelled ${label}.` };
  return { spans: spans.map((s, i) => (i === index ? next : s)) };
}

// The spans a value holds, keeping only well-formed ones.
export function spansOf(value: ControlValue | undefined): Span[] {
  const list = value?.spans;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s): s is Span =>
      s !== null &&
      typeof s === 'object' &&
      Number.isInteger(s.start) &&
      Number.isInteger(s.end) &&
      typeof s.label === 'string',
  );
}

export interface Segment {
  start: number; // Code points.
  end: number;
  text: string;
  covering: number[]; // Indices of the spans over it, outermost (longest) first.
}

// The text cut at every span boundary (and at `cuts`, e.g. a keyboard selection), so that
// overlapping spans can be drawn as nested highlights, one element per span per segment.
export function segmentsOf(text: string, spans: Span[], cuts: number[] = []): Segment[] {
  const length = codePointLength(text);
  const points = new Set<number>([0, length]);
  for (const s of spans) {
    points.add(Math.max(0, Math.min(s.start, length)));
    points.add(Math.max(0, Math.min(s.end, length)));
  }
  for (const c of cuts) if (c > 0 && c < length) points.add(c);
  const sorted = [...points].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    const covering = spans
      .map((s, index) => ({ s, index }))
      .filter(({ s }) => s.start <= start && end <= s.end)
      .sort((a, b) => b.s.end - b.s.start - (a.s.end - a.s.start) || a.s.start - b.s.start || a.index - b.index)
      .map(({ index }) => index);
    segments.push({ start, end, text: coveredText(text, start, end), covering });
  }
  return segments;
}

// Where Ctrl+← and Ctrl+→ take the caret: the start of the previous word, the end of the next.
export function wordLeft(text: string, caret: number): number {
  const chars = [...text];
  let c = caret;
  while (c > 0 && /\s/u.test(chars[c - 1]!)) c--;
  while (c > 0 && !/\s/u.test(chars[c - 1]!)) c--;
  return c;
}
export function wordRight(text: string, caret: number): number {
  const chars = [...text];
  let c = caret;
  while (c < chars.length && /\s/u.test(chars[c]!)) c++;
  while (c < chars.length && !/\s/u.test(chars[c]!)) c++;
  return c;
}

// The order spans are visited by [ and ]: by position in the text, not by list order.
export function spansInReadingOrder(spans: Span[]): number[] {
  return spans
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.start - b.s.start || a.s.end - b.s.end || a.i - b.i)
    .map(({ i }) => i);
}
