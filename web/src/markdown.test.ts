// @vitest-environment happy-dom
import { render } from 'preact';
import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

function html(source: string): HTMLElement {
  const root = document.createElement('div');
  render(h(Markdown, { source }), root);
  return root;
}

describe('Markdown', () => {
  it('renders headings, emphasis, lists, code and tables', () => {
    const root = html('# Rules\n\nLabel **every** *person*.\n\n- one\n- two\n\n```\n<b>x</b>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(root.querySelector('h3')?.textContent).toBe('Rules');
    expect(root.querySelector('strong')?.textContent).toBe('every');
    expect(root.querySelector('em')?.textContent).toBe('person');
    expect([...root.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(root.querySelector('pre code')?.textContent).toBe('<b>x</b>');
    expect(root.querySelector('td')?.textContent).toBe('1');
  });

  it('shows raw HTML as text and creates no element from it', () => {
    const root = html('Hello <img src=x onerror="window.__x=1"> and\n\n<script>alert(1)</script>\n');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="window.__x=1">');
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  it('links only http(s) and mailto; images become their alternative text', () => {
    const root = html('[ok](https://example.org) [bad](javascript:alert(1)) ![a cat](https://example.org/c.png)');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org']);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(root.textContent).toContain('bad');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('[image: a cat]');
  });
});
