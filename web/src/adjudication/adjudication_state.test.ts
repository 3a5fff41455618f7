import { describe, expect, it } from 'vitest';
import type { AdjudicationListing } from './adjudication_api';
import { canAdjudicate, checkDecision, distributionLine, MAX_RATIONALE, nextOpen } from './adjudication_state';

const item = (task_id: number, labelled_by_you = false, decided = false): AdjudicationListing => ({
  task_id,
  project_id: 1,
  reason: 'disagree',
  labels: 2,
  opened_at: 0,
  decided,
  decided_by: null,
  decided_at: null,
  result: null,
  rationale: null,
  task: { id: task_id, data: {} } as AdjudicationListing['task'],
  labelled_by_you,
});

describe('canAdjudicate', () => {
  it('admits staff and expert annotators only', () => {
    for (const role of ['admin', 'manager', 'reviewer']) expect(canAdjudicate({ id: 1, email: 'x', role })).toBe(true);
    expect(canAdjudicate({ id: 1, email: 'x', role: 'annotator', tier: 'crowd' })).toBe(false);
    expect(canAdjudicate({ id: 1, email: 'x', role: 'annotator' })).toBe(false);
    expect(canAdjudicate({ id: 1, email: 'x', role: 'annotator', tier: 'expert' })).toBe(true);
    expect(canAdjudicate({ id: 1, email: 'x', role: 'annotator', tier: 'gold_maker' })).toBe(true);
  });
});

describe('nextOpen', () => {
  const items = [item(3), item(5, true), item(7), item(9, false, true)];
  it('starts at the first item one may decide', () => {
    expect(nextOpen(items, null)?.task_id).toBe(3);
    expect(nextOpen([item(5, true), item(7)], null)?.task_id).toBe(7);
  });
  it('goes on past the current one, skipping own and decided items, and wraps', () => {
    expect(nextOpen(items, 3)?.task_id).toBe(7);
    expect(nextOpen(items, 7)?.task_id).toBe(3);
    expect(nextOpen(items, 4)?.task_id).toBe(7);
  });
  it('is null when nothing else is left', () => {
    expect(nextOpen([item(3)], 3)).toBeNull();
    expect(nextOpen([item(5, true)], null)).toBeNull();
    expect(nextOpen([], null)).toBeNull();
  });
});

describe('checkDecision', () => {
  it('needs an answer and a rationale, trimmed', () => {
    expect(checkDecision(false, 'why')).toMatchObject({ ok: false, field: 'result' });
    expect(checkDecision(true, '   ')).toMatchObject({ ok: false, field: 'rationale' });
    expect(checkDecision(true, '  because  ')).toEqual({ ok: true, rationale: 'because' });
  });
  it('counts code points, not UTF-16 units', () => {
    expect(checkDecision(true, '😀'.repeat(MAX_RATIONALE)).ok).toBe(true);
    expect(checkDecision(true, 'a'.repeat(MAX_RATIONALE + 1)).ok).toBe(false);
  });
});

describe('distributionLine', () => {
  it('ranks the options, ties in interface order, then the unanswered', () => {
    const d = {
      control: 's',
      options: [
        { option: 'a', count: 1 },
        { option: 'b', count: 2 },
        { option: 'c', count: 1 },
      ],
      unanswered: 1,
    };
    expect(distributionLine(d)).toBe('b 2 · a 1 · c 1 · no answer 1');
    expect(distributionLine({ control: 's', options: [{ option: 'a', count: 0 }], unanswered: 0 })).toBe('a 0');
  });

  it('names the ambiguous labels apart from the unanswered', () => {
    const d = { control: 's', options: [{ option: 'a', count: 1 }], unanswered: 1, ambiguous: 2 };
    expect(distributionLine(d)).toBe('a 1 · ambiguous 2 · no answer 1');
    expect(distributionLine({ ...d, ambiguous: 0, unanswered: 0 })).toBe('a 1');
  });
});
