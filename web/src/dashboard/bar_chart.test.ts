import {describe, expect, it} from 'vitest';
import {layoutBars, type BarRow} from './bar_chart';

const row = (key: string, value: number|null): BarRow => ({key, label: key, value, note: ''});

describe('agreement bar layout', () => {
  it('draws bars from zero, proportional to the value, on a 0..1 scale', () => {
    const layout = layoutBars([row('a', 0.5), row('b', 1)], 0.4, 640, 170);
    const [a, b] = layout.bars;
    expect(layout.zeroX).toBe(170);
    expect(a?.x).toBe(170);
    expect(b?.width).toBeCloseTo(2 * (a?.width ?? 0));
    expect(layout.thresholdX).toBeCloseTo(170 + 0.4 * (592 - 170));
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('extends the scale below zero for worse-than-chance agreement and draws that bar leftwards',
     () => {
       const layout = layoutBars([row('worse', -0.3), row('fine', 0.8)], 0.4);
       expect(layout.ticks[0]?.value).toBe(-0.4);
       const worse = layout.bars[0];
       expect((worse?.x ?? 0) + (worse?.width ?? 0)).toBeCloseTo(layout.zeroX);
       expect(worse?.text).toBe('-0.30');
     });

  it('leaves an undefined figure without a bar and prints a dash', () => {
    const [bar] = layoutBars([row('none', null)], 0.4).bars;
    expect(bar?.width).toBe(0);
    expect(bar?.text).toBe('—');
  });
});
