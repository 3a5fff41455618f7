import { describe, expect, it } from 'vitest';
import { draftsFieldOf, draftsFromForm, draftsWarning, formFromDrafts } from './draft_policy';

describe('draft policy form', () => {
  it('round-trips a policy, the blind share as a percentage', () => {
    const policy = { enabled: true, model_version: 'm2', blind_share: 0.125 };
    const form = formFromDrafts(policy);
    expect(form).toEqual({ enabled: true, model_version: 'm2', blind_percent: '12.5' });
    expect(draftsFromForm(form)).toEqual({ ok: true, policy });
  });

  it('starts from the server defaults: off, the latest model, 10% blind', () => {
    expect(formFromDrafts(undefined)).toEqual({ enabled: false, model_version: '', blind_percent: '10' });
  });

  it('takes "30 %" and trims the model version', () => {
    expect(draftsFromForm({ enabled: true, model_version: '  m1 ', blind_percent: '30 %' })).toEqual({
      ok: true,
      policy: { enabled: true, model_version: 'm1', blind_share: 0.3 },
    });
  });

  it('refuses a share outside 0 to 100 beside its field', () => {
    for (const bad of ['', '150', '-5', 'ten', '1e2']) {
      expect(draftsFromForm({ enabled: true, model_version: '', blind_percent: bad })).toEqual({
        ok: false,
        errors: { blind_share: expect.stringContaining('0 to 100') },
      });
    }
  });

  it('maps the server fields to the form fields', () => {
    expect(draftsFieldOf('drafts.blind_share')).toBe('blind_share');
    expect(draftsFieldOf('drafts.model_version')).toBe('model_version');
    expect(draftsFieldOf('drafts.enabled')).toBe('enabled');
    expect(draftsFieldOf('drafts')).toBeNull();
    expect(draftsFieldOf('pay.rate')).toBeNull();
  });

  it('warns when drafts are on with no blind controls', () => {
    expect(draftsWarning({ enabled: true, model_version: '', blind_percent: '0' })).toMatch(/nothing to compare/);
    expect(draftsWarning({ enabled: false, model_version: '', blind_percent: '0' })).toBe('');
    expect(draftsWarning({ enabled: true, model_version: '', blind_percent: '10' })).toBe('');
  });
});
