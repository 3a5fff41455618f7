import { describe, expect, it } from 'vitest';
import { describeNotes, EXPORT_FORMATS, formatBytes } from './export_panel';

describe('export panel text', () => {
  it('writes sizes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(52_400_000)).toBe('52 MB');
    expect(formatBytes(3_100_000_000)).toBe('3.1 GB');
  });

  it('says what a training format adjusted, leaving out zero counts', () => {
    expect(describeNotes({ widened_spans: 2, dropped_overlapping_spans: 1, tie_votes: 0 })).toBe(
      'widened spans: 2, dropped overlapping spans: 1',
    );
    expect(describeNotes({})).toBe('');
    expect(describeNotes(undefined)).toBe('');
  });

  it('offers every format once', () => {
    const values = EXPORT_FORMATS.map((f) => f.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('conll_iob2');
    expect(values).toContain('coco_json');
  });
});
