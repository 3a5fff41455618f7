// Boxes followed across a video (video_tracks): keyframes in SECONDS with a box in PERCENT
// each, linear interpolation between them, `outside` hiding the object until the next
// keyframe. Pure, so the rules are tested without a video. Shapes as docs/label-interface.md.
import type { ControlValue } from './answer';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number; // Degrees [0, 360), clockwise about (x, y); 0 when the control has none.
}

export interface Keyframe extends Box {
  time: number;
  outside?: boolean;
}

export interface Track {
  label: string;
  keyframes: Keyframe[]; // At least one, times strictly increasing.
}

// Keyframe times are kept to the millisecond (as a result holds them), so two keyframes in
// the same millisecond are the same keyframe and rounding never breaks the strict order.
export const SAME_TIME = 0.0005;
export const keyTime = (t: number) => Math.round(Math.max(0, t) * 1000) / 1000;

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const lerp = (a: number, b: number, f: number) => a + (b - a) * f;

// Degrees in [0, 360).
export const normaliseAngle = (deg: number) => ((deg % 360) + 360) % 360;

// From a to b the short way round (350° → 10° passes 0°, not 180°).
export function lerpAngle(a: number, b: number, f: number): number {
  const delta = ((((b - a) % 360) + 540) % 360) - 180;
  return normaliseAngle(a + delta * f);
}

// A box inside the frame: positive size, within 0–100, and (unrotated) not past the right or
// bottom edge — what the server accepts.
export function clampBox(box: Box, minSize = 0.1): Box {
  const width = Math.min(100, Math.max(minSize, box.width));
  const height = Math.min(100, Math.max(minSize, box.height));
  const rotation = normaliseAngle(box.rotation);
  const maxX = rotation === 0 ? 100 - width : 100;
  const maxY = rotation === 0 ? 100 - height : 100;
  return {
    x: Math.min(maxX, Math.max(0, box.x)),
    y: Math.min(maxY, Math.max(0, box.y)),
    width,
    height,
    rotation,
  };
}

const boxOf = (k: Keyframe): Box => ({ x: k.x, y: k.y, width: k.width, height: k.height, rotation: k.rotation });

// The box of `track` at time `t`, or null when the object is not in view: before its first
// keyframe, and from an `outside` keyframe until the next one. After the last keyframe the
// box stays where it was.
export function boxAt(track: Track, t: number): Box | null {
  const frames = track.keyframes;
  let i = -1;
  for (let k = 0; k < frames.length; k++) {
    if (frames[k]!.time <= t + SAME_TIME) i = k;
    else break;
  }
  if (i < 0) return null;
  const a = frames[i]!;
  if (a.outside) return null;
  const b = frames[i + 1];
  if (!b || Math.abs(t - a.time) <= SAME_TIME) return boxOf(a);
  const f = (t - a.time) / (b.time - a.time);
  return {
    x: lerp(a.x, b.x, f),
    y: lerp(a.y, b.y, f),
    width: lerp(a.width, b.width, f),
    height: lerp(a.height, b.height, f),
    rotation: lerpAngle(a.rotation, b.rotation, f),
  };
}

// The index of the keyframe at `t` (within SAME_TIME), or -1.
export function keyframeAt(track: Track, t: number): number {
  const time = keyTime(t);
  return track.keyframes.findIndex((k) => k.time === time);
}

// The track with `frame` added, or replacing the keyframe at the same time; times stay
// strictly increasing. A time below 0 is taken as 0; times are kept to the millisecond.
export function setKeyframe(track: Track, frame: Keyframe): Track {
  const added: Keyframe = { ...frame, time: keyTime(frame.time) };
  const kept = track.keyframes.filter((k) => k.time !== added.time);
  return { ...track, keyframes: [...kept, added].sort((a, b) => a.time - b.time) };
}

// The track without keyframe `index`, or null when that was its last (a track needs one).
export function deleteKeyframe(track: Track, index: number): Track | null {
  const keyframes = track.keyframes.filter((_, i) => i !== index);
  return keyframes.length === 0 ? null : { ...track, keyframes };
}

// The box to start from at `t`: the one shown there, else the nearest keyframe's (an object
// coming back into view starts where it was last seen).
export function boxNear(track: Track, t: number): Box {
  const shown = boxAt(track, t);
  if (shown) return shown;
  let best = track.keyframes[0]!;
  for (const k of track.keyframes) if (Math.abs(k.time - t) < Math.abs(best.time - t)) best = k;
  return boxOf(best);
}

// A keyframe at `t` holding what is shown there (K: "pin the box here").
export function pinKeyframe(track: Track, t: number): Track {
  const at = keyframeAt(track, t);
  if (at >= 0) return track;
  return setKeyframe(track, { ...boxNear(track, t), time: t, ...(boxAt(track, t) === null ? { outside: true } : {}) });
}

// O: toggles whether the object is out of view from `t`: flips the keyframe there, or adds one
// there with the box shown (or last seen) and the flag set the other way from what is shown.
export function toggleOutside(track: Track, t: number): Track {
  const at = keyframeAt(track, t);
  if (at >= 0) {
    const k = track.keyframes[at]!;
    return setKeyframe(track, { ...boxOf(k), time: k.time, ...(k.outside ? {} : { outside: true }) });
  }
  const hidden = boxAt(track, t) === null;
  const frame: Keyframe = { ...boxNear(track, t), time: t };
  return setKeyframe(track, hidden ? frame : { ...frame, outside: true });
}

// Places the box at `t` (a draw, drag or resize there): a new keyframe there, or the keyframe
// there changed; the object is in view from it.
export function moveBoxAt(track: Track, t: number, box: Box): Track {
  return setKeyframe(track, { ...clampBox(box), time: t });
}

// The tracks a value (a draft, the page's answer) holds, dropping anything malformed.
export function readTracks(value: ControlValue | undefined): Track[] {
  const list = value?.tracks;
  if (!Array.isArray(list)) return [];
  const tracks: Track[] = [];
  for (const raw of list) {
    if (raw === null || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    if (!Array.isArray(r.keyframes)) continue;
    let track: Track = { label: typeof r.label === 'string' ? r.label : '', keyframes: [] };
    for (const f of r.keyframes as unknown[]) {
      if (f === null || typeof f !== 'object') continue;
      const k = f as Record<string, unknown>;
      const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
      const [time, x, y, width, height] = [n(k.time), n(k.x), n(k.y), n(k.width), n(k.height)];
      if (time === null || x === null || y === null || width === null || height === null || width <= 0 || height <= 0) continue;
      track = setKeyframe(track, {
        time,
        x,
        y,
        width,
        height,
        rotation: normaliseAngle(n(k.rotation) ?? 0),
        ...(k.outside === true ? { outside: true } : {}),
      });
    }
    if (track.keyframes.length > 0) tracks.push(track);
  }
  return tracks;
}

// The control's value, exactly the result shape: {tracks: [{label, keyframes: [{time, x, y,
// width, height, rotation?, outside?}]}]} — `rotation` only when the control allows it,
// `outside` only when true; times to the millisecond, percents to 1/1000.
export function tracksValue(tracks: Track[], rotation: boolean): ControlValue {
  return {
    tracks: tracks.map((t) => ({
      label: t.label,
      keyframes: t.keyframes.map((k) => ({
        time: round(k.time, 3),
        x: round(k.x, 3),
        y: round(k.y, 3),
        width: round(k.width, 3),
        height: round(k.height, 3),
        ...(rotation ? { rotation: round(normaliseAngle(k.rotation), 3) % 360 } : {}),
        ...(k.outside ? { outside: true } : {}),
      })),
    })),
  };
}
