// Moving the playhead of an audio or video element by keys: seconds and frames, kept inside
// the media. Pure, so frame arithmetic is tested without a media element.
// Browsers do not expose a video's frame rate: video controls declare it (frame_rate), else 25.
export const DEFAULT_FPS = 25;

export function clampTime(t: number, duration: number | null): number {
  const upper = duration !== null && Number.isFinite(duration) && duration > 0 ? duration : Infinity;
  return Math.min(upper, Math.max(0, t));
}

// Times within half a millisecond of a frame boundary (the precision the playhead is shown
// with) count as on it, so a step from a time shown as 0.920 s never lands on 0.920 s again.
const ON_FRAME_SECONDS = 0.0005;

// The start of the frame `steps` frames from the one showing at `t`.
export function stepFrames(t: number, steps: number, fps: number, duration: number | null): number {
  const frame = Math.floor((t + ON_FRAME_SECONDS) * fps);
  return clampTime(Math.max(0, frame + steps) / fps, duration);
}

// Seconds per pixel-fraction: the time at fraction `f` (0..1) of a timeline `duration` long.
export const timeAtFraction = (f: number, duration: number) => Math.min(1, Math.max(0, f)) * duration;
