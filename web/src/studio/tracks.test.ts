import { describe, expect, it } from 'vitest';
import {
  boxAt,
  clampBox,
  deleteKeyframe,
  keyframeAt,
  lerpAngle,
  moveBoxAt,
  pinKeyframe,
  readTracks,
  setKeyframe,
  toggleOutside,
  tracksValue,
  type Keyframe,
  type Track,
} from './tracks';

const kf = (time: number, x: number, y = 0, width = 10, height = 10, rotation = 0, outside?: boolean): Keyframe => ({
  time,
  x,
  y,
  width,
  height,
  rotation,
  ...(outside ? { outside } : {}),
});
const track = (...keyframes: Keyframe[]): Track => ({ label: 'car', keyframes });

describe('boxAt', () => {
  const t = track(kf(1, 0, 0, 10, 10), kf(3, 20, 40, 30, 10));
  it('has no box before the first keyframe', () => {
    expect(boxAt(t, 0.5)).toBeNull();
  });
  it('is the keyframe at a keyframe', () => {
    expect(boxAt(t, 1)).toEqual({ x: 0, y: 0, width: 10, height: 10, rotation: 0 });
  });
  it('interpolates linearly between keyframes', () => {
    expect(boxAt(t, 2)).toEqual({ x: 10, y: 20, width: 20, height: 10, rotation: 0 });
    expect(boxAt(t, 2.5)).toEqual({ x: 15, y: 30, width: 25, height: 10, rotation: 0 });
  });
  it('stays after the last keyframe', () => {
    expect(boxAt(t, 9)).toEqual({ x: 20, y: 40, width: 30, height: 10, rotation: 0 });
  });
  it('has no box from an outside keyframe until the next keyframe', () => {
    const o = track(kf(0, 0), kf(2, 10, 0, 10, 10, 0, true), kf(4, 50));
    expect(boxAt(o, 1)).toEqual({ x: 5, y: 0, width: 10, height: 10, rotation: 0 });
    expect(boxAt(o, 2)).toBeNull();
    expect(boxAt(o, 3.9)).toBeNull();
    expect(boxAt(o, 4)?.x).toBe(50);
    expect(boxAt(o, 5)?.x).toBe(50);
    expect(boxAt(track(kf(0, 0, 0, 10, 10, 0, true)), 3)).toBeNull();
  });
  it('turns the short way round', () => {
    const r = track(kf(0, 0, 0, 10, 10, 350), kf(2, 0, 0, 10, 10, 10));
    expect(boxAt(r, 1)?.rotation).toBeCloseTo(0, 9);
    expect(boxAt(r, 0.5)?.rotation).toBeCloseTo(355, 9);
    expect(boxAt(r, 1.5)?.rotation).toBeCloseTo(5, 9);
    expect(lerpAngle(10, 350, 0.5)).toBeCloseTo(0, 9);
    expect(lerpAngle(0, 90, 0.5)).toBeCloseTo(45, 9);
    expect(lerpAngle(90, 270, 0.25)).toBeCloseTo(45, 9); // 180 apart: either way; one is picked consistently
  });
});

