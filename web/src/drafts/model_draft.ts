// A model's draft on the annotate page (issue 7, "drafts with blind controls"): the answer the
// server sent as `model_draft` pre-fills the form; the annotator accepts it (submits it as is),
// edits it, or rejects it (clears it and labels from scratch). Whether the label equals the
// draft is recorded by the server, which compares the results itself; the state here only
// drives the banner. No score and no model version are shown (the server sends neither).
import { toResult, type Answer } from '../studio/answer';
import type { StudioControl } from '../studio/controls';
import { restoreAnswer } from '../studio/registry';

export type DraftStatus = 'unchanged' | 'edited' | 'rejected';

export interface ModelDraft {
  answer: Answer; // The draft as the form's answer.
  rejected: boolean; // The annotator cleared it.
}

// The draft the page should pre-fill, or null: none sent, or the annotator's own saved work
// (which they already started from the draft or without it) comes back instead.
export function modelDraftOf(
  next: { model_draft?: unknown; draft?: unknown; returned?: unknown },
  controls: StudioControl[],
): ModelDraft | null {
  if (next.model_draft === undefined || next.model_draft === null || next.draft || next.returned) return null;
  const answer = restoreAnswer(next.model_draft, controls);
  if (Object.keys(answer).length === 0) return null; // Nothing this interface can show.
  return { answer, rejected: false };
}

// JSON text with object keys sorted, so equal answers compare equal whatever the key order.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Where the answer stands against the draft.
export function draftStatus(draft: ModelDraft, answer: Answer, controls: StudioControl[]): DraftStatus {
  if (draft.rejected) return 'rejected';
  return canonical(toResult(answer, controls)) === canonical(toResult(draft.answer, controls)) ? 'unchanged' : 'edited';
}

// The banner's sentence for each status.
export function draftNote(status: DraftStatus): string {
  switch (status) {
    case 'unchanged':
      return 'The answer below is the model\u2019s suggestion. Check it: accept it if it is right, edit it, or reject it.';
    case 'edited':
      return 'You changed the model\u2019s suggestion. Submit your answer when it is right.';
    case 'rejected':
      return 'You rejected the model\u2019s suggestion: label this task from scratch.';
  }
}

// Shift+A accepts a model draft, Shift+E moves to the answer to edit it, Shift+R rejects it.
export function draftKeyAction(event: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): 'accept' | 'edit' | 'reject' | null {
  if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return null;
  const actions: Record<string, 'accept' | 'edit' | 'reject'> = { a: 'accept', e: 'edit', r: 'reject' };
  return actions[event.key.toLowerCase()] ?? null;
}
