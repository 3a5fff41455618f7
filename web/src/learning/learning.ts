// Active learning and suspect labels (docs/openapi.yaml, tag "learning"): the types the routes
// answer and the pure helpers the panel uses to describe them.
import type { Id } from '../types';

export type Strategy =
  | 'entropy'
  | 'least_confidence'
  | 'margin'
  | 'vote_entropy'
  | 'consensus_kl'
  | 'density'
  | 'random';

export const STRATEGIES: { value: Strategy; title: string }[] = [
  { value: 'entropy', title: 'Entropy (most uncertain first)' },
  { value: 'least_confidence', title: 'Least confidence' },
  { value: 'margin', title: 'Margin (closest call first)' },
  { value: 'vote_entropy', title: 'Committee: vote entropy' },
  { value: 'consensus_kl', title: 'Committee: consensus KL' },
  { value: 'density', title: 'Density-weighted entropy' },
  { value: 'random', title: 'Random order' },
];

// The manifest of a finished active-learning job.
export interface ActiveLearningManifest {
  strategy: Strategy;
  control: string;
  text_field: string;
  label_source: 'aggregates' | 'majority';
  trained: number;
  scored: number;
  prioritised: number;
  without_text: number;
  out_of_fold_accuracy: number;
  top: { task_id: Id; score: number; random: boolean; priority: number }[];
}

export type SuspectReason = 'confident_learning' | 'model_disagrees' | 'posterior';

export interface Suspect {
  task_id: Id;
  given: string;
  suggested: string;
  score: number;
  reasons: SuspectReason[];
}

export interface SuspectReport {
  control: string;
  text_field: string;
  label_source: 'aggregates' | 'majority';
  labelled: number;
  out_of_fold_accuracy: number;
  estimated_noise: number;
  total: number;
  suspects: Suspect[];
}

const REASONS: Record<SuspectReason, string> = {
  confident_learning: 'confident learning',
  model_disagrees: 'the model disagrees',
  posterior: 'weak agreement',
};

// "confident learning, the model disagrees"; unknown reasons are shown as sent.
export function reasonsText(reasons: readonly string[]): string {
  return reasons.map((r) => REASONS[r as SuspectReason] ?? r).join(', ');
}

// A share in [0, 1] as a whole percentage; anything else as "–".
export function percentText(share: number): string {
  if (!Number.isFinite(share) || share < 0 || share > 1) return '–';
  return `${Math.round(share * 100)}%`;
}

// How many of the top suspects to send: a whole number from 1 to the suspects shown, else null.
export function relabelCount(text: string, shown: number): number | null {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > shown) return null;
  return n;
}
