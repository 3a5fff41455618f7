// The active-learning and suspect-label routes (docs/openapi.yaml, tag "learning"; ordering and
// relabelling are for admins and managers, reading suspects for reviewers too), on ApiClient's
// shared request.
import type { ApiClient } from '../api';
import type { Id, Job } from '../types';
import type { Strategy, SuspectReport } from './learning';

const part = (id: Id) => encodeURIComponent(String(id));

export async function startActiveLearning(
  client: ApiClient,
  projectId: Id,
  strategy: Strategy,
  randomShare: number,
): Promise<Job> {
  const { data } = await client.request<Job>('POST', `/api/v1/projects/${part(projectId)}/active-learning`, {
    json: { strategy, random_share: randomShare },
  });
  if (!data) throw new Error('The server answered no job.');
  return data;
}

export async function listSuspects(client: ApiClient, projectId: Id, limit = 20): Promise<SuspectReport> {
  const { data } = await client.request<SuspectReport>(
    'GET',
    `/api/v1/projects/${part(projectId)}/suspects?limit=${limit}`,
  );
  if (!data) throw new Error('The server answered no suspects.');
  return data;
}

export async function relabelSuspects(
  client: ApiClient,
  projectId: Id,
  top: number,
): Promise<{ sent: Id[]; not_reopened: Id[] }> {
  const { data } = await client.request<{ sent: Id[]; not_reopened: Id[] }>(
    'POST',
    `/api/v1/projects/${part(projectId)}/suspects/relabel`,
    { json: { top } },
  );
  if (!data) throw new Error('The server answered nothing.');
  return data;
}
