// The gold routes (docs/openapi.yaml, tag "gold"; admins and managers only), on ApiClient's
// shared request (CSRF, errors, 401 handling).
import type { ApiClient } from '../api';
import type { AnnotationResult, GoldPolicy, Id, Task } from '../types';

// A gold (control) task: the answer it should get and why.
export interface GoldItem {
  task_id: Id;
  project_id: Id;
  reference: AnnotationResult;
  rationale: string;
  created_by: Id;
  created_at: number;
  updated_at: number;
  version: number;
}

// A gold item as the project's list gives it: with its task.
export interface GoldListing extends GoldItem {
  task: Task;
}

export interface GoldPage {
  gold_items: GoldListing[];
  next_cursor: string | null;
}

export interface Interval {
  low: number;
  high: number;
}

export interface LabelAccuracy {
  control: string;
  label: string;
  answers: number;
  correct: number;
  ci95: Interval;
}

export interface AnnotatorAccuracy {
  annotator_id: Id;
  answers: number;
  correct: number;
  accuracy: number;
  ci95: Interval;
  verdict: 'too_few_answers' | 'good' | 'warned' | 'paused' | string;
  mean_score: number;
  labels: LabelAccuracy[];
}

export interface AccuracyReport {
  policy: GoldPolicy;
  gold_items: number;
  annotators: AnnotatorAccuracy[];
}

const part = (id: Id) => encodeURIComponent(String(id));

// Marks the task gold (no version: 201; 409 when it is gold already) or changes its item
// (the version read: 200; 409 when stale).
export async function putGold(client: ApiClient, taskId: Id, reference: AnnotationResult, rationale: string, version?: number): Promise<GoldItem> {
  const body: { reference: AnnotationResult; rationale: string; version?: number } = { reference, rationale };
  if (version !== undefined) body.version = version;
  const { data } = await client.request<{ gold_item: GoldItem }>('PUT', `/api/v1/tasks/${part(taskId)}/gold`, { json: body });
  if (!data) throw new Error('The server answered no gold item.');
  return data.gold_item;
}

export async function removeGold(client: ApiClient, taskId: Id): Promise<void> {
  await client.request('DELETE', `/api/v1/tasks/${part(taskId)}/gold`);
}

export async function listGold(client: ApiClient, projectId: Id, cursor: string | null, limit = 50): Promise<GoldPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  const { data } = await client.request<GoldPage>('GET', `/api/v1/projects/${part(projectId)}/gold?${query}`);
  return data ?? { gold_items: [], next_cursor: null };
}

export async function goldAccuracy(client: ApiClient, projectId: Id): Promise<AccuracyReport> {
  const { data } = await client.request<AccuracyReport>('GET', `/api/v1/projects/${part(projectId)}/gold/accuracy`);
  if (!data) throw new Error('The server answered no accuracy report.');
  return data;
}
