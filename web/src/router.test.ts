import { describe, expect, it } from 'vitest';
import { loginHash, parseRoute, safeNext } from './router';

describe('parseRoute', () => {
  it('reads each page', () => {
    expect(parseRoute('')).toEqual({ name: 'projects' });
    expect(parseRoute('#/projects')).toEqual({ name: 'projects' });
    expect(parseRoute('#/projects/3')).toEqual({ name: 'project', id: '3' });
    expect(parseRoute('#/projects/3/annotate')).toEqual({ name: 'annotate', id: '3' });
    expect(parseRoute('#/nope')).toEqual({ name: 'not_found', hash: '#/nope' });
  });

  it('round-trips the page to return to after login', () => {
    expect(parseRoute(loginHash('#/projects/3/annotate'))).toEqual({ name: 'login', next: '#/projects/3/annotate' });
  });

  it('never returns to somewhere outside the app', () => {
    expect(safeNext('https://evil.example/')).toBe('#/projects');
    expect(safeNext('//evil.example')).toBe('#/projects');
    expect(safeNext('#/login?next=x')).toBe('#/projects');
    expect(safeNext(null)).toBe('#/projects');
  });
});
