// The adjudication routes (docs/openapi.yaml, tag "adjudication"; administrators, managers,
// reviewers and expert annotators), on ApiClient's shared request (CSRF, errors, 401 handling).
import type { ApiClient } from '../api';
import type { AnnotationResult, Id, Task } from '../types';

// An escalated task: why, how many labels it had, and once decided the final label.
export interface Adjudication {
  task_id: Id;
  project_id: Id;
  reason: string;
  labels: number;
  opened_at: number;
  decided: boolean;
  decided_by: Id | null;
  decided_at: number | null;
  result: AnnotationResult | null;
  rationale: string | null;
}

export interface AdjudicationListing extends Adjudication {
  task: Task;
  labelled_by_you: boolean; // The caller labelled it, so may not decide it.
}

export interface AdjudicationQueue {
  adjudications: AdjudicationListing[];
  open: number; // The project's open items, whatever the page.
  next_cursor: string | null;
}

// One submitted label without its annotator ("Annotator 1", ...).
export interface AnonymousLabel {
  annotator: string;
  result: AnnotationResult;
}

export interface ChoiceDistribution {
  control: string;
  options: { option: string; count: number }[];
  unanswered: number;
  ambiguous?: number; // Labels that called the item ambiguous (older servers leave it out).
}

export interface AdjudicationItem {
  adjudication: Adjudication;
  task: Task;
  labels: AnonymousLabel[];
  distribution: ChoiceDistribution[];
  may_decide: boolean;
}

const part = (id: Id) => encodeURIComponent(String(id));

export async function listAdjudications(
  client: ApiClient,
  projectId: Id,
  state: 'open' | 'decided',
  cursor: string | null = null,
  limit = 100,
): Promise<AdjudicationQueue> {
  const query = new URLSearchParams({ state, limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  const { data } = await client.request<AdjudicationQueue>('GET', `/api/v1/projects/${part(projectId)}/adjudications?${query}`);
  return data ?? { adjudications: [], open: 0, next_cursor: null };
}

export async function getAdjudication(client: ApiClient, taskId: Id): Promise<AdjudicationItem> {
  const { data } = await client.request<AdjudicationItem>('GET', `/api/v1/tasks/${part(taskId)}/adjudication`);
  if (!data) throw new Error('The server answered no adjudication item.');
  return data;
}

// 201 with the decision; 409 when someone decided it first, 400 naming the field at fault.
export async function decide(client: ApiClient, taskId: Id, result: AnnotationResult, rationale: string): Promise<Adjudication> {
  const { data } = await client.request<{ adjudication: Adjudication }>('POST', `/api/v1/tasks/${part(taskId)}/adjudication`, {
    json: { result, rationale },
  });
  if (!data?.adjudication) throw new Error('The server did not answer with the decision.');
  return data.adjudication;
}
