#!/usr/bin/env node
// The studio's preference and form controls in a real browser:
//  (a) pairwise with a prompt, tie and both bad: one task answered by mouse (B), one by keys
//      (A, Enter), one as a tie (T, Enter); an output is a chat transcript whose message holds
//      an <img onerror> payload and a ``` code block: shown as text and preformatted code;
//  (b) ranking of three answers: one task by drag and drop, one by keys (C keeps the shown
//      order, then J, Alt+↓, ↑, K reorder it);
//  (c) rating + number + text, all required, on one task, by keyboard alone: Submit stays
//      disabled until every value is valid (11 is refused, 21 code points are flagged),
//      Ctrl+Z undoes a change and Ctrl+Shift+Z redoes it, Enter submits.
// Each export must hold exactly the expected results; window.__xss must stay undefined, and
// the harness fails on any console error or CSP violation.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/studio_prefs.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/studio-prefs*.png).
import { join } from 'node:path';
import { assert, log, root, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const code = 'console.log("<b>hi</b>");\n  return 1;';
const chat = [
  { role: 'user', content: 'Say hi in JavaScript.' },
  { role: 'assistant', content: `Here you go ${payload}\n\`\`\`js\n${code}\n\`\`\`\nDone.` },
];
const screenshots = process.env.CHORUS_SCREENSHOTS === '1';

// Waits until the shown task is no longer `previous` (a next task, or nothing left).
async function nextTask(page, previous) {
  await page.waitForFunction(
    (id) => {
      const current = document.querySelector('[data-task-id]');
      const moved = current !== null && current.getAttribute('data-task-id') !== id;
      return moved || document.querySelector('[data-testid="nothing-left"]') !== null;
    },
    previous,
  );
}

async function currentTask(page) {
  // The task card may be empty (its controls show the data), so wait for it and its controls.
  const task = page.locator('[data-task-id]');
  await task.waitFor({ state: 'attached' });
  await page.locator('.control').first().waitFor();
  // The page focuses the task on arrival; the keyboard tests start from there.
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-task-id'));
  return task.getAttribute('data-task-id');
}

// JSON with object keys sorted: the export need not keep the submitted key order.
const canonical = (v) =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

// Every exported annotation holds exactly its expected result.
async function checkExport(exportedAnnotations, projectId, expected, what) {
  const annotations = await exportedAnnotations(projectId);
  const want = Object.keys(expected).length;
  assert(annotations.length === want, `${what}: ${annotations.length} annotations exported, expected ${want}`);
  for (const [taskId, result] of Object.entries(expected)) {
    const mine = annotations.filter((x) => x.taskId === taskId);
    assert(mine.length === 1, `${what}: task ${taskId} has ${mine.length} annotations`);
    const got = canonical(mine[0].a.result);
    assert(got === canonical(result), `${what}: task ${taskId} exported ${got}, expected ${JSON.stringify(result)}`);
  }
  log(`${what}: export holds exactly ${JSON.stringify(expected)}`);
}

async function noXss(page) {
  assert((await page.evaluate(() => window.__xss)) === undefined, 'window.__xss was set: a payload ran');
}

async function checkPairwise({ base, page, createProject, exportedAnnotations }) {
  const id = await createProject(
    'E2E pairwise',
    [
      {
        type: 'pairwise',
        name: 'preference',
        to: ['answer_a', 'answer_b'],
        prompt: 'prompt',
        allow_tie: true,
        allow_both_bad: true,
        required: true,
      },
    ],
    [
      { prompt: 'Task one: greet', answer_a: chat, answer_b: 'Plain <b>answer</b> B.\nSecond line.' },
      { prompt: 'Task two: greet', answer_a: 'Plain answer A.', answer_b: JSON.stringify(chat) },
      { prompt: 'Task three: greet', answer_a: 'Same.', answer_b: 'Same.' },
    ],
  );
  await page.goto(`${base}#/projects/${id}/annotate`);
  const expected = {};
  // The three ways to answer, in the order the tasks come.
  const ways = ['mouse', 'keys', 'tie'];
  for (const way of ways) {
    const taskId = await currentTask(page);
    const prompt = (await page.locator('.pair-prompt').innerText()).trim();
    assert(/Task (one|two|three): greet/.test(prompt), `task ${taskId} shows the prompt as ${JSON.stringify(prompt)}`);
    const submit = page.getByRole('button', { name: /^Submit/ });
    assert(await submit.isDisabled(), `task ${taskId}: Submit is enabled before any answer`);
    // A transcript, wherever it is, shows its payload as text and its code preformatted.
    const bubbles = page.locator('.chat-message');
    if ((await bubbles.count()) > 0) {
      assert((await bubbles.count()) === 2, `task ${taskId}: ${await bubbles.count()} chat bubbles, expected 2`);
      const roles = await page.locator('.chat-role').allInnerTexts();
      const shownRoles = JSON.stringify(roles.map((r) => r.toLowerCase()));
      assert(shownRoles === '["user","assistant"]', `task ${taskId}: roles ${shownRoles}`);
      const text = await bubbles.nth(1).locator('.chat-text').first().innerText();
      assert(text.includes(payload), `task ${taskId}: the payload is not shown as text: ${JSON.stringify(text)}`);
      const shownCode = await page.locator('.chat-code code').innerText();
      assert(shownCode === code, `task ${taskId}: the code block shows ${JSON.stringify(shownCode)}`);
      assert((await page.locator('.pairwise img, .pairwise b').count()) === 0, `task ${taskId}: markup from the data became elements`);
      if (screenshots) await page.screenshot({ path: join(root, 'docs/images/studio-prefs.png'), fullPage: true });
    }
    let choice;
    if (way === 'mouse') {
      await page.getByRole('button', { name: /B is better/ }).click();
      assert((await page.locator('.pair-output.chosen h2').innerText()).startsWith('B'), 'output B is not marked chosen');
      await submit.click();
      choice = 'b';
    } else if (way === 'keys') {
      await page.keyboard.press('a');
      await page.locator('button[data-choice="a"][aria-pressed="true"]').waitFor();
      await page.keyboard.press('Enter');
      choice = 'a';
    } else {
      await page.keyboard.press('x'); // Both bad first, then a change of mind: tie.
      await page.locator('button[data-choice="both_bad"][aria-pressed="true"]').waitFor();
      await page.keyboard.press('t');
      await page.locator('button[data-choice="tie"][aria-pressed="true"]').waitFor();
      await page.keyboard.press('Enter');
      choice = 'tie';
    }
    expected[taskId] = { preference: { choice } };
    await nextTask(page, taskId);
    log(`pairwise task ${taskId}: ${way} → ${choice}`);
  }
  await page.getByTestId('nothing-left').waitFor();
  await noXss(page);
  await checkExport(exportedAnnotations, id, expected, 'pairwise');
}

async function checkRanking({ base, page, createProject, exportedAnnotations }) {
  const answers = ['First answer', 'Second <i>answer</i>', [{ role: 'assistant', content: `Third ${payload}` }]];
  const id = await createProject(
    'E2E ranking',
    [{ type: 'ranking', name: 'rank', to: 'answers', prompt: 'prompt', required: true }],
    [
      { prompt: 'Rank these (one)', answers },
      { prompt: 'Rank these (two)', answers },
    ],
  );
  await page.goto(`${base}#/projects/${id}/annotate`);
  const expected = {};
  const shown = () => page.locator('.ranking-item').evaluateAll((items) => items.map((li) => Number(li.dataset.item)));
  const submit = page.getByRole('button', { name: /^Submit/ });

  // By drag: the third item onto the upper half of the first.
  let taskId = await currentTask(page);
  assert(JSON.stringify(await shown()) === '[0,1,2]', `the items start as ${JSON.stringify(await shown())}`);
  assert(await submit.isDisabled(), 'an untouched ranking can be submitted');
  await page
    .locator('.ranking-item[data-item="2"]')
    .dragTo(page.locator('.ranking-item[data-item="0"]'), { targetPosition: { x: 20, y: 4 } });
  await page.waitForFunction(() => [...document.querySelectorAll('.ranking-item')].map((li) => li.dataset.item).join() === '2,0,1');
  if (screenshots) await page.screenshot({ path: join(root, 'docs/images/studio-prefs-ranking.png'), fullPage: true });
  await submit.click();
  expected[taskId] = { rank: { order: [2, 0, 1] } };
  await nextTask(page, taskId);
  log(`ranking task ${taskId}: dragged → [2,0,1]`);

  // By keys: Tab to the first item, J and Alt+↓ take it to the bottom, ↑ focuses the item now
  // above it, K lifts that one to the top; Enter submits.
  taskId = await currentTask(page);
  await page.keyboard.press('Tab');
  assert((await page.evaluate(() => document.activeElement?.dataset?.item)) === '0', 'Tab did not focus the first item');
  // C confirms the shown order as an answer (an untouched list is none).
  assert(await submit.isDisabled(), 'an untouched ranking can be submitted');
  await page.keyboard.press('c');
  await page.getByText('Ranked.').waitFor();
  assert(await submit.isEnabled(), 'Submit is disabled after C kept the order');
  await page.keyboard.press('j');
  await page.keyboard.press('Alt+ArrowDown');
  assert(JSON.stringify(await shown()) === '[1,2,0]', `after J, Alt+↓ the order is ${JSON.stringify(await shown())}`);
  assert((await page.evaluate(() => document.activeElement?.dataset?.item)) === '0', 'the moved item lost the focus');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('k');
  assert(JSON.stringify(await shown()) === '[2,1,0]', `after ↑, K the order is ${JSON.stringify(await shown())}`);
  assert(await submit.isEnabled(), 'Submit is disabled after ranking');
  await page.keyboard.press('Enter');
  expected[taskId] = { rank: { order: [2, 1, 0] } };
  await nextTask(page, taskId);
  log(`ranking task ${taskId}: keys → [2,1,0]`);
  await page.getByTestId('nothing-left').waitFor();
  await noXss(page);
  await checkExport(exportedAnnotations, id, expected, 'ranking');
}

async function checkForm({ base, page, createProject, exportedAnnotations }) {
  const id = await createProject(
    'E2E form',
    [
      { type: 'rating', name: 'quality', to: 'text', instruction: 'How good?', min: 1, max: 5, required: true },
      { type: 'number', name: 'count', to: 'text', instruction: 'How many mistakes?', min: 0, max: 10, integer: true, required: true },
      { type: 'text', name: 'note', to: 'text', instruction: 'A short note', max_length: 20, required: true },
    ],
    [{ text: `An answer to judge ${payload}` }],
  );
  await page.goto(`${base}#/projects/${id}/annotate`);
  const taskId = await currentTask(page);
  assert((await page.locator('.task-text').innerText()).includes(payload), 'the task text does not show the payload as text');
  const submit = page.getByRole('button', { name: /^Submit/ });
  const disabled = async (why) => assert(await submit.isDisabled(), `Submit is enabled ${why}`);
  // Read at once: a locator would wait its whole timeout for a checked radio that is not there.
  const checkedRating = () => page.evaluate(() => document.querySelector('input[name="rating-quality"]:checked')?.value ?? null);

  // Rating: Tab into the radio group, arrows move along it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert((await checkedRating()) === '4', `the rating is ${await checkedRating()}, expected 4`);
  await disabled('with only a rating');

  // Number: 11 is out of bounds and refused; 7 is taken.
  await page.keyboard.press('Tab');
  await page.keyboard.type('11');
  await page.getByText('At most 10.').waitFor();
  const typed = await page.locator('[data-control="count"] input').inputValue();
  assert(typed === '11', `the number field shows ${JSON.stringify(typed)} after typing 11: what was typed must stay`);
  await disabled('with 11 in a number field whose maximum is 10');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('7');
  assert((await page.getByText('At most 10.').count()) === 0, 'the number field still complains about 7');
  await disabled('without the text');

  // Text: 21 code points (23 UTF-16 units) are flagged; one fewer is fine.
  const long = `${'a'.repeat(19)}😀😀`;
  await page.keyboard.press('Tab');
  await page.keyboard.type(long);
  await page.getByText('21 / 20 characters — shorten it to submit').waitFor();
  assert((await page.locator('[data-control="note"] textarea').getAttribute('aria-invalid')) === 'true', 'over-long text is not marked invalid');
  await disabled('with 21 code points in a 20 code point field');
  await page.keyboard.press('Backspace');
  await page.getByText('20 / 20 characters').waitFor();
  assert(await submit.isEnabled(), 'Submit is disabled although every value is valid');

  // Undo and redo from the rating: 4 → 5, Ctrl+Z → 4, Ctrl+Shift+Z → 5.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
  assert(focused === 'rating-quality', `Shift+Tab reached ${focused}, not the rating`);
  await page.keyboard.press('ArrowRight');
  assert((await checkedRating()) === '5', `the rating is ${await checkedRating()}, expected 5`);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('input[name="rating-quality"]:checked')?.value === '4');
  await page.keyboard.press('Control+Shift+Z');
  await page.waitForFunction(() => document.querySelector('input[name="rating-quality"]:checked')?.value === '5');
  log('form: Ctrl+Z took the rating back to 4, Ctrl+Shift+Z forward to 5');
  await page.keyboard.press('Enter');
  await nextTask(page, taskId);
  await page.getByTestId('nothing-left').waitFor();
  await noXss(page);
  await checkExport(
    exportedAnnotations,
    id,
    { [taskId]: { quality: { rating: 5 }, count: { number: 7 }, note: { text: `${'a'.repeat(19)}😀` } } },
    'form',
  );
}

await runBrowserTest(
  {
    passed:
      'pairwise (mouse, keys, tie), ranking (drag, keys) and rating/number/text (keyboard, undo/redo) ' +
      'exported exactly; payloads stayed inert',
  },
  async (t) => {
    await checkPairwise(t);
    await checkRanking(t);
    await checkForm(t);
  },
);
