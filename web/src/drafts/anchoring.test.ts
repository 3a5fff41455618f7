import { describe, expect, it } from 'vitest';
import { agreementText, distanceText, layoutGroupedBars, percentText, pText } from './anchoring';

const geometry = { width: 200, height: 100, left: 10, top: 5, gap: 0.5 };

describe('layoutGroupedBars', () => {
  it('draws shares of each arm, not counts, side by side per option', () => {
    const groups = layoutGroupedBars(
      [
        { option: 'pos', blind: 1, drafted: 30 },
        { option: 'neg', blind: 3, drafted: 10 },
      ],
      geometry,
    );
    expect(groups.map((g) => [g.option, g.x, g.centre])).toEqual([
      ['pos', 10, 60],
      ['neg', 110, 160],
    ]);
    const [blind, drafted] = groups[0]!.bars;
    // A group is 100 wide: 25 of gap on each side, two bars of 25.
    expect([blind!.arm, blind!.x, blind!.width, blind!.share, blind!.height, blind!.y]).toEqual(['blind', 35, 25, 0.25, 25, 80]);
    expect([drafted!.arm, drafted!.x, drafted!.share, drafted!.height, drafted!.y]).toEqual(['drafted', 60, 0.75, 75, 30]);
    expect(groups[1]!.bars.map((b) => b.share)).toEqual([0.75, 0.25]);
  });

  it('leaves out an arm without labels and draws nothing for no options', () => {
    const groups = layoutGroupedBars([{ option: 'pos', blind: 0, drafted: 4 }, { option: 'neg', blind: 0, drafted: 0 }], geometry);
    expect(groups[0]!.bars.map((b) => [b.arm, b.share])).toEqual([['drafted', 1]]);
    expect(groups[1]!.bars.map((b) => [b.arm, b.height])).toEqual([['drafted', 0]]);
    expect(layoutGroupedBars([], geometry)).toEqual([]);
  });
});

describe('figures', () => {
  it('reads p-values, distances and percentages', () => {
    expect(pText(null)).toBe('—');
    expect(pText({ statistic: 30, degrees_of_freedom: 1, p_value: 4e-8 })).toBe('p < 0.001');
    expect(pText({ statistic: 1.2, degrees_of_freedom: 1, p_value: 0.2733 })).toBe('p = 0.273');
    expect(distanceText(null)).toBe('—');
    expect(distanceText(0.21349)).toBe('0.213');
    expect(percentText(0.625)).toBe('63%');
    expect(percentText(null)).toBe('—');
  });

  it('gives the model accuracy with its Wilson interval, or says why there is none', () => {
    expect(agreementText({ compared: 50, agree: 31, rate: 0.62, wilson_low: 0.4819, wilson_high: 0.7412 })).toBe('62% (95% CI 48%–74%, 31 of 50)');
    expect(agreementText({ compared: 0, agree: 0, rate: null, wilson_low: null, wilson_high: null })).toBe('no labels to compare yet');
  });
});
