// The reviewer view's pure logic: the annotations of a task as anonymised columns ("Annotator
// 1", "Annotator 2", … by annotation id), which reviews belong to which column, who may review
// what, and the body of POST /annotations/{a}/reviews with the checks the server would make
// (so a reviewer hears at once that a rejection needs a comment).
import type { Annotation, AnnotationResult, Id, User } from '../types';

export type Verdict = 'accepted' | 'fixed' | 'rejected';

// A reviewer's verdict on one submitted annotation (GET /tasks/{t}/reviews).
export interface Review {
  id: Id;
  annotation_id: Id;
  task_id: Id;
  project_id: Id;
  reviewer_id: Id;
  verdict: Verdict;
  comment: string;
  result: AnnotationResult | null; // The fix, for `fixed` only.
  created_at: number | string;
}

export interface ReviewBody {
  verdict: Verdict;
  comment?: string;
  result?: AnnotationResult;
}

export const MAX_COMMENT = 2000; // Unicode code points, as the server counts text.

export const canReview = (user: User) => user.role === 'admin' || user.role === 'manager' || user.role === 'reviewer';

// Ids sort as numbers when both are numbers (10 after 9), else as text.
export function compareIds(a: Id, b: Id): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

const sameId = (a: Id | undefined, b: Id | undefined) => a !== undefined && b !== undefined && String(a) === String(b);

// One annotation as the reviewer sees it: a number instead of a person, whether it is the
// reviewer's own (the server refuses reviewing it), and its reviews in id order.
export interface Column {
  number: number;
  annotation: Annotation;
  mine: boolean;
  skipped: boolean;
  reviews: Review[];
}

export function columnsOf(annotations: Annotation[], reviews: Review[], me: Id): Column[] {
  const ordered = [...annotations].sort((a, b) => compareIds(a.id, b.id));
  const sortedReviews = [...reviews].sort((a, b) => compareIds(a.id, b.id));
  return ordered.map((annotation, index) => ({
    number: index + 1,
    annotation,
    mine: sameId(annotation.annotator_id as Id | undefined, me),
    skipped: annotation.state === 'skipped',
    reviews: sortedReviews.filter((r) => sameId(r.annotation_id, annotation.id)),
  }));
}

export const columnTitle = (column: Column) => `Annotator ${column.number}${column.mine ? ' (you)' : ''}`;

// Only another person's submitted answer can be reviewed.
export const reviewable = (column: Column) => !column.mine && !column.skipped;

export const reviewerName = (review: Review, me: Id) => (sameId(review.reviewer_id, me) ? 'you' : 'another reviewer');

export function verdictText(verdict: Verdict | string): string {
  if (verdict === 'accepted') return 'Accepted';
  if (verdict === 'fixed') return 'Fixed';
  if (verdict === 'rejected') return 'Rejected';
  return String(verdict);
}

// True while some answer the reviewer may review has no review of theirs yet.
export function needsMyReview(columns: Column[], me: Id): boolean {
  return columns.some((c) => reviewable(c) && !c.reviews.some((r) => sameId(r.reviewer_id, me)));
}

// "You reviewed 1 of 2 answers": the reviewer's progress on this task.
export function progressLine(columns: Column[], me: Id): string {
  const open = columns.filter(reviewable);
  const done = open.filter((c) => c.reviews.some((r) => sameId(r.reviewer_id, me))).length;
  if (open.length === 0) return 'Nothing here for you to review.';
  return `You reviewed ${done} of ${open.length} answer${open.length === 1 ? '' : 's'}.`;
}

export type Built = { ok: true; body: ReviewBody } | { ok: false; field: string; message: string };

// The request body for a verdict, or why it cannot be sent: a rejection needs a comment (the
// annotator learns why), a fix needs a result, and only a fix carries one.
export function buildReviewBody(verdict: Verdict, comment: string, result?: AnnotationResult): Built {
  const text = comment.trim();
  if ([...text].length > MAX_COMMENT) {
    return { ok: false, field: 'comment', message: `A comment is at most ${MAX_COMMENT} characters; this one has ${[...text].length}.` };
  }
  if (verdict === 'rejected' && text === '') {
    return { ok: false, field: 'comment', message: 'Say why you reject this answer: a rejection needs a comment.' };
  }
  const body: ReviewBody = { verdict };
  if (text !== '') body.comment = text;
  if (verdict === 'fixed') {
    if (!result || Object.keys(result).length === 0) {
      return { ok: false, field: 'result', message: 'The fix is empty: answer the task before saving it.' };
    }
    body.result = result;
  }
  return { ok: true, body };
}
