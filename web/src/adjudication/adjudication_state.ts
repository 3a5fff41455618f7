// The adjudication page's pure logic: who may adjudicate, which open item comes next, the
// decision's checks before it is sent, and how the answer distribution reads.
import type { Id, User } from '../types';
import type { AdjudicationListing, ChoiceDistribution } from './adjudication_api';

export const MAX_RATIONALE = 5000; // Unicode code points, as the server counts text.

// Administrators, managers and reviewers; annotators of tier expert or gold_maker. The server
// decides (membership, conflict of interest); this only hides what would be refused.
export function canAdjudicate(user: User): boolean {
  if (['admin', 'manager', 'reviewer'].includes(user.role)) return true;
  return user.role === 'annotator' && (user.tier === 'expert' || user.tier === 'gold_maker');
}

const after = (a: Id, b: Id) => Number(a) > Number(b);

// The open item to show after task `current` (null: from the start): the first one further on
// that the caller may decide, wrapping round; null when there is none.
export function nextOpen(items: AdjudicationListing[], current: Id | null): AdjudicationListing | null {
  const decidable = items.filter((i) => !i.decided && !i.labelled_by_you);
  if (current === null) return decidable[0] ?? null;
  return decidable.find((i) => after(i.task_id, current)) ?? decidable.find((i) => String(i.task_id) !== String(current)) ?? null;
}

export type Checked = { ok: true; rationale: string } | { ok: false; field: 'result' | 'rationale'; message: string };

// A decision needs a complete final answer and a rationale of 1..MAX_RATIONALE characters.
export function checkDecision(complete: boolean, rationale: string): Checked {
  if (!complete) return { ok: false, field: 'result', message: 'Choose the final answer first: take one of the labels or write one.' };
  const trimmed = rationale.trim();
  if (trimmed === '') return { ok: false, field: 'rationale', message: 'Say why this answer is right: the rationale is required.' };
  if ([...trimmed].length > MAX_RATIONALE) {
    return { ok: false, field: 'rationale', message: `The rationale is too long: at most ${MAX_RATIONALE} characters.` };
  }
  return { ok: true, rationale: trimmed };
}

// "positive 2 · negative 1" with the most chosen first (ties in interface order), then the
// labels that called the item ambiguous, then those that chose nothing.
export function distributionLine(d: ChoiceDistribution): string {
  const ranked = d.options.map((o, i) => ({ ...o, i })).sort((a, b) => b.count - a.count || a.i - b.i);
  const parts = ranked.map((o) => `${o.option} ${o.count}`);
  if ((d.ambiguous ?? 0) > 0) parts.push(`ambiguous ${d.ambiguous}`);
  if (d.unanswered > 0) parts.push(`no answer ${d.unanswered}`);
  return parts.join(' · ');
}
