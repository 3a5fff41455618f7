import { describe, expect, it } from 'vitest';
import type { Annotation } from '../types';
import {
  buildReviewBody,
  canReview,
  columnsOf,
  columnTitle,
  MAX_COMMENT,
  needsMyReview,
  progressLine,
  reviewable,
  reviewerName,
  type Review,
} from './review_state';

const annotation = (id: number, annotator: number, state = 'submitted'): Annotation => ({
  id,
  annotator_id: annotator,
  task_id: 1,
  state,
  result: state === 'submitted' ? { sentiment: { choices: ['positive'] } } : {},
});
const review = (id: number, annotationId: number, reviewer: number, verdict: Review['verdict'] = 'accepted'): Review => ({
  id,
  annotation_id: annotationId,
  task_id: 1,
  project_id: 1,
  reviewer_id: reviewer,
  verdict,
  comment: '',
  result: null,
  created_at: 0,
});

describe('columnsOf', () => {
  it('numbers annotators by annotation id, never by who they are', () => {
    const columns = columnsOf([annotation(10, 70), annotation(9, 30), annotation(100, 50)], [], 1);
    expect(columns.map((c) => [c.number, c.annotation.id])).toEqual([
      [1, 9],
      [2, 10],
      [3, 100],
    ]);
    expect(columns.map(columnTitle)).toEqual(['Annotator 1', 'Annotator 2', 'Annotator 3']);
    expect(columns.map(columnTitle).join(' ')).not.toMatch(/30|50|70/);
  });

  it('puts each review under its annotation, in id order', () => {
    const columns = columnsOf([annotation(1, 7), annotation(2, 8)], [review(5, 2, 1), review(3, 1, 1), review(4, 2, 9, 'rejected')], 1);
    expect(columns[0]!.reviews.map((r) => r.id)).toEqual([3]);
    expect(columns[1]!.reviews.map((r) => r.id)).toEqual([4, 5]);
  });

  it('matches ids given as numbers or strings', () => {
    const columns = columnsOf([{ ...annotation(1, 7), id: '1' }], [review(1, 1, 1)], '7');
    expect(columns[0]!.reviews).toHaveLength(1);
    expect(columns[0]!.mine).toBe(true);
  });

  it('marks one’s own and skipped answers as not reviewable', () => {
    const columns = columnsOf([annotation(1, 7), annotation(2, 1), annotation(3, 8, 'skipped')], [], 1);
    expect(columns.map(reviewable)).toEqual([true, false, false]);
    expect(columnTitle(columns[1]!)).toBe('Annotator 2 (you)');
  });
});

describe('progress', () => {
  it('knows when the reviewer still has something to review', () => {
    const annotations = [annotation(1, 7), annotation(2, 8), annotation(3, 9, 'skipped')];
    expect(needsMyReview(columnsOf(annotations, [], 1), 1)).toBe(true);
    expect(needsMyReview(columnsOf(annotations, [review(1, 1, 1)], 1), 1)).toBe(true);
    expect(progressLine(columnsOf(annotations, [review(1, 1, 1)], 1), 1)).toBe('You reviewed 1 of 2 answers.');
    // Another reviewer's verdict does not count as the caller's.
    expect(needsMyReview(columnsOf(annotations, [review(1, 1, 1), review(2, 2, 4)], 1), 1)).toBe(true);
    expect(needsMyReview(columnsOf(annotations, [review(1, 1, 1), review(2, 2, 1)], 1), 1)).toBe(false);
    expect(progressLine(columnsOf([annotation(1, 1)], [], 1), 1)).toBe('Nothing here for you to review.');
  });

  it('names the reviewer only as you or another reviewer', () => {
    expect(reviewerName(review(1, 1, 4), 4)).toBe('you');
    expect(reviewerName(review(1, 1, 4), '4')).toBe('you');
    expect(reviewerName(review(1, 1, 5), 4)).toBe('another reviewer');
  });

  it('lets admins, managers and reviewers review', () => {
    const as = (role: string) => canReview({ id: 1, email: 'x@example.com', role });
    expect(['admin', 'manager', 'reviewer', 'annotator'].map(as)).toEqual([true, true, true, false]);
  });
});

describe('buildReviewBody', () => {
  it('accepts with or without a comment, never with a result', () => {
    expect(buildReviewBody('accepted', '  ')).toEqual({ ok: true, body: { verdict: 'accepted' } });
    expect(buildReviewBody('accepted', ' fine ', { a: { choices: ['x'] } })).toEqual({
      ok: true,
      body: { verdict: 'accepted', comment: 'fine' },
    });
  });

  it('refuses a rejection without a comment, with a message', () => {
    const built = buildReviewBody('rejected', ' \n ');
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.field).toBe('comment');
      expect(built.message).toMatch(/needs a comment/);
    }
    expect(buildReviewBody('rejected', 'wrong sentiment')).toEqual({
      ok: true,
      body: { verdict: 'rejected', comment: 'wrong sentiment' },
    });
  });

  it('counts the comment limit in code points', () => {
    expect(buildReviewBody('rejected', '😀'.repeat(MAX_COMMENT)).ok).toBe(true);
    const long = buildReviewBody('rejected', 'x'.repeat(MAX_COMMENT + 1));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.message).toMatch(/at most 2000/);
  });

  it('sends a fix with its result, and refuses an empty one', () => {
    const result = { sentiment: { choices: ['negative'] } };
    expect(buildReviewBody('fixed', '', result)).toEqual({ ok: true, body: { verdict: 'fixed', result } });
    const empty = buildReviewBody('fixed', 'x', {});
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.field).toBe('result');
    expect(buildReviewBody('fixed', 'x').ok).toBe(false);
  });
});
