// The typed client of the Chorus API (/api/v1). One fetch wrapper does what every call
// needs: JSON in and out, the X-CSRF-Token header (copied from the chorus_csrf cookie) on
// unsafe methods, error bodies parsed into ApiError, and a 401 handed to onUnauthorized
// (the app sends the person to the login page and back). Its dependencies are injected so
// the unit tests run without a browser.
import type {
  AnnotationChange,
  ApiToken,
  AnnotationSubmission,
  Annotation,
  CalibrationFeedback,
  CreatedInvitation,
  CreatedToken,
  DraftSave,
  ExportFormat,
  Id,
  InvitationPage,
  Job,
  NewInvitation,
  LabelStudioConfig,
  LabelStudioImport,
  LabelledImport,
  LabelledImportFormat,
  LoginResponse,
  MediaUpload,
  MemberPage,
  NewProject,
  Guideline,
  MyStats,
  NextAnswer,
  Submitted,
  TaskPage,
  TaskQuery,
  Project,
  ProjectMember,
  ProjectPage,
  RecordError,
  User,
  UserPage,
  UserPatch,
  Account,
} from './types';

export const CSRF_COOKIE = 'chorus_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// An answer of the server outside 2xx, from its {"error": {...}} body.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly correlationId: string | undefined;
  // Per-record failures of an import (422).
  readonly errors: RecordError[];
  // Seconds from a Retry-After header (429, 503), when present.
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    field?: string | undefined;
    correlationId?: string | undefined;
    errors?: RecordError[];
    retryAfter?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.correlationId = init.correlationId;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
  }
}

// The request never got an answer (offline, connection reset, server restarting).
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

// The value of cookie `name` in a document.cookie string, or '' when absent.
export function readCookie(cookies: string, name: string): string {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return '';
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Turns a non-2xx response into an ApiError; a body that is not the API's error JSON (a
// proxy's HTML page, an empty body) still yields a code and a message.
export async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const error =
    body !== null && typeof body === 'object' && 'error' in body
      ? (body as { error: unknown }).error
      : null;
  const e = error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const records =
    body !== null && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)
      ? ((body as { errors: RecordError[] }).errors)
      : [];
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  return new ApiError({
    status: response.status,
    code: stringOrUndefined(e.code) ?? `http_${response.status}`,
    message:
      stringOrUndefined(e.message) ??
      (response.statusText ? `${response.status} ${response.statusText}` : `HTTP ${response.status}`),
    field: stringOrUndefined(e.field),
    correlationId: stringOrUndefined(e.correlation_id),
    errors: records,
    retryAfter,
  });
}

export interface RequestOptions {
  // Sent as JSON with Content-Type application/json.
  json?: unknown;
  // Sent as is (an uploaded file), with `contentType`.
  body?: BodyInit;
  contentType?: string;
  // false: a 401 is only thrown, not handed to onUnauthorized (the login form's own call).
  authRedirect?: boolean;
  // true: `data` is the body's text as it came (a Markdown document), not parsed as JSON.
  text?: boolean;
}

export interface ApiResponse<T> {
  status: number;
  // null for 204 and empty bodies.
  data: T | null;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  // The current document.cookie string.
  cookies?: () => string;
  // Called on a 401 (session missing or expired) before the ApiError is thrown.
  onUnauthorized?: () => void;
  // Prefix of every path; '' means same origin.
  baseUrl?: string;
}

