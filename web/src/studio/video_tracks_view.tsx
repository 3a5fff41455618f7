// video_tracks: boxes followed across a video. Draw a box on the video to start a track at the
// playhead; moving or resizing a box at another time adds a keyframe there; between keyframes
// the box is interpolated (tracks.ts). Keys (focus in the view, not in a field):
//   Space play/pause · ←/→ 1 s (Shift 5 s) · , and . one frame (at the control's frame_rate) · [ / ] previous/next
//   keyframe of the selected track · N new track here · K keyframe here · O out of view from
//   here (toggle) · Alt+arrows move the box 1 % (Alt+Shift: resize) · R / Shift+R rotate 5°
//   (when allowed) · label keys choose the label (and relabel the selected track) ·
//   Delete removes the keyframe here, or the track when none is here · Esc unselects.
import { useRef, useState } from 'preact/hooks';
import { taskMedia } from '../media_url';
import type { VideoTracksControl } from './controls';
import { labelForKey, labelKeys } from './label_keys';
import { clampTime, stepFrames } from './media_time';
import { usePlayer } from './player';
import { formatTime } from './segments';
import {
  boxAt,
  boxNear,
  clampBox,
  deleteKeyframe,
  keyframeAt,
  moveBoxAt,
  pinKeyframe,
  readTracks,
  toggleOutside,
  tracksValue,
  type Box,
  type Track,
} from './tracks';
import { useVideoPlayer } from './video_segments_view';
import type { ViewProps } from './view';

type Drag =
  | { kind: 'draw'; x0: number; y0: number; box: Box }
  | { kind: 'move'; index: number; dx: number; dy: number; box: Box; moved: boolean }
  | { kind: 'resize'; index: number; box: Box };

