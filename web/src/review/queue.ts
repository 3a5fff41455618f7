// The reviewer's queue: the project's labelled tasks in id order, read a page at a time
// (cursor paging) as the reviewer moves past the last one loaded. Moves never skip a task
// and never run past either end.
import type { Task, TaskPage } from '../types';

export type FetchPage = (cursor: string | null) => Promise<TaskPage>;

export class ReviewQueue {
  private tasks: Task[] = [];
  private cursor: string | null = null;
  private exhausted = false;
  private index = -1;

  constructor(private readonly fetchPage: FetchPage) {}

  get current(): Task | null {
    return this.tasks[this.index] ?? null;
  }
  // 1-based place of the current task in the queue.
  get position(): number {
    return this.index + 1;
  }
  get loaded(): number {
    return this.tasks.length;
  }
  // False once the last page has been read (then `loaded` is the queue's length).
  get more(): boolean {
    return !this.exhausted;
  }
  get atStart(): boolean {
    return this.index <= 0;
  }
  get atEnd(): boolean {
    return this.exhausted && this.index >= this.tasks.length - 1;
  }

  // Reads pages until task `i` is loaded or none are left; true when it is.
  private async ensure(i: number): Promise<boolean> {
    while (i >= this.tasks.length && !this.exhausted) {
      const page = await this.fetchPage(this.cursor);
      this.tasks.push(...page.tasks);
      this.cursor = page.next_cursor;
      // A page without a cursor is the last; an empty page with one must not loop forever.
      if (!page.next_cursor || page.tasks.length === 0) this.exhausted = true;
    }
    return i < this.tasks.length;
  }

  // The first task, or null when nothing is labelled yet.
  async start(): Promise<Task | null> {
    this.index = -1;
    return this.move(1);
  }

  // Moves `delta` tasks (±1) and answers the task shown then; at either end it stays put.
  async move(delta: number): Promise<Task | null> {
    const target = this.index + delta;
    if (target < 0) return this.current;
    if (await this.ensure(target)) this.index = target;
    return this.current;
  }

  // Moves forward to the first task after the current one that `wanted` says yes to, looking
  // at `limit` tasks at most; answers it, or null (staying put) when none was found.
  async seek(wanted: (task: Task) => Promise<boolean>, limit = 50): Promise<Task | null> {
    for (let i = this.index + 1, looked = 0; looked < limit; i++, looked++) {
      if (!(await this.ensure(i))) return null;
      if (await wanted(this.tasks[i]!)) {
        this.index = i;
        return this.current;
      }
    }
    return null;
  }
}
