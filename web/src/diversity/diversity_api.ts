// The diversity routes (docs/openapi.yaml, tag "diversity"), on ApiClient's shared request
// (CSRF, errors, 401 handling). The policy itself is saved through PATCH /projects/{p}
// (usePolicyForm), like the other policies.
import type { ApiClient } from '../api';
import type { Id } from '../types';
import type { DiversityPolicy } from './diversity';

export interface DiversityStatistic {
  value: number | null;
  undefined_reason: string | null;
}

export interface DiversityGroup {
  group: string; // an answer, "(no answer)" or "(small groups)"
  annotators: number;
  labels: number;
  distribution: { label: string; count: number }[];
  krippendorff_alpha: DiversityStatistic;
  raw_agreement: DiversityStatistic;
  merged_groups: number;
}

export interface GroupMajority {
  group: string;
  label: string;
  labels: number;
}

export interface AttributeReport {
  attribute: string;
  question: string;
  groups: DiversityGroup[];
  withheld_groups: number;
  note: string;
  difference: { test: string; statistic: DiversityStatistic; df: number; p_value: number | null; sparse_cells: number; cells: number };
  disagreements: { task_id: Id; majorities: GroupMajority[] }[];
  disagreements_total: number;
}

export interface DiversityReport {
  control: string;
  options: string[];
  min_group_size: number;
  attributes: AttributeReport[];
  quota: { attribute: string; minimums: Record<string, number>; finished_items: number; items_meeting: number } | null;
}

export interface MyDiversity {
  policy: DiversityPolicy;
  answers: Record<string, string>;
  member: boolean; // only members answer
}

const part = (id: Id) => encodeURIComponent(String(id));

export const diversityReportUrl = (projectId: Id, csv?: 'groups' | 'items') =>
  `/api/v1/projects/${part(projectId)}/diversity/report${csv ? `?format=csv&table=${csv}` : ''}`;

async function must<T>(client: ApiClient, method: string, path: string, body?: unknown): Promise<T> {
  const { data } = await client.request<T>(method, path, body === undefined ? {} : { json: body });
  if (!data) throw new Error(`The server answered nothing to ${method} ${path}.`);
  return data;
}

export const diversityReport = (client: ApiClient, projectId: Id) => must<DiversityReport>(client, 'GET', diversityReportUrl(projectId));

export const myDiversity = (client: ApiClient, projectId: Id) => must<MyDiversity>(client, 'GET', `/api/v1/projects/${part(projectId)}/diversity/me`);

export const setMyDiversity = (client: ApiClient, projectId: Id, answers: Record<string, string | null>) =>
  must<MyDiversity>(client, 'PUT', `/api/v1/projects/${part(projectId)}/diversity/me`, { answers });
