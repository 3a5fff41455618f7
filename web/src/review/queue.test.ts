import { describe, expect, it } from 'vitest';
import type { TaskPage } from '../types';
import { ReviewQueue } from './queue';

// Pages of `size` tasks with ids 1..total; records the cursors asked for.
function pages(total: number, size: number) {
  const asked: (string | null)[] = [];
  const fetch = async (cursor: string | null): Promise<TaskPage> => {
    asked.push(cursor);
    const from = cursor ? Number(cursor) : 0;
    const tasks = [];
    for (let id = from + 1; id <= Math.min(total, from + size); id++) tasks.push({ id, data: {} });
    const end = from + size;
    return { tasks, next_cursor: end < total ? String(end) : null };
  };
  return { fetch, asked };
}

describe('ReviewQueue', () => {
  it('steps through every task, reading the next page only when needed', async () => {
    const { fetch, asked } = pages(5, 2);
    const queue = new ReviewQueue(fetch);
    expect((await queue.start())?.id).toBe(1);
    expect(asked).toEqual([null]);
    expect((await queue.move(1))?.id).toBe(2);
    expect(asked).toEqual([null]);
    expect((await queue.move(1))?.id).toBe(3);
    expect(asked).toEqual([null, '2']);
    await queue.move(1);
    await queue.move(1);
    expect(queue.current?.id).toBe(5);
    expect(queue.atEnd).toBe(true);
    expect((await queue.move(1))?.id).toBe(5);
    expect(queue.position).toBe(5);
    expect(queue.more).toBe(false);
  });

  it('stays on the first task when moving back from it', async () => {
    const queue = new ReviewQueue(pages(3, 10).fetch);
    await queue.start();
    expect(queue.atStart).toBe(true);
    expect((await queue.move(-1))?.id).toBe(1);
    await queue.move(1);
    expect((await queue.move(-1))?.id).toBe(1);
  });

  it('answers null when nothing is labelled', async () => {
    const queue = new ReviewQueue(async () => ({ tasks: [], next_cursor: null }));
    expect(await queue.start()).toBeNull();
    expect(queue.atEnd).toBe(true);
  });

  it('does not loop on an empty page that still has a cursor', async () => {
    let calls = 0;
    const queue = new ReviewQueue(async () => {
      calls++;
      return { tasks: [], next_cursor: 'again' };
    });
    expect(await queue.start()).toBeNull();
    expect(calls).toBe(1);
  });

  it('seeks the next task that still needs a review, across pages', async () => {
    const queue = new ReviewQueue(pages(6, 2).fetch);
    await queue.start();
    const seen: number[] = [];
    const found = await queue.seek(async (t) => {
      seen.push(Number(t.id));
      return Number(t.id) === 5;
    });
    expect(found?.id).toBe(5);
    expect(seen).toEqual([2, 3, 4, 5]);
    expect(await queue.seek(async () => false)).toBeNull();
    expect(queue.current?.id).toBe(5);
  });

  it('gives up after looking at `limit` tasks', async () => {
    const queue = new ReviewQueue(pages(100, 10).fetch);
    await queue.start();
    let looked = 0;
    expect(
      await queue.seek(async () => {
        looked++;
        return false;
      }, 7),
    ).toBeNull();
    expect(looked).toBe(7);
    expect(queue.current?.id).toBe(1);
  });
});
