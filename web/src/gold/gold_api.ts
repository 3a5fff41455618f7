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

export interface GoldPage {
  gold_items: GoldItem[];
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

// The tasks of `ids` in a project, read through the task list in id order: the list's cursor
// is the last task id of the previous page (what the server answers as next_cursor), so a page
// starting after id − 1 starts at the task. There is no GET /tasks/{id}; ids missing from the
// answer (another project's, deleted) are simply absent from the map.
export async function tasksByIds(client: ApiClient, projectId: Id, ids: Id[]): Promise<Map<string, Task>> {
  const found = new Map<string, Task>();
  for (const range of taskRanges(ids.map(Number).filter(Number.isFinite))) {
    const page = await client.queryTasks(projectId, {}, range.cursor, range.limit);
    for (const task of page.tasks) found.set(String(task.id), task);
  }
  return found;
}

// Consecutive runs of sorted ids as list requests: start after first − 1, read up to
// last − first + 1 rows (the project holds at most that many tasks in the run), at most `max`.
export function taskRanges(ids: number[], max = 1000): { cursor: string | null; limit: number }[] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const ranges: { cursor: string | null; limit: number }[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i]!;
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1]! - first + 1 <= max) last = sorted[++i]!;
    ranges.push({ cursor: first > 1 ? String(first - 1) : null, limit: last - first + 1 });
    i++;
  }
  return ranges;
}
