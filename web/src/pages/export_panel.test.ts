import { describe, expect, it } from 'vitest';
import { formatBytes } from './export_panel';

describe('export panel text', () => {
  it('writes sizes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(52_400_000)).toBe('52 MB');
    expect(formatBytes(3_100_000_000)).toBe('3.1 GB');
  });
});
