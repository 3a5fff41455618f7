import { describe, expect, it } from 'vitest';
import { formatBytes, progressText } from './export_panel';
import type { Job } from '../types';

const job = (done: number, total: number): Job => ({
  id: 1,
  kind: 'export',
  project_id: 1,
  state: 'running',
  progress: { done, total },
  created_at: 0,
  finished_at: null,
  error: null,
  manifest: null,
  download_url: null,
});

describe('export panel text', () => {
  it('writes sizes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(52_400_000)).toBe('52 MB');
    expect(formatBytes(3_100_000_000)).toBe('3.1 GB');
  });

  it('shows progress as tasks and a percentage that never rounds up to 100 early', () => {
    expect(progressText(job(0, 0))).toBe('Starting…');
    expect(progressText(job(999, 1000))).toMatch(/\(99%\)$/);
    expect(progressText(job(1000, 1000))).toMatch(/\(100%\)$/);
  });
});
