import { describe, expect, it } from 'vitest';
import { MAX_SPACER_PX, contentTop, pageRequest, pagesFor, rowWindow, scrollTopToShow, spacerHeight, type Viewport } from './window';

const view = (scrollTop: number, total = 1000, overscan = 5): Viewport => ({
  rowHeight: 30,
  viewportHeight: 300,
  scrollTop,
  total,
  overscan,
});

describe('rowWindow', () => {
  it('renders the visible rows plus overscan, clamped at the top', () => {
    expect(rowWindow(view(0))).toEqual({ start: 0, end: 15, shift: 0 });
    expect(rowWindow(view(0, 1000, 0))).toEqual({ start: 0, end: 10, shift: 0 });
  });

  it('adds overscan at both ends in the middle, counting partly visible rows', () => {
    // Rows 10.5 .. 20.5 are visible: 10 through 20.
    expect(rowWindow(view(315))).toEqual({ start: 5, end: 26, shift: 0 });
  });

  it('clamps at the bottom', () => {
    const w = rowWindow(view(1000 * 30 - 300));
    expect(w).toEqual({ start: 985, end: 1000, shift: 0 });
    // A scrollTop past the end (a stale value after the list shrank) still shows the last rows.
    expect(rowWindow(view(10_000_000)).end).toBe(1000);
  });

  it('handles short and empty lists', () => {
    expect(rowWindow(view(0, 3))).toEqual({ start: 0, end: 3, shift: 0 });
    expect(rowWindow(view(0, 0))).toEqual({ start: 0, end: 0, shift: 0 });
  });

  it('scales a million rows onto a capped spacer and still reaches the last row', () => {
    const total = 1_000_000;
    expect(spacerHeight(total, 30)).toBe(MAX_SPACER_PX);
    const bottom = view(MAX_SPACER_PX - 300, total, 0);
    expect(contentTop(bottom)).toBeCloseTo(total * 30 - 300, 3);
    const w = rowWindow(bottom);
    expect(w.end).toBe(total);
    expect(w.start).toBe(total - 10);
    // The last row sits at the viewport's bottom edge in spacer coordinates.
    expect((total - 1) * 30 + w.shift + 30).toBeCloseTo(MAX_SPACER_PX, 3);
    const middle = rowWindow(view((MAX_SPACER_PX - 300) / 2, total, 0));
    expect(middle.start).toBe(Math.floor((total * 30 - 300) / 2 / 30));
  });
});

describe('scrollTopToShow', () => {
  it('moves only as far as needed', () => {
    expect(scrollTopToShow(5, view(0))).toBe(0);
    expect(scrollTopToShow(10, view(0))).toBe(30); // row 10 just below the fold
    expect(scrollTopToShow(3, view(300))).toBe(90);
  });

  it('maps back through the scale of a capped spacer', () => {
    const total = 1_000_000;
    const target = scrollTopToShow(total - 1, view(0, total, 0));
    expect(target).toBeCloseTo(MAX_SPACER_PX - 300, 3);
  });
});

describe('pagesFor', () => {
  it('lists the pages rows lie on', () => {
    expect(pagesFor(0, 15, 200)).toEqual([0]);
    expect(pagesFor(195, 215, 200)).toEqual([0, 1]);
    expect(pagesFor(200, 400, 200)).toEqual([1]);
    expect(pagesFor(999_980, 1_000_000, 200)).toEqual([4999]);
    expect(pagesFor(10, 10, 200)).toEqual([]);
  });
});

describe('pageRequest', () => {
  it('jumps by offset from the start when no cursor is known', () => {
    expect(pageRequest(0, 200, new Map())).toEqual({ cursor: null, offset: 0 });
    expect(pageRequest(4999, 200, new Map())).toEqual({ cursor: null, offset: 999_800 });
  });

  it('starts from the nearest known cursor at or before the page', () => {
    const cursors = new Map([
      [1, '200'],
      [7, '1400'],
      [3, '600'],
    ]);
    expect(pageRequest(3, 200, cursors)).toEqual({ cursor: '600', offset: 0 });
    expect(pageRequest(5, 200, cursors)).toEqual({ cursor: '600', offset: 400 });
    expect(pageRequest(9, 200, cursors)).toEqual({ cursor: '1400', offset: 400 });
    expect(pageRequest(0, 200, cursors)).toEqual({ cursor: null, offset: 0 });
  });
});
