// A ranking control's state: the items its data field lists and the order the annotator gives
// them (item indices, best first). An untouched list is no answer: the data's order is often
// a model's or a sampler's, and submitting it unread must not look like a judgement, so the
// annotator moves an item or confirms the shown order ("Keep this order") to answer.

// The items a data field lists: a list, or the JSON text of one (CSV cells hold text).
export function rankingItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not a list: no items.
    }
  }
  return [];
}

export const identity = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

// Whether `order` ranks each of `n` items exactly once.
export function isPermutation(order: unknown, n: number): order is number[] {
  if (!Array.isArray(order) || order.length !== n) return false;
  const seen = new Set<number>();
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) return false;
    seen.add(i);
  }
  return true;
}

// The order `value` holds when it fits `n` items, else null (untouched, or a stale draft).
export function orderOf(value: unknown, n: number): number[] | null {
  const order = value !== null && typeof value === 'object' ? (value as { order?: unknown }).order : undefined;
  return isPermutation(order, n) ? [...order] : null;
}

// `order` with the entry at position `from` moved to position `to` (both clamped).
export function move(order: number[], from: number, to: number): number[] {
  const next = [...order];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item!);
  return next;
}

// Where the item under the pointer goes when dropped on the entry at `over`: before it when
// the pointer is in its upper half, after it otherwise (as a position in the list after removal).
export function dropPosition(from: number, over: number, upperHalf: boolean): number {
  const slot = upperHalf ? over : over + 1; // Position among the entries before removal.
  return slot > from ? slot - 1 : slot;
}

export type RankKey = 'up' | 'down' | 'focus-up' | 'focus-down' | null;

// What a key does on a focused item: Alt+↑/Alt+↓ or K/J move it, ↑/↓ move the focus.
export function rankKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>): RankKey {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) return event.key === 'ArrowUp' ? 'up' : event.key === 'ArrowDown' ? 'down' : null;
  if (event.shiftKey) return null;
  if (event.key === 'k' || event.key === 'K') return 'up';
  if (event.key === 'j' || event.key === 'J') return 'down';
  if (event.key === 'ArrowUp') return 'focus-up';
  if (event.key === 'ArrowDown') return 'focus-down';
  return null;
}
