// @vitest-environment happy-dom
// The accuracy table against a stubbed server: names from the account list, verdict badges,
// label rows behind the disclosure button, and no NaN in the bars.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccuracyTable } from './accuracy_table';

const report = {
  policy: {
    rate: 0.5,
    max_exposures: 25,
    warn_below: 0.9,
    pause_below: 0.8,
    min_answers: 2,
    qualification_items: 0,
    qualification_pass: 0.95,
    qualification_attempts: 2,
  },
  gold_items: 2,
  annotators: [
    {
      annotator_id: 3,
      answers: 2,
      correct: 0,
      accuracy: 0,
      ci95: { low: 0, high: 0.658 },
      verdict: 'paused',
      mean_score: 0,
      labels: [{ control: 'sentiment', label: 'negative', answers: 1, correct: 0, ci95: { low: 0, high: 0.79 } }],
    },
    { annotator_id: 4, answers: 1, correct: 1, accuracy: 1, ci95: { low: 0.2, high: 1 }, verdict: 'too_few_answers', mean_score: 1, labels: [] },
  ],
};

function stubServer() {
  return vi.fn(async (url: string) => {
    const body = url.includes('/gold/accuracy')
      ? report
      : { users: [{ id: 3, email: 'ann@example.org', display_name: '<b>Ann</b>', role: 'annotator' }], next_cursor: null };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

describe('AccuracyTable', () => {
  it('shows each annotator with name, verdict and a collapsible label breakdown', async () => {
    const fetch = stubServer();
    vi.stubGlobal('fetch', fetch);
    const host = document.createElement('div');
    document.body.appendChild(host);
    await act(() => render(h(AccuracyTable, { projectId: 7, refresh: 0 }), host));
    await settle();
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual(['/api/v1/projects/7/gold/accuracy', '/api/v1/users?limit=200']);
    const rows = host.querySelectorAll('tbody');
    expect(rows.length).toBe(2);
    expect(rows[0]!.textContent).toContain('<b>Ann</b>'); // A name is text, never markup.
    expect(host.querySelector('b')).toBeNull();
    expect(rows[1]!.textContent).toContain('Annotator #4');
    expect(rows[0]!.querySelector('.badge')!.className).toContain('badge-red');
    expect(rows[1]!.querySelector('.badge')!.textContent).toBe('too few answers');
    expect(host.innerHTML).not.toContain('NaN');
    expect(rows[0]!.querySelectorAll('.gold-label-row').length).toBe(0);
    const toggle = rows[0]!.querySelector('button')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await act(() => toggle.click());
    expect(rows[0]!.querySelectorAll('.gold-label-row').length).toBe(1);
    expect(rows[0]!.querySelector('.gold-label-row')!.textContent).toContain('negative');
    expect(rows[1]!.querySelector('button')).toBeNull(); // No labels, nothing to open.
    render(null, host);
  });
});
