import {describe, expect, it} from 'vitest';
import type {AgreementReport} from '../agreement/agreement_api';
import {guidelineBars, optionBars} from './agreement_bars';

const figures = (alpha: number|null) => ({
  labels: 12,
  items: 6,
  paired_items: 6,
  raw_agreement: {value: 0.8},
  krippendorff_alpha: alpha === null ? {value: null, undefined_reason: 'fewer than 5 items'} :
                                       {value: alpha},
});

const report = {
  by_option: [
    {option: 'positive', labels: 8, paired_items: 6, fleiss_kappa: {value: 0.61}},
    {
      option: 'negative',
      labels: 4,
      paired_items: 6,
      fleiss_kappa: {value: null, undefined_reason: 'no variation'}
    },
  ],
  guidelines: [
    {version: 0, ...figures(0.5)},
    {version: 2, ...figures(null)},
  ],
} as unknown as AgreementReport;

describe('agreement bars', () => {
  it('turns each option into a bar whose title gives kappa and its basis, or why it is undefined',
     () => {
       const [positive, negative] = optionBars(report);
       expect(positive).toMatchObject({key: 'positive', value: 0.61});
       expect(positive?.note).toBe('positive: Fleiss\' kappa 0.610 over 6 items, 8 labels');
       expect(negative?.value).toBeNull();
       expect(negative?.note).toContain('— (no variation)');
     });

  it('names guideline versions, version 0 being the time before any guidelines', () => {
    const bars = guidelineBars(report);
    expect(bars.map((b) => b.label)).toEqual(['No guidelines', 'Version 2']);
    expect(bars[1]?.note).toContain('(fewer than 5 items)');
  });
});
