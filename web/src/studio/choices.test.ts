import { describe, expect, it } from 'vitest';
import { assignHotkeys, restoreChoices, submitsOnChoice, toggle } from './choices';
import type { ChoicesControl } from './controls';

const control = (name: string, options: string[], multiple = false): ChoicesControl => ({
  type: 'choices',
  name,
  to: 'text',
  options,
  multiple,
  hotkeys: [],
  instruction: '',
  required: false,
});
const single = control('sentiment', ['pos', 'neg', 'neu']);
const multi = control('topics', ['a', 'b', 'c'], true);

describe('toggle', () => {
  it('replaces the answer of a single-choice control', () => {
    expect(toggle(toggle({}, single, 'pos'), single, 'neg')).toEqual({ sentiment: { choices: ['neg'] } });
  });

  it('toggles options of a multiple-choice control in declared order', () => {
    let a = toggle({}, multi, 'c');
    a = toggle(a, multi, 'a');
    expect(a.topics).toEqual({ choices: ['a', 'c'] });
    expect(toggle(a, multi, 'c').topics).toEqual({ choices: ['a'] });
  });

  it('does not change the answer it was given', () => {
    const before = { topics: { choices: ['a'] } };
    toggle(before, multi, 'b');
    expect(before).toEqual({ topics: { choices: ['a'] } });
  });
});

describe('submitsOnChoice', () => {
  it('submits on the key only for one single-choice control', () => {
    expect(submitsOnChoice([single])).toBe(true);
    expect(submitsOnChoice([multi])).toBe(false);
    expect(submitsOnChoice([single, { ...single, name: 'other' }])).toBe(false);
  });
});

describe('assignHotkeys', () => {
  it('numbers options 1..9 across choices controls in order and stops at nine', () => {
    const keys = assignHotkeys([control('a', ['a0', 'a1', 'a2']), control('b', ['b0', 'b1'])]);
    expect(keys.map((k) => `${k.key}:${k.option}`)).toEqual(['1:a0', '2:a1', '3:a2', '4:b0', '5:b1']);
    const many = assignHotkeys([control('a', Array.from({ length: 12 }, (_, i) => `a${i}`))]);
    expect(many).toHaveLength(9);
    expect(many[8]).toEqual({ key: '9', control: 'a', option: 'a8' });
  });
});

describe('restoreChoices', () => {
  it('drops options the interface no longer has and keeps one for a single choice', () => {
    expect(restoreChoices({ choices: ['gone', 'neu'] }, single)).toEqual({ choices: ['neu'] });
    expect(restoreChoices({ choices: ['neg', 'pos'] }, single)).toEqual({ choices: ['pos'] });
    expect(restoreChoices({ choices: ['x'] }, multi)).toBeUndefined();
  });

  it('reads malformed drafts as nothing', () => {
    expect(restoreChoices(null, single)).toBeUndefined();
    expect(restoreChoices('text', single)).toBeUndefined();
    expect(restoreChoices({ choices: 'pos' }, single)).toBeUndefined();
  });
});
