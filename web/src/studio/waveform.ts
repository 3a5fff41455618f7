// The waveform the audio view draws itself on a canvas (wavesurfer.js 7 puts a <style>
// element in its shadow DOM and plays fetched audio from a blob: URL, both of which the app's
// CSP, "default-src 'self'", refuses): per pixel column the lowest and highest sample.
export type Peaks = Array<[min: number, max: number]>;

// `columns` min/max pairs over `samples` (one channel, -1..1); empty columns are [0, 0].
export function peaks(samples: Float32Array, columns: number): Peaks {
  const out: Peaks = [];
  if (columns <= 0) return out;
  const per = samples.length / columns;
  for (let c = 0; c < columns; c++) {
    const from = Math.floor(c * per);
    const to = Math.max(from + 1, Math.floor((c + 1) * per));
    let min = 0;
    let max = 0;
    for (let i = from; i < to && i < samples.length; i++) {
      const v = samples[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    out.push([min, max]);
  }
  return out;
}

// The channels mixed to one (the loudest of each instant matters, not stereo placement).
export function mixDown(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const length = Math.min(...channels.map((c) => c.length));
  const out = new Float32Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) out[i] = out[i]! + channel[i]! / channels.length;
  return out;
}
