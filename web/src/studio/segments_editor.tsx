// What audio_segments and video_segments share: the timeline, the list of segments and the
// keys, against a Player's time. Keys (while focus is in the editor, not in a text field):
//   Space play/pause · ←/→ seek 1 s (Shift: 5 s) · , and . one frame (video) ·
//   [ marks a start at the playhead · ] ends the segment there with the current label ·
//   label keys choose the label (and relabel the selected segment) ·
//   Alt+←/→ move the selected segment by 0.1 s · Delete/Backspace remove it · Esc unselects.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ControlValue } from './answer';
import { labelForKey, labelKeys } from './label_keys';
import { clampTime, stepFrames } from './media_time';
import type { Player } from './player';
import { usePlayer } from './player';
import {
  addSegment,
  formatTime,
  nudge,
  readSegments,
  removeSegment,
  segmentsValue,
  updateSegment,
  type Segment,
} from './segments';
import { Timeline } from './timeline';

interface Props {
  name: string;
  instruction: string;
  labels: string[];
  hotkeys: string[];
  transcription: boolean;
  player: Player | null;
  fps: number | null; // Video: frame steps and one-frame minimum segments; null for audio.
  value: ControlValue | undefined;
  onChange: (value: ControlValue) => void;
  disabled: boolean;
  media: ComponentChildren; // The video, or nothing; shown above the timeline.
  behind?: ComponentChildren; // Drawn behind the segments (the waveform).
  status?: ComponentChildren;
}

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function SegmentsEditor(props: Props) {
  const { labels, transcription, player, fps, disabled } = props;
  const segments = readSegments(props.value);
  const { time, duration, paused } = usePlayer(player);
  const [label, setLabel] = useState(labels[0] ?? '');
  const [selected, setSelected] = useState(-1);
  const [mark, setMark] = useState<number | null>(null);
  // The editor's own letters: K keyframe, N new, O outside, R rotate (kept free for tracks too).
  const keys = labelKeys(labels, props.hotkeys, 'knor');
  const minLength = fps ? 1 / fps : undefined;
  const colourOf = (l: string) => Math.max(0, labels.indexOf(l));

  const commit = (list: Segment[], select: number) => {
    props.onChange(segmentsValue(list, transcription));
    setSelected(select);
  };
  const create = (start: number, end: number) => {
    const { segments: list, index } = addSegment(segments, { start, end, label, ...(transcription ? { text: '' } : {}) }, duration, minLength);
    commit(list, index);
  };
  const update = (index: number, patch: Partial<Segment>) => {
    const { segments: list, index: at } = updateSegment(segments, index, patch, duration, minLength);
    commit(list, at);
  };
  const remove = (index: number) => commit(removeSegment(segments, index), -1);
  const seek = (t: number) => player?.seek(clampTime(t, duration));

  function onKeyDown(event: KeyboardEvent) {
    if (disabled || !player || event.isComposing || typing(event.target)) return;
    if (event.target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter')) return;
    const t = player.currentTime;
    const sel = segments[selected];
    let used = true;
    if (event.key === ' ' && !event.ctrlKey && !event.metaKey) {
      if (player.paused) player.play();
      else player.pause();
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && !event.ctrlKey && !event.metaKey) {
      const sign = event.key === 'ArrowLeft' ? -1 : 1;
      if (event.altKey) {
        if (sel) update(selected, nudge(sel, 'both', sign * 0.1, duration));
      } else {
        seek(t + sign * (event.shiftKey ? 5 : 1));
      }
    } else if (fps && (event.key === ',' || event.key === '.') && !event.ctrlKey && !event.altKey) {
      player.pause();
      seek(stepFrames(t, event.key === ',' ? -1 : 1, fps, duration));
    } else if (event.key === '[') {
      setMark(t);
    } else if (event.key === ']') {
      if (mark !== null) create(mark, t);
      else if (sel) update(selected, { end: t });
      setMark(null);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && sel) {
      remove(selected);
    } else if (event.key === 'Escape') {
      setSelected(-1);
      setMark(null);
    } else {
      const chosen = labelForKey(keys, event);
      if (chosen === null) used = false;
      else {
        setLabel(chosen);
        if (sel) update(selected, { label: chosen });
      }
    }
    if (used) event.preventDefault();
  }

  return (
    <div class="av-editor" tabIndex={0} onKeyDown={onKeyDown} aria-label={`${props.instruction || props.name}: segments`}>
      <p class="av-instruction">{props.instruction || props.name}</p>
      {props.media}
      <div class="av-transport">
        <button type="button" disabled={disabled || !player} onClick={() => (paused ? player?.play() : player?.pause())}>
          {paused ? 'Play' : 'Pause'} <kbd>Space</kbd>
        </button>
        <span class="av-time" data-testid="av-time" data-time={time.toFixed(3)} data-duration={duration ?? ''}>
          {formatTime(time)} / {duration !== null ? formatTime(duration) : '–'}
        </span>
        {mark !== null ? <span class="muted small">Start marked at {formatTime(mark)}; press <kbd>]</kbd> to end it</span> : null}
        {props.status}
      </div>
      <Timeline
        duration={duration}
        time={time}
        segments={segments}
        selected={selected}
        colourOf={colourOf}
        disabled={disabled}
        onCreate={create}
        onUpdate={(i, start, end) => update(i, { start, end })}
        onSelect={setSelected}
        onSeek={seek}
      >
        {props.behind}
      </Timeline>
      <div class="av-labels" role="radiogroup" aria-label="Label for new segments">
        {labels.map((l) => {
          const key = keys.find((k) => k.label === l)?.key;
          return (
            <button
              type="button"
              key={l}
              role="radio"
              aria-checked={l === label}
              class={`av-label av-c${colourOf(l) % 8}${l === label ? ' chosen' : ''}`}
              disabled={disabled}
              onClick={() => {
                setLabel(l);
                if (segments[selected]) update(selected, { label: l });
              }}
            >
              {key ? <kbd>{key}</kbd> : null} <span>{l}</span>
            </button>
          );
        })}
      </div>
      <p class="av-keys muted small">
        <kbd>Space</kbd> play · <kbd>←</kbd>/<kbd>→</kbd> 1 s (<kbd>Shift</kbd> 5 s) ·{' '}
        {fps ? (
          <>
            <kbd>,</kbd>/<kbd>.</kbd> one frame ·{' '}
          </>
        ) : null}
        <kbd>[</kbd> start · <kbd>]</kbd> end · <kbd>Alt</kbd>+<kbd>←</kbd>/<kbd>→</kbd> move selected · <kbd>Delete</kbd> remove ·
        drag on the timeline to add
      </p>
      <ol class="av-list" aria-label="Segments">
        {segments.map((s, i) => (
          <li key={`${i}-${s.start}`} class={i === selected ? 'selected' : undefined} data-segment={i}>
            <button type="button" class="av-pick" onClick={() => (setSelected(i), seek(s.start))} aria-pressed={i === selected}>
              {formatTime(s.start)}–{formatTime(s.end)}
            </button>
            <select aria-label={`Label of segment ${i + 1}`} value={s.label} disabled={disabled} onChange={(e) => update(i, { label: e.currentTarget.value })}>
              {labels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            {transcription ? (
              <input
                type="text"
                aria-label={`Transcription of segment ${i + 1}`}
                value={s.text ?? ''}
                disabled={disabled}
                onFocus={() => setSelected(i)}
                onInput={(e) => update(i, { text: e.currentTarget.value })}
              />
            ) : null}
            <button type="button" aria-label={`Delete segment ${i + 1}`} disabled={disabled} onClick={() => remove(i)}>
              Delete
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
