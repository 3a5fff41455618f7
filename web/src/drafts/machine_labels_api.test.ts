import { describe, expect, it } from 'vitest';
import { accuracyText, shareFromPercent, sourceName, type SourceValidation } from './machine_labels_api';

const source = (over: Partial<SourceValidation>): SourceValidation => ({
  source: 'prediction',
  labels: 0,
  compared: 0,
  correct: 0,
  accuracy: null,
  wilson95: null,
  confusion: [],
  fit_to_train: false,
  verdict: '',
  ...over,
});

describe('machine labels display', () => {
  it('names each source by what produced it', () => {
    expect(sourceName(source({ model_version: 'm1' }))).toBe('Predictions of m1');
    expect(sourceName(source({ source: 'auto_label', model_version: 'm1' }))).toBe('Auto labels of m1');
    expect(sourceName(source({ source: 'rule', rule_set: 'lfs' }))).toBe('Rule set lfs');
  });

  it('shows accuracy with its interval, or a dash when nothing was compared', () => {
    expect(accuracyText(0.75, { low: 0.3006, high: 0.9544 })).toBe('75.0% (30.1%–95.4%)');
    expect(accuracyText(null, null)).toBe('—');
  });

  it('reads percentages typed in the form as shares strictly between 0 and 1', () => {
    expect(shareFromPercent('98')).toBe(0.98);
    expect(shareFromPercent(' 97.5% ')).toBeCloseTo(0.975);
    expect(shareFromPercent('100')).toBeNull();
    expect(shareFromPercent('0')).toBeNull();
    expect(shareFromPercent('ninety')).toBeNull();
  });
});