describe('keyframes', () => {
  it('adds in time order and replaces one in the same millisecond', () => {
    let t = track(kf(2, 20));
    t = setKeyframe(t, kf(1, 10));
    t = setKeyframe(t, kf(3, 30));
    t = setKeyframe(t, kf(2.0004, 99));
    expect(t.keyframes.map((k) => [k.time, k.x])).toEqual([
      [1, 10],
      [2, 99],
      [3, 30],
    ]);
    // Times that round to the same millisecond never become two keyframes.
    t = setKeyframe(t, kf(1.0005, 1));
    t = setKeyframe(t, kf(1.0011, 2));
    const times = t.keyframes.map((k) => k.time);
    expect(times.every((time, i) => i === 0 || time > times[i - 1]!)).toBe(true);
    expect(setKeyframe(track(kf(1, 0)), kf(-1, 5)).keyframes[0]!.time).toBe(0);
  });
  it('finds a keyframe by time', () => {
    expect(keyframeAt(track(kf(0, 0), kf(1.5, 0)), 1.5002)).toBe(1);
    expect(keyframeAt(track(kf(0, 0)), 0.01)).toBe(-1);
  });
  it('deletes keyframes; the last one deletes the track', () => {
    expect(deleteKeyframe(track(kf(0, 0), kf(1, 5)), 0)).toEqual(track(kf(1, 5)));
    expect(deleteKeyframe(track(kf(0, 0)), 0)).toBeNull();
  });
  it('moves the box at a time by adding a keyframe there', () => {
    const t = moveBoxAt(track(kf(0, 0), kf(4, 40)), 2, { x: 50, y: 50, width: 10, height: 10, rotation: 0 });
    expect(t.keyframes.map((k) => [k.time, k.x])).toEqual([
      [0, 0],
      [2, 50],
      [4, 40],
    ]);
  });
  it('pins the shown box as a keyframe', () => {
    const t = pinKeyframe(track(kf(0, 0), kf(4, 40)), 1);
    expect(t.keyframes[1]).toEqual(kf(1, 10));
    expect(pinKeyframe(t, 1)).toBe(t);
  });
  it('toggles outside at a keyframe and adds one between keyframes', () => {
    const base = track(kf(0, 0), kf(4, 40));
    const out = toggleOutside(base, 2);
    expect(out.keyframes[1]).toEqual(kf(2, 20, 0, 10, 10, 0, true));
    expect(boxAt(out, 3)).toBeNull();
    const back = toggleOutside(out, 2);
    expect(back.keyframes[1]).toEqual(kf(2, 20));
    // While hidden, O at a later time brings it back where it was last seen.
    const again = toggleOutside(out, 3);
    expect(again.keyframes[2]).toEqual(kf(3, 20));
    expect(boxAt(again, 3.5)).not.toBeNull();
  });
});

describe('boxes', () => {
  it('keeps an unrotated box inside the frame', () => {
    expect(clampBox({ x: 95, y: -3, width: 10, height: 120, rotation: 0 })).toEqual({ x: 90, y: 0, width: 10, height: 100, rotation: 0 });
    expect(clampBox({ x: 95, y: 5, width: 10, height: 0, rotation: -30 })).toEqual({ x: 95, y: 5, width: 10, height: 0.1, rotation: 330 });
  });
});

describe('values', () => {
  const t: Track = track(kf(0, 1, 1, 10, 10), kf(2.5, 30, 5, 12, 10), kf(4, 60, 5, 12, 10, 0, true));
  it('writes exactly the documented shape', () => {
    expect(tracksValue([t], false)).toEqual({
      tracks: [
        {
          label: 'car',
          keyframes: [
            { time: 0, x: 1, y: 1, width: 10, height: 10 },
            { time: 2.5, x: 30, y: 5, width: 12, height: 10 },
            { time: 4, x: 60, y: 5, width: 12, height: 10, outside: true },
          ],
        },
      ],
    });
  });
  it('writes rotation only when the control allows it', () => {
    const v = tracksValue([track(kf(0, 1, 1, 10, 10, 359.9999))], true) as { tracks: { keyframes: { rotation: number }[] }[] };
    expect(v.tracks[0]!.keyframes[0]!.rotation).toBe(0);
  });
  it('reads a value back, sorting keyframes and dropping malformed ones', () => {
    const read = readTracks({
      tracks: [
        { label: 'car', keyframes: [{ time: 2, x: 1, y: 1, width: 5, height: 5 }, { time: 1, x: 0, y: 0, width: 5, height: 5, outside: true }, { time: 3 }] },
        { label: 'empty', keyframes: [] },
        'junk',
      ],
    });
    expect(read).toEqual([{ label: 'car', keyframes: [{ ...kf(1, 0, 0, 5, 5), outside: true }, kf(2, 1, 1, 5, 5)] }]);
  });
});
