// @vitest-environment happy-dom
// The reviewer view shows answers with the studio's views, `disabled`. This checks each
// non-media view truly ignores a person while disabled: every click, key and typed input that
// a browser would deliver (so not to disabled elements, nor inside a disabled fieldset) leaves
// onChange and onAnswer uncalled.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { studioControls } from '../studio/controls';
import { assignHotkeys } from '../studio/choices';
import { ControlView } from '../studio/registry';
import type { LabelInterface, Task } from '../types';

const task: Task = { id: 1, data: { text: 'Cheap but late.', a: 'Answer A', b: 'Answer B', items: ['x', 'y', 'z'] } };
const labelInterface = {
  controls: [
    { type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] },
    { type: 'choices', name: 'topics', to: 'text', options: ['price', 'delivery'], multiple: true },
    { type: 'rating', name: 'stars', to: 'text', min: 1, max: 5 },
    { type: 'number', name: 'count', to: 'text', min: 0, max: 10 },
    { type: 'text', name: 'rewrite', to: 'text' },
    { type: 'pairwise', name: 'better', to: ['a', 'b'], allow_tie: true },
    { type: 'ranking', name: 'order', to: 'items' },
    { type: 'spans', name: 'entities', to: 'text', labels: ['PRICE', 'TIME'] },
    { type: 'relations', name: 'links', between: 'entities', labels: ['about'] },
  ],
} as unknown as LabelInterface;
const answer = {
  sentiment: { choices: ['negative'] },
  topics: { choices: ['price'] },
  stars: { rating: 2 },
  count: { number: 3 },
  rewrite: { text: 'Cheap, late.' },
  better: { choice: 'A' },
  order: { order: [2, 0, 1] },
  entities: { spans: [{ start: 0, end: 5, label: 'PRICE', text: 'Cheap' }, { start: 10, end: 14, label: 'TIME', text: 'late' }] },
  links: { relations: [{ from: 0, to: 1, label: 'about' }] },
};

// What a browser delivers nothing to: a disabled control, or one inside a disabled fieldset
// (outside its first legend).
function inert(el: Element): boolean {
  if ((el as HTMLButtonElement).disabled) return true;
  const fieldset = el.closest('fieldset[disabled]');
  if (!fieldset) return false;
  const legend = fieldset.querySelector(':scope > legend');
  return !(legend && legend.contains(el));
}

const keys = ['1', '2', 'a', 'b', 't', 'x', 'f', 'j', 'k', 'c', 'Enter', ' ', 'Delete', 'Backspace', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', '[', ']'];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('read-only views', () => {
  for (const control of studioControls(labelInterface)) {
    it(`${control.type} (${control.name}) changes nothing while disabled`, async () => {
      const calls: string[] = [];
      const host = document.createElement('div');
      document.body.appendChild(host);
      const controls = studioControls(labelInterface);
      await act(() => {
        render(
          h(ControlView, {
            control,
            task,
            value: answer[control.name as keyof typeof answer],
            answer,
            hotkeys: assignHotkeys(controls),
            disabled: true,
            onChange: (v) => calls.push(`change ${JSON.stringify(v)}`),
            controls,
            onAnswer: (a) => calls.push(`answer ${JSON.stringify(a)}`),
          }),
          host,
        );
      });
      expect(host.querySelector('[role="alert"]')).toBeNull(); // Shown, not "cannot be shown".
      const targets = [host, ...host.querySelectorAll('*')].filter((el) => !inert(el));
      for (const el of targets) {
        await act(() => {
          el.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
          el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          if (el instanceof HTMLElement && el.tabIndex >= 0) el.focus();
          for (const key of keys) {
            el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
            el.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: true, bubbles: true, cancelable: true }));
          }
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
            el.value = '7';
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
          }
        });
      }
      for (const key of keys) {
        await act(() => {
          window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        });
      }
      expect(calls).toEqual([]);
      render(null, host);
    });
  }
});