export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly cookies: () => string;
  private readonly baseUrl: string;
  onUnauthorized: (() => void) | undefined;
  // The csrf_token of the last login answer: the header's value when the cookie cannot be
  // read (the cookie wins, as it follows the session across reloads).
  private loginCsrfToken = '';

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.cookies = options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
    this.onUnauthorized = options.onUnauthorized;
    this.baseUrl = options.baseUrl ?? '';
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const upper = method.toUpperCase();
    const headers = new Headers({ Accept: 'application/json' });
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      if (options.contentType) headers.set('Content-Type', options.contentType);
      body = options.body;
    }
    if (UNSAFE_METHODS.has(upper)) {
      const token = readCookie(this.cookies(), CSRF_COOKIE) || this.loginCsrfToken;
      if (token) headers.set(CSRF_HEADER, token);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method: upper,
        headers,
        body: body ?? null,
        credentials: 'same-origin',
      });
    } catch (cause) {
      throw new NetworkError('The server could not be reached; check the connection and try again.', {
        cause,
      });
    }
    if (!response.ok) {
      const error = await parseError(response);
      if (response.status === 401 && options.authRedirect !== false) this.onUnauthorized?.();
      throw error;
    }
    if (response.status === 204) return { status: 204, data: null };
    const text = await response.text();
    if (options.text) return { status: response.status, data: text as T };
    return { status: response.status, data: text ? (JSON.parse(text) as T) : null };
  }

  private async data<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    const { data } = await this.request<T>(method, path, options);
    if (data === null) throw new ApiError({ status: 200, code: 'empty_body', message: `${method} ${path} answered no body` });
    return data;
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    return this.signIn('/api/v1/auth/login', { email, password });
  }

  // Creates the invited account and signs it in, like login.
  async acceptInvitation(token: string, password: string, displayName: string): Promise<LoginResponse> {
    return this.signIn('/api/v1/invitations/accept', { token, password, display_name: displayName });
  }

  private async signIn(path: string, body: unknown): Promise<LoginResponse> {
    const response = await this.data<LoginResponse>('POST', path, { json: body, authRedirect: false });
    this.loginCsrfToken = typeof response.csrf_token === 'string' ? response.csrf_token : '';
    return response;
  }

  async logout(): Promise<void> {
    try {
      await this.request('POST', '/api/v1/auth/logout', { authRedirect: false });
    } finally {
      this.loginCsrfToken = '';
    }
  }

  // The signed-in user; throws ApiError 401 when there is no session (no redirect: the
  // app decides).
  async me(): Promise<User> {
    return (await this.data<{ user: User }>('GET', '/api/v1/auth/me', { authRedirect: false })).user;
  }

  listProjects(cursor?: string | null, limit = 50): Promise<ProjectPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.data('GET', `/api/v1/projects?${query}`);
  }

  createProject(project: NewProject): Promise<Project> {
    return this.data('POST', '/api/v1/projects', { json: project });
  }

  getProject(id: Id): Promise<Project> {
    return this.data('GET', `/api/v1/projects/${encodeURIComponent(String(id))}`);
  }

  // Changes some of a project's settings; `version` is the one last read (409 when stale).
  updateProject(id: Id, change: Partial<NewProject> & { version: number }): Promise<Project> {
    return this.data('PATCH', `/api/v1/projects/${encodeURIComponent(String(id))}`, { json: change });
  }

  // One page of a project's tasks in id order (admins, managers, reviewers).
  listTasks(id: Id, cursor?: string | null, limit = 50): Promise<TaskPage> {
    return this.queryTasks(id, {}, cursor, limit);
  }

  // One page of the data browser's query: search, label filter, order, jump (limit ≤ 1000).
  queryTasks(id: Id, filter: TaskQuery, cursor?: string | null, limit = 50): Promise<TaskPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    if (filter.q) query.set('q', filter.q);
    if (filter.labels && filter.labels !== 'any') query.set('labels', filter.labels);
    if (filter.order && filter.order !== 'id') query.set('order', filter.order);
    if (filter.offset) query.set('offset', String(filter.offset));
    return this.data('GET', `/api/v1/projects/${encodeURIComponent(String(id))}/tasks?${query}`);
  }

  // The signed-in person's own work in a project (answers by state, recorded times).
  myStats(id: Id): Promise<MyStats> {
    return this.data('GET', `/api/v1/projects/${encodeURIComponent(String(id))}/stats/me`);
  }

  // Every guideline version of a project, oldest first.
  async listGuidelines(id: Id): Promise<Guideline[]> {
    return (await this.data<{ guidelines: Guideline[] }>('GET', `/api/v1/projects/${encodeURIComponent(String(id))}/guidelines`))
      .guidelines;
  }

  // Adds the next guideline version (versions are never changed).
  addGuideline(id: Id, markdown: string): Promise<Guideline> {
    return this.data('POST', `/api/v1/projects/${encodeURIComponent(String(id))}/guidelines`, { json: { markdown } });
  }

  // One page of accounts (administrators and managers).
  listUsers(cursor?: string | null, limit = 100): Promise<UserPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.data('GET', `/api/v1/users?${query}`);
  }

  // One account (administrators, managers).
  getUser(id: Id): Promise<Account> {
    return this.data('GET', `/api/v1/users/${encodeURIComponent(String(id))}`);
  }

  // Changes an account (administrators); 409 when `version` is stale, 422 for one's own
  // disabling or demotion.
  updateUser(id: Id, patch: UserPatch): Promise<Account> {
    return this.data('PATCH', `/api/v1/users/${encodeURIComponent(String(id))}`, { json: patch });
  }

  // One page of a project's members (administrators and the project's managers).
  listMembers(projectId: Id, cursor?: string | null, limit = 100): Promise<MemberPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.data('GET', `/api/v1/projects/${encodeURIComponent(String(projectId))}/members?${query}`);
  }

  addMember(projectId: Id, userId: Id): Promise<ProjectMember> {
    return this.data('POST', `/api/v1/projects/${encodeURIComponent(String(projectId))}/members`, {
      json: { user_id: Number(userId) },
    });
  }

  async removeMember(projectId: Id, userId: Id): Promise<void> {
    await this.request(
      'DELETE',
      `/api/v1/projects/${encodeURIComponent(String(projectId))}/members/${encodeURIComponent(String(userId))}`,
    );
  }

  // Starts importing a task file as a background job (202), so a large file shows progress.
  startImport(id: Id, file: Blob, contentType: string): Promise<Job> {
    return this.data('POST', `/api/v1/projects/${encodeURIComponent(String(id))}/imports?background=true`, {
      body: file,
      contentType,
    });
  }

  // A Label Studio export (the array of tasks) with its labelling config (XML).
  importLabelStudio(id: Id, config: string, tasks: unknown[]): Promise<LabelStudioImport> {
    return this.data('POST', `/api/v1/projects/${encodeURIComponent(String(id))}/imports/label-studio`, {
      json: { config, tasks },
    });
  }

  // A file of labelled data (COCO, VOC, YOLO, CoNLL, predictions JSONL) as tasks and predictions.
  importLabelled(id: Id, format: LabelledImportFormat, file: Blob, model: string): Promise<LabelledImport> {
    const query = model ? `?model=${encodeURIComponent(model)}` : '';
    return this.data('POST', `/api/v1/projects/${encodeURIComponent(String(id))}/imports/${format}${query}`, {
      body: file,
      contentType: 'application/octet-stream',
    });
  }

  labelStudioConfig(id: Id): Promise<LabelStudioConfig> {
    return this.data('GET', `/api/v1/projects/${encodeURIComponent(String(id))}/label-studio-config`);
  }

  // Stores an image, audio or video file for the project's tasks; the server decides its type
  // from its bytes, so the browser's guess is not sent.
  uploadMedia(id: Id, file: Blob, name: string): Promise<MediaUpload> {
    const query = name ? `?name=${encodeURIComponent(name)}` : '';
    return this.data('POST', `/api/v1/projects/${encodeURIComponent(String(id))}/media${query}`, {
      body: file,
      contentType: 'application/octet-stream',
    });
  }

  // The next task for the signed-in annotator, null when none is left (204), or why the
  // wellbeing policy holds back the sensitive work that is left (HeldBack).
  async nextTask(id: Id): Promise<NextAnswer | null> {
    const { data } = await this.request<NextAnswer>('POST', `/api/v1/projects/${encodeURIComponent(String(id))}/next`);
    return data;
  }

  // Sends an answer. With `withNext`, the server reserves the task to label next and returns it
  // with the acknowledgement (`next`: the task, or null when none is left), saving a round trip;
  // `next` is undefined when the server did not send one (then ask nextTask).
  async submitAnnotation(taskId: Id, submission: AnnotationSubmission, withNext = false): Promise<Submitted> {
    const body = await this.data<{ annotation: Annotation; next?: NextAnswer | null; calibration?: CalibrationFeedback }>(
      'POST',
      `/api/v1/tasks/${encodeURIComponent(String(taskId))}/annotations${withNext ? '?next=1' : ''}`,
      { json: submission },
    );
    return { annotation: body.annotation, next: body.next, ...(body.calibration ? { calibration: body.calibration } : {}) };
  }

  // Corrects the caller's own annotation (e.g. work a reviewer returned); 409 when `version` is stale.
  async updateAnnotation(annotationId: Id, change: AnnotationChange): Promise<Annotation> {
    const body = await this.data<{ annotation: Annotation }>(
      'PATCH',
      `/api/v1/annotations/${encodeURIComponent(String(annotationId))}`,
      { json: change },
    );
    return body.annotation;
  }

  async saveDraft(taskId: Id, draft: DraftSave): Promise<Annotation> {
    const body = await this.data<{ annotation: Annotation }>(
      'PUT',
      `/api/v1/tasks/${encodeURIComponent(String(taskId))}/draft`,
      { json: draft },
    );
    return body.annotation;
  }

  // The caller's draft of a task, or null when there is none (404).
  async getDraft(taskId: Id): Promise<Annotation | null> {
    try {
      const body = await this.data<{ annotation: Annotation }>(
        'GET',
        `/api/v1/tasks/${encodeURIComponent(String(taskId))}/draft`,
      );
      return body.annotation;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  startExport(id: Id, format: ExportFormat): Promise<Job> {
    return this.data('POST', `/api/v1/projects/${encodeURIComponent(String(id))}/exports`, { json: { format } });
  }

  getJob(id: Id): Promise<Job> {
    return this.data('GET', `/api/v1/jobs/${encodeURIComponent(String(id))}`);
  }

  // Asks a running job to stop (202: it ends as 'cancelled' at its next page or batch).
  cancelJob(id: Id): Promise<Job> {
    return this.data('POST', `/api/v1/jobs/${encodeURIComponent(String(id))}/cancel`, { json: {} });
  }

  // Where a finished job's file downloads from (same origin, so the session cookie goes along).
  jobDownloadUrl(id: Id): string {
    return `${this.baseUrl}/api/v1/jobs/${encodeURIComponent(String(id))}/download`;
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await this.data<{ tokens: ApiToken[] }>('GET', '/api/v1/auth/tokens')).tokens;
  }

  createToken(name: string): Promise<CreatedToken> {
    return this.data('POST', '/api/v1/auth/tokens', { json: { name } });
  }

  async revokeToken(id: Id): Promise<void> {
    await this.request('DELETE', `/api/v1/auth/tokens/${encodeURIComponent(String(id))}`);
  }

  // Ends every session of the account, this one included: sign in again afterwards.
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.request('POST', '/api/v1/auth/password', {
      json: { current_password: currentPassword, new_password: newPassword },
      authRedirect: false,
    });
  }

  createInvitation(invitation: NewInvitation): Promise<CreatedInvitation> {
    return this.data('POST', '/api/v1/invitations', { json: invitation });
  }

  listInvitations(cursor?: string | null, limit = 100): Promise<InvitationPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.data('GET', `/api/v1/invitations?${query}`);
  }

  async revokeInvitation(id: Id): Promise<void> {
    await this.request('DELETE', `/api/v1/invitations/${encodeURIComponent(String(id))}`);
  }
}

