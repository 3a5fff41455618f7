import { describe, expect, it } from 'vitest';
import { backendFromForm, formFromBackend } from './model_backend';

describe('model backend form', () => {
  it('round-trips a saved backend and never carries a key', () => {
    const form = formFromBackend({
      kind: 'chat_completions',
      url: 'https://api.example.com/v1',
      model: 'gpt-test',
      api_key_env: 'CHORUS_MODEL_KEY_OPENAI',
      max_requests_per_minute: 30,
      timeout_ms: 5000,
      max_retries: 3,
      few_shot: 3,
    });
    const built = backendFromForm(form);
    expect(built).toEqual({
      ok: true,
      body: {
        kind: 'chat_completions',
        url: 'https://api.example.com/v1',
        model: 'gpt-test',
        api_key_env: 'CHORUS_MODEL_KEY_OPENAI',
        max_requests_per_minute: 30,
        timeout_ms: 5000,
      },
    });
  });

  it('names the field at fault', () => {
    const empty = formFromBackend(null);
    expect(backendFromForm(empty)).toMatchObject({ ok: false, field: 'url' });
    expect(backendFromForm({ ...empty, url: 'http://127.0.0.1:9090', kind: 'chat_completions' })).toMatchObject({
      ok: false,
      field: 'model',
    });
    expect(backendFromForm({ ...empty, url: 'http://127.0.0.1:9090', max_requests_per_minute: '0' })).toMatchObject({
      ok: false,
      field: 'max_requests_per_minute',
    });
    expect(backendFromForm({ ...empty, url: 'http://127.0.0.1:9090' })).toMatchObject({ ok: true });
  });
});
