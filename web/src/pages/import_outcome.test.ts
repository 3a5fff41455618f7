import { describe, expect, it } from 'vitest';
import type { Job } from '../types';
import { importOutcome } from './import_outcome';

const job = (over: Partial<Job>): Job => ({
  id: 4,
  kind: 'import',
  project_id: 1,
  state: 'running',
  cancel_requested: false,
  progress: { done: 0, total: 10 },
  created_at: 0,
  finished_at: null,
  error: null,
  manifest: null,
  download_url: null,
  ...over,
});

describe('importOutcome', () => {
  it('is running while the job runs', () => {
    expect(importOutcome(job({}))).toEqual({ kind: 'running' });
  });

  it('is the upload answer when the job succeeded', () => {
    const answer = { records: 2, inserted: 2, duplicate_count: 0, duplicates: [], errors: [] };
    const outcome = importOutcome(job({ state: 'succeeded', manifest: answer as unknown as Job['manifest'] }));
    expect(outcome).toEqual({ kind: 'done', result: answer });
  });

  it('lists the records at fault when the job failed on them', () => {
    const refusal = {
      error: { code: 'invalid_records', message: '1 record is invalid; nothing was imported' },
      errors: [{ record: 1, line: 2, field: '', message: 'a record must be a JSON object' }],
    };
    const outcome = importOutcome(job({ state: 'failed', error: 'x', manifest: refusal as unknown as Job['manifest'] }));
    expect(outcome).toEqual({ kind: 'failed', message: refusal.error.message, errors: refusal.errors });
  });

  it('gives the job error when there is no manifest', () => {
    expect(importOutcome(job({ state: 'failed', error: 'the disk is full' }))).toEqual({
      kind: 'failed',
      message: 'the disk is full',
      errors: [],
    });
  });

  it('says what a cancelled import stored', () => {
    const error = 'cancelled by its owner after storing 25000 records; importing the same file again adds the rest';
    expect(importOutcome(job({ state: 'cancelled', cancel_requested: true, error }))).toEqual({
      kind: 'failed',
      message: error,
      errors: [],
    });
  });
});