// True when a failed request may be sent again unchanged: no answer at all, or a server
// that is briefly unavailable. 4xx answers are final.
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && (error.status === 502 || error.status === 503 || error.status === 504);
}

export interface RetryOptions {
  // Waits before the 2nd, 3rd, ... attempt, in ms; its length bounds the retries.
  delaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  // Told before each wait, for a "retrying" message.
  onRetry?: (attempt: number, error: unknown) => void;
  // Ask for the next task with the acknowledgement (ApiClient.submitAnnotation).
  withNext?: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Submits an annotation, retrying on network failures and 502/503/504 with the SAME body,
// idempotency key included, so a retry of a submission the server already committed
// returns the first result instead of creating a second annotation.
export async function submitWithRetry(
  client: ApiClient,
  taskId: Id,
  submission: AnnotationSubmission,
  options: RetryOptions = {},
): Promise<Submitted> {
  const delays = options.delaysMs ?? [250, 500, 1000, 2000, 4000, 8000];
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; ++attempt) {
    try {
      return await client.submitAnnotation(taskId, submission, options.withNext ?? false);
    } catch (error) {
      if (!isRetryable(error) || attempt >= delays.length) throw error;
      options.onRetry?.(attempt + 1, error);
      await sleep(delays[attempt]!);
    }
  }
}

// The content type the import endpoint expects for an uploaded file, from its name (then
// its browser-reported type); null when it is none of JSON, JSONL and CSV.
export function importContentType(fileName: string, browserType = ''): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'application/x-ndjson';
  if (lower.endsWith('.json')) return 'application/json';
  if (lower.endsWith('.csv')) return 'text/csv';
  if (browserType === 'application/json') return 'application/json';
  if (browserType === 'text/csv') return 'text/csv';
  if (browserType === 'application/x-ndjson') return 'application/x-ndjson';
  return null;
}
