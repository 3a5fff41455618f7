// Virtual-scrolling arithmetic for the data browser: which rows a scroll position shows, which
// fixed-size pages hold them, and how to ask the server for a page. Pure, so it is unit-tested.

// Browsers cap an element's height (Firefox near 17.9 million px, Chrome near 33.5 million), so
// a longer list gets a spacer of this height and scroll positions are scaled onto the rows.
export const MAX_SPACER_PX = 10_000_000;

export interface Viewport {
  rowHeight: number; // px, every row the same
  viewportHeight: number; // px, the scroll container's inner height
  scrollTop: number; // px, the container's scrollTop
  total: number; // rows in the list
  overscan: number; // rows rendered beyond each edge, so a short scroll shows no gap
}

// The rows to render: [start, end), row i drawn at top = i × rowHeight + shift px in the spacer.
export interface RowWindow {
  start: number;
  end: number;
  shift: number;
}

export function spacerHeight(total: number, rowHeight: number): number {
  return Math.min(Math.max(0, total) * rowHeight, MAX_SPACER_PX);
}

// How many px of the full list one px of scrollbar moves (1 unless the spacer is capped).
function scale(v: Viewport): number {
  const full = v.total * v.rowHeight;
  const spacer = spacerHeight(v.total, v.rowHeight);
  if (full <= spacer || spacer <= v.viewportHeight) return 1;
  return (full - v.viewportHeight) / (spacer - v.viewportHeight);
}

// The offset into the full list (total × rowHeight px) shown at the viewport's top edge.
export function contentTop(v: Viewport): number {
  const max = Math.max(0, v.total * v.rowHeight - v.viewportHeight);
  return Math.min(max, Math.max(0, v.scrollTop * scale(v)));
}

export function rowWindow(v: Viewport): RowWindow {
  if (v.total <= 0 || v.rowHeight <= 0) return { start: 0, end: 0, shift: 0 };
  const top = contentTop(v);
  const first = Math.floor(top / v.rowHeight);
  const last = Math.ceil((top + v.viewportHeight) / v.rowHeight); // exclusive
  return {
    start: Math.max(0, first - v.overscan),
    end: Math.min(v.total, Math.max(last, first + 1) + v.overscan),
    shift: v.scrollTop - top,
  };
}

// The scrollTop that brings `row` fully into view, moving as little as possible.
export function scrollTopToShow(row: number, v: Viewport): number {
  const top = contentTop(v);
  const rowTop = row * v.rowHeight;
  let wanted = top;
  if (rowTop < top) wanted = rowTop;
  else if (rowTop + v.rowHeight > top + v.viewportHeight) wanted = rowTop + v.rowHeight - v.viewportHeight;
  if (wanted === top) return v.scrollTop;
  return Math.max(0, wanted / scale(v));
}

// The pages (row index ÷ pageSize) that rows [start, end) lie on, in order.
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); ++p) pages.push(p);
  return pages;
}

// How to fetch page `page`: from the nearest page start whose cursor is known (page 0 starts at
// no cursor), skipping the rows in between with offset, since skipped rows cost the server reads.
export function pageRequest(
  page: number,
  pageSize: number,
  cursors: ReadonlyMap<number, string>,
): { cursor: string | null; offset: number } {
  let from = 0;
  let cursor: string | null = null;
  for (const [p, c] of cursors) {
    if (p <= page && p > from) {
      from = p;
      cursor = c;
    }
  }
  return { cursor, offset: (page - from) * pageSize };
}
