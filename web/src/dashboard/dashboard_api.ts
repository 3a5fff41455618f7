// The quality dashboard's own routes (docs/openapi.yaml, /dashboard/gold-accuracy and
// /dashboard/pairwise-agreement; admins and managers), on ApiClient's shared request.
import type { AgreementStatistic } from '../agreement/agreement_api';
import type { ApiClient } from '../api';
import type { Id } from '../types';

export interface GoldAccuracyWeek {
  annotator_id: Id;
  display_name: string;
  week: string; // ISO 8601, "2026-W48"
  answers: number;
  correct: number;
  accuracy: number;
  ci95: { low: number; high: number };
}

export interface PairwiseReport {
  control: string;
  min_shared_items: number;
  annotators: { annotator_id: Id; display_name: string }[];
  pairs: {
    first_id: Id;
    second_id: Id;
    shared_items: number;
    raw_agreement: AgreementStatistic;
    cohen_kappa: AgreementStatistic;
  }[];
}

const base = (projectId: Id) => `/api/v1/projects/${encodeURIComponent(String(projectId))}`;

export const goldAccuracyUrl = (projectId: Id, csv = false) =>
  `${base(projectId)}/dashboard/gold-accuracy${csv ? '?format=csv' : ''}`;
export const pairwiseUrl = (projectId: Id, csv = false) =>
  `${base(projectId)}/dashboard/pairwise-agreement${csv ? '?format=csv' : ''}`;

export async function goldAccuracy(client: ApiClient, projectId: Id): Promise<GoldAccuracyWeek[]> {
  const { data } = await client.request<{ weeks: GoldAccuracyWeek[] }>('GET', goldAccuracyUrl(projectId));
  return data?.weeks ?? [];
}

export async function pairwiseAgreement(client: ApiClient, projectId: Id): Promise<PairwiseReport> {
  const { data } = await client.request<PairwiseReport>('GET', pairwiseUrl(projectId));
  if (!data) throw new Error('The server answered no pairwise agreement.');
  return data;
}
