// Moving the playhead of an audio or video element by keys: seconds and frames, kept inside
// the media. Pure, so frame arithmetic is tested without a media element.
export const DEFAULT_FPS = 25; // A video's frame rate is not exposed by the browser; 25 unless known.

export function clampTime(t: number, duration: number | null): number {
  const upper = duration !== null && Number.isFinite(duration) && duration > 0 ? duration : Infinity;
  return Math.min(upper, Math.max(0, t));
}

// The start of the frame `steps` frames from the one showing at `t` (a small epsilon keeps a
// time already on a frame boundary on that frame despite float error).
export function stepFrames(t: number, steps: number, fps: number, duration: number | null): number {
  const frame = Math.floor(t * fps + 1e-6);
  return clampTime(Math.max(0, frame + steps) / fps, duration);
}

// Seconds per pixel-fraction: the time at fraction `f` (0..1) of a timeline `duration` long.
export const timeAtFraction = (f: number, duration: number) => Math.min(1, Math.max(0, f)) * duration;
