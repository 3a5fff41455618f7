import { describe, expect, it } from 'vitest';
import { parseTranscript, segments } from './chat';

describe('parseTranscript', () => {
  const messages = [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello <b>there</b>' },
  ];

  it('reads a list of messages, its JSON text, and {messages}', () => {
    expect(parseTranscript(messages)).toEqual(messages);
    expect(parseTranscript(JSON.stringify(messages))).toEqual(messages);
    expect(parseTranscript({ messages })).toEqual(messages);
    expect(parseTranscript(`  ${JSON.stringify({ messages })}\n`)).toEqual(messages);
  });

  it('joins text parts and names other parts', () => {
    const parts = [{ role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: 'x' }] }];
    expect(parseTranscript(parts)).toEqual([{ role: 'user', content: 'Look\n[image_url]' }]);
    expect(parseTranscript([{ role: 'assistant', content: null }])).toEqual([{ role: 'assistant', content: '' }]);
  });

  it('leaves everything else as text', () => {
    expect(parseTranscript('Just an answer.')).toBeNull();
    expect(parseTranscript('[not json')).toBeNull();
    expect(parseTranscript('[1, 2]')).toBeNull();
    expect(parseTranscript([])).toBeNull();
    expect(parseTranscript([{ role: 'user' }, 'x'])).toBeNull();
    expect(parseTranscript([{ content: 'no role' }])).toBeNull();
    expect(parseTranscript({ role: 'user', content: 'one message, not a list' })).toBeNull();
    expect(parseTranscript(42)).toBeNull();
    expect(parseTranscript(null)).toBeNull();
  });
});

describe('segments', () => {
  it('splits prose from fenced code, keeping line breaks', () => {
    expect(segments('Try:\n```js\nlet a = 1;\n\nlet b = 2;\n```\nDone.')).toEqual([
      { kind: 'text', text: 'Try:' },
      { kind: 'code', lang: 'js', text: 'let a = 1;\n\nlet b = 2;' },
      { kind: 'text', text: 'Done.' },
    ]);
  });

  it('treats plain text as one segment and an unclosed fence as code to the end', () => {
    expect(segments('a\nb')).toEqual([{ kind: 'text', text: 'a\nb' }]);
    expect(segments('```\n<img src=x>')).toEqual([{ kind: 'code', lang: '', text: '<img src=x>' }]);
    expect(segments('')).toEqual([]);
  });
});
