// The stored-aggregate routes (docs/openapi.yaml, tag "aggregates"; starting a run is for
// admins and managers, reading for reviewers too), on ApiClient's shared request.
import type { ApiClient } from '../api';
import type { Id, Job } from '../types';
import type { TaskAggregate, TruthMethod } from './aggregates';

const part = (id: Id) => encodeURIComponent(String(id));

export const aggregatesCsvUrl = (projectId: Id) => `/api/v1/projects/${part(projectId)}/aggregates?format=csv`;

export async function startAggregation(client: ApiClient, projectId: Id, method: TruthMethod): Promise<Job> {
  const { data } = await client.request<Job>('POST', `/api/v1/projects/${part(projectId)}/aggregates`, {
    json: { method },
  });
  if (!data) throw new Error('The server answered no job.');
  return data;
}

export interface AggregatePage {
  aggregates: TaskAggregate[];
  next_cursor: string | null;
}

export async function listAggregates(client: ApiClient, projectId: Id, limit = 50): Promise<AggregatePage> {
  const { data } = await client.request<AggregatePage>(
    'GET',
    `/api/v1/projects/${part(projectId)}/aggregates?limit=${limit}`,
  );
  if (!data) throw new Error('The server answered no aggregates.');
  return data;
}
