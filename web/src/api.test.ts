import { describe, expect, it, vi } from 'vitest';
import {
  ApiClient,
  ApiError,
  NetworkError,
  importContentType,
  isRetryable,
  parseError,
  readCookie,
  submitWithRetry,
} from './api';
import type { AnnotationSubmission } from './types';

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

// A fetch stand-in that records every call and answers from a queue (an Error is thrown,
// as fetch does when the network fails).
function fakeFetch(answers: Array<Response | Error>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body,
    });
    const next = answers.shift();
    if (next === undefined) throw new Error('no more answers queued');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const errorBody = (code: string, message: string, field?: string) => ({
  error: { code, message, field, correlation_id: 'c-42' },
});

const submission: AnnotationSubmission = {
  result: { sentiment: { choices: ['positive'] } },
  lead_time_ms: 1200,
  active_time_ms: 900,
  idempotency_key: '6f1c2f1e-8d7a-4c1b-9a53-0e1d2c3b4a59',
  state: 'submitted',
};

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; chorus_csrf=abc%2Fdef; b=2', 'chorus_csrf')).toBe('abc/def');
  });
  it('does not match a cookie whose name only ends the same', () => {
    expect(readCookie('x_chorus_csrf=nope', 'chorus_csrf')).toBe('');
  });
  it('answers empty when absent', () => {
    expect(readCookie('', 'chorus_csrf')).toBe('');
  });
});

describe('CSRF header', () => {
  it('is sent on every unsafe method with the cookie value', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const { fetch, calls } = fakeFetch([new Response(null, { status: 204 })]);
      const client = new ApiClient({ fetch, cookies: () => 'chorus_session=s; chorus_csrf=tok123' });
      await client.request(method, '/api/v1/x', { json: {} });
      expect(calls[0]!.headers.get('X-CSRF-Token'), method).toBe('tok123');
    }
  });

  it('is not sent on GET', async () => {
    const { fetch, calls } = fakeFetch([json(200, { projects: [], next_cursor: null })]);
    const client = new ApiClient({ fetch, cookies: () => 'chorus_csrf=tok123' });
    await client.listProjects();
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.headers.has('X-CSRF-Token')).toBe(false);
  });

  it('reads the cookie at request time, so a new session token is used after login', async () => {
    let cookie = 'chorus_csrf=old';
    const { fetch, calls } = fakeFetch([json(201, { id: 1 }), json(201, { id: 2 })]);
    const client = new ApiClient({ fetch, cookies: () => cookie });
    const project = { name: 'p', description: '', label_interface: { controls: [] }, overlap: 1 };
    await client.createProject(project);
    cookie = 'chorus_csrf=new';
    await client.createProject(project);
    expect(calls.map((c) => c.headers.get('X-CSRF-Token'))).toEqual(['old', 'new']);
  });

  it('falls back to the login answer\'s token when the cookie cannot be read', async () => {
    const { fetch, calls } = fakeFetch([
      json(200, { user: { id: 1, email: 'a@b.c', role: 'admin' }, csrf_token: 'from-login', expires_at: 'x' }),
      new Response(null, { status: 204 }),
      new Response(null, { status: 204 }),
    ]);
    let cookie = '';
    const client = new ApiClient({ fetch, cookies: () => cookie });
    await client.login('a@b.c', 'pw');
    expect(calls[0]!.headers.has('X-CSRF-Token')).toBe(false);
    await client.request('POST', '/api/v1/x');
    cookie = 'chorus_csrf=from-cookie';
    await client.request('POST', '/api/v1/x');
    expect(calls.slice(1).map((c) => c.headers.get('X-CSRF-Token'))).toEqual(['from-login', 'from-cookie']);
  });

  it('sends an import file raw with its content type, as a background job', async () => {
    const { fetch, calls } = fakeFetch([json(202, { id: 3, kind: 'import', state: 'running' })]);
    const client = new ApiClient({ fetch, cookies: () => 'chorus_csrf=t' });
    const file = new Blob(['{"text":"a"}\n{"text":"b"}\n']);
    const job = await client.startImport(7, file, 'application/x-ndjson');
    expect(job.id).toBe(3);
    expect(calls[0]!.url).toBe('/api/v1/projects/7/imports?background=true');
    expect(calls[0]!.headers.get('Content-Type')).toBe('application/x-ndjson');
    expect(calls[0]!.headers.get('X-CSRF-Token')).toBe('t');
    expect(calls[0]!.body).toBe(file);
  });
});

