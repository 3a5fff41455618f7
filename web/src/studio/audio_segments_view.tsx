// audio_segments: labelled time ranges on a waveform (speakers for diarization, with a
// transcription per segment when the control has `transcription`). The waveform is drawn here
// on a canvas from the decoded audio, not by wavesurfer.js: wavesurfer 7 injects a <style>
// element into its shadow DOM and plays from a blob: URL, both refused by the app's CSP. The
// audio comes only through taskMedia (media_url.ts) and is played through Web Audio
// (player.ts says why). Keys: see segments_editor.tsx.
import { useEffect, useRef, useState } from 'preact/hooks';
import { taskMedia } from '../media_url';
import type { AudioSegmentsControl } from './controls';
import { BufferPlayer } from './player';
import { SegmentsEditor } from './segments_editor';
import type { ViewProps } from './view';
import { mixDown, peaks } from './waveform';

type Loaded = { kind: 'loading' } | { kind: 'ready'; buffer: AudioBuffer } | { kind: 'error'; message: string };

async function decode(src: string, signal: AbortSignal): Promise<AudioBuffer> {
  const response = await fetch(src, { credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`the audio answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  // An OfflineAudioContext decodes without asking to play (no autoplay warning).
  return new OfflineAudioContext(1, 1, 44100).decodeAudioData(bytes);
}

function Waveform({ buffer }: { buffer: AudioBuffer }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current!;
    const samples = mixDown(Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i)));
    const draw = () => {
      const width = Math.max(1, Math.round(el.clientWidth * devicePixelRatio));
      const height = Math.max(1, Math.round(el.clientHeight * devicePixelRatio));
      el.width = width;
      el.height = height;
      const g = el.getContext('2d');
      if (!g) return;
      g.clearRect(0, 0, width, height);
      g.fillStyle = '#5b7fa6';
      const mid = height / 2;
      peaks(samples, width).forEach(([min, max], x) => g.fillRect(x, mid - max * mid, 1, Math.max(1, (max - min) * mid)));
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(el);
    return () => observer.disconnect();
  }, [buffer]);
  return <canvas class="av-waveform" ref={canvas} aria-hidden="true" />;
}

export function AudioSegmentsView({ control, task, value, onChange, disabled }: ViewProps<AudioSegmentsControl>) {
  const media = taskMedia(task.data[control.to]);
  const src = media?.kind === 'audio' ? media.src : null;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [player, setPlayer] = useState<BufferPlayer | null>(null);
  useEffect(() => {
    if (!src) return;
    const abort = new AbortController();
    let made: BufferPlayer | null = null;
    setLoaded({ kind: 'loading' });
    decode(src, abort.signal).then(
      (buffer) => {
        if (abort.signal.aborted) return;
        made = new BufferPlayer(buffer);
        setPlayer(made);
        setLoaded({ kind: 'ready', buffer });
      },
      (e: unknown) => {
        if (!abort.signal.aborted) setLoaded({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      abort.abort();
      made?.dispose();
      setPlayer(null);
    };
  }, [src]);
  if (!src) {
    return (
      <p class="error" role="alert">
        The field “{control.to}” of this task is not audio the studio can load.
      </p>
    );
  }
  return (
    <SegmentsEditor
      name={control.name}
      instruction={control.instruction}
      labels={control.labels}
      hotkeys={control.hotkeys}
      transcription={control.transcription}
      player={player}
      fps={null}
      value={value}
      onChange={onChange}
      disabled={disabled || loaded.kind !== 'ready'}
      media={null}
      behind={loaded.kind === 'ready' ? <Waveform buffer={loaded.buffer} /> : null}
      status={
        loaded.kind === 'loading' ? (
          <span class="muted small">Loading the audio…</span>
        ) : loaded.kind === 'error' ? (
          <span class="error small" role="alert">
            The audio could not be loaded: {loaded.message}
          </span>
        ) : null
      }
    />
  );
}
