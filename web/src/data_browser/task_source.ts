// The rows of one data-browser query, loaded a page at a time as the list asks for them. With a
// known total (no filter: the project's task count) any page loads by offset, so a scrollbar
// jump works; with a filter the total is unknown, so pages load one after another by cursor as
// the list nears the end of what is known. Loaded pages live in a bounded LRU cache.
import type { Task, TaskPage } from '../types';
import { PageCache } from './page_cache';
import { pageRequest, pagesFor } from './window';

export type FetchPage = (request: { cursor: string | null; offset: number; limit: number }) => Promise<TaskPage>;

export interface SourceOptions {
  pageSize: number;
  maxPages: number; // pages kept in memory
  total: number | null; // null: unknown until the last page arrives
  maxInFlight?: number; // requests at once; pages passed during a fast drag are never asked for
}

export class TaskSource {
  private readonly cache: PageCache<Task[]>;
  // The cursor that starts page p (the next_cursor of page p − 1), for cheap re-fetches.
  private readonly cursors = new Map<number, string>();
  private readonly inFlight = new Set<number>();
  private wanted: number[] = [];
  private disposed = false;
  private totalRows: number | null;
  // Rows known to exist (loaded, or before a loaded row); the list's length while total is unknown.
  private knownRows = 0;
  error: string | null = null;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly options: SourceOptions,
    private readonly onChange: () => void,
  ) {
    this.cache = new PageCache(options.maxPages);
    this.totalRows = options.total;
  }

  // Rows the list shows: the total when known, else those found so far.
  get rowCount(): number {
    return this.totalRows ?? this.knownRows;
  }

  // Whether rowCount is the real number of rows (false: more may follow).
  get exact(): boolean {
    return this.totalRows !== null;
  }

  get loading(): boolean {
    return this.inFlight.size > 0;
  }

  row(index: number): Task | undefined {
    return this.cache.get(Math.floor(index / this.options.pageSize))?.[index % this.options.pageSize];
  }

  // Asks for the pages of rows [start, end), and, while the total is unknown and the range nears
  // the end of the known rows, for the page after them.
  show(start: number, end: number): void {
    const size = this.options.pageSize;
    const pages = pagesFor(start, end, size);
    if (this.totalRows === null && end + size / 2 >= this.knownRows) {
      const next = Math.ceil(this.knownRows / size);
      if (!pages.includes(next)) pages.push(next);
    }
    this.wanted = pages;
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
  }

  private pump(): void {
    const limit = this.options.maxInFlight ?? 2;
    for (const page of this.wanted) {
      if (this.inFlight.size >= limit) return;
      if (this.cache.has(page) || this.inFlight.has(page) || !this.reachable(page)) continue;
      void this.load(page);
    }
  }

  // A page with rows: within the total, or (total unknown) one whose start cursor is known.
  private reachable(page: number): boolean {
    const start = page * this.options.pageSize;
    if (this.totalRows !== null) return start < this.totalRows;
    return start <= this.knownRows && (page === 0 || this.cursors.has(page));
  }

  private async load(page: number): Promise<void> {
    const size = this.options.pageSize;
    const { cursor, offset } = pageRequest(page, size, this.cursors);
    this.inFlight.add(page);
    try {
      const result = await this.fetchPage({ cursor, offset, limit: size });
      if (this.disposed) return;
      this.error = null;
      this.cache.set(page, result.tasks);
      if (result.next_cursor && result.tasks.length === size) this.cursors.set(page + 1, result.next_cursor);
      const end = page * size + result.tasks.length;
      this.knownRows = Math.max(this.knownRows, end);
      // A short or final page ends the list: the total is now exact.
      if (result.tasks.length < size || !result.next_cursor) this.totalRows = end;
    } catch (e) {
      if (this.disposed) return;
      this.error = e instanceof Error ? e.message : String(e);
      this.wanted = []; // no retry loop on a failing server; the next scroll asks again
    } finally {
      this.inFlight.delete(page);
    }
    if (this.disposed) return;
    this.onChange();
    this.pump();
  }
}
