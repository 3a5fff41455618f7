// The anchoring report (GET /projects/{p}/anchoring, docs/openapi.yaml; docs/quality.md
// "Anchoring"), on ApiClient's shared request (CSRF, errors, 401 handling). The draft policy
// itself is saved through PATCH /projects/{p} (usePolicyForm), like the other policies.
import type { ApiClient } from '../api';
import type { Id } from '../types';
import type { DraftPolicy } from './draft_policy';

export interface AnchoringTest {
  statistic: number;
  degrees_of_freedom: number;
  p_value: number;
}

export interface ModelAgreement {
  compared: number;
  agree: number;
  rate: number | null;
  wilson_low: number | null;
  wilson_high: number | null;
}

export interface ArmCounts {
  option: string;
  blind: number;
  drafted: number;
}

export interface AnchoringControl {
  control: string;
  distribution: ArmCounts[];
  chi_square: AnchoringTest | null;
  g_test: AnchoringTest | null;
  js_distance: number | null;
  comparison_reason?: string; // Why the tests are null.
  model_accuracy_blind: ModelAgreement;
  model_agreement_drafted: ModelAgreement;
  agreement_test: AnchoringTest | null;
  alert: boolean;
}

export interface AnchoringReport {
  model_version: string | null; // null: the project has no predictions.
  policy: DraftPolicy;
  drafted_labels: number;
  blind_labels: number;
  accepted_unchanged: number;
  accept_rate: number | null;
  alert_p_value: number;
  alerts: string[];
  controls: AnchoringControl[];
}

const part = (id: Id) => encodeURIComponent(String(id));

export const anchoringUrl = (projectId: Id, format: 'json' | 'csv' = 'json') =>
  `/api/v1/projects/${part(projectId)}/anchoring${format === 'csv' ? '?format=csv' : ''}`;

export async function anchoringReport(client: ApiClient, projectId: Id): Promise<AnchoringReport> {
  const { data } = await client.request<AnchoringReport>('GET', anchoringUrl(projectId));
  if (!data) throw new Error('The server answered nothing to the anchoring report.');
  return data;
}
