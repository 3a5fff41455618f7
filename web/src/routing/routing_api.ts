// The routing routes (docs/openapi.yaml, tag "routing"; admins and managers only), on
// ApiClient's shared request (CSRF, errors, 401 handling).
import type { ApiClient } from '../api';
import type { Id, Tier } from '../types';
import type { RoutingPolicy } from './routing';

export interface RoutingReport {
  policy: RoutingPolicy;
  overlap: number;
  tasks: number;
  finished: number;
  finished_labels: number;
  fixed_overlap_labels: number;
  labels_saved: number;
  stopped_early: number;
  asked_more: number;
  escalated: number;
  adjudicated: number;
}

export interface TaskRouting {
  task_id: Id;
  wanted: number;
  own_wanted: number | null;
  submitted: number;
  required_tier: Tier | null;
  adjudication: Record<string, unknown> | null;
}

const part = (id: Id) => encodeURIComponent(String(id));

export async function routingReport(client: ApiClient, projectId: Id): Promise<RoutingReport> {
  const { data } = await client.request<RoutingReport>('GET', `/api/v1/projects/${part(projectId)}/routing`);
  if (!data) throw new Error('The server answered no routing report.');
  return data;
}

export async function getTaskRouting(client: ApiClient, taskId: Id): Promise<TaskRouting> {
  const { data } = await client.request<{ routing: TaskRouting }>('GET', `/api/v1/tasks/${part(taskId)}/routing`);
  if (!data) throw new Error('The server answered no task routing.');
  return data.routing;
}

// null clears the task's own tier, so the project's applies.
export async function putTaskRouting(client: ApiClient, taskId: Id, requiredTier: Tier | null): Promise<TaskRouting> {
  const { data } = await client.request<{ routing: TaskRouting }>('PUT', `/api/v1/tasks/${part(taskId)}/routing`, {
    json: { required_tier: requiredTier },
  });
  if (!data) throw new Error('The server answered no task routing.');
  return data.routing;
}
