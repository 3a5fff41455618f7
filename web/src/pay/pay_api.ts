// The pay report route (docs/openapi.yaml, tag "pay"; admins and managers only), on ApiClient's
// shared request (CSRF, errors, 401 handling).
import type { ApiClient } from '../api';
import type { Id, Tier } from '../types';
import type { PayPolicy } from './pay';

export interface AnnotatorPay {
  annotator_id: Id;
  display_name: string;
  tier: Tier;
  submitted: number;
  skipped: number;
  accepted: number;
  rejected: number;
  active_time_ms: number;
  lead_time_ms: number;
  rate_cents: number;
  paid_units: number;
  earned_cents: number;
  effective_cents_per_hour: number | null; // null: no active time (the reason says so)
  effective_cents_per_hour_reason?: string;
  below_floor: boolean;
}

export interface PayReport {
  policy: PayPolicy;
  annotators: AnnotatorPay[];
  spent_cents: number;
  budget_cents: number;
  remaining_cents: number | null; // null: no budget
  submitted: number;
  accepted: number;
  cost_per_submitted_cents: number | null;
  cost_per_submitted_cents_reason?: string;
  cost_per_accepted_cents: number | null;
  cost_per_accepted_cents_reason?: string;
  alerts: string[];
}

const part = (id: Id) => encodeURIComponent(String(id));

export const payCsvUrl = (projectId: Id) => `/api/v1/projects/${part(projectId)}/pay?format=csv`;

export async function payReport(client: ApiClient, projectId: Id): Promise<PayReport> {
  const { data } = await client.request<PayReport>('GET', `/api/v1/projects/${part(projectId)}/pay`);
  if (!data) throw new Error('The server answered no pay report.');
  return data;
}
