import { describe, expect, it } from 'vitest';
import { clampTime, stepFrames, timeAtFraction } from './media_time';
import { mixDown, peaks } from './waveform';

describe('peaks', () => {
  it('gives the min and max of each column', () => {
    const samples = new Float32Array([0, 0.5, -0.25, 0.1, -1, 0.2, 0, 0]);
    expect(peaks(samples, 4)).toEqual([
      [0, 0.5],
      [-0.25, 0.10000000149011612],
      [-1, 0.20000000298023224],
      [0, 0],
    ]);
  });
  it('repeats samples when there are more columns than samples', () => {
    expect(peaks(new Float32Array([1, -1]), 4)).toEqual([
      [0, 1],
      [0, 1],
      [-1, 0],
      [-1, 0],
    ]);
    expect(peaks(new Float32Array(0), 0)).toEqual([]);
  });
  it('mixes channels down', () => {
    expect(Array.from(mixDown([new Float32Array([1, 0]), new Float32Array([0, -1])]))).toEqual([0.5, -0.5]);
  });
});

describe('media time', () => {
  it('steps whole frames at 25 fps, inside the media', () => {
    expect(stepFrames(0, 1, 25, 10)).toBeCloseTo(0.04, 9);
    expect(stepFrames(0.04, 1, 25, 10)).toBeCloseTo(0.08, 9);
    expect(stepFrames(0.05, -1, 25, 10)).toBeCloseTo(0, 9);
    expect(stepFrames(0, -1, 25, 10)).toBe(0);
    expect(stepFrames(9.99, 5, 25, 10)).toBe(10);
    // A pause that settles just short of a boundary (0.9199 s, shown as 0.920) still moves a frame.
    expect(stepFrames(0.9199, 1, 25, 10)).toBeCloseTo(0.96, 9);
    expect(stepFrames(0.9199, -1, 25, 10)).toBeCloseTo(0.88, 9);
  });
  it('clamps seeks and maps fractions', () => {
    expect(clampTime(-1, 5)).toBe(0);
    expect(clampTime(7, 5)).toBe(5);
    expect(clampTime(7, null)).toBe(7);
    expect(timeAtFraction(0.5, 4)).toBe(2);
    expect(timeAtFraction(1.5, 4)).toBe(4);
  });
});
