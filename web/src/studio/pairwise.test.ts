import { describe, expect, it } from 'vitest';
import { studioControls, type PairwiseControl } from './controls';
import { answerForKey, chosenPair, pairAnswers } from './pairwise';

const control = (extra: Record<string, unknown>) =>
  studioControls({ controls: [{ type: 'pairwise', name: 'pref', to: ['a', 'b'], ...extra } as never] })[0] as PairwiseControl;
const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('pairwise answers', () => {
  it('offers tie and both bad only when allowed', () => {
    expect(pairAnswers(control({})).map((a) => a.choice)).toEqual(['a', 'b']);
    expect(pairAnswers(control({ allow_tie: true, allow_both_bad: true })).map((a) => a.choice)).toEqual([
      'a',
      'b',
      'tie',
      'both_bad',
    ]);
  });

  it('maps letter keys in either case, never digits or modified keys', () => {
    const all = control({ allow_tie: true, allow_both_bad: true });
    expect(answerForKey(all, key('a'))?.choice).toBe('a');
    expect(answerForKey(all, key('B'))?.choice).toBe('b');
    expect(answerForKey(all, key('t'))?.choice).toBe('tie');
    expect(answerForKey(all, key('x'))?.choice).toBe('both_bad');
    expect(answerForKey(control({}), key('t'))).toBeNull();
    expect(answerForKey(all, key('1'))).toBeNull();
    expect(answerForKey(all, key('s'))).toBeNull();
    expect(answerForKey(all, key('a', { ctrlKey: true }))).toBeNull();
  });

  it('keeps a saved choice only when it is still offered', () => {
    expect(chosenPair(control({ allow_tie: true }), { choice: 'tie' })).toBe('tie');
    expect(chosenPair(control({}), { choice: 'tie' })).toBeNull();
    expect(chosenPair(control({}), undefined)).toBeNull();
  });
});
