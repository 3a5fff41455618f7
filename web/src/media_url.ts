// Which task data values are shown as media, and the only addresses the page ever loads them
// from (security catalogue entry 50: a task's `javascript:` or `data:text/html` "URL" must
// never become a link, frame or media source). A value is media when its path ends in a known
// image, audio or video extension, and it is loaded only from:
//   - the server's own media route, "/api/v1/media?path=..." (files in --media-dir), as is;
//   - a file uploaded to a project, "/api/v1/projects/ID/media/SHA256.EXT", as is (exactly
//     the form the upload answers with: 64 lower-case hex digits and an accepted extension);
//   - the demo project's pictures built into the app, "/demo/shapes/NAME.png", as is;
//   - an absolute http(s) URL, through "/api/v1/media/fetch?url=..." (the server fetches it
//     with its outbound guard and checks the type; the page's CSP allows only its own origin).
// Everything else (other schemes, protocol-relative "//host", relative paths, backslashes,
// control characters) is shown as plain text. Media is never rendered as a link.

export type MediaKind = 'image' | 'audio' | 'video';

const EXTENSIONS: Record<string, MediaKind> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  avif: 'image',
  bmp: 'image',
  mp3: 'audio',
  wav: 'audio',
  ogg: 'audio',
  oga: 'audio',
  flac: 'audio',
  m4a: 'audio',
  aac: 'audio',
  opus: 'audio',
  mp4: 'video',
  m4v: 'video',
  webm: 'video',
  ogv: 'video',
  mov: 'video',
};

const OWN_MEDIA_PREFIX = '/api/v1/media?';
// Letters, digits, '-', '_' and one dot: no '..', no query, no other directory.
const DEMO_MEDIA = /^\/demo\/shapes\/[A-Za-z0-9_-]+\.png$/;
const FETCH_PREFIX = '/api/v1/media/fetch?url=';
// The URL POST /api/v1/projects/{id}/media answers with; nothing else under that path.
const UPLOADED_MEDIA =
  /^\/api\/v1\/projects\/[1-9][0-9]{0,18}\/media\/[0-9a-f]{64}\.(png|jpg|gif|webp|mp3|wav|ogg|flac|mp4|m4a|mov|webm)$/;

// Anything a browser would strip or reinterpret before parsing a URL.
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f\\]/;

function extensionKind(path: string): MediaKind | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return EXTENSIONS[name.slice(dot + 1).toLowerCase()] ?? null;
}

// The address to load `value` from, or null when it must be shown as text.
export function mediaSource(value: string): string | null {
  if (value.length === 0 || value.length > 8192 || UNSAFE_CHARACTERS.test(value)) return null;
  if (value.startsWith(OWN_MEDIA_PREFIX) || DEMO_MEDIA.test(value) || UPLOADED_MEDIA.test(value)) {
    return value;
  }
  if (!/^https?:\/\/[^/]/i.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return FETCH_PREFIX + encodeURIComponent(url.href);
}

// What kind of media `value` names, or null when it is not media the page shows.
export function mediaKind(value: string): MediaKind | null {
  if (mediaSource(value) === null) return null;
  if (value.startsWith(OWN_MEDIA_PREFIX)) {
    const path = new URLSearchParams(value.slice(OWN_MEDIA_PREFIX.length)).get('path');
    return path ? extensionKind(path) : null;
  }
  if (DEMO_MEDIA.test(value)) return 'image';
  if (UPLOADED_MEDIA.test(value)) return extensionKind(value);
  return extensionKind(new URL(value).pathname);
}

// The media to show for a task data value, or null for text.
export function taskMedia(value: unknown): { kind: MediaKind; src: string } | null {
  if (typeof value !== 'string') return null;
  const kind = mediaKind(value);
  const src = mediaSource(value);
  return kind && src ? { kind, src } : null;
}
