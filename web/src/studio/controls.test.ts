import { describe, expect, it } from 'vitest';
import { studioControls } from './controls';
import { stepFrames } from './media_time';

describe('video controls', () => {
  const video = (extra: Record<string, unknown>) =>
    studioControls({ controls: [{ type: 'video_tracks', name: 'tracks', to: 'video', labels: ['car'], ...extra }] })[0];

  it('read the declared frame rate, 25 when none or out of range', () => {
    expect(video({ frame_rate: 29.97 })).toMatchObject({ type: 'video_tracks', frame_rate: 29.97 });
    expect(video({})).toMatchObject({ frame_rate: 25 });
    expect(video({ frame_rate: 0 })).toMatchObject({ frame_rate: 25 });
    expect(video({ frame_rate: '60' })).toMatchObject({ frame_rate: 25 });
  });
  it('step one frame of their own rate', () => {
    expect(stepFrames(0, 1, 60, 10)).toBeCloseTo(1 / 60, 9);
    expect(stepFrames(1, 1, 29.97, 10)).toBeCloseTo(30 / 29.97, 9);
  });
});
