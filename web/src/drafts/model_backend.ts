// A project's model backend (GET/PUT /projects/{p}/model-backend, docs/openapi.yaml;
// docs/server.md "Model backends"): the form's text fields to the request body and back, and
// the API calls (check, draft job). The API key is never sent or shown: only the name of the
// server's environment variable that holds it.
import type { ApiClient } from '../api';
import type { Id, Job } from '../types';

export type ModelBackendKind = 'label_studio' | 'chat_completions';

export interface ModelBackend {
  kind: ModelBackendKind;
  url: string;
  model: string;
  api_key_env: string;
  max_requests_per_minute: number;
  timeout_ms: number;
  max_retries: number;
  few_shot: number;
}

export interface ModelBackendView {
  model_backend: ModelBackend | null;
  api_key_present: boolean;
}

export interface ModelCheck {
  ok: boolean;
  model_version: string;
  message: string;
}

export interface ModelDraftManifest {
  model_version: string;
  tasks: number;
  gold_skipped: number;
  already: number;
  requested: number;
  stored: number;
  invalid: number;
  failed: number;
}

// The form keeps numbers as typed text until saved.
export interface ModelBackendForm {
  kind: ModelBackendKind;
  url: string;
  model: string;
  api_key_env: string;
  max_requests_per_minute: string;
  timeout_ms: string;
}

export function formFromBackend(backend: ModelBackend | null): ModelBackendForm {
  return {
    kind: backend?.kind ?? 'label_studio',
    url: backend?.url ?? '',
    model: backend?.model ?? '',
    api_key_env: backend?.api_key_env ?? '',
    max_requests_per_minute: String(backend?.max_requests_per_minute ?? 60),
    timeout_ms: String(backend?.timeout_ms ?? 30000),
  };
}

export type BuiltBackend = { ok: true; body: Partial<ModelBackend> } | { ok: false; field: string; message: string };

// The request body, or the field at fault (the server checks ranges and the address).
export function backendFromForm(form: ModelBackendForm): BuiltBackend {
  const url = form.url.trim();
  if (!/^https?:\/\//i.test(url)) return { ok: false, field: 'url', message: 'Give an http:// or https:// URL.' };
  if (form.kind === 'chat_completions' && form.model.trim() === '') {
    return { ok: false, field: 'model', message: 'Name the model the API should use.' };
  }
  const rpm = Number(form.max_requests_per_minute.trim());
  if (!Number.isInteger(rpm) || rpm < 1) {
    return { ok: false, field: 'max_requests_per_minute', message: 'A whole number of requests per minute, 1 or more.' };
  }
  const timeout = Number(form.timeout_ms.trim());
  if (!Number.isInteger(timeout) || timeout < 100) {
    return { ok: false, field: 'timeout_ms', message: 'Milliseconds per request, 100 or more.' };
  }
  const body: Partial<ModelBackend> = { kind: form.kind, url, max_requests_per_minute: rpm, timeout_ms: timeout };
  if (form.model.trim() !== '') body.model = form.model.trim();
  if (form.api_key_env.trim() !== '') body.api_key_env = form.api_key_env.trim();
  return { ok: true, body };
}

const base = (projectId: Id) => `/api/v1/projects/${encodeURIComponent(String(projectId))}/model-backend`;

async function must<T>(promise: Promise<{ data: T | null }>, what: string): Promise<T> {
  const { data } = await promise;
  if (!data) throw new Error(`The server answered nothing to ${what}.`);
  return data;
}

export const getModelBackend = (client: ApiClient, projectId: Id) =>
  must(client.request<ModelBackendView>('GET', base(projectId)), 'the model backend');
export const putModelBackend = (client: ApiClient, projectId: Id, body: Partial<ModelBackend>) =>
  must(client.request<ModelBackendView>('PUT', base(projectId), { json: body }), 'the model backend');
export const checkModelBackend = (client: ApiClient, projectId: Id) =>
  must(client.request<ModelCheck>('POST', `${base(projectId)}/check`, { json: {} }), 'the check');
export const startModelDraft = (client: ApiClient, projectId: Id) =>
  must(client.request<Job>('POST', `${base(projectId)}/draft`, { json: {} }), 'the draft job');
