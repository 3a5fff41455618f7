// A task data field as the annotator sees it: its media (only from the addresses media_url.ts
// allows, never as a link) or its text, always as a text node. An image's alternative text
// names the field, not the file: a file name may give the answer away.
import { dataText } from '../interface_builder';
import { taskMedia } from '../media_url';

export function TaskField({ field, data }: { field: string; data: Record<string, unknown> }) {
  const media = taskMedia(data[field]);
  if (media?.kind === 'image') return <img class="task-media" src={media.src} alt={`The ${field} to label`} />;
  if (media?.kind === 'audio') return <audio class="task-media" src={media.src} controls preload="metadata" />;
  if (media?.kind === 'video') return <video class="task-media" src={media.src} controls preload="metadata" />;
  return <p class="task-text">{dataText(data, field)}</p>;
}
