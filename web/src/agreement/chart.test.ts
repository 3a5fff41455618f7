import { describe, expect, it } from 'vitest';
import { LINE_CHART, layoutLineChart, polylinePoints } from './chart';

const T = { kappa: 0.4, raw: 0.7 };
const plotH = LINE_CHART.height - LINE_CHART.top - LINE_CHART.bottom;
const plotW = LINE_CHART.width - LINE_CHART.left - LINE_CHART.right;

describe('agreement line chart', () => {
  it('maps 1 to the top, 0 to the bottom and the thresholds between', () => {
    const layout = layoutLineChart([{ week: '2026-W48', raw: 1, alpha: 0 }], T);
    expect(layout.low).toBe(0);
    expect(layout.y(1)).toBe(LINE_CHART.top);
    expect(layout.y(0)).toBe(LINE_CHART.top + plotH);
    const raw = layout.thresholds.find((t) => t.key === 'raw')!;
    const kappa = layout.thresholds.find((t) => t.key === 'kappa')!;
    expect(raw.y).toBeCloseTo(LINE_CHART.top + 0.3 * plotH, 1);
    expect(kappa.y).toBeCloseTo(LINE_CHART.top + 0.6 * plotH, 1);
    expect(kappa.y).toBeGreaterThan(raw.y); // Lower value, lower on screen.
  });

  it('spreads weeks evenly and centres a single week', () => {
    expect(layoutLineChart([{ week: 'a', raw: 1, alpha: 1 }], T).xs).toEqual([LINE_CHART.left + plotW / 2]);
    const three = layoutLineChart(
      [
        { week: 'a', raw: 1, alpha: 1 },
        { week: 'b', raw: 1, alpha: 1 },
        { week: 'c', raw: 1, alpha: 1 },
      ],
      T,
    );
    expect(three.xs).toEqual([LINE_CHART.left, LINE_CHART.left + plotW / 2, LINE_CHART.left + plotW]);
  });

  it('breaks the line where a value is undefined', () => {
    const layout = layoutLineChart(
      [
        { week: 'a', raw: 0.9, alpha: 0.5 },
        { week: 'b', raw: null, alpha: null },
        { week: 'c', raw: 0.8, alpha: 0.3 },
        { week: 'd', raw: 0.7, alpha: null },
      ],
      T,
    );
    expect(layout.raw.map((s) => s.map((p) => p.value))).toEqual([[0.9], [0.8, 0.7]]);
    expect(layout.alpha.map((s) => s.map((p) => p.value))).toEqual([[0.5], [0.3]]);
    expect(polylinePoints(layout.raw[1]!)).toBe(`${layout.xs[2]},${layout.y(0.8)} ${layout.xs[3]},${layout.y(0.7)}`);
  });

  it('extends the axis below zero for a negative alpha', () => {
    const layout = layoutLineChart([{ week: 'a', raw: 0.2, alpha: -0.25 }], T);
    expect(layout.low).toBe(-0.3);
    expect(layout.y(-0.3)).toBe(LINE_CHART.top + plotH);
    expect(layout.ticks[0]).toEqual({ value: 1, y: LINE_CHART.top });
    expect(layout.ticks.at(-1)!.value).toBeCloseTo(-0.2, 9);
  });
});
