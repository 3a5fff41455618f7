import { describe, expect, it } from 'vitest';
import { isComplete, submitsOnChoice, toggle, toResult } from './choice_state';
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
