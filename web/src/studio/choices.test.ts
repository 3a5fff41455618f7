import { describe, expect, it } from 'vitest';
import { assignHotkeys, isAmbiguous, pressChoiceKey, restoreChoices, submitsOnChoice, toggle, toggleAmbiguous } from './choices';
import { type Answer, isComplete, toResult } from './answer';
import type { ChoicesControl } from './controls';
import { History } from './history';

const control = (name: string, options: string[], multiple = false, ambiguous = false): ChoicesControl => ({
  type: 'choices',
  name,
  to: 'text',
  options,
  multiple,
  ambiguous,
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

describe('the ambiguous answer', () => {
  const unsure = { ...control('mood', ['pos', 'neg']), ambiguous: true, required: true };
  const tags = control('tags', ['a', 'b'], true, true);

  it('excludes the options both ways', () => {
    let a = toggle({}, unsure, 'pos');
    a = toggleAmbiguous(a, unsure);
    expect(a.mood).toEqual({ ambiguous: true });
    expect(isAmbiguous(a, unsure)).toBe(true);
    a = toggle(a, unsure, 'neg');
    expect(a.mood).toEqual({ choices: ['neg'] });
    expect(isAmbiguous(a, unsure)).toBe(false);
    // Multiple choice too: marking it drops every chosen option; pressing again clears it.
    let t = toggle(toggle({}, tags, 'a'), tags, 'b');
    t = toggleAmbiguous(t, tags);
    expect(t.tags).toEqual({ ambiguous: true });
    expect(toggleAmbiguous(t, tags).tags).toEqual({ choices: [] });
  });

  it('is refused where the control does not allow it', () => {
    const a = toggle({}, single, 'pos');
    expect(toggleAmbiguous(a, single)).toBe(a);
    expect(isAmbiguous({ sentiment: { ambiguous: true } }, single)).toBe(false);
    expect(restoreChoices({ ambiguous: true }, single)).toBeUndefined();
  });

  it('completes a required control and is what the submission carries', () => {
    const a = toggleAmbiguous({}, unsure);
    expect(isComplete(a, [unsure])).toBe(true);
    expect(toResult(a, [unsure])).toEqual({ mood: { ambiguous: true } });
    expect(isComplete(toggleAmbiguous(a, unsure), [unsure])).toBe(false);
  });

  it('has the ? key on the first control that allows it, after the number keys', () => {
    const keys = assignHotkeys([single, unsure, tags]);
    expect(keys.filter((k) => k.ambiguous)).toEqual([{ key: '?', control: 'mood', option: '', ambiguous: true }]);
    expect(keys.map((k) => k.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '?']);
    expect(assignHotkeys([single]).some((k) => k.ambiguous)).toBe(false);
    const q = keys.find((k) => k.key === '?')!;
    expect(pressChoiceKey({}, unsure, q).mood).toEqual({ ambiguous: true });
    expect(pressChoiceKey(pressChoiceKey({}, unsure, q), unsure, q).mood).toEqual({ choices: [] });
  });

  it('survives a draft restore and undo/redo like a choice', () => {
    expect(restoreChoices({ ambiguous: true }, unsure)).toEqual({ ambiguous: true });
    expect(restoreChoices({ ambiguous: false, choices: ['pos'] }, unsure)).toEqual({ choices: ['pos'] });
    const h = new History<Answer>({});
    const chose = toggle({}, unsure, 'pos');
    h.push(chose, 'mood', 0);
    h.push(toggleAmbiguous(chose, unsure), 'mood', 10_000);
    expect(h.undo().mood).toEqual({ choices: ['pos'] });
    expect(h.redo().mood).toEqual({ ambiguous: true });
  });
});
