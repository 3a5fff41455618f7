// Reads a task value as a chat transcript (what a model output often is): a list of
// {role, content} messages, or the JSON text of one, or {messages: [...]}. Content stays text:
// it is split into prose and ``` fenced code only so the view can show code preformatted.
export interface ChatMessage {
  role: string;
  content: string;
}
export type Segment = { kind: 'text'; text: string } | { kind: 'code'; lang: string; text: string };

// The text of a message's content: a string, or OpenAI-style parts whose text parts are joined.
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts = content.map((part) => {
    if (typeof part === 'string') return part;
    if (part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
      return (part as { text: string }).text;
    }
    // A non-text part (an image, a tool call) is named, never loaded.
    const type = part !== null && typeof part === 'object' ? (part as { type?: unknown }).type : undefined;
    return `[${typeof type === 'string' ? type : 'part'}]`;
  });
  return parts.join('\n');
}

function messagesOf(list: unknown[]): ChatMessage[] | null {
  if (list.length === 0) return null;
  const messages: ChatMessage[] = [];
  for (const item of list) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
    const { role, content } = item as { role?: unknown; content?: unknown };
    const text = content === null || content === undefined ? '' : contentText(content);
    if (typeof role !== 'string' || text === null) return null;
    messages.push({ role, content: text });
  }
  return messages;
}

// The messages `value` holds, or null when it is not a transcript (then it is shown as text).
export function parseTranscript(value: unknown): ChatMessage[] | null {
  let v = value;
  if (typeof v === 'string') {
    const trimmed = v.trim();
    // Only text that looks like JSON is parsed: an ordinary answer stays an ordinary answer.
    if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return null;
    try {
      v = JSON.parse(trimmed);
    } catch {
      return null;
    }
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { messages?: unknown }).messages)) {
    v = (v as { messages: unknown[] }).messages;
  }
  return Array.isArray(v) ? messagesOf(v) : null;
}

const FENCE = /^ {0,3}```/;

// Prose and fenced code blocks of `text`, in order; an unclosed fence runs to the end.
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const lines = text.split('\n');
  let prose: string[] = [];
  let code: string[] | null = null;
  let lang = '';
  const flushProse = () => {
    if (prose.length > 0 && prose.join('\n') !== '') out.push({ kind: 'text', text: prose.join('\n') });
    prose = [];
  };
  for (const line of lines) {
    if (code === null && FENCE.test(line)) {
      flushProse();
      code = [];
      lang = line.trim().slice(3).trim();
    } else if (code !== null && FENCE.test(line) && line.trim() === '```') {
      out.push({ kind: 'code', lang, text: code.join('\n') });
      code = null;
    } else if (code !== null) {
      code.push(line);
    } else {
      prose.push(line);
    }
  }
  if (code !== null) out.push({ kind: 'code', lang, text: code.join('\n') });
  flushProse();
  return out;
}
