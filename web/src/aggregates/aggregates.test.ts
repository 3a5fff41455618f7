import { describe, expect, it } from 'vitest';
import { distributionBars, percent, sourceText, type TaskAggregate } from './aggregates';

const row: TaskAggregate = {
  task_id: 1,
  project_id: 1,
  control: 'sentiment',
  method: 'ds',
  label: 'positive',
  distribution: { negative: 1 / 3, positive: 2 / 3 },
  posterior: { negative: 0.02, positive: 0.98 },
  confidence: 0.98,
  weight: 0.4,
  ambiguous: false,
  votes: 3,
  source: 'inferred',
  computed_at: 0,
};

describe('distributionBars', () => {
  it('orders by share and scales to the width', () => {
    const bars = distributionBars(row.distribution, 90);
    expect(bars.map((b) => b.option)).toEqual(['positive', 'negative']);
    expect(bars[0].width).toBeCloseTo(60);
    expect(bars[1].percent).toBe('33%');
  });

  it('clamps shares a server could never send', () => {
    const bars = distributionBars({ a: 1.5, b: -1, c: Number.NaN }, 10);
    expect(bars.map((b) => b.width)).toEqual([10, 0, 0]);
  });

  it('breaks ties by option name and handles no votes', () => {
    expect(distributionBars({ b: 0.5, a: 0.5 }, 1).map((b) => b.option)).toEqual(['a', 'b']);
    expect(distributionBars({}, 10)).toEqual([]);
  });
});

describe('percent and sourceText', () => {
  it('reads as people say it', () => {
    expect(percent(0.666)).toBe('67%');
    expect(sourceText(row)).toBe('3 labels, ds');
    expect(sourceText({ ...row, source: 'adjudicated' })).toBe('decided by an adjudicator');
    expect(sourceText({ ...row, source: 'single', votes: 1 })).toBe('one label only');
    expect(sourceText({ ...row, votes: 0, label: null })).toBe('no labels yet');
  });
});
