// A time axis with segments on it (audio waveform or video timeline): drag on empty space to
// make a segment, drag a segment to move it, drag its edges to resize it, click to select it
// or (on empty space) to move the playhead there. What lies behind (a waveform) is `children`.
// Positions go through the `style` prop (CSSOM), which the CSP allows.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { timeAtFraction } from './media_time';
import { formatTime, type Segment } from './segments';

type Drag =
  | { kind: 'create'; from: number; to: number; x0: number }
  | { kind: 'move'; index: number; grab: number; start: number; end: number; x0: number; moved: boolean }
  | { kind: 'resize'; index: number; edge: 'start' | 'end'; start: number; end: number };

interface Props {
  duration: number | null;
  time: number;
  segments: Segment[];
  selected: number;
  colourOf: (label: string) => number;
  disabled: boolean;
  children?: ComponentChildren;
  onCreate: (start: number, end: number) => void;
  onUpdate: (index: number, start: number, end: number) => void;
  onSelect: (index: number) => void;
  onSeek: (t: number) => void;
}

const CLICK_PX = 3; // A press that moves less than this is a click, not a drag.

export function Timeline(props: Props) {
  const { duration, time, segments, selected, colourOf, disabled } = props;
  const bar = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const set = (d: Drag | null) => {
    dragRef.current = d;
    setDrag(d);
  };
  const at = (clientX: number) => {
    const rect = bar.current!.getBoundingClientRect();
    return timeAtFraction((clientX - rect.left) / rect.width, duration ?? 0);
  };

  function onPointerDown(event: PointerEvent) {
    if (disabled || !duration || event.button !== 0) return;
    event.preventDefault();
    (event.currentTarget as HTMLElement).focus({ preventScroll: true });
    const target = event.target as HTMLElement;
    const index = Number(target.closest('[data-seg]')?.getAttribute('data-seg') ?? -1);
    const edge = target.getAttribute('data-edge') as 'start' | 'end' | null;
    const t = at(event.clientX);
    bar.current!.setPointerCapture(event.pointerId);
    const s = segments[index];
    if (s && edge) set({ kind: 'resize', index, edge, start: s.start, end: s.end });
    else if (s) set({ kind: 'move', index, grab: t - s.start, start: s.start, end: s.end, x0: event.clientX, moved: false });
    else set({ kind: 'create', from: t, to: t, x0: event.clientX });
    if (s) props.onSelect(index);
  }

  function onPointerMove(event: PointerEvent) {
    const d = dragRef.current;
    if (!d || !duration) return;
    const t = at(event.clientX);
    if (d.kind === 'create') set({ ...d, to: t });
    else if (d.kind === 'resize') set(d.edge === 'start' ? { ...d, start: t } : { ...d, end: t });
    else {
      const length = d.end - d.start;
      const start = Math.min(Math.max(0, t - d.grab), duration - length);
      set({ ...d, start, end: start + length, moved: d.moved || Math.abs(event.clientX - d.x0) >= CLICK_PX });
    }
  }

  function onPointerUp(event: PointerEvent) {
    const d = dragRef.current;
    set(null);
    if (!d) return;
    if (d.kind === 'create') {
      if (Math.abs(event.clientX - d.x0) < CLICK_PX) props.onSeek(d.from);
      else props.onCreate(d.from, d.to);
    } else if (d.kind === 'resize' || d.moved) {
      props.onUpdate(d.index, d.start, d.end);
    }
  }

  const pct = (t: number) => `${duration ? (t / duration) * 100 : 0}%`;
  const shown = segments.map((s, i) =>
    drag && drag.kind !== 'create' && drag.index === i ? { ...s, start: Math.min(drag.start, drag.end), end: Math.max(drag.start, drag.end) } : s,
  );
  return (
    <div
      class={disabled ? 'av-timeline disabled' : 'av-timeline'}
      ref={bar}
      role="group"
      aria-label="Timeline: drag to make a segment"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => set(null)}
    >
      {props.children}
      {shown.map((s, i) => (
        <div
          key={i}
          data-seg={i}
          class={`av-seg av-c${colourOf(s.label) % 8}${i === selected ? ' selected' : ''}`}
          style={{ left: pct(s.start), width: pct(s.end - s.start) }}
          title={`${s.label} ${formatTime(s.start)}–${formatTime(s.end)}`}
        >
          <span class="av-edge start" data-edge="start" />
          <span class="av-seg-label">{s.label}</span>
          <span class="av-edge end" data-edge="end" />
        </div>
      ))}
      {drag?.kind === 'create' ? (
        <div class="av-seg av-new" style={{ left: pct(Math.min(drag.from, drag.to)), width: pct(Math.abs(drag.to - drag.from)) }} />
      ) : null}
      <div class="av-playhead" style={{ left: pct(time) }} />
    </div>
  );
}
