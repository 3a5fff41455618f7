import { describe, expect, it } from 'vitest';
import { adjudicationHash, agreementHash, dashboardHash, datasheetHash, diversityHash, draftsHash, goldHash, joinLink, loginHash, parseRoute, payHash, reviewHash, routingHash, safeNext, tasksHash, wellbeingHash } from './router';

describe('parseRoute', () => {
  it('reads each page', () => {
    expect(parseRoute('')).toEqual({ name: 'projects' });
    expect(parseRoute('#/projects')).toEqual({ name: 'projects' });
    expect(parseRoute('#/projects/3')).toEqual({ name: 'project', id: '3' });
    expect(parseRoute('#/projects/3/annotate')).toEqual({ name: 'annotate', id: '3' });
    expect(parseRoute('#/projects/3/tasks')).toEqual({ name: 'tasks', id: '3' });
    expect(parseRoute(tasksHash(7))).toEqual({ name: 'tasks', id: '7' });
    expect(parseRoute('#/projects/3/review')).toEqual({ name: 'review', id: '3' });
    expect(parseRoute(reviewHash(7))).toEqual({ name: 'review', id: '7' });
    expect(parseRoute('#/projects/3/gold')).toEqual({ name: 'gold', id: '3' });
    expect(parseRoute(goldHash(7))).toEqual({ name: 'gold', id: '7' });
    expect(parseRoute('#/projects/3/adjudication')).toEqual({ name: 'adjudication', id: '3' });
    expect(parseRoute(adjudicationHash(7))).toEqual({ name: 'adjudication', id: '7' });
    expect(parseRoute('#/projects/3/routing')).toEqual({ name: 'routing', id: '3' });
    expect(parseRoute(routingHash(7))).toEqual({ name: 'routing', id: '7' });
    expect(parseRoute(payHash(7))).toEqual({ name: 'pay', id: '7' });
    expect(parseRoute(wellbeingHash(7))).toEqual({ name: 'wellbeing', id: '7' });
    expect(parseRoute(diversityHash(7))).toEqual({ name: 'diversity', id: '7' });
    expect(parseRoute(draftsHash(7))).toEqual({ name: 'drafts', id: '7' });
    expect(parseRoute(agreementHash(7))).toEqual({ name: 'agreement', id: '7' });
    expect(parseRoute(dashboardHash(7))).toEqual({ name: 'dashboard', id: '7' });
    expect(parseRoute(datasheetHash(7))).toEqual({ name: 'datasheet', id: '7' });
    expect(adjudicationHash(7)).toBe('#/projects/7/adjudication');
    expect(parseRoute('#/people')).toEqual({ name: 'people' });
    expect(parseRoute('#/account')).toEqual({ name: 'account' });
    expect(parseRoute('#/nope')).toEqual({ name: 'not_found', hash: '#/nope' });
  });

  it('carries an invitation token through the link it builds', () => {
    const token = 'chorus_invite_a+b/c=d&e';
    const link = joinLink('https://chorus.example', token);
    expect(link.startsWith('https://chorus.example/#/join?token=')).toBe(true);
    expect(parseRoute(link.slice(link.indexOf('#')))).toEqual({ name: 'join', token });
    expect(parseRoute('#/join')).toEqual({ name: 'join', token: '' });
  });

  it('round-trips the page to return to after login', () => {
    expect(parseRoute(loginHash('#/projects/3/annotate'))).toEqual({ name: 'login', next: '#/projects/3/annotate' });
  });

  it('never returns to somewhere outside the app', () => {
    expect(safeNext('https://evil.example/')).toBe('#/projects');
    expect(safeNext('//evil.example')).toBe('#/projects');
    expect(safeNext('#/login?next=x')).toBe('#/projects');
    expect(safeNext('#/join?token=x')).toBe('#/projects');
    expect(safeNext(null)).toBe('#/projects');
  });
});
