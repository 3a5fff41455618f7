// What the annotate page says during a project's qualification (calibration): the banner over a
// qualification task, and the feedback panel after each answer. Pure, so every wording is tested;
// the server's qualification object counts the attempt under way (a failed attempt that is not
// the last one comes back as the next attempt with nothing answered yet).
import type { CalibrationFeedback, Qualification, QualificationPolicy } from '../types';

// Answers an attempt needs right: the least n with n >= pass * items (the server's rule).
export function neededRight(pass: number, items: number): number {
  return Math.max(0, Math.ceil(pass * items - 1e-9));
}

// "Qualification — task 2 of 10 (attempt 1 of 2)"; without the policy, "(attempt 1)".
export function bannerText(q: Qualification, attempts?: number): string {
  const n = Math.min(q.answered + 1, Math.max(q.items, 1));
  return `Qualification — task ${n} of ${q.items} (attempt ${q.attempt}${attempts ? ` of ${attempts}` : ''})`;
}

// The line under the banner: what the tasks are for and what passing takes.
export function bannerHelp(q: Qualification, policy?: Partial<QualificationPolicy>): string {
  const pass = policy?.qualification_pass;
  const mark = pass === undefined ? '' : ` To pass, get at least ${neededRight(pass, q.items)} of ${q.items} right.`;
  return `These first tasks check how you label: after each answer you see the reference answer and why.${mark}`;
}

// "3 of 4 right so far in attempt 1".
export function progressText(q: Qualification): string {
  return `${q.correct} of ${q.answered} right so far in attempt ${q.attempt}`;
}

export type Outcome = 'in_progress' | 'next_attempt' | 'passed' | 'failed';

export interface FeedbackText {
  right: boolean;
  verdict: string; // "Right" / "Not quite", with a sign so colour is never the only cue
  outcome: Outcome;
  progress: string;
  message: string; // what happens next, in a sentence or two
  canContinue: boolean; // false once the last attempt failed: next would be refused
}

// The feedback panel's words for one answer. `before` is the qualification the task came with
// (null when unknown, e.g. an answer re-sent after a reload); it gives a failed attempt's score.
export function feedbackText(
  feedback: CalibrationFeedback,
  before: Qualification | null,
  policy?: Partial<QualificationPolicy>,
): FeedbackText {
  const q = feedback.qualification;
  const right = feedback.correct === true;
  const verdict = right ? '✓ Right' : '✗ Not quite';
  const attempts = policy?.qualification_attempts;
  const ofAttempts = attempts ? ` of ${attempts}` : '';
  const mark =
    policy?.qualification_pass === undefined ? '' : `; an attempt passes with ${neededRight(policy.qualification_pass, q.items)} of ${q.items}`;
  if (q.status === 'passed') {
    return {
      right,
      verdict,
      outcome: 'passed',
      progress: `${q.correct} of ${q.items} right in attempt ${q.attempt}`,
      message: 'You passed the qualification: your labels now count.',
      canContinue: true,
    };
  }
  if (q.status === 'failed') {
    return {
      right,
      verdict,
      outcome: 'failed',
      progress: `${q.correct} of ${q.items} right in attempt ${q.attempt}${ofAttempts}`,
      message: `You did not pass the qualification${mark}. That was your last attempt, so labelling in this project is closed for you; a manager of the project can go through your answers with you.`,
      canContinue: false,
    };
  }
  if (q.answered === 0 && q.attempt > 1) {
    // The answer ended an attempt without a pass; its score is the task's figures plus this one.
    const ended = before && before.attempt === q.attempt - 1 ? before : null;
    const score = ended ? ` with ${ended.correct + (right ? 1 : 0)} of ${ended.items} right` : '';
    return {
      right,
      verdict,
      outcome: 'next_attempt',
      progress: `Attempt ${q.attempt - 1} ended${score}${mark}.`,
      message: `Attempt ${q.attempt}${ofAttempts} starts with the next task, on other tasks: read the rationales and try again.`,
      canContinue: true,
    };
  }
  const left = q.items - q.answered;
  return {
    right,
    verdict,
    outcome: 'in_progress',
    progress: progressText(q),
    message: left > 0 ? `${left} qualification ${left === 1 ? 'task' : 'tasks'} to go in this attempt.` : '',
    canContinue: true,
  };
}
