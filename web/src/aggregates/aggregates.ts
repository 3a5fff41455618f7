// Stored aggregates (docs/openapi.yaml, tag "aggregates"): the row type and the pure helpers the
// views use to draw a confidence bar and the distribution as small bars.
import type { Id } from '../types';

export type TruthMethod = 'ds' | 'mv' | 'wmv' | 'wawa' | 'onecoin' | 'glad' | 'mace';

export const TRUTH_METHODS: { value: TruthMethod; title: string }[] = [
  { value: 'ds', title: 'Dawid-Skene' },
  { value: 'mv', title: 'Majority vote' },
  { value: 'wawa', title: 'Wawa (agreement-weighted vote)' },
  { value: 'onecoin', title: 'One-coin Dawid-Skene' },
  { value: 'glad', title: 'GLAD' },
  { value: 'mace', title: 'MACE' },
  { value: 'wmv', title: 'Weighted vote (needs gold)' },
];

export interface TaskAggregate {
  task_id: Id;
  project_id: Id;
  control: string;
  method: TruthMethod;
  label: string | null; // null: the task had no votes
  distribution: Record<string, number>; // option -> share of the raw votes
  posterior: Record<string, number>; // option -> probability
  confidence: number;
  weight: number;
  ambiguous: boolean;
  votes: number;
  source: 'inferred' | 'adjudicated' | 'single';
  computed_at: number;
}

// What a finished aggregation job's manifest says.
export interface AggregationManifest {
  control: string;
  method: TruthMethod;
  tasks: number;
  votes: number;
  inferred: number;
  adjudicated: number;
  single: number;
  no_votes: number;
  ambiguous: number;
  gold_clamped: number;
  excluded_annotators: number;
}

export interface Bar {
  option: string;
  share: number;
  width: number; // In the bar's units, share x full width.
  percent: string; // "67%"
}

// A share in [0, 1] as a whole percentage; out-of-range or non-finite values are clamped.
export function percent(share: number): string {
  const clamped = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return `${Math.round(clamped * 100)}%`;
}

// The distribution as bars of at most `width`, largest share first (ties by option name).
export function distributionBars(distribution: Record<string, number>, width: number): Bar[] {
  return Object.entries(distribution)
    .map(([option, share]) => {
      const s = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
      return { option, share: s, width: s * width, percent: percent(s) };
    })
    .sort((a, b) => b.share - a.share || a.option.localeCompare(b.option));
}

// One line a person reads about a row's provenance.
export function sourceText(row: TaskAggregate): string {
  switch (row.source) {
    case 'adjudicated':
      return 'decided by an adjudicator';
    case 'single':
      return 'one label only';
    default:
      return row.votes === 0 ? 'no labels yet' : `${row.votes} labels, ${row.method}`;
  }
}
