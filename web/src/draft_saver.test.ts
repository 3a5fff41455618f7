import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { DraftSaver, type DraftApi } from './draft_saver';
import type { Annotation, DraftSave, Id } from './types';

// A stand-in for the server's draft endpoints: versions start at 1 and a save with a stale
// version is refused with 409, as the API documents.
function fakeServer() {
  let stored: Annotation | null = null;
  const saves: DraftSave[] = [];
  const api: DraftApi = {
    async saveDraft(taskId: Id, draft: DraftSave) {
      saves.push(draft);
      const current = stored ? (stored.version as number) : 0;
      if ((draft.version ?? 0) !== current) {
        throw new ApiError({ status: 409, code: 'conflict', message: 'stale', field: 'version' });
      }
      stored = { id: 9, task_id: taskId, result: draft.result, state: 'draft', version: current + 1 };
      return stored;
    },
    async getDraft() {
      return stored;
    },
  };
  return {
    api,
    saves,
    stored: () => stored,
    otherTabSaves: () => {
      stored = { ...(stored ?? { id: 9, result: {} }), version: ((stored?.version as number) ?? 0) + 1 };
    },
  };
}

const content = (choice: string) => ({
  result: { topics: { choices: [choice] } },
  lead_time_ms: 10,
  active_time_ms: 5,
});

describe('DraftSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after a burst of changes, the last one, and continues from its version', async () => {
    const server = fakeServer();
    const notes: string[] = [];
    const saver = new DraftSaver(server.api, 1, (n) => notes.push(n), 800);
    saver.schedule(content('a'));
    saver.schedule(content('b'));
    await vi.advanceTimersByTimeAsync(800);
    expect(server.saves).toHaveLength(1);
    expect(server.saves[0]!.result).toEqual({ topics: { choices: ['b'] } });
    expect(server.saves[0]!.version).toBeUndefined();
    saver.schedule(content('c'));
    await vi.advanceTimersByTimeAsync(800);
    expect(server.saves[1]!.version).toBe(1);
    expect(server.stored()!.version).toBe(2);
    expect(notes.at(-1)).toBe('Draft saved.');
  });

  it('after a save from another tab (409) reads the version and saves this answer again', async () => {
    const server = fakeServer();
    const saver = new DraftSaver(server.api, 1, () => {}, 10);
    saver.schedule(content('a'));
    await vi.advanceTimersByTimeAsync(10);
    server.otherTabSaves();
    saver.schedule(content('b'));
    await vi.advanceTimersByTimeAsync(10);
    expect(server.stored()!.result).toEqual({ topics: { choices: ['b'] } });
    expect(server.stored()!.version).toBe(3);
  });

  it('continues from a resumed draft and saves nothing once stopped', async () => {
    const server = fakeServer();
    const first = new DraftSaver(server.api, 1, () => {}, 10);
    first.schedule(content('a'));
    await vi.advanceTimersByTimeAsync(10);
    const notes: string[] = [];
    const second = new DraftSaver(server.api, 1, (n) => notes.push(n), 10);
    second.resume(await server.api.getDraft(1));
    expect(notes).toEqual(['Your saved draft is back.']);
    second.schedule(content('b'));
    await vi.advanceTimersByTimeAsync(10);
    expect(server.saves[1]!.version).toBe(1); // Continues from the draft it resumed.
    second.schedule(content('c'));
    second.stop();
    await vi.advanceTimersByTimeAsync(50);
    expect(server.saves).toHaveLength(2);
  });

  it('says so when a save fails, without throwing', async () => {
    const notes: string[] = [];
    const api: DraftApi = {
      saveDraft: async () => {
        throw new ApiError({ status: 503, code: 'unavailable', message: 'down' });
      },
      getDraft: async () => null,
    };
    const saver = new DraftSaver(api, 1, (n) => notes.push(n), 10);
    saver.schedule(content('a'));
    await vi.advanceTimersByTimeAsync(10);
    await saver.flush();
    expect(notes).toEqual(['The draft could not be saved; your answer is still here.']);
  });
});
