// What the annotation studio page is doing: the state its screens are drawn from.
import type { PendingSubmission } from '../pending';
import type { AnnotationResult, CalibrationFeedback, NextAnswer, Qualification, Task } from '../types';
import type { WellbeingHold } from '../wellbeing/wellbeing';

export type Phase =
  | { kind: 'loading' }
  | { kind: 'task'; task: Task }
  | { kind: 'skipping'; task: Task }
  | { kind: 'submitting'; task: Task | null; note: string }
  | { kind: 'stalled'; task: Task | null; message: string; retry: PendingSubmission }
  // A qualification answer's feedback; `next` is the prefetched task (undefined: ask for one).
  | {
      kind: 'feedback';
      task: Task | null;
      own: AnnotationResult;
      feedback: CalibrationFeedback;
      before: Qualification | null;
      next: NextAnswer | null | undefined;
    }
  | { kind: 'empty' }
  | { kind: 'held'; hold: WellbeingHold } // Only sensitive work is left, and the wellbeing policy holds it back.
  | { kind: 'paused'; message: string } // The server closed this person's queue on gold accuracy.
  | { kind: 'tier'; message: string } // The project (or task) requires a higher tier than this person's.
  | { kind: 'error'; message: string };
