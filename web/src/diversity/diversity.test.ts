import { describe, expect, it } from 'vitest';
import { answersBody, diversityFieldOf, diversityFromForm, formFromDiversity, layoutBar, percentText } from './diversity';

const policy = {
  attributes: [{ name: 'region', question: 'Where do you live?', values: ['EU', 'Asia', 'Americas'] }],
  quota: { attribute: 'region', minimums: { EU: 1, Asia: 1 } },
};

describe('diversity policy form', () => {
  it('round-trips a policy through its form', () => {
    const form = formFromDiversity(policy);
    expect(form.attributes[0]!.values).toBe('EU, Asia, Americas');
    expect(form.minimums).toBe('EU=1, Asia=1');
    expect(diversityFromForm(form, 3)).toEqual({ ok: true, policy });
  });

  it('defaults to no questions and no quota', () => {
    expect(diversityFromForm(formFromDiversity(undefined), 1)).toEqual({ ok: true, policy: { attributes: [], quota: null } });
  });

  it('names the field at fault', () => {
    const form = formFromDiversity(policy);
    expect(diversityFromForm({ ...form, minimums: 'EU=2, Asia=2' }, 3)).toMatchObject({ ok: false, errors: { 'quota.minimums': expect.stringContaining('overlap (3)') } });
    expect(diversityFromForm({ ...form, minimums: 'Mars=1' }, 3)).toMatchObject({ ok: false, errors: { 'quota.minimums': expect.stringContaining('"Mars"') } });
    expect(diversityFromForm({ ...form, minimums: 'EU' }, 3)).toMatchObject({ ok: false, errors: { 'quota.minimums': expect.any(String) } });
    expect(diversityFromForm({ ...form, quotaAttribute: 'age' }, 3)).toMatchObject({ ok: false, errors: { 'quota.attribute': expect.any(String) } });
    const bad = { ...form, attributes: [{ name: 'Region!', question: '', values: 'a, a' }], quotaAttribute: '' };
    const built = diversityFromForm(bad, 3);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(Object.keys(built.errors).sort()).toEqual(['attributes[0].name', 'attributes[0].question', 'attributes[0].values']);
  });

  it('maps server fields to form fields', () => {
    expect(diversityFieldOf('diversity.attributes[1].values[0]')).toBe('attributes[1].values');
    expect(diversityFieldOf('diversity.quota.minimums.EU')).toBe('quota.minimums');
    expect(diversityFieldOf('diversity.quota.attribute')).toBe('quota.attribute');
    expect(diversityFieldOf('wellbeing.daily_cap')).toBeNull();
  });
});

describe('distribution bars', () => {
  it('splits the width by share and skips empty options', () => {
    const bars = layoutBar(
      [
        { label: 'pos', count: 3 },
        { label: 'neg', count: 0 },
        { label: 'mixed', count: 1 },
      ],
      200,
      10,
    );
    expect(bars.map((b) => [b.label, b.x, b.width])).toEqual([
      ['pos', 10, 150],
      ['mixed', 160, 50],
    ]);
    expect(percentText(bars[0]!.share)).toBe('75%');
    expect(layoutBar([{ label: 'pos', count: 0 }], 200)).toEqual([]);
  });
});

describe('answers', () => {
  it('sends "prefer not to say" as null', () => {
    expect(answersBody({ region: 'EU', language: '' })).toEqual({ region: 'EU', language: null });
  });
});
