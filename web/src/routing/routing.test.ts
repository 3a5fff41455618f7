import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { DEFAULT_ROUTING, formFromRouting, routingFieldOf, routingFromForm, singleChoiceControls, tierRefusalOf } from './routing';

describe('routing form', () => {
  it('shows defaults for fields the server left out', () => {
    const form = formFromRouting({ dynamic: true, max_overlap: 3 });
    expect(form.dynamic).toBe(true);
    expect(form.required_tier).toBe('crowd');
    expect(form.numbers).toEqual({ max_overlap: '3', agree_at: '0.7', stop_confidence: '0.95', min_labels: '2', prior_skill: '0.7' });
    expect(formFromRouting(undefined).numbers.max_overlap).toBe('5');
  });

  it('builds the whole routing object for the PATCH', () => {
    const form = formFromRouting(undefined);
    form.dynamic = true;
    form.required_tier = 'expert';
    form.control = 'sentiment';
    form.numbers.max_overlap = ' 3 ';
    form.numbers.stop_confidence = '1';
    expect(routingFromForm(form, 2)).toEqual({
      ok: true,
      routing: { ...DEFAULT_ROUTING, required_tier: 'expert', dynamic: true, control: 'sentiment', max_overlap: 3, stop_confidence: 1 },
    });
  });

  it('round-trips a policy unchanged', () => {
    const policy = { ...DEFAULT_ROUTING, agree_at: 0.55, prior_skill: 0, min_labels: 7 };
    expect(routingFromForm(formFromRouting(policy), 1)).toEqual({ ok: true, routing: policy });
  });

  it('names each field out of range or not a number', () => {
    const form = formFromRouting(undefined);
    form.numbers.max_overlap = '1'; // under the overlap of 2
    form.numbers.agree_at = '0.4';
    form.numbers.stop_confidence = 'x';
    form.numbers.min_labels = '1.5';
    form.numbers.prior_skill = '1.01';
    const built = routingFromForm(form, 2);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(Object.keys(built.errors).sort()).toEqual(['agree_at', 'max_overlap', 'min_labels', 'prior_skill', 'stop_confidence']);
  });

  it('maps server error fields to form fields', () => {
    expect(routingFieldOf('routing.control')).toBe('control');
    expect(routingFieldOf('routing.max_overlap')).toBe('max_overlap');
    expect(routingFieldOf('routing.nope')).toBeNull();
    expect(routingFieldOf('gold.rate')).toBeNull();
    expect(routingFieldOf(undefined)).toBeNull();
  });
});

describe('single choice controls', () => {
  it('lists choices controls that take one option', () => {
    const li = {
      controls: [
        { type: 'choices', name: 'sentiment', to: 'text', options: ['a', 'b'] },
        { type: 'choices', name: 'topics', to: 'text', options: ['a', 'b'], multiple: true },
        { type: 'rating', name: 'stars', to: 'text', max: 5 },
      ],
    };
    expect(singleChoiceControls(li as never)).toEqual(['sentiment']);
    expect(singleChoiceControls(undefined)).toEqual([]);
  });
});

describe('tier refusal', () => {
  it('is a 403 naming the tier field', () => {
    expect(tierRefusalOf(new ApiError({ status: 403, code: 'forbidden', message: 'needs expert', field: 'tier' }))).toBe('needs expert');
    expect(tierRefusalOf(new ApiError({ status: 403, code: 'forbidden', message: 'paused', field: 'gold' }))).toBeNull();
    expect(tierRefusalOf(new Error('x'))).toBeNull();
  });
});
