// The wellbeing routes (docs/openapi.yaml, tag "wellbeing"), on ApiClient's shared request
// (CSRF, errors, 401 handling). The policy itself is saved through PATCH /projects/{p}
// (usePolicyForm), like the other policies.
import type { ApiClient } from '../api';
import type { Id, Task, Tier } from '../types';
import type { HoldReason, WellbeingPolicy } from './wellbeing';

export interface WellbeingStanding {
  sensitive_today: number;
  sensitive_session: number;
  sensitive_run: number;
  breaks_today: number;
  on_break_until: number | null;
  opted_out: boolean;
  held: HoldReason | null; // why no sensitive task is handed out now
  held_until: number | null;
}

export interface AnnotatorExposure extends WellbeingStanding {
  annotator_id: Id;
  display_name: string;
  tier: Tier;
  sensitive_total: number;
  finished_total: number;
}

export interface WellbeingReport {
  policy: WellbeingPolicy;
  now: number;
  annotators: AnnotatorExposure[];
}

export interface MyWellbeing extends WellbeingStanding {
  policy: WellbeingPolicy;
}

const part = (id: Id) => encodeURIComponent(String(id));

export const wellbeingCsvUrl = (projectId: Id) => `/api/v1/projects/${part(projectId)}/wellbeing?format=csv`;

async function must<T>(client: ApiClient, method: string, path: string, body?: unknown): Promise<T> {
  const { data } = await client.request<T>(method, path, body === undefined ? {} : { json: body });
  if (!data) throw new Error(`The server answered nothing to ${method} ${path}.`);
  return data;
}

export const wellbeingReport = (client: ApiClient, projectId: Id) =>
  must<WellbeingReport>(client, 'GET', `/api/v1/projects/${part(projectId)}/wellbeing`);

export const myWellbeing = (client: ApiClient, projectId: Id) =>
  must<MyWellbeing>(client, 'GET', `/api/v1/projects/${part(projectId)}/wellbeing/me`);

export const setOptOut = (client: ApiClient, projectId: Id, optedOut: boolean) =>
  must<MyWellbeing>(client, 'PUT', `/api/v1/projects/${part(projectId)}/wellbeing/me`, { opted_out: optedOut });

export async function setTaskSensitive(client: ApiClient, taskId: Id, sensitive: boolean): Promise<Task> {
  return (await must<{ task: Task }>(client, 'PUT', `/api/v1/tasks/${part(taskId)}/sensitive`, { sensitive })).task;
}
