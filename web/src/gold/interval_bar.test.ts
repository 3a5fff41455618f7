import { describe, expect, it } from 'vitest';
import { barGeometry, verdictBadge } from './interval_bar';

describe('barGeometry', () => {
  it('places the interval, the point and the policy lines on the scale', () => {
    const g = barGeometry(200, { low: 0.646, high: 0.985 }, 0.917, { warn_below: 0.9, pause_below: 0.7 });
    expect(g.band).toEqual({ x: 129.2, width: 67.8 });
    expect(g.point).toBe(183.4);
    expect(g.ticks).toEqual([
      { x: 140, kind: 'pause' },
      { x: 180, kind: 'warn' },
    ]);
  });

  it('clamps values outside 0..1 and orders a reversed interval', () => {
    const g = barGeometry(100, { low: 1.2, high: -0.1 }, 1.5);
    expect(g.band).toEqual({ x: 0, width: 100 });
    expect(g.point).toBe(100);
    expect(g.ticks).toEqual([]);
  });

  it('draws nothing for a missing interval or accuracy, and no pause line at 0', () => {
    const g = barGeometry(100, null, Number.NaN, { warn_below: 0.9, pause_below: 0 });
    expect(g.band).toEqual({ x: 0, width: 0 });
    expect(g.point).toBeNull();
    expect(g.ticks).toEqual([{ x: 90, kind: 'warn' }]);
  });

  it('keeps a zero-width interval at its place', () => {
    expect(barGeometry(120, { low: 0.5, high: 0.5 }, 0.5).band).toEqual({ x: 60, width: 0 });
  });
});

describe('verdictBadge', () => {
  it('colours each verdict', () => {
    expect(verdictBadge('paused')).toEqual({ text: 'paused', tone: 'red' });
    expect(verdictBadge('warned').tone).toBe('amber');
    expect(verdictBadge('good').tone).toBe('green');
    expect(verdictBadge('too_few_answers')).toEqual({ text: 'too few answers', tone: 'grey' });
    expect(verdictBadge('new_one').tone).toBe('grey');
  });
});
