#!/usr/bin/env node
// The text studio in a real browser: a project with a `spans` control (PER, ORG, LOC with
// hotkeys p, o, l; no overlap; one label is an XSS payload) and a `relations` control over it.
// One task is labelled with the mouse (dragging over the text, a label key and a label
// button, links made by clicking, a span removed so its links are reindexed), one with the
// keyboard alone (caret, Shift/Ctrl+arrows, label keys, [ ] and Delete, F/T for links), and
// one whose text is an XSS payload shows it as text. The export must hold exactly the
// expected spans (code point offsets: an emoji comes before some of them) and relations.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/studio_text.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also saves docs/images/studio-text.png).
import { join } from 'node:path';
import { assert, log, root, runBrowserTest } from './harness.mjs';

const xssLabel = '<img src=x onerror="window.__xss=2">';
const controls = [
  {
    type: 'spans',
    name: 'entities',
    to: 'text',
    labels: ['PER', 'ORG', 'LOC', xssLabel],
    hotkeys: ['p', 'o', 'l', 'x'],
    overlap: false,
  },
  { type: 'relations', name: 'rel', between: 'entities', labels: ['works_for'], directed: true },
];
const mouseText = 'Zoë met Bob at ACME 🙂 Corp';
const keysText = 'Ana 🙂 works for Zeta Inc in Oslo';
const xssText = '<img src=x onerror="window.__xss=1">';

const expected = {
  [mouseText]: {
    entities: {
      spans: [
        { start: 8, end: 11, label: 'PER', text: 'Bob' },
        { start: 15, end: 26, label: 'ORG', text: 'ACME 🙂 Corp' },
      ],
    },
    rel: { relations: [{ from: 0, to: 1, label: 'works_for' }] },
  },
  [keysText]: {
    entities: {
      spans: [
        { start: 0, end: 3, label: 'PER', text: 'Ana' },
        { start: 16, end: 24, label: 'ORG', text: 'Zeta Inc' },
      ],
    },
    rel: { relations: [{ from: 0, to: 1, label: 'works_for' }] },
  },
  [xssText]: { entities: { spans: [{ start: 0, end: 36, label: xssLabel, text: xssText }] } },
};

// Drags the mouse over UTF-16 range [from, to) of the shown text.
async function drag(page, from, to) {
  const box = await page.evaluate(
    ([a, b]) => {
      const rootEl = document.querySelector('.spans-text');
      const walker = document.createTreeWalker(rootEl, NodeFilter.SHOW_TEXT);
      const point = (offset, end) => {
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const len = node.data.length;
          if (offset < seen + len || (end && offset === seen + len)) {
            const range = document.createRange();
            const at = offset - seen;
            range.setStart(node, end ? at - 1 : at);
            range.setEnd(node, end ? at : at + 1);
            const r = range.getClientRects()[0];
            return { x: end ? r.right - 1 : r.left + 1, y: r.top + r.height / 2 };
          }
          seen += len;
        }
        return null;
      };
      const start = point(a, false);
      walker.currentNode = rootEl;
      const finish = point(b, true);
      return { start, finish };
    },
    [from, to],
  );
  assert(box.start && box.finish, `no text at ${from}..${to}`);
  await page.mouse.move(box.start.x, box.start.y);
  await page.mouse.down();
  await page.mouse.move(box.finish.x, box.finish.y, { steps: 8 });
  await page.mouse.up();
}

// JSON with object keys sorted, so key order (the server's, or ours) does not matter.
const canonical = (v) =>
  JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));

const spanTexts = (page) => page.locator('.spans-list li .link').allInnerTexts();

