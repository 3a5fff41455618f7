import { describe, expect, it } from 'vitest';
import { CHART, labelBars, layoutBars, outcomeBars } from './chart';
import type { RoutingReport } from './routing_api';

const report: RoutingReport = {
  policy: {} as RoutingReport['policy'],
  overlap: 2,
  tasks: 10,
  finished: 6,
  finished_labels: 11,
  fixed_overlap_labels: 12,
  labels_saved: 1,
  stopped_early: 2,
  asked_more: 1,
  escalated: 1,
  adjudicated: 0,
};

describe('bar layout', () => {
  it('scales bars to the largest value and stacks rows', () => {
    const layout = layoutBars([
      { key: 'a', label: 'A', value: 10 },
      { key: 'b', label: 'B', value: 5 },
      { key: 'c', label: 'C', value: 0 },
    ]);
    const track = CHART.width - CHART.labelWidth - CHART.valueWidth;
    expect(layout.bars.map((b) => b.width)).toEqual([track, track / 2, 0]);
    expect(layout.bars.map((b) => b.y)).toEqual([CHART.pad, CHART.pad + CHART.row, CHART.pad + 2 * CHART.row]);
    expect(layout.bars.every((b) => b.x === CHART.labelWidth)).toBe(true);
    expect(layout.bars[1]!.textX).toBe(CHART.labelWidth + track / 2 + 6);
    expect(layout.height).toBe(CHART.pad * 2 + 3 * CHART.row);
  });

  it('draws no bars when every value is zero, and never a negative one', () => {
    const layout = layoutBars([
      { key: 'a', label: 'A', value: 0 },
      { key: 'b', label: 'B', value: -3 },
    ]);
    expect(layout.bars.map((b) => b.width)).toEqual([0, 0]);
  });
});

describe('report bars', () => {
  it('compares labels used with fixed overlap', () => {
    expect(labelBars(report).map((b) => b.value)).toEqual([11, 12]);
  });

  it('splits the tasks by outcome', () => {
    expect(outcomeBars(report).map((b) => [b.key, b.value])).toEqual([
      ['open', 4],
      ['finished', 6],
      ['stopped_early', 2],
      ['asked_more', 1],
      ['escalated', 1],
      ['adjudicated', 0],
    ]);
  });
});
