// video_segments: labelled time ranges of a video (a per-frame label is a one-frame segment).
// The video comes only through taskMedia; the timeline, list and keys are segments_editor.tsx's,
// with , and . stepping one frame at the control's frame_rate (the browser does not tell it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { taskMedia } from '../media_url';
import type { VideoSegmentsControl } from './controls';
import { ElementPlayer } from './player';
import { SegmentsEditor } from './segments_editor';
import type { ViewProps } from './view';

// A player for the <video> the ref points at, made once it is mounted.
export function useVideoPlayer(src: string | null) {
  const video = useRef<HTMLVideoElement>(null);
  const [player, setPlayer] = useState<ElementPlayer | null>(null);
  useEffect(() => {
    if (!video.current) return;
    const made = new ElementPlayer(video.current);
    setPlayer(made);
    return () => made.dispose();
  }, [src]);
  return { video, player };
}

export function VideoSegmentsView({ control, task, value, onChange, disabled }: ViewProps<VideoSegmentsControl>) {
  const media = taskMedia(task.data[control.to]);
  const src = media?.kind === 'video' ? media.src : null;
  const { video, player } = useVideoPlayer(src);
  if (!src) {
    return (
      <p class="error" role="alert">
        The field “{control.to}” of this task is not a video the studio can load.
      </p>
    );
  }
  return (
    <SegmentsEditor
      name={control.name}
      instruction={control.instruction}
      labels={control.labels}
      hotkeys={control.hotkeys}
      transcription={false}
      player={player}
      fps={control.frame_rate}
      value={value}
      onChange={onChange}
      disabled={disabled}
      media={<video class="av-video" ref={video} src={src} preload="auto" playsInline />}
    />
  );
}
