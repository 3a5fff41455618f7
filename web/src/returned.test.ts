import { describe, expect, it } from 'vitest';
import { correctionOf } from './returned';
import type { ReturnedLabel } from './types';

const returned: ReturnedLabel = {
  annotation: { id: 7, result: { sentiment: { choices: ['positive'] } }, state: 'submitted', version: 3 },
  review_id: 2,
  comment: 'it is sarcasm',
  returned_at: 1,
};

describe('correctionOf', () => {
  it('patches the returned annotation at the version it came with', () => {
    const result = { sentiment: { choices: ['negative'] } };
    expect(correctionOf(returned, { state: 'submitted', result, lead_time_ms: 900, active_time_ms: 400 })).toEqual({
      result,
      version: 3,
      state: 'submitted',
      lead_time_ms: 900,
      active_time_ms: 400,
    });
  });

  it('sends an empty result and the reason for a skip, and no reason with an answer', () => {
    const skip = correctionOf(returned, {
      state: 'skipped',
      result: { sentiment: { choices: ['negative'] } },
      lead_time_ms: 1,
      active_time_ms: 1,
      skip_reason: 'unclear',
    });
    expect(skip.result).toEqual({});
    expect(skip.skip_reason).toBe('unclear');
    const answer = correctionOf(returned, { state: 'submitted', result: {}, lead_time_ms: 1, active_time_ms: 1, skip_reason: 'x' });
    expect(answer.skip_reason).toBeUndefined();
  });
});