// Presses Tab (or Shift+Tab) until `test(activeElement)` holds.
async function tabTo(page, test, shift = false) {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate(test)) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${test}`);
}

async function labelWithTheMouse(page) {
  const word = (w) => [mouseText.indexOf(w), mouseText.indexOf(w) + w.length];
  await drag(page, ...word('Zoë'));
  await page.keyboard.press('p');
  await drag(page, ...word('Bob'));
  await page.keyboard.press('p');
  await drag(page, ...word('ACME 🙂 Corp'));
  await page.locator('.span-label', { hasText: 'ORG' }).click();
  const texts = await spanTexts(page);
  assert(texts.length === 3 && texts[2].includes('ACME 🙂 Corp'), `the mouse made the spans ${JSON.stringify(texts)}`);
  // An overlapping span is refused (overlap is false).
  await drag(page, ...word('ACME'));
  await page.keyboard.press('l');
  await page.getByText('Spans may not overlap here').waitFor();
  // Links Bob → ACME and Zoë → ACME by clicking, then Zoë goes: its link with it, the other reindexed.
  const region = (i) => page.locator(`[data-relations="rel"] [data-region="${i}"]`);
  await region(1).click();
  await region(2).click();
  await page.getByRole('button', { name: 'Add the link' }).click();
  await region(0).click();
  await region(2).click();
  await page.getByRole('button', { name: 'Add the link' }).click();
  assert((await page.locator('.relations-list li').count()) === 2, 'two links were made');
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.locator('.spans-text').focus();
    await page.keyboard.press('Escape'); // The picture without the refusal and the leftover selection.
    await page.screenshot({ path: join(root, 'docs/images/studio-text.png'), fullPage: true });
    log('saved docs/images/studio-text.png');
  }
  await page.getByRole('button', { name: 'Remove span 1 (PER “Zoë”)' }).click();
  const links = await page.locator('.relations-list li span').first().innerText();
  assert((await page.locator('.relations-list li').count()) === 1 && links.includes('Bob'), `after the removal the links read ${links}`);
  await page.locator('.spans-text').focus();
  await page.keyboard.press('Enter');
}

async function labelWithTheKeyboard(page) {
  await tabTo(page, () => document.activeElement?.classList.contains('spans-text'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('p'); // Ana
  await page.keyboard.press('Control+ArrowRight'); // after 🙂
  await page.keyboard.press('Control+ArrowRight'); // after works
  await page.keyboard.press('Control+ArrowRight'); // after for
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('o'); // Zeta Inc (the space before it trimmed)
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('l'); // Oslo
  let texts = await spanTexts(page);
  assert(texts.length === 3 && texts[2].includes('Oslo'), `the keyboard made the spans ${JSON.stringify(texts)}`);
  // Relabel Ana, then set it back; pick Oslo with ] and delete it.
  await page.keyboard.press(']');
  await page.keyboard.press('l');
  texts = await spanTexts(page);
  assert(texts[0].startsWith('LOC'), `] then l should relabel Ana: ${JSON.stringify(texts)}`);
  await page.keyboard.press('p');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await page.keyboard.press('Delete');
  texts = await spanTexts(page);
  assert(texts.length === 2, `Delete left ${JSON.stringify(texts)}`);
  // A link by keys: F on region 0, ↓, T on region 1, then the Add button.
  await tabTo(page, () => document.activeElement?.getAttribute('data-region') === '0');
  await page.keyboard.press('f');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('t');
  await tabTo(page, () => document.activeElement?.textContent === 'Add the link');
  await page.keyboard.press('Enter');
  await page.locator('.relations-list li').waitFor();
  await tabTo(page, () => document.activeElement?.classList.contains('spans-text'), true);
  await page.keyboard.press('Enter');
}

async function checkXss(page) {
  const shown = await page.locator('.spans-text').innerText();
  assert(shown === xssText, `the XSS task shows ${JSON.stringify(shown)}`);
  assert((await page.locator('.spans-text img, .spans-palette img').count()) === 0, 'an <img> was made from data');
  await page.locator('.spans-text').focus();
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('x');
  await page.keyboard.press('Enter');
}

await runBrowserTest({ passed: 'text spans and relations labelled by mouse and keyboard, exported in code points' }, async ({ base, page, createProject, exportedAnnotations }) => {
  const id = await createProject('E2E text', controls, [{ text: mouseText }, { text: keysText }, { text: xssText }]);
  await page.goto(`${base}#/projects/${id}/annotate`);
  const taskOf = {};
  for (let n = 0; n < 3; n++) {
    const task = page.locator('[data-task-id]');
    await task.waitFor({ state: 'attached' }); // Empty (and so hidden) when the controls show all the data.
    await page.locator('.spans-text').waitFor();
    const taskId = await task.getAttribute('data-task-id');
    const text = await page.locator('.spans-text').innerText();
    taskOf[taskId] = text;
    if (text === mouseText) await labelWithTheMouse(page);
    else if (text === keysText) await labelWithTheKeyboard(page);
    else await checkXss(page);
    await page.waitForFunction(
      (previous) =>
        document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== previous ||
        document.querySelector('[data-testid="nothing-left"]') !== null,
      taskId,
    );
    log(`task ${taskId} labelled (${JSON.stringify(text)})`);
  }
  await page.getByTestId('nothing-left').waitFor();
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the XSS payload ran');

  const annotations = await exportedAnnotations(id);
  assert(annotations.length === 3, `the export holds ${annotations.length} annotations, expected 3`);
  for (const { taskId, a } of annotations) {
    const want = expected[taskOf[taskId]];
    const got = a.result;
    assert(canonical(got) === canonical(want), `task ${taskId}: exported ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  log('the export holds exactly the expected spans and relations');
});
