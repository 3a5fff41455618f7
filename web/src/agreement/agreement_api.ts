// GET /api/v1/projects/{p}/agreement (docs/openapi.yaml, AgreementReport; admins, managers and
// reviewers), on ApiClient's shared request (CSRF, errors, 401 handling).
import type { ApiClient } from '../api';
import type { Id } from '../types';

// A figure, or null with the reason the server could not compute it (never NaN).
export interface AgreementStatistic {
  value: number | null;
  undefined_reason?: string;
}

export interface AgreementFigures {
  labels: number;
  items: number;
  paired_items: number;
  raw_agreement: AgreementStatistic;
  krippendorff_alpha: AgreementStatistic;
  note?: string;
}

export interface OptionAgreement {
  option: string;
  labels: number;
  paired_items: number;
  fleiss_kappa: AgreementStatistic;
  note?: string;
}

export interface AgreementAlert {
  scope: string;
  statistic: 'krippendorff_alpha' | 'raw_agreement' | 'fleiss_kappa';
  value: number;
  threshold: number;
  advice: string;
}

export interface AgreementReport {
  control: string;
  options: string[];
  annotators: number;
  min_paired_items: number;
  thresholds: { kappa: number; raw: number };
  overall: AgreementFigures;
  by_option: OptionAgreement[];
  guidelines: (AgreementFigures & { version: number })[];
  weeks: (AgreementFigures & { week: string })[];
  alerts: AgreementAlert[];
}

export async function agreementReport(client: ApiClient, projectId: Id, control?: string): Promise<AgreementReport> {
  const query = control ? `?control=${encodeURIComponent(control)}` : '';
  const path = `/api/v1/projects/${encodeURIComponent(String(projectId))}/agreement${query}`;
  const { data } = await client.request<AgreementReport>('GET', path);
  if (!data) throw new Error('The server answered no agreement report.');
  return data;
}

// "0.734" for a figure, "—" for an undefined one (its reason is shown beside it).
export function formatStatistic(s: AgreementStatistic): string {
  return s.value === null ? '—' : s.value.toFixed(3);
}

// A human name for a statistic key.
export const STATISTIC_NAMES: Record<AgreementAlert['statistic'], string> = {
  krippendorff_alpha: "Krippendorff's alpha",
  raw_agreement: 'Raw agreement',
  fleiss_kappa: "Fleiss' kappa",
};