const MIN_DRAWN = 1; // Percent: a smaller drag is a click, not a box.
const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function VideoTracksView({ control, task, value, onChange, disabled }: ViewProps<VideoTracksControl>) {
  const media = taskMedia(task.data[control.to]);
  const src = media?.kind === 'video' ? media.src : null;
  const { video, player } = useVideoPlayer(src);
  const { time, duration, paused } = usePlayer(player);
  const tracks = readTracks(value);
  const [label, setLabel] = useState(control.labels[0] ?? '');
  const [selected, setSelected] = useState(-1);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const overlay = useRef<HTMLDivElement>(null);
  // The view's own letters: K keyframe, N new track, O outside, R rotate.
  const keys = labelKeys(control.labels, control.hotkeys, 'knor');
  const colourOf = (l: string) => Math.max(0, control.labels.indexOf(l)) % 8;
  const setD = (d: Drag | null) => {
    dragRef.current = d;
    setDrag(d);
  };

  const commit = (list: Track[], select: number) => {
    onChange(tracksValue(list, control.rotation));
    setSelected(select);
  };
  const replace = (index: number, track: Track | null) =>
    commit(
      track ? tracks.map((t, i) => (i === index ? track : t)) : tracks.filter((_, i) => i !== index),
      track ? index : -1,
    );
  const addTrack = (box: Box) => commit([...tracks, { label, keyframes: [{ ...clampBox(box), time: player?.currentTime ?? 0 }] }], tracks.length);
  const seek = (t: number) => player?.seek(clampTime(t, duration));

  const percentAt = (event: PointerEvent) => {
    const rect = overlay.current!.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) / rect.width) * 100, y: ((event.clientY - rect.top) / rect.height) * 100 };
  };

  function onPointerDown(event: PointerEvent) {
    if (disabled || !player || event.button !== 0) return;
    event.preventDefault();
    player.pause();
    (event.currentTarget as HTMLElement).closest<HTMLElement>('.av-editor')?.focus({ preventScroll: true });
    const target = event.target as HTMLElement;
    const index = Number(target.closest('[data-track]')?.getAttribute('data-track') ?? -1);
    const p = percentAt(event);
    overlay.current!.setPointerCapture(event.pointerId);
    const box = tracks[index] ? boxAt(tracks[index]!, player.currentTime) : null;
    if (box) {
      setSelected(index);
      if (target.hasAttribute('data-handle')) setD({ kind: 'resize', index, box });
      else setD({ kind: 'move', index, dx: p.x - box.x, dy: p.y - box.y, box, moved: false });
    } else {
      setD({ kind: 'draw', x0: p.x, y0: p.y, box: { x: p.x, y: p.y, width: 0, height: 0, rotation: 0 } });
    }
  }

  function onPointerMove(event: PointerEvent) {
    const d = dragRef.current;
    if (!d) return;
    const p = percentAt(event);
    if (d.kind === 'draw') {
      const x = Math.max(0, Math.min(100, p.x));
      const y = Math.max(0, Math.min(100, p.y));
      setD({ ...d, box: { x: Math.min(d.x0, x), y: Math.min(d.y0, y), width: Math.abs(x - d.x0), height: Math.abs(y - d.y0), rotation: 0 } });
    } else if (d.kind === 'move') {
      setD({ ...d, box: clampBox({ ...d.box, x: p.x - d.dx, y: p.y - d.dy }), moved: true });
    } else {
      setD({ ...d, box: clampBox({ ...d.box, width: p.x - d.box.x, height: p.y - d.box.y }) });
    }
  }

  function onPointerUp() {
    const d = dragRef.current;
    setD(null);
    if (!d || !player) return;
    if (d.kind === 'draw') {
      if (d.box.width >= MIN_DRAWN && d.box.height >= MIN_DRAWN) addTrack(d.box);
      else setSelected(-1);
    } else if (d.kind === 'resize' || d.moved) {
      replace(d.index, moveBoxAt(tracks[d.index]!, player.currentTime, d.box));
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (disabled || !player || event.isComposing || typing(event.target)) return;
    if (event.target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter')) return;
    if (event.ctrlKey || event.metaKey) return;
    const t = player.currentTime;
    const track = tracks[selected];
    const key = event.key;
    let used = true;
    if (key === ' ') {
      if (player.paused) player.play();
      else player.pause();
    } else if (event.altKey && key.startsWith('Arrow')) {
      const shown = track ? boxAt(track, t) : null;
      if (track && shown) {
        const dx = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
        const dy = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
        const box = event.shiftKey ? { ...shown, width: shown.width + dx, height: shown.height + dy } : { ...shown, x: shown.x + dx, y: shown.y + dy };
        replace(selected, moveBoxAt(track, t, box));
      }
    } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      seek(t + (key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 5 : 1));
    } else if ((key === ',' || key === '.') && !event.altKey) {
      player.pause();
      seek(stepFrames(t, key === ',' ? -1 : 1, control.frame_rate, duration));
    } else if ((key === '[' || key === ']') && track) {
      const times = track.keyframes.map((k) => k.time);
      const next = key === '[' ? [...times].reverse().find((k) => k < t - 0.0005) : times.find((k) => k > t + 0.0005);
      if (next !== undefined) seek(next);
    } else if (key === 'n' || key === 'N') {
      addTrack({ x: 40, y: 40, width: 20, height: 20, rotation: 0 });
    } else if ((key === 'k' || key === 'K') && track) {
      replace(selected, pinKeyframe(track, t));
    } else if ((key === 'o' || key === 'O') && track) {
      replace(selected, toggleOutside(track, t));
    } else if ((key === 'r' || key === 'R') && track && control.rotation) {
      const shown = boxNear(track, t);
      replace(selected, moveBoxAt(track, t, { ...shown, rotation: shown.rotation + (event.shiftKey ? -5 : 5) }));
    } else if ((key === 'Delete' || key === 'Backspace') && track) {
      const at = keyframeAt(track, t);
      replace(selected, at >= 0 ? deleteKeyframe(track, at) : null);
    } else if (key === 'Escape') {
      setSelected(-1);
    } else {
      const chosen = labelForKey(keys, event);
      if (chosen === null) used = false;
      else {
        setLabel(chosen);
        if (track) replace(selected, { ...track, label: chosen });
      }
    }
    if (used) event.preventDefault();
  }

  if (!src) {
    return (
      <p class="error" role="alert">
        The field “{control.to}” of this task is not a video the studio can load.
      </p>
    );
  }
  // What each track shows now: its box at the playhead, or the one being dragged.
  const shown = tracks.map((tr, i) => (drag && drag.kind !== 'draw' && drag.index === i ? drag.box : boxAt(tr, time)));
  return (
    <div class="av-editor" tabIndex={0} onKeyDown={onKeyDown} aria-label={`${control.instruction || control.name}: tracks`}>
      <p class="av-instruction">{control.instruction || control.name}</p>
      <div class="av-stage">
        <video class="av-video" ref={video} src={src} preload="auto" playsInline />
        <div
          class="av-overlay"
          ref={overlay}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setD(null)}
        >
          {shown.map((box, i) =>
            box ? (
              <div
                key={i}
                data-track={i}
                class={`av-box av-c${colourOf(tracks[i]!.label)}${i === selected ? ' selected' : ''}${keyframeAt(tracks[i]!, time) >= 0 ? ' keyframe' : ''}`}
                style={{ left: `${box.x}%`, top: `${box.y}%`, width: `${box.width}%`, height: `${box.height}%`, transform: `rotate(${box.rotation}deg)` }}
              >
                <span class="av-box-label">{tracks[i]!.label}</span>
                <span class="av-handle" data-handle="" />
              </div>
            ) : null,
          )}
          {drag?.kind === 'draw' ? (
            <div class="av-box av-new" style={{ left: `${drag.box.x}%`, top: `${drag.box.y}%`, width: `${drag.box.width}%`, height: `${drag.box.height}%` }} />
          ) : null}
        </div>
      </div>
      <div class="av-transport">
        <button type="button" disabled={disabled || !player} onClick={() => (paused ? player?.play() : player?.pause())}>
          {paused ? 'Play' : 'Pause'} <kbd>Space</kbd>
        </button>
        <span class="av-time" data-testid="av-time" data-time={time.toFixed(3)} data-duration={duration ?? ''}>
          {formatTime(time)} / {duration !== null ? formatTime(duration) : '–'}
        </span>
        <input
          type="range"
          class="av-scrub"
          aria-label="Position in the video"
          min={0}
          max={duration ?? 0}
          step={1 / control.frame_rate}
          value={time}
          disabled={disabled || duration === null}
          onInput={(e) => seek(Number(e.currentTarget.value))}
        />
      </div>
      <div class="av-labels" role="radiogroup" aria-label="Label for new tracks">
        {control.labels.map((l) => {
          const k = keys.find((x) => x.label === l)?.key;
          return (
            <button
              type="button"
              key={l}
              role="radio"
              aria-checked={l === label}
              class={`av-label av-c${colourOf(l)}${l === label ? ' chosen' : ''}`}
              disabled={disabled}
              onClick={() => {
                setLabel(l);
                if (tracks[selected]) replace(selected, { ...tracks[selected]!, label: l });
              }}
            >
              {k ? <kbd>{k}</kbd> : null} <span>{l}</span>
            </button>
          );
        })}
      </div>
      <p class="av-keys muted small">
        Draw a box on the video to start a track · <kbd>Space</kbd> play · <kbd>←</kbd>/<kbd>→</kbd> 1 s · <kbd>,</kbd>/<kbd>.</kbd> one
        frame · <kbd>[</kbd>/<kbd>]</kbd> keyframes · <kbd>N</kbd> new track · <kbd>K</kbd> keyframe · <kbd>O</kbd> out of view ·{' '}
        <kbd>Alt</kbd>+arrows move (<kbd>Shift</kbd> resize){control.rotation ? <> · <kbd>R</kbd> rotate</> : null} · <kbd>Delete</kbd> keyframe
        or track
      </p>
      <ol class="av-list" aria-label="Tracks">
        {tracks.map((tr, i) => (
          <li key={i} class={i === selected ? 'selected' : undefined} data-track-row={i}>
            <button type="button" class="av-pick" aria-pressed={i === selected} onClick={() => setSelected(i)}>
              Track {i + 1}
            </button>
            <select aria-label={`Label of track ${i + 1}`} value={tr.label} disabled={disabled} onChange={(e) => replace(i, { ...tr, label: e.currentTarget.value })}>
              {control.labels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <span class="av-keyframes">
              {tr.keyframes.map((k, j) => (
                <span class="av-keyframe" key={k.time}>
                  <button type="button" onClick={() => (setSelected(i), seek(k.time))} title="Go to this keyframe">
                    {formatTime(k.time)}
                    {k.outside ? ' (out)' : ''}
                  </button>
                  <button type="button" aria-label={`Delete keyframe ${j + 1} of track ${i + 1}`} disabled={disabled} onClick={() => replace(i, deleteKeyframe(tr, j))}>
                    ×
                  </button>
                </span>
              ))}
            </span>
            <button type="button" aria-label={`Delete track ${i + 1}`} disabled={disabled} onClick={() => replace(i, null)}>
              Delete
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
