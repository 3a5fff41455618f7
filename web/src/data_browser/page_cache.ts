// A bounded map of loaded pages that forgets the least recently used one first, so scrolling
// through a million rows keeps at most `capacity` pages in memory.
export class PageCache<T> {
  private readonly pages = new Map<number, T>();

  constructor(readonly capacity: number) {}

  // The page, marked as just used; undefined when not loaded (or forgotten).
  get(page: number): T | undefined {
    const value = this.pages.get(page);
    if (value === undefined) return undefined;
    this.pages.delete(page);
    this.pages.set(page, value);
    return value;
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  // Stores the page as the most recently used; answers the pages forgotten to make room.
  set(page: number, value: T): number[] {
    this.pages.delete(page);
    this.pages.set(page, value);
    const evicted: number[] = [];
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= this.capacity) break;
      this.pages.delete(oldest);
      evicted.push(oldest);
    }
    return evicted;
  }

  get size(): number {
    return this.pages.size;
  }

  // Page indices, least recently used first.
  keys(): number[] {
    return [...this.pages.keys()];
  }
}
