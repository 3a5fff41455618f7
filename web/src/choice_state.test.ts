import { describe, expect, it } from 'vitest';
import { fromResult, isComplete, submitsOnChoice, toggle, toResult } from './choice_state';
import type { ChoicesControl } from './types';

const single: ChoicesControl = { type: 'choices', name: 'sentiment', to: 'text', options: ['pos', 'neg', 'neu'], multiple: false };
const multi: ChoicesControl = { type: 'choices', name: 'topics', to: 'text', options: ['a', 'b', 'c'], multiple: true };

describe('toggle', () => {
  it('replaces the answer of a single-choice control', () => {
    const s = toggle(toggle({}, single, 'pos'), single, 'neg');
    expect(s).toEqual({ sentiment: ['neg'] });
  });

  it('toggles options of a multiple-choice control in declared order', () => {
    let s = toggle({}, multi, 'c');
    s = toggle(s, multi, 'a');
    expect(s.topics).toEqual(['a', 'c']);
    expect(toggle(s, multi, 'c').topics).toEqual(['a']);
  });

  it('does not change the selection it was given', () => {
    const before = { topics: ['a'] };
    toggle(before, multi, 'b');
    expect(before).toEqual({ topics: ['a'] });
  });
});

describe('isComplete', () => {
  it('needs the one answer of every single-choice control', () => {
    expect(isComplete({}, [single])).toBe(false);
    expect(isComplete({ sentiment: ['pos'] }, [single])).toBe(true);
    expect(isComplete({ topics: ['a'] }, [single, multi])).toBe(false);
    expect(isComplete({ sentiment: ['pos'] }, [single, multi])).toBe(true);
  });

  it('needs something chosen when all controls are multiple', () => {
    expect(isComplete({}, [multi])).toBe(false);
    expect(isComplete({ topics: ['b'] }, [multi])).toBe(true);
  });

  it('is never complete without controls', () => {
    expect(isComplete({}, [])).toBe(false);
  });
});

describe('submitsOnChoice', () => {
  it('submits on the key only for one single-choice control', () => {
    expect(submitsOnChoice([single])).toBe(true);
    expect(submitsOnChoice([multi])).toBe(false);
    expect(submitsOnChoice([single, { ...single, name: 'other' }])).toBe(false);
  });
});

describe('toResult', () => {
  it('has one entry per control in the API shape', () => {
    expect(toResult({ sentiment: ['neg'] }, [single, multi])).toEqual({
      sentiment: { choices: ['neg'] },
      topics: { choices: [] },
    });
  });
});

describe('fromResult', () => {
  it('restores what toResult saved', () => {
    const selection = { sentiment: ['neg'], topics: ['a', 'c'] };
    expect(fromResult(toResult(selection, [single, multi]), [single, multi])).toEqual(selection);
  });

  it('drops options and controls the interface no longer has', () => {
    const saved = { sentiment: { choices: ['gone', 'neu'] }, topics: { choices: ['x'] }, old: { choices: ['a'] } };
    expect(fromResult(saved, [single, multi])).toEqual({ sentiment: ['neu'] });
  });

  it('keeps one answer for a single-choice control and reads malformed drafts as empty', () => {
    expect(fromResult({ sentiment: { choices: ['neg', 'pos'] } }, [single])).toEqual({ sentiment: ['pos'] });
    expect(fromResult(null, [single])).toEqual({});
    expect(fromResult('text', [single])).toEqual({});
    expect(fromResult({ sentiment: { choices: 'pos' } }, [single])).toEqual({});
  });
});
