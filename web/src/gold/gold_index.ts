// Which tasks of a project are gold, for the reviewer view: the project's gold list (task id
// order) read a page at a time, only as far as the task asked about. The review queue walks
// tasks in the same order, so each page is read once; asking the list instead of GET
// /tasks/{t}/gold for every task means a task that is not gold costs no 404.
import type { Id } from '../types';
import type { GoldItem, GoldPage } from './gold_api';

export class GoldIndex {
  private readonly items = new Map<string, GoldItem>();
  private cursor: string | null = null;
  private exhausted = false;
  private last = -Infinity; // The highest task id loaded.

  constructor(private readonly fetchPage: (cursor: string | null) => Promise<GoldPage>) {}

  // The task's gold item, or null when it is not gold.
  async lookup(taskId: Id): Promise<GoldItem | null> {
    const id = Number(taskId);
    while (!this.exhausted && this.last < id) {
      const page = await this.fetchPage(this.cursor);
      for (const item of page.gold_items) {
        this.items.set(String(item.task_id), item);
        this.last = Math.max(this.last, Number(item.task_id));
      }
      this.cursor = page.next_cursor;
      if (!page.next_cursor || page.gold_items.length === 0) this.exhausted = true;
    }
    return this.items.get(String(taskId)) ?? null;
  }

  // After marking or changing: the server's item replaces what was known.
  remember(item: GoldItem) {
    this.items.set(String(item.task_id), item);
  }
}
