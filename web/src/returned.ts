// Work a reviewer returned: the correction the annotate page sends for it. A returned label is
// the annotator's own submitted annotation, so it is corrected in place (PATCH with the version
// the next task carried), never submitted as a new answer.
import type { AnnotationChange, AnnotationResult, ReturnedLabel } from './types';

export interface Correction {
  state: 'submitted' | 'skipped';
  result: AnnotationResult; // Ignored (sent as {}) for a skip.
  lead_time_ms: number;
  active_time_ms: number;
  skip_reason?: string; // With a skip only.
}

// The PATCH body that corrects `returned` (its stored version, so a stale page gets a 409).
export function correctionOf(returned: ReturnedLabel, c: Correction): AnnotationChange {
  const change: AnnotationChange = {
    result: c.state === 'submitted' ? c.result : {},
    version: returned.annotation.version ?? 0,
    state: c.state,
    lead_time_ms: c.lead_time_ms,
    active_time_ms: c.active_time_ms,
  };
  if (c.state === 'skipped' && c.skip_reason) change.skip_reason = c.skip_reason;
  return change;
}
