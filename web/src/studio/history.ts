// Undo and redo for the answer on the annotate page. Changes to the same control within
// `coalesceMs` of each other (typing, dragging) are one step, so undo does not walk back a
// word one letter at a time.
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = -Infinity;

  constructor(
    private present: T,
    private readonly limit = 200,
    private readonly coalesceMs = 1000,
  ) {}

  get current(): T {
    return this.present;
  }
  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  // Records `next` as the new state; `key` names what changed (e.g. the control).
  push(next: T, key: string, now: number): void {
    const coalesce = key === this.lastKey && now - this.lastAt < this.coalesceMs && this.past.length > 0;
    if (!coalesce) {
      this.past.push(this.present);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.present = next;
    this.future = [];
    this.lastKey = key;
    this.lastAt = now;
  }

  undo(): T {
    const previous = this.past.pop();
    if (previous !== undefined) {
      this.future.push(this.present);
      this.present = previous;
    }
    this.lastKey = null;
    return this.present;
  }

  redo(): T {
    const next = this.future.pop();
    if (next !== undefined) {
      this.past.push(this.present);
      this.present = next;
    }
    this.lastKey = null;
    return this.present;
  }
}
