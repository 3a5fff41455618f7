import { describe, expect, it } from 'vitest';
import type { GoldListing, GoldPage } from './gold_api';
import { GoldIndex } from './gold_index';

const item = (task_id: number): GoldListing => ({
  task_id,
  task: { id: task_id, data: { text: `task ${task_id}` } },
  project_id: 1,
  reference: { s: { choices: ['a'] } },
  rationale: '',
  created_by: 1,
  created_at: 0,
  updated_at: 0,
  version: 1,
});

describe('GoldIndex', () => {
  it('reads the gold list only as far as the task asked about', async () => {
    const pages: Record<string, GoldPage> = {
      start: { gold_items: [item(2), item(5)], next_cursor: 'p2' },
      p2: { gold_items: [item(9), item(12)], next_cursor: 'p3' },
      p3: { gold_items: [item(40)], next_cursor: null },
    };
    const asked: (string | null)[] = [];
    const index = new GoldIndex(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'start']!;
    });
    expect((await index.lookup(1))).toBeNull();
    expect(asked).toEqual([null]);
    expect((await index.lookup(5))?.task_id).toBe(5);
    expect(await index.lookup(7)).toBeNull();
    expect(asked).toEqual([null, 'p2']);
    expect((await index.lookup('12'))?.task_id).toBe(12);
    expect(await index.lookup(100)).toBeNull();
    expect(asked).toEqual([null, 'p2', 'p3']);
    expect(await index.lookup(101)).toBeNull();
    expect(asked.length).toBe(3);
    index.remember(item(101));
    expect((await index.lookup(101))?.task_id).toBe(101);
  });

  it('stops on an empty page that still has a cursor', async () => {
    let calls = 0;
    const index = new GoldIndex(async () => {
      calls++;
      return { gold_items: [], next_cursor: 'again' };
    });
    expect(await index.lookup(3)).toBeNull();
    expect(await index.lookup(4)).toBeNull();
    expect(calls).toBe(1);
  });
});
