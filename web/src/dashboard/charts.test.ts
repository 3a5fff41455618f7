import { describe, expect, it } from 'vitest';
import type { GoldAccuracyWeek, PairwiseReport } from './dashboard_api';
import { ACCURACY_CHART, kappaColour, layoutAccuracyChart, layoutHeatmap, median, shorten } from './charts';

const row = (id: number, week: string, accuracy: number, low: number, high: number): GoldAccuracyWeek => ({
  annotator_id: id,
  display_name: `A${id}`,
  week,
  answers: 4,
  correct: Math.round(accuracy * 4),
  accuracy,
  ci95: { low, high },
});

describe('layoutAccuracyChart', () => {
  it('spreads the weeks of all annotators along x and draws each band around its line', () => {
    const layout = layoutAccuracyChart([row(2, '2026-W49', 0.5, 0.2, 0.8), row(1, '2026-W48', 1, 0.5, 1), row(1, '2026-W49', 0.75, 0.3, 0.95)]);
    expect(layout.weeks).toEqual(['2026-W48', '2026-W49']);
    // Plot width 640 - 44 - 16 = 580: the first week at the left edge, the last at the right.
    expect(layout.xs).toEqual([44, 624]);
    const first = layout.series.find((s) => s.annotatorId === '1')!;
    // Plot height 260 - 12 - 36 = 212: accuracy 1 at y 12, 0.75 at 12 + 53.
    expect(first.points.map((p) => [p.x, p.y])).toEqual([
      [44, 12],
      [624, 65],
    ]);
    // Upper bound left to right (1 → 12, 0.95 → 22.6), then the lower back (0.3 → 160.4, 0.5 → 118).
    expect(first.band).toBe('44,12 624,22.6 624,160.4 44,118');
    expect(first.points.map((p) => [p.high, p.low])).toEqual([
      [12, 118],
      [22.6, 160.4],
    ]);
    const second = layoutAccuracyChart([row(2, '2026-W49', 0.5, 0.2, 0.8)]).series[0]!;
    expect(second.points[0]!.x).toBe(ACCURACY_CHART.left + (640 - 44 - 16) / 2);
    expect(second.name).toBe('A2');
  });

  it('has no series without rows', () => {
    const layout = layoutAccuracyChart([]);
    expect(layout.series).toEqual([]);
    expect(layout.ticks[0]).toEqual({ value: 1, y: 12 });
    expect(layout.ticks.at(-1)).toEqual({ value: 0, y: 224 });
  });
});

describe('layoutHeatmap', () => {
  const report: PairwiseReport = {
    control: 'sentiment',
    min_shared_items: 5,
    annotators: [
      { annotator_id: 3, display_name: '<b>Ann</b>' },
      { annotator_id: 8, display_name: 'Bo' },
      { annotator_id: 9, display_name: 'Cy' },
    ],
    pairs: [
      { first_id: 3, second_id: 8, shared_items: 6, raw_agreement: { value: 2 / 3 }, cohen_kappa: { value: 1 / 3 } },
      { first_id: 8, second_id: 9, shared_items: 2, raw_agreement: { value: null, undefined_reason: 'too few' }, cohen_kappa: { value: null, undefined_reason: 'too few' } },
    ],
  };

  it('fills both cells of each pair and leaves the rest empty', () => {
    const layout = layoutHeatmap(report, 30, 100, 20);
    expect(layout.cells.map((c) => [c.row, c.column])).toEqual([
      [0, 1],
      [1, 0],
      [1, 2],
      [2, 1],
    ]);
    expect(layout.cells[0]).toMatchObject({ x: 130, y: 20, kappa: 1 / 3 });
    expect(layout.cells[0]!.title).toBe('<b>Ann</b> and Bo: kappa 0.333, raw agreement 0.667, 6 shared items');
    expect(layout.cells[2]!.fill).toBe('#d0d0d0');
    expect(layout.cells[2]!.title).toContain('undefined (too few)');
    expect(layout.width).toBe(100 + 3 * 30 + 8);
    expect(layout.labels).toEqual(['<b>Ann</b>', 'Bo', 'Cy']);
    expect(shorten('Ada <img src=x onerror="x">', 10)).toBe('Ada <img …'); // Ten characters in all.
  });
});

describe('kappaColour and median', () => {
  it('runs red to green and greys undefined', () => {
    expect(kappaColour(-0.2)).toBe('hsl(0, 70%, 55%)');
    expect(kappaColour(1)).toBe('hsl(120, 70%, 55%)');
    expect(kappaColour(0.5)).toBe('hsl(60, 70%, 55%)');
    expect(kappaColour(null)).toBe('#d0d0d0');
  });
  it('takes the middle of the defined values', () => {
    expect(median([3, null, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null])).toBeNull();
  });
});
