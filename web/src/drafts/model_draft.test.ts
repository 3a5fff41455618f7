import { describe, expect, it } from 'vitest';
import { studioControls } from '../studio/controls';
import { draftKeyAction, draftNote, draftStatus, modelDraftOf } from './model_draft';

const controls = studioControls({
  controls: [
    { type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] },
    { type: 'choices', name: 'topics', to: 'text', options: ['a', 'b'], multiple: true },
  ],
});
const sent = { sentiment: { choices: ['positive'] }, topics: { choices: ['a', 'b'] } };

describe('modelDraftOf', () => {
  it('pre-fills the model draft', () => {
    const draft = modelDraftOf({ model_draft: sent, draft: null }, controls);
    expect(draft?.answer).toEqual({ sentiment: { choices: ['positive'] }, topics: { choices: ['a', 'b'] } });
    expect(draft?.rejected).toBe(false);
  });
  it('leaves the form alone without a draft, for the annotator’s own saved work and for returned work', () => {
    expect(modelDraftOf({ model_draft: null, draft: null }, controls)).toBeNull();
    expect(modelDraftOf({ draft: null }, controls)).toBeNull();
    expect(modelDraftOf({ model_draft: sent, draft: { result: {} } }, controls)).toBeNull();
    expect(modelDraftOf({ model_draft: sent, draft: null, returned: { comment: 'x' } }, controls)).toBeNull();
  });
  it('drops what the interface no longer offers', () => {
    expect(modelDraftOf({ model_draft: { sentiment: { choices: ['neutral'] } }, draft: null }, controls)).toBeNull();
  });
});

describe('draftStatus', () => {
  const draft = modelDraftOf({ model_draft: sent, draft: null }, controls)!;
  it('is unchanged while the answer equals the draft, in any order', () => {
    expect(draftStatus(draft, { topics: { choices: ['a', 'b'] }, sentiment: { choices: ['positive'] } }, controls)).toBe(
      'unchanged',
    );
  });
  it('is edited once the answer differs, and rejected once cleared', () => {
    expect(draftStatus(draft, { ...draft.answer, sentiment: { choices: ['negative'] } }, controls)).toBe('edited');
    expect(draftStatus({ ...draft, rejected: true }, {}, controls)).toBe('rejected');
    expect(draftNote('rejected')).toMatch(/from scratch/);
  });
});

describe('draft keys', () => {
  const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    shiftKey: true,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it('maps Shift+A, Shift+E and Shift+R, whatever the case the browser reports', () => {
    expect(draftKeyAction(key('A'))).toBe('accept');
    expect(draftKeyAction(key('e'))).toBe('edit');
    expect(draftKeyAction(key('R'))).toBe('reject');
  });
  it('leaves other keys and combinations to the page', () => {
    expect(draftKeyAction(key('a', { shiftKey: false }))).toBeNull();
    expect(draftKeyAction(key('A', { ctrlKey: true }))).toBeNull();
    expect(draftKeyAction(key('S'))).toBeNull();
  });
});
