// "Your progress" on the annotate page: the server's numbers when the page opened plus what was
// answered since, so the line stays right without asking the server after every task.
import type { MyStats } from '../types';

export function addAnswer(stats: MyStats, state: 'submitted' | 'skipped', activeMs: number, leadMs: number): MyStats {
  return {
    submitted: stats.submitted + (state === 'submitted' ? 1 : 0),
    skipped: stats.skipped + (state === 'skipped' ? 1 : 0),
    active_time_ms: stats.active_time_ms + activeMs,
    lead_time_ms: stats.lead_time_ms + leadMs,
  };
}

// "120 labelled · 3 skipped · 4.2 s active per task" ("" before the numbers arrive).
export function progressText(stats: MyStats | null): string {
  if (!stats) return '';
  const answered = stats.submitted + stats.skipped;
  const parts = [`${stats.submitted.toLocaleString('en')} labelled`];
  if (stats.skipped > 0) parts.push(`${stats.skipped.toLocaleString('en')} skipped`);
  if (answered > 0) parts.push(`${(stats.active_time_ms / answered / 1000).toFixed(1)} s active per task`);
  return parts.join(' · ');
}
