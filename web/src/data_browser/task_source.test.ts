import { describe, expect, it } from 'vitest';
import type { Task, TaskPage } from '../types';
import { TaskSource, type FetchPage } from './task_source';

// A fake server over ids 1..n: cursor = the last id of a page, offset skips after it.
function fakeServer(n: number) {
  const calls: { cursor: string | null; offset: number; limit: number }[] = [];
  const fetchPage: FetchPage = async (request) => {
    calls.push(request);
    const from = (request.cursor === null ? 0 : Number(request.cursor)) + request.offset;
    const tasks: Task[] = [];
    for (let id = from + 1; id <= Math.min(n, from + request.limit); ++id) tasks.push({ id, data: { text: `t${id}` } });
    const last = tasks[tasks.length - 1];
    const page: TaskPage = { tasks, next_cursor: last && Number(last.id) < n ? String(last.id) : null };
    return page;
  };
  return { calls, fetchPage };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TaskSource with a known total', () => {
  it('jumps to any page by offset and reuses the cursor a loaded page gives', async () => {
    const server = fakeServer(1_000_000);
    const source = new TaskSource(server.fetchPage, { pageSize: 200, maxPages: 50, total: 1_000_000 }, () => {});
    source.show(999_990, 1_000_000);
    await settle();
    expect(server.calls).toEqual([{ cursor: null, offset: 999_800, limit: 200 }]);
    expect(source.row(999_999)?.id).toBe(1_000_000);
    expect(source.row(0)).toBeUndefined(); // a placeholder until its page loads
    source.show(0, 30);
    await settle();
    source.show(200, 230);
    await settle();
    expect(server.calls[2]).toEqual({ cursor: '200', offset: 0, limit: 200 });
    expect(source.row(200)?.id).toBe(201);
  });

  it('keeps memory bounded while scrolling everything', async () => {
    const server = fakeServer(20_000);
    const source = new TaskSource(server.fetchPage, { pageSize: 100, maxPages: 5, total: 20_000 }, () => {});
    for (let start = 0; start < 20_000; start += 100) {
      source.show(start, start + 30);
      await settle();
    }
    expect(source.row(19_999)?.id).toBe(20_000);
    expect(source.row(0)).toBeUndefined(); // long forgotten
    expect(source.exact).toBe(true);
  });

  it('asks for at most two pages at once, skipping pages a drag passed', async () => {
    const server = fakeServer(10_000);
    const source = new TaskSource(server.fetchPage, { pageSize: 100, maxPages: 50, total: 10_000 }, () => {});
    source.show(0, 10);
    source.show(1000, 1010);
    source.show(5000, 5010);
    source.show(9000, 9010);
    await settle();
    await settle();
    // Page 50 was passed over; page 90 starts from page 1's cursor (the first page gave it).
    expect(server.calls.map((c) => [c.cursor, c.offset])).toEqual([
      [null, 0],
      [null, 1000],
      ['100', 8900],
    ]);
    expect(source.row(9000)?.id).toBe(9001);
  });
});

describe('TaskSource with an unknown total (a filter)', () => {
  it('loads page after page by cursor as the list nears the end, then knows the total', async () => {
    const server = fakeServer(450);
    let changes = 0;
    const source = new TaskSource(server.fetchPage, { pageSize: 200, maxPages: 50, total: null }, () => ++changes);
    expect(source.rowCount).toBe(0);
    source.show(0, 0);
    await settle();
    expect(source.rowCount).toBe(200);
    expect(source.exact).toBe(false);
    source.show(0, 30); // far from the end: nothing more
    await settle();
    expect(server.calls).toHaveLength(1);
    source.show(170, 200);
    await settle();
    expect(source.rowCount).toBe(400);
    source.show(370, 400);
    await settle();
    expect(source.rowCount).toBe(450);
    expect(source.exact).toBe(true);
    expect(server.calls.map((c) => [c.cursor, c.offset])).toEqual([
      [null, 0],
      ['200', 0],
      ['400', 0],
    ]);
    expect(changes).toBe(3);
  });

  it('knows an empty result', async () => {
    const source = new TaskSource(fakeServer(0).fetchPage, { pageSize: 200, maxPages: 50, total: null }, () => {});
    source.show(0, 0);
    await settle();
    expect(source.rowCount).toBe(0);
    expect(source.exact).toBe(true);
  });

  it('ignores answers after it is disposed and reports errors', async () => {
    const failing = new TaskSource(async () => Promise.reject(new Error('boom')), { pageSize: 10, maxPages: 5, total: 100 }, () => {});
    failing.show(0, 5);
    await settle();
    expect(failing.error).toBe('boom');
    const server = fakeServer(100);
    let changes = 0;
    const source = new TaskSource(server.fetchPage, { pageSize: 10, maxPages: 5, total: 100 }, () => ++changes);
    source.show(0, 5);
    source.dispose();
    await settle();
    expect(changes).toBe(0);
    expect(source.row(0)).toBeUndefined();
  });
});
