// Auto-labelling and the validation of machine labels (POST /projects/{p}/auto-label, GET
// /projects/{p}/machine-labels/validation; docs/openapi.yaml, docs/quality.md "Auto-labelling
// in a project" and "Validating machine labels"), on ApiClient's shared request.
import type { ApiClient } from '../api';
import type { Id } from '../types';

export interface Interval {
  low: number;
  high: number;
}

export interface AutoLabelReport {
  model_version: string;
  control: string;
  target_accuracy: number;
  confidence: number;
  threshold: number | null; // null: no threshold meets the target yet
  calibration_items: number;
  calibration_gold: number;
  calibration_blind: number;
  calibration_above: number;
  calibration_correct_above: number;
  estimated_accuracy: number | null;
  wilson95: Interval | null;
  lower_bound: number;
  open_tasks: number;
  eligible: number;
  share: number | null;
  applied: boolean;
  auto_labelled: number;
  summary: string;
}

export interface AutoLabelRequest {
  model_version: string;
  target_accuracy: number;
  confidence: number;
  apply: boolean;
}

export interface SourceValidation {
  source: 'prediction' | 'auto_label' | 'rule';
  model_version?: string;
  rule_set?: string;
  labels: number;
  compared: number;
  correct: number;
  accuracy: number | null;
  wilson95: Interval | null;
  confusion: number[][];
  fit_to_train: boolean;
  verdict: string;
}

export interface ValidationReport {
  control: string;
  options: string[];
  min_accuracy: number;
  human_tasks: number;
  sources: SourceValidation[];
}

const part = (id: Id) => encodeURIComponent(String(id));

export async function autoLabel(client: ApiClient, projectId: Id, request: AutoLabelRequest): Promise<AutoLabelReport> {
  const { data } = await client.request<AutoLabelReport>('POST', `/api/v1/projects/${part(projectId)}/auto-label`, { json: request });
  if (!data) throw new Error('The server answered nothing to auto-labelling.');
  return data;
}

export const validationUrl = (projectId: Id, minAccuracy: number) =>
  `/api/v1/projects/${part(projectId)}/machine-labels/validation?min_accuracy=${encodeURIComponent(String(minAccuracy))}`;

export async function validationReport(client: ApiClient, projectId: Id, minAccuracy: number): Promise<ValidationReport> {
  const { data } = await client.request<ValidationReport>('GET', validationUrl(projectId, minAccuracy));
  if (!data) throw new Error('The server answered nothing to the validation report.');
  return data;
}

// A source's name as the table shows it: "Predictions of m1", "Auto labels of m1", "Rules lfs".
export function sourceName(s: SourceValidation): string {
  if (s.source === 'prediction') return `Predictions of ${s.model_version ?? ''}`;
  if (s.source === 'auto_label') return `Auto labels of ${s.model_version ?? ''}`;
  return `Rule set ${s.rule_set ?? ''}`;
}

// "75.0% (30.1–95.4%)", or "—" when nothing was compared.
export function accuracyText(accuracy: number | null, interval: Interval | null): string {
  if (accuracy === null) return '—';
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return interval ? `${pct(accuracy)} (${pct(interval.low)}–${pct(interval.high)})` : pct(accuracy);
}

// A percentage typed in a form ("98" or "98%") as a share in (0, 1), or null when it is not one.
export function shareFromPercent(text: string): number | null {
  const trimmed = text.trim().replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const share = Number(trimmed) / 100;
  return share > 0 && share < 1 ? share : null;
}
