import { describe, expect, it } from 'vitest';
import { jobProgressText } from './background_job';
import type { Job } from './types';

const job = (done: number, total: number): Job => ({
  id: 1,
  kind: 'export',
  project_id: 1,
  state: 'running',
  cancel_requested: false,
  progress: { done, total },
  created_at: 0,
  finished_at: null,
  error: null,
  manifest: null,
  download_url: null,
});

describe('background job progress', () => {
  it('shows progress as tasks and a percentage that never rounds up to 100 early', () => {
    expect(jobProgressText(job(0, 0))).toBe('Starting…');
    expect(jobProgressText(job(999, 1000))).toMatch(/\(99%\)$/);
    expect(jobProgressText(job(1000, 1000))).toMatch(/\(100%\)$/);
  });
});
