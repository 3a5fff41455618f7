// What a background task import came to, read from its job (GET /api/v1/jobs/{id}): still
// running, the summary a plain upload would have answered, or why nothing was stored.
import type { ImportResult, Job, RecordError } from '../types';

export type ImportOutcome =
  | { kind: 'running' }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; message: string; errors: RecordError[] };

// An import job's manifest: the upload's 200 answer, or its 422 body (error plus the records).
type ImportManifest = Partial<ImportResult> & { error?: { message?: string } };

export function importOutcome(job: Job): ImportOutcome {
  if (job.state === 'running') return { kind: 'running' };
  // Job types its manifest for exports; an import job's manifest has the shape above.
  const manifest = job.manifest as unknown as ImportManifest | null;
  if (job.state === 'succeeded' && manifest) return { kind: 'done', result: manifest as ImportResult };
  return {
    kind: 'failed',
    message: manifest?.error?.message ?? job.error ?? 'the import stopped without saying why',
    errors: manifest?.errors ?? [],
  };
}
