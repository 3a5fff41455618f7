// The project's datasheet (docs/openapi.yaml, GET /api/v1/projects/{project}/datasheet; admins
// and managers), on ApiClient's shared request.
import type { ApiClient } from '../api';
import type { Id } from '../types';

const part = (id: Id) => encodeURIComponent(String(id));

export type DatasheetFormat = 'markdown' | 'html' | 'json';

export const datasheetUrl = (projectId: Id, format: DatasheetFormat) =>
  `/api/v1/projects/${part(projectId)}/datasheet?format=${format}`;

// The datasheet as the server writes it in Markdown (the page renders it safely).
export async function datasheetMarkdown(client: ApiClient, projectId: Id): Promise<string> {
  const { data } = await client.request<string>('GET', datasheetUrl(projectId, 'markdown'), { text: true });
  return data ?? '';
}
