// Labelled time ranges (audio_segments, video_segments): the editing rules, kept pure so they
// are tested without a media element. Times are SECONDS (docs/label-interface.md), rounded to
// the millisecond so a result does not carry float noise; `0 ≤ start < end` always holds.
import type { ControlValue } from './answer';

export interface Segment {
  start: number;
  end: number;
  label: string;
  text?: string; // Only when the control has `transcription`.
}

export const MIN_LENGTH = 0.001; // One millisecond: the smallest segment a result can hold after rounding.

export const roundTime = (t: number) => Math.round(t * 1000) / 1000;

const clamp = (t: number, duration: number | null) => Math.max(0, duration !== null && duration > 0 ? Math.min(t, duration) : t);

// start < end (swapping a range drawn backwards), both ≥ 0 and within `duration` when known,
// at least `minLength` long (grown forward, or backward at the media's end).
export function normalise(segment: Segment, duration: number | null = null, minLength = MIN_LENGTH): Segment {
  let start = clamp(Math.min(segment.start, segment.end), duration);
  let end = clamp(Math.max(segment.start, segment.end), duration);
  if (end - start < minLength) {
    end = start + minLength;
    if (duration !== null && duration > 0 && end > duration) {
      end = duration;
      start = Math.max(0, end - minLength);
    }
  }
  return { ...segment, start: roundTime(start), end: roundTime(end) };
}

// By start, then end, then label: the order the list and the result show.
export function sortSegments(segments: Segment[]): Segment[] {
  return [...segments].sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

// The list with `segment` added (normalised), and where it landed.
export function addSegment(segments: Segment[], segment: Segment, duration: number | null = null, minLength = MIN_LENGTH) {
  const added = normalise(segment, duration, minLength);
  const list = sortSegments([...segments, added]);
  return { segments: list, index: list.indexOf(added) };
}

// The list with segment `index` changed by `patch` (normalised, re-sorted), and its new index.
export function updateSegment(
  segments: Segment[],
  index: number,
  patch: Partial<Segment>,
  duration: number | null = null,
  minLength = MIN_LENGTH,
) {
  const old = segments[index];
  if (!old) return { segments, index: -1 };
  const changed = normalise({ ...old, ...patch }, duration, minLength);
  const list = sortSegments(segments.map((s, i) => (i === index ? changed : s)));
  return { segments: list, index: list.indexOf(changed) };
}

export function removeSegment(segments: Segment[], index: number): Segment[] {
  return segments.filter((_, i) => i !== index);
}

// Moves an edge (or the whole segment) by `delta` seconds; a whole segment keeps its length
// and stops at 0 and at the media's end.
export function nudge(segment: Segment, edge: 'start' | 'end' | 'both', delta: number, duration: number | null = null): Segment {
  if (edge === 'start') return normalise({ ...segment, start: Math.min(segment.start + delta, segment.end - MIN_LENGTH) }, duration);
  if (edge === 'end') return normalise({ ...segment, end: Math.max(segment.end + delta, segment.start + MIN_LENGTH) }, duration);
  const length = segment.end - segment.start;
  let start = Math.max(0, segment.start + delta);
  if (duration !== null && duration > 0) start = Math.min(start, Math.max(0, duration - length));
  return normalise({ ...segment, start, end: start + length }, duration);
}

// Cuts segment `index` in two at `at` (inside it); both halves keep the label, the text stays
// with the first half.
export function splitSegment(segments: Segment[], index: number, at: number): Segment[] {
  const s = segments[index];
  if (!s || at <= s.start + MIN_LENGTH / 2 || at >= s.end - MIN_LENGTH / 2) return segments;
  const first = normalise({ ...s, end: at });
  const second: Segment = normalise({ start: at, end: s.end, label: s.label, ...(s.text !== undefined ? { text: '' } : {}) });
  return sortSegments([...segments.slice(0, index), first, second, ...segments.slice(index + 1)]);
}

// Joins segment `index` with the next one in time: the span of both, the first's label, the
// texts joined by a space.
export function mergeWithNext(segments: Segment[], index: number): Segment[] {
  const a = segments[index];
  const b = segments[index + 1];
  if (!a || !b) return segments;
  const texts = [a.text, b.text].filter((t): t is string => t !== undefined && t !== '');
  const merged: Segment = {
    start: Math.min(a.start, b.start),
    end: Math.max(a.end, b.end),
    label: a.label,
    ...(a.text !== undefined || b.text !== undefined ? { text: texts.join(' ') } : {}),
  };
  return sortSegments([...segments.slice(0, index), merged, ...segments.slice(index + 2)]);
}

// The segments a value (a draft, the page's answer) holds, dropping anything malformed.
export function readSegments(value: ControlValue | undefined): Segment[] {
  const list = value?.segments;
  if (!Array.isArray(list)) return [];
  const out: Segment[] = [];
  for (const raw of list) {
    if (raw === null || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    if (typeof r.start !== 'number' || typeof r.end !== 'number' || !Number.isFinite(r.start) || !Number.isFinite(r.end)) continue;
    if (r.start < 0 || r.end <= r.start) continue;
    out.push({
      start: r.start,
      end: r.end,
      label: typeof r.label === 'string' ? r.label : '',
      ...(typeof r.text === 'string' ? { text: r.text } : {}),
    });
  }
  return sortSegments(out);
}

// The control's value, exactly the result shape: {segments: [{start, end, label, text?}]};
// `text` only when the control has `transcription` and the annotator wrote some.
export function segmentsValue(segments: Segment[], transcription: boolean): ControlValue {
  return {
    segments: sortSegments(segments).map((s) => ({
      start: roundTime(s.start),
      end: roundTime(s.end),
      label: s.label,
      ...(transcription && s.text ? { text: s.text } : {}),
    })),
  };
}

// The segment under time `t` (the last one starting at or before it), or -1.
export function segmentAt(segments: Segment[], t: number): number {
  let found = -1;
  segments.forEach((s, i) => {
    if (s.start <= t && t < s.end) found = i;
  });
  return found;
}

// "1:05.250" for 65.25 s: minutes, seconds and milliseconds, for lists and screen readers.
export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const ms = Math.round(seconds * 1000);
  const m = Math.floor(ms / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  return `${m}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}
