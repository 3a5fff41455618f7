import { describe, expect, it } from 'vitest';
import { addAnswer, progressText } from './progress';

describe('progress', () => {
  const start = { submitted: 1199, skipped: 0, active_time_ms: 4_797_000, lead_time_ms: 6_000_000 };

  it('adds each answer to the numbers the page started with', () => {
    const after = addAnswer(addAnswer(start, 'submitted', 3000, 4000), 'skipped', 1000, 1000);
    expect(after).toEqual({ submitted: 1200, skipped: 1, active_time_ms: 4_801_000, lead_time_ms: 6_005_000 });
  });

  it('says the counts and the active time per answered task', () => {
    expect(progressText(addAnswer(start, 'submitted', 3000, 0))).toBe('1,200 labelled · 4.0 s active per task');
    expect(progressText({ submitted: 0, skipped: 0, active_time_ms: 0, lead_time_ms: 0 })).toBe('0 labelled');
    expect(progressText(null)).toBe('');
  });
});
