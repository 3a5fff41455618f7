import { describe, expect, it } from 'vitest';
import { mediaKind, mediaSource, taskMedia } from './media_url';

describe('mediaSource', () => {
  it('loads http(s) media through the server fetch route', () => {
    expect(mediaSource('https://example.org/cats/1.jpg')).toBe(
      '/api/v1/media/fetch?url=' + encodeURIComponent('https://example.org/cats/1.jpg'),
    );
    expect(mediaSource('HTTP://Example.org/a b.png'.replace(' ', '%20'))).toBe(
      '/api/v1/media/fetch?url=' + encodeURIComponent('http://example.org/a%20b.png'),
    );
  });

  it('keeps the server media route as it is', () => {
    expect(mediaSource('/api/v1/media?path=cats/1.jpg')).toBe('/api/v1/media?path=cats/1.jpg');
  });

  it('keeps the demo pictures built into the app, and nothing else under /demo', () => {
    expect(taskMedia('/demo/shapes/picture-01.png')).toEqual({ kind: 'image', src: '/demo/shapes/picture-01.png' });
    for (const value of ['/demo/shapes/../../api/v1/x.png', '/demo/other/a.png', '/demo/shapes/a.png?x=1', '/demo/shapes/a.svg']) {
      expect(mediaSource(value), value).toBeNull();
    }
  });

  it('keeps files uploaded to a project, in exactly the form the upload answers with', () => {
    const hex = 'ebf4f635a17d10d6eb46ba680b70142419aa3220f228001a036d311a22ee9d2a';
    expect(taskMedia(`/api/v1/projects/3/media/${hex}.png`)).toEqual({
      kind: 'image',
      src: `/api/v1/projects/3/media/${hex}.png`,
    });
    expect(mediaKind(`/api/v1/projects/12/media/${hex}.m4a`)).toBe('audio');
    expect(mediaKind(`/api/v1/projects/12/media/${hex}.mov`)).toBe('video');
    for (const value of [
      `/api/v1/projects/3/media/${hex.toUpperCase()}.png`,
      `/api/v1/projects/3/media/${hex}.PNG`,
      `/api/v1/projects/3/media/${hex}.svg`,
      `/api/v1/projects/3/media/${hex.slice(1)}.png`,
      `/api/v1/projects/3/media/${hex}.png?x=1`,
      `/api/v1/projects/3/media/../${hex}.png`,
      `/api/v1/projects/x/media/${hex}.png`,
      `/api/v1/projects/0/media/${hex}.png`,
      `/api/v1/projects/3/media/${hex}.png/`,
      `/api/v1/projects/3/media/a/${hex}.png`,
    ]) {
      expect(mediaSource(value), value).toBeNull();
    }
  });

  // Catalogue entry 50: client-side schemes and look-alikes never become a source.
  it('refuses every other scheme and form', () => {
    for (const value of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'javascript://example.org/%0Aalert(1)//x.png',
      'data:text/html,<script>alert(1)</script>',
      'data:image/png;base64,iVBORw0KGgo=',
      'vbscript:msgbox(1)',
      'blob:https://example.org/1234',
      'file:///etc/passwd.png',
      'ftp://example.org/x.png',
      '//evil.example/x.png',
      '/\\evil.example/x.png',
      'https:\\\\evil.example\\x.png',
      'https:/evil.example/x.png',
      'cats/1.jpg',
      '/api/v1/mediaX?path=1.jpg',
      '/api/v1/media/../../x.png',
      '',
    ]) {
      expect(mediaSource(value), value).toBeNull();
      expect(taskMedia(value), value).toBeNull();
    }
  });
});

describe('mediaKind', () => {
  it('tells images, audio and video by extension', () => {
    expect(mediaKind('https://example.org/a/B.JPG?size=2')).toBe('image');
    expect(mediaKind('https://example.org/clip.webm#t=3')).toBe('video');
    expect(mediaKind('https://example.org/talk.mp3')).toBe('audio');
    expect(mediaKind('/api/v1/media?root=1&path=cats%2F1.png')).toBe('image');
  });

  it('leaves everything else as text', () => {
    expect(mediaKind('https://example.org/page.html')).toBeNull();
    expect(mediaKind('https://example.org/drawing.svg')).toBeNull();
    expect(mediaKind('https://example.org/')).toBeNull();
    expect(mediaKind('https://example.org/x.png.html')).toBeNull();
    expect(mediaKind('/api/v1/media?path=notes.txt')).toBeNull();
    expect(taskMedia(42)).toBeNull();
    expect(taskMedia({ url: 'https://example.org/1.jpg' })).toBeNull();
  });
});
