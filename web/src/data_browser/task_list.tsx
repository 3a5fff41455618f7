// The data browser's virtualised list: a scroll container over a spacer as tall as every row,
// with only the rows in view (plus overscan) in the DOM, placed by the `style` prop (the CSP
// allows the DOM style property, not style attributes in HTML). Rows whose page is not loaded
// yet show a placeholder. Keys (on the focused list): ↑/↓ move the active row, PageUp/PageDown
// by a screen, Home/End to the ends, Enter or Space opens the active row's data.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Task } from '../types';
import { previewOf } from './preview';
import type { TaskSource } from './task_source';
import { rowWindow, scrollTopToShow, spacerHeight, type Viewport } from './window';

export const ROW_HEIGHT = 32;
const OVERSCAN = 8;

interface Props {
  source: TaskSource;
  revision: number; // changes when the source loads a page, so the rows re-render
  openId: Task['id'] | null;
  onOpen: (task: Task) => void;
}

export function TaskList({ source, revision, openId, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(ROW_HEIGHT * 15);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    const measure = () => setHeight(el.clientHeight || ROW_HEIGHT * 15);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new query starts at its first row.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
    setActive(0);
  }, [source]);

  const total = source.rowCount;
  const view: Viewport = { rowHeight: ROW_HEIGHT, viewportHeight: height, scrollTop, total, overscan: OVERSCAN };
  const win = rowWindow(view);
  useEffect(() => source.show(win.start, win.end), [source, win.start, win.end]);

  function moveTo(row: number) {
    if (total === 0) return;
    const next = Math.min(total - 1, Math.max(0, row));
    setActive(next);
    const el = scroller.current;
    if (el) el.scrollTop = scrollTopToShow(next, { ...view, scrollTop: el.scrollTop });
  }

  function onKeyDown(event: KeyboardEvent) {
    const screen = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + screen,
      PageUp: active - screen,
      Home: 0,
      End: total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const task = source.row(active);
      if (task) onOpen(task);
    }
  }

  const rows = [];
  for (let i = win.start; i < win.end; ++i) {
    const task = source.row(i);
    const classes = ['db-row', task ? '' : 'placeholder', i === active ? 'active' : ''].filter(Boolean).join(' ');
    rows.push(
      <div
        key={i}
        id={`db-row-${i}`}
        role="option"
        class={classes}
        aria-selected={task !== undefined && String(task.id) === String(openId)}
        aria-posinset={i + 1}
        aria-setsize={source.exact ? total : -1}
        data-task-id={task ? String(task.id) : undefined}
        style={{ top: `${i * ROW_HEIGHT + win.shift}px`, height: `${ROW_HEIGHT}px` }}
        onClick={() => {
          setActive(i);
          if (task) onOpen(task);
        }}
      >
        {task ? <RowCells task={task} /> : <span class="db-preview muted">Loading row {i + 1}…</span>}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      class="db-scroller"
      role="listbox"
      aria-label="Tasks"
      tabIndex={0}
      aria-activedescendant={active >= win.start && active < win.end ? `db-row-${active}` : undefined}
      data-revision={revision}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="db-spacer" style={{ height: `${spacerHeight(total, ROW_HEIGHT)}px` }}>
        {rows}
      </div>
    </div>
  );
}

// One task's cells; every value is a text node.
function RowCells({ task }: { task: Task }) {
  return (
    <>
      <span class="db-id">{String(task.id)}</span>
      <span class="db-ext">{task.external_id ?? ''}</span>
      <span class="db-preview">{previewOf(task.data)}</span>
      <span class="db-num db-submitted" title="Submitted labels">
        {task.label_counts?.submitted ?? '—'}
      </span>
      <span class="db-num db-skipped" title="Skips">
        {task.label_counts?.skipped ?? '—'}
      </span>
    </>
  );
}
