// The playhead the audio and video views drive: one small interface over a <video> element
// and over decoded audio played through Web Audio. Audio is not played by an <audio> element
// because the server answers media without Range support, so Chrome makes such media
// unseekable (seekable = [0, 0]); decoded audio seeks anywhere, and needs no blob: URL, which
// the CSP ("default-src 'self'") forbids.
import { useEffect, useState } from 'preact/hooks';

export interface Player {
  readonly duration: number | null; // Null until known.
  readonly currentTime: number;
  readonly paused: boolean;
  play(): void;
  pause(): void;
  seek(t: number): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

class Listeners {
  private set = new Set<() => void>();
  add(fn: () => void) {
    this.set.add(fn);
    return () => void this.set.delete(fn);
  }
  emit() {
    for (const fn of this.set) fn();
  }
}

// A <video> element; seeks work only where the server lets the browser seek (Range requests).
export class ElementPlayer implements Player {
  private listeners = new Listeners();
  private frame = 0;
  private unlisten: () => void;
  constructor(private media: HTMLMediaElement) {
    const events = ['timeupdate', 'durationchange', 'loadedmetadata', 'play', 'pause', 'seeked', 'ended'];
    const on = () => {
      this.listeners.emit();
      if (!media.paused && this.frame === 0) this.tick();
    };
    for (const e of events) media.addEventListener(e, on);
    this.unlisten = () => events.forEach((e) => media.removeEventListener(e, on));
  }
  // While playing, the playhead moves every animation frame, not only on timeupdate (4 Hz).
  private tick = () => {
    this.frame = 0;
    if (this.media.paused) return;
    this.listeners.emit();
    this.frame = requestAnimationFrame(this.tick);
  };
  get duration() {
    const d = this.media.duration;
    return Number.isFinite(d) && d > 0 ? d : null;
  }
  get currentTime() {
    return this.media.currentTime;
  }
  get paused() {
    return this.media.paused;
  }
  play() {
    this.media.play().catch(() => this.listeners.emit());
  }
  pause() {
    this.media.pause();
  }
  seek(t: number) {
    this.media.currentTime = t;
    this.listeners.emit();
  }
  subscribe(listener: () => void) {
    return this.listeners.add(listener);
  }
  dispose() {
    cancelAnimationFrame(this.frame);
    this.unlisten();
  }
}

// Decoded audio played through an AudioContext made on the first play (a key press or click,
// so the browser lets it start).
export class BufferPlayer implements Player {
  private listeners = new Listeners();
  private context: AudioContext | null = null;
  private source: AudioBufferSourceNode | null = null;
  private offset = 0; // The playhead when paused, or where the current play started.
  private startedAt = 0; // context.currentTime when it started.
  private frame = 0;
  constructor(private buffer: AudioBuffer) {}
  get duration() {
    return this.buffer.duration;
  }
  get paused() {
    return this.source === null;
  }
  get currentTime() {
    if (!this.source || !this.context) return this.offset;
    return Math.min(this.buffer.duration, this.offset + this.context.currentTime - this.startedAt);
  }
  play() {
    if (this.source) return;
    if (this.offset >= this.buffer.duration) this.offset = 0;
    this.context ??= new AudioContext();
    void this.context.resume().catch(() => undefined);
    const source = this.context.createBufferSource();
    source.buffer = this.buffer;
    source.connect(this.context.destination);
    source.onended = () => {
      if (this.source !== source) return;
      this.offset = this.buffer.duration;
      this.source = null;
      this.listeners.emit();
    };
    this.startedAt = this.context.currentTime;
    source.start(0, this.offset);
    this.source = source;
    this.tick();
  }
  pause() {
    if (!this.source) return;
    this.offset = this.currentTime;
    const source = this.source;
    this.source = null;
    source.stop();
    this.listeners.emit();
  }
  seek(t: number) {
    const playing = this.source !== null;
    if (playing) this.pause();
    this.offset = Math.min(this.buffer.duration, Math.max(0, t));
    if (playing) this.play();
    this.listeners.emit();
  }
  private tick = () => {
    this.listeners.emit();
    this.frame = this.source ? requestAnimationFrame(this.tick) : 0;
  };
  subscribe(listener: () => void) {
    return this.listeners.add(listener);
  }
  dispose() {
    cancelAnimationFrame(this.frame);
    this.pause();
    void this.context?.close().catch(() => undefined);
  }
}

// Re-renders the calling component whenever the player's time, duration or state changes.
export function usePlayer(player: Player | null): { time: number; duration: number | null; paused: boolean } {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!player) return;
    const unsubscribe = player.subscribe(() => setTick((n) => n + 1));
    setTick((n) => n + 1); // Catch up with what changed before subscribing (metadata loads fast).
    return unsubscribe;
  }, [player]);
  return { time: player?.currentTime ?? 0, duration: player?.duration ?? null, paused: player?.paused ?? true };
}
