import { describe, expect, it } from 'vitest';
import { buildChoicesInterface, choicesControls, dataText, parseOptions } from './interface_builder';
import type { ChoicesControl } from './types';

const form = { name: 'sentiment', dataField: 'text', options: 'positive, negative ,neutral', multiple: false };

describe('buildChoicesInterface', () => {
  it('builds the choices interface the API expects', () => {
    expect(buildChoicesInterface(form)).toEqual({
      ok: true,
      value: {
        controls: [
          { type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative', 'neutral'], multiple: false },
        ],
      },
    });
  });

  it('keeps multiple and trims names', () => {
    const built = buildChoicesInterface({ ...form, name: ' topic ', dataField: ' body ', multiple: true });
    expect(built.ok && built.value.controls[0]).toMatchObject({ name: 'topic', to: 'body', multiple: true });
  });

  it('drops empty options', () => {
    expect(parseOptions(' a, ,b,, c ,')).toEqual(['a', 'b', 'c']);
  });

  it('names each bad field', () => {
    const built = buildChoicesInterface({ name: '1st label', dataField: ' ', options: 'only', multiple: false });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.errors.map((e) => e.field)).toEqual(['name', 'dataField', 'options']);
  });

  it('refuses a repeated option and names it', () => {
    const built = buildChoicesInterface({ ...form, options: 'yes, no, yes' });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.errors[0]!.message).toContain('"yes"');
  });

  it('round-trips through choicesControls', () => {
    const built = buildChoicesInterface(form);
    expect(built.ok && choicesControls(built.value)).toEqual(built.ok ? built.value.controls : null);
  });
});

describe('choicesControls', () => {
  it('keeps only well-formed choices controls', () => {
    const controls = choicesControls({
      controls: [
        { type: 'labels', name: 'ner', to: 'text' },
        { type: 'choices', name: 'a', to: 'text', options: ['x', 'y'] } as unknown as ChoicesControl,
        { type: 'choices', name: 'b', to: 'text', options: 'x,y' } as unknown as ChoicesControl,
      ],
    });
    expect(controls).toEqual([{ type: 'choices', name: 'a', to: 'text', options: ['x', 'y'], multiple: false }]);
  });

  it('answers none for a missing interface', () => {
    expect(choicesControls(null)).toEqual([]);
    expect(choicesControls({} as never)).toEqual([]);
  });
});

describe('dataText', () => {
  it('shows strings as they are, other values as JSON, missing as empty', () => {
    expect(dataText({ text: '<b>hi</b>' }, 'text')).toBe('<b>hi</b>');
    expect(dataText({ n: 3 }, 'n')).toBe('3');
    expect(dataText({}, 'text')).toBe('');
  });
});
