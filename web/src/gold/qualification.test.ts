import { describe, expect, it } from 'vitest';
import type { CalibrationFeedback, Qualification } from '../types';
import { bannerHelp, bannerText, feedbackText, neededRight, progressText } from './qualification';

const q = (over: Partial<Qualification>): Qualification => ({ status: 'in_progress', attempt: 1, answered: 0, correct: 0, items: 4, ...over });
const fb = (correct: boolean, qualification: Qualification): CalibrationFeedback => ({
  correct,
  reference: { sentiment: { choices: ['negative'] } },
  rationale: 'Complains.',
  qualification,
});
const policy = { qualification_items: 4, qualification_pass: 0.75, qualification_attempts: 2 };

describe('neededRight', () => {
  it('rounds up like the server, forgiving float error', () => {
    expect(neededRight(0.95, 10)).toBe(10);
    expect(neededRight(0.9, 10)).toBe(9);
    expect(neededRight(0.75, 4)).toBe(3);
    expect(neededRight(1, 2)).toBe(2);
    expect(neededRight(0.7, 10)).toBe(7); // 0.7 * 10 is 7.000000000000001
    expect(neededRight(0, 5)).toBe(0);
  });
});

describe('bannerText', () => {
  it('numbers the task being answered, and the attempts when the policy is known', () => {
    expect(bannerText(q({ answered: 0, items: 10 }), 2)).toBe('Qualification — task 1 of 10 (attempt 1 of 2)');
    expect(bannerText(q({ attempt: 2, answered: 3, items: 10 }), 3)).toBe('Qualification — task 4 of 10 (attempt 2 of 3)');
    expect(bannerText(q({ answered: 1, items: 2 }))).toBe('Qualification — task 2 of 2 (attempt 1)');
  });
  it('never numbers past the items', () => {
    expect(bannerText(q({ answered: 4, items: 4 }), 2)).toBe('Qualification — task 4 of 4 (attempt 1 of 2)');
  });
  it('states the pass mark when the policy is known', () => {
    expect(bannerHelp(q({}), policy)).toMatch(/at least 3 of 4 right\.$/);
    expect(bannerHelp(q({}))).not.toMatch(/at least/);
  });
});

describe('feedbackText', () => {
  it('reports a right answer and the running score', () => {
    const t = feedbackText(fb(true, q({ answered: 4, correct: 3, items: 5 })), q({ answered: 3, correct: 2, items: 5 }), policy);
    expect(t).toMatchObject({ right: true, verdict: '✓ Right', outcome: 'in_progress', canContinue: true });
    expect(t.progress).toBe('3 of 4 right so far in attempt 1');
    expect(t.message).toBe('1 qualification task to go in this attempt.');
    expect(progressText(q({ answered: 2, correct: 0, attempt: 2 }))).toBe('0 of 2 right so far in attempt 2');
  });

  it('says "Not quite" with a sign, not colour alone', () => {
    const t = feedbackText(fb(false, q({ answered: 1, correct: 0 })), q({}), policy);
    expect(t.right).toBe(false);
    expect(t.verdict).toBe('✗ Not quite');
    expect(t.message).toBe('3 qualification tasks to go in this attempt.');
  });

  it('announces a pass', () => {
    const t = feedbackText(fb(true, q({ status: 'passed', attempt: 2, answered: 4, correct: 4 })), q({ attempt: 2, answered: 3, correct: 3 }), policy);
    expect(t).toMatchObject({ outcome: 'passed', canContinue: true, progress: '4 of 4 right in attempt 2' });
    expect(t.message).toBe('You passed the qualification: your labels now count.');
  });

  it('stops after the last attempt fails', () => {
    const t = feedbackText(fb(false, q({ status: 'failed', attempt: 2, answered: 4, correct: 1 })), null, policy);
    expect(t).toMatchObject({ outcome: 'failed', canContinue: false, progress: '1 of 4 right in attempt 2 of 2' });
    expect(t.message).toMatch(/^You did not pass the qualification; an attempt passes with 3 of 4\. That was your last attempt/);
  });

  it('scores an attempt that ended without a pass from the figures the task came with', () => {
    const before = q({ attempt: 1, answered: 3, correct: 2 });
    const t = feedbackText(fb(false, q({ attempt: 2, answered: 0, correct: 0 })), before, policy);
    expect(t).toMatchObject({ outcome: 'next_attempt', canContinue: true });
    expect(t.progress).toBe('Attempt 1 ended with 2 of 4 right; an attempt passes with 3 of 4.');
    expect(t.message).toBe('Attempt 2 of 2 starts with the next task, on other tasks: read the rationales and try again.');
    // A right last answer counts too (2 right before + this one, still short of 4 of 4 here).
    const strict = { ...policy, qualification_pass: 1 };
    expect(feedbackText(fb(true, q({ attempt: 2 })), before, strict).progress).toBe('Attempt 1 ended with 3 of 4 right; an attempt passes with 4 of 4.');
  });

  it('leaves out what it cannot know', () => {
    const t = feedbackText(fb(false, q({ attempt: 2, answered: 0 })), null);
    expect(t.progress).toBe('Attempt 1 ended.');
    expect(t.message).toBe('Attempt 2 starts with the next task, on other tasks: read the rationales and try again.');
  });
});
