import { describe, expect, it } from 'vitest';
import { newIdempotencyKey } from './idempotency';
import { PendingStore, type KeyValueStore } from './pending';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const item = {
  taskId: 5,
  submission: {
    result: { s: { choices: ['x'] } },
    lead_time_ms: 1,
    active_time_ms: 1,
    idempotency_key: 'k-1',
    state: 'submitted' as const,
  },
};

describe('PendingStore', () => {
  it('keeps a submission per project until cleared', () => {
    const store = new PendingStore(memoryStore());
    store.save(1, item);
    expect(store.load(1)).toEqual(item);
    expect(store.load(2)).toBeNull();
    store.clear(1);
    expect(store.load(1)).toBeNull();
  });

  it('ignores unreadable entries and works without storage', () => {
    const memory = memoryStore();
    memory.map.set('chorus.pending.1', '{not json');
    expect(new PendingStore(memory).load(1)).toBeNull();
    const none = new PendingStore(null);
    none.save(1, item);
    expect(none.load(1)).toBeNull();
  });
});

describe('newIdempotencyKey', () => {
  it('is a v4 UUID with or without randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(uuid);
    const noRandomUuid = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as Crypto;
    const a = newIdempotencyKey(noRandomUuid);
    expect(a).toMatch(uuid);
    expect(newIdempotencyKey(noRandomUuid)).not.toBe(a);
  });
});
