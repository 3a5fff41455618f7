// One output to judge (pairwise, ranking): a chat transcript as one bubble per message, media
// through taskMedia, anything else as text. Content is only ever a text node (model output is
// untrusted: markup in it must show as markup); fenced code is kept preformatted.
import { dataText } from '../interface_builder';
import { taskMedia } from '../media_url';
import { parseTranscript, segments, type ChatMessage } from './chat';

function Bubble({ message }: { message: ChatMessage }) {
  // The role picks a style only from a fixed set; any other role is shown but styled neutrally.
  const known = ['user', 'assistant', 'system', 'tool'].includes(message.role) ? message.role : 'other';
  return (
    <div class={`chat-message chat-${known}`}>
      <div class="chat-role">{message.role}</div>
      {segments(message.content).map((s, i) =>
        s.kind === 'code' ? (
          <pre class="chat-code" key={i} data-lang={s.lang || undefined}>
            <code>{s.text}</code>
          </pre>
        ) : (
          <p class="chat-text" key={i}>
            {s.text}
          </p>
        ),
      )}
    </div>
  );
}

// The prompt that pairwise and ranking controls answer, above their outputs.
export function Prompt({ value }: { value: unknown }) {
  return (
    <div class="pair-prompt">
      <h2 class="field-name">Prompt</h2>
      <Output value={value} label="The prompt" />
    </div>
  );
}

export function Output({ value, label }: { value: unknown; label: string }) {
  const messages = parseTranscript(value);
  if (messages) {
    return (
      <div class="chat" role="group" aria-label={label}>
        {messages.map((m, i) => (
          <Bubble message={m} key={i} />
        ))}
      </div>
    );
  }
  const media = taskMedia(value);
  if (media?.kind === 'image') return <img class="task-media" src={media.src} alt={label} />;
  if (media?.kind === 'audio') return <audio class="task-media" src={media.src} controls preload="metadata" />;
  if (media?.kind === 'video') return <video class="task-media" src={media.src} controls preload="metadata" />;
  return <p class="task-text output-text">{dataText({ v: value }, 'v')}</p>;
}