describe('error parsing', () => {
  it('carries code, message, field and correlation id from the error body', async () => {
    const error = await parseError(json(400, errorBody('invalid_argument', 'name is empty', 'name')));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('name is empty');
    expect(error.field).toBe('name');
    expect(error.correlationId).toBe('c-42');
  });

  it('keeps the per-record errors of a failed import', async () => {
    const body = {
      ...errorBody('invalid_argument', '2 records failed'),
      errors: [
        { record: 1, line: 2, field: 'text', message: 'missing' },
        { record: 4, line: 5, field: 'priority', message: 'not a number' },
      ],
    };
    const error = await parseError(json(422, body));
    expect(error.errors).toHaveLength(2);
    expect(error.errors[1]).toEqual({ record: 4, line: 5, field: 'priority', message: 'not a number' });
  });

  it('reads Retry-After on 429', async () => {
    const error = await parseError(json(429, errorBody('rate_limited', 'slow down'), { 'Retry-After': '30' }));
    expect(error.retryAfter).toBe(30);
  });

  it('still gives a code and message for a body that is not the API error JSON', async () => {
    const error = await parseError(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error.code).toBe('http_502');
    expect(error.message).toBe('502 Bad Gateway');
    expect(error.field).toBeUndefined();
    expect(error.errors).toEqual([]);
  });

  it('is what a failed request throws', async () => {
    const { fetch } = fakeFetch([json(404, errorBody('not_found', 'no project 9'))]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    await expect(client.getProject(9)).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'no project 9' });
  });

  it('turns a fetch failure into a NetworkError', async () => {
    const { fetch } = fakeFetch([new TypeError('Failed to fetch')]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    await expect(client.getProject(1)).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('401', () => {
  it('calls onUnauthorized and still throws', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([json(401, errorBody('unauthenticated', 'sign in'))]);
    const client = new ApiClient({ fetch, cookies: () => '', onUnauthorized });
    await expect(client.listProjects()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not redirect on a wrong password at login', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([json(401, errorBody('unauthenticated', 'wrong email or password'))]);
    const client = new ApiClient({ fetch, cookies: () => '', onUnauthorized });
    await expect(client.login('a@b.c', 'x')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('does not redirect on other errors', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([json(403, errorBody('permission_denied', 'managers only'))]);
    const client = new ApiClient({ fetch, cookies: () => '', onUnauthorized });
    await expect(client.getProject(1)).rejects.toMatchObject({ status: 403 });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe('next task', () => {
  it('answers null on 204 (nothing left)', async () => {
    const { fetch } = fakeFetch([new Response(null, { status: 204 })]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    expect(await client.nextTask(3)).toBeNull();
  });

  it('answers the task on 200', async () => {
    const { fetch, calls } = fakeFetch([json(200, { task: { id: 5, data: { text: 'hi' } }, expires_at: 'x' })]);
    const client = new ApiClient({ fetch, cookies: () => 'chorus_csrf=t' });
    expect((await client.nextTask(3))?.task?.id).toBe(5);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.url).toBe('/api/v1/projects/3/next');
  });

  it('corrects returned work with a PATCH of the annotation at its version', async () => {
    const { fetch, calls } = fakeFetch([json(200, { annotation: { id: 9, result: {}, version: 4 } })]);
    const client = new ApiClient({ fetch, cookies: () => 'chorus_csrf=t' });
    const change = { result: { sentiment: { choices: ['negative'] } }, version: 3, state: 'submitted' as const };
    expect((await client.updateAnnotation(9, change)).version).toBe(4);
    expect(calls[0]!.method).toBe('PATCH');
    expect(calls[0]!.url).toBe('/api/v1/annotations/9');
    expect(JSON.parse(String(calls[0]!.body))).toEqual(change);
  });
});

describe('submitWithRetry', () => {
  const noSleep = async () => {};

  it('retries a network failure with the same body and idempotency key', async () => {
    const { fetch, calls } = fakeFetch([
      new TypeError('Failed to fetch'),
      json(503, errorBody('unavailable', 'restarting')),
      json(201, { annotation: { id: 11, result: submission.result } }),
    ]);
    const client = new ApiClient({ fetch, cookies: () => 'chorus_csrf=t' });
    const onRetry = vi.fn();
    const { annotation } = await submitWithRetry(client, 5, submission, { sleep: noSleep, onRetry });
    expect(annotation.id).toBe(11);
    expect(calls).toHaveLength(3);
    const bodies = calls.map((c) => JSON.parse(String(c.body)));
    for (const body of bodies) {
      expect(body.idempotency_key).toBe(submission.idempotency_key);
      expect(body).toEqual(submission);
    }
    expect(calls.every((c) => c.url === '/api/v1/tasks/5/annotations' && c.method === 'POST')).toBe(true);
    expect(onRetry).toHaveBeenCalledTimes(2);
  });

  it('accepts 200 (the key was used before) as success', async () => {
    const { fetch } = fakeFetch([json(200, { annotation: { id: 11, result: submission.result } })]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    expect((await submitWithRetry(client, 5, submission, { sleep: noSleep })).annotation.id).toBe(11);
  });

  it('asks for the next task with ?next=1 and hands it over, null when none is left', async () => {
    const next = { task: { id: 6, data: {} }, expires_at: 1, draft: null };
    const { fetch, calls } = fakeFetch([
      json(201, { annotation: { id: 11, result: {} }, next }),
      json(201, { annotation: { id: 12, result: {} }, next: null }),
      json(201, { annotation: { id: 13, result: {} } }),
    ]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    expect((await submitWithRetry(client, 5, submission, { sleep: noSleep, withNext: true })).next).toEqual(next);
    expect(calls[0]!.url).toBe('/api/v1/tasks/5/annotations?next=1');
    expect((await submitWithRetry(client, 6, submission, { sleep: noSleep, withNext: true })).next).toBeNull();
    expect((await submitWithRetry(client, 7, submission, { sleep: noSleep })).next).toBeUndefined();
    expect(calls[2]!.url).toBe('/api/v1/tasks/7/annotations');
  });

  it('hands over the calibration feedback of a qualification answer', async () => {
    const calibration = {
      correct: false,
      reference: { sentiment: { choices: ['negative'] } },
      rationale: 'Complains about breakage.',
      qualification: { status: 'in_progress', attempt: 1, answered: 1, correct: 0, items: 2 },
    };
    const { fetch } = fakeFetch([json(201, { annotation: { id: 11, result: {} }, calibration, next: null })]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    const submitted = await submitWithRetry(client, 5, submission, { sleep: noSleep, withNext: true });
    expect(submitted.calibration).toEqual(calibration);
    expect(submitted.next).toBeNull();
  });

  it('does not retry a refusal (4xx)', async () => {
    const { fetch, calls } = fakeFetch([json(409, errorBody('conflict', 'already labelled'))]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    await expect(submitWithRetry(client, 5, submission, { sleep: noSleep })).rejects.toMatchObject({ status: 409 });
    expect(calls).toHaveLength(1);
  });

  it('gives up after the last delay and throws the network error', async () => {
    const { fetch, calls } = fakeFetch([new TypeError('x'), new TypeError('x'), new TypeError('x')]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    const waits: number[] = [];
    await expect(
      submitWithRetry(client, 5, submission, { delaysMs: [10, 20], sleep: async (ms) => void waits.push(ms) }),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
  });
});

describe('isRetryable', () => {
  it('retries only network failures and 502/503/504', () => {
    expect(isRetryable(new NetworkError('x'))).toBe(true);
    for (const status of [502, 503, 504]) expect(isRetryable(new ApiError({ status, code: 'c', message: 'm' }))).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422, 429, 500]) {
      expect(isRetryable(new ApiError({ status, code: 'c', message: 'm' }))).toBe(false);
    }
    expect(isRetryable(new Error('x'))).toBe(false);
  });
});

describe('importContentType', () => {
  it('maps file names to the import content types', () => {
    expect(importContentType('tasks.json')).toBe('application/json');
    expect(importContentType('TASKS.JSONL')).toBe('application/x-ndjson');
    expect(importContentType('t.ndjson')).toBe('application/x-ndjson');
    expect(importContentType('t.csv')).toBe('text/csv');
    expect(importContentType('t.txt')).toBeNull();
    expect(importContentType('blob', 'text/csv')).toBe('text/csv');
  });
});

describe('project members', () => {
  it('lists, adds and removes with the project and user in the path', async () => {
    const member = {
      project_id: 3,
      user_id: 9,
      added_by: 1,
      added_at: 5,
      user: { id: 9, email: 'ann@example.org', display_name: 'Ann', role: 'annotator', disabled: false },
    };
    const { fetch, calls } = fakeFetch([
      json(200, { members: [member], next_cursor: null }),
      json(201, member),
      new Response(null, { status: 204 }),
    ]);
    const client = new ApiClient({ fetch, cookies: () => 'chorus_csrf=t' });
    expect((await client.listMembers(3)).members[0]!.user.email).toBe('ann@example.org');
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.url).toBe('/api/v1/projects/3/members?limit=100');
    expect((await client.addMember(3, '9')).user_id).toBe(9);
    expect(calls[1]!.method).toBe('POST');
    expect(calls[1]!.url).toBe('/api/v1/projects/3/members');
    expect(JSON.parse(String(calls[1]!.body))).toEqual({ user_id: 9 });
    expect(calls[1]!.headers.get('X-CSRF-Token')).toBe('t');
    await client.removeMember(3, 9);
    expect(calls[2]!.method).toBe('DELETE');
    expect(calls[2]!.url).toBe('/api/v1/projects/3/members/9');
  });

  it('reports a refusal (adding oneself) as an ApiError', async () => {
    const { fetch } = fakeFetch([json(403, errorBody('permission_denied', 'you may not add yourself', 'user_id'))]);
    const client = new ApiClient({ fetch, cookies: () => '' });
    await expect(client.addMember(3, 2)).rejects.toMatchObject({ status: 403, field: 'user_id' });
  });
});

describe('queryTasks', () => {
  it('sends only the filters that narrow or reorder, encoded', async () => {
    const { fetch, calls } = fakeFetch([json(200, { tasks: [], next_cursor: null }), json(200, { tasks: [], next_cursor: null })]);
    const client = new ApiClient({ fetch });
    await client.queryTasks(3, { q: 'a&b c', labels: 'labelled', order: '-id', offset: 400 }, '17', 200);
    expect(calls[0]!.url).toBe('/api/v1/projects/3/tasks?limit=200&cursor=17&q=a%26b+c&labels=labelled&order=-id&offset=400');
    await client.queryTasks(3, { q: '', labels: 'any', order: 'id', offset: 0 });
    expect(calls[1]!.url).toBe('/api/v1/projects/3/tasks?limit=50');
  });
});

describe('text answers', () => {
  it('come as they are with text: true, and errors still throw', async () => {
    const { fetch } = fakeFetch([
      new Response('# Datasheet: {not json}\n', { status: 200, headers: { 'Content-Type': 'text/markdown' } }),
      json(403, { error: { code: 'forbidden', message: 'Datasheets are for managers.' } }),
    ]);
    const client = new ApiClient({ fetch });
    expect((await client.request<string>('GET', '/api/v1/x', { text: true })).data).toBe('# Datasheet: {not json}\n');
    await expect(client.request<string>('GET', '/api/v1/x', { text: true })).rejects.toThrow('Datasheets are for managers.');
  });
});
