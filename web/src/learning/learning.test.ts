import { describe, expect, it } from 'vitest';
import { percentText, reasonsText, relabelCount } from './learning';

describe('reasonsText', () => {
  it('names each reason in words and keeps unknown ones', () => {
    expect(reasonsText(['confident_learning', 'posterior'])).toBe('confident learning, weak agreement');
    expect(reasonsText(['new_reason'])).toBe('new_reason');
  });
});

describe('percentText', () => {
  it('rounds shares and refuses what a share cannot be', () => {
    expect(percentText(0.954)).toBe('95%');
    expect(percentText(1.2)).toBe('–');
    expect(percentText(Number.NaN)).toBe('–');
  });
});

describe('relabelCount', () => {
  it('accepts whole numbers up to the suspects shown', () => {
    expect(relabelCount(' 3 ', 5)).toBe(3);
    expect(relabelCount('0', 5)).toBeNull();
    expect(relabelCount('6', 5)).toBeNull();
    expect(relabelCount('2.5', 5)).toBeNull();
    expect(relabelCount('', 5)).toBeNull();
  });
});
