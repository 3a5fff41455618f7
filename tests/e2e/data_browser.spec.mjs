#!/usr/bin/env node
// The data browser in a real browser: a project of 5,000 tasks (one holding an XSS payload, one
// the word "zebra"), two of them labelled through the API. The page must say 5,000 tasks, keep
// only a few dozen rows in the DOM while scrolling (virtualised), reach the middle and the end by
// setting scrollTop (a scrollbar drag: pages load by offset), find "zebra", filter the labelled
// tasks, order newest first, open a row's data with the keyboard, and show the payload as text
// without running it. The harness fails the test on any console error or CSP violation.
//
// Usage: node tests/e2e/data_browser.spec.mjs [PATH/TO/chorus]   (or CHORUS_BIN=PATH)
import { join } from 'node:path';
import { assert, log, root, runBrowserTest } from './harness.mjs';

const TASKS = 5000;
const XSS = '<img src=x onerror="window.__xss=1">';
const ZEBRA_AT = 3210; // 0-based position of the zebra task
const XSS_AT = 77;
const controls = [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'], multiple: false }];

function taskRecords() {
  const records = [];
  for (let i = 0; i < TASKS; ++i) {
    let text = `Review number ${i}: the parcel came on time.`;
    if (i === ZEBRA_AT) text = 'A zebra was printed on the box.';
    if (i === XSS_AT) text = `Sneaky ${XSS} review`;
    records.push({ data: { text, n: i }, external_id: `ext-${i}` });
  }
  return records;
}

// The ids of the rows in the DOM that hold a task, in row order.
const shownIds = (page) =>
  page.$$eval('.db-row[data-task-id]', (rows) =>
    rows
      .map((r) => ({ at: Number(r.getAttribute('aria-posinset')), id: r.getAttribute('data-task-id') }))
      .sort((a, b) => a.at - b.at)
      .map((r) => r.id),
  );

async function waitForCount(page, text) {
  await page.waitForFunction((want) => document.querySelector('[data-testid=task-browser-count]')?.textContent === want, text);
}

async function rowCount(page) {
  return page.locator('.db-row').count();
}

// Scrolls the list like a scrollbar drag to `fraction` of its height.
async function scrollTo(page, fraction) {
  await page.$eval(
    '.db-scroller',
    (el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
    },
    fraction,
  );
}

await runBrowserTest({ passed: 'data browser: count, virtualised scrolling, search, filters, order, inert payload' }, async (t) => {
  const { base, page, apiCall, createProject } = t;
  const projectId = await createProject('E2E data browser', controls, taskRecords());
  const first = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=1`)).tasks[0];
  const last = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=1&order=-id`)).tasks[0];
  const firstId = Number(first.id);
  assert(Number(last.id) === firstId + TASKS - 1, `ids ${firstId}..${last.id} are not contiguous`);

  // Two labels through the API, as an annotator would give them.
  const labelled = [];
  for (let k = 0; k < 2; ++k) {
    const next = await apiCall('POST', `api/v1/projects/${projectId}/next`);
    const taskId = next.task.id;
    await apiCall('POST', `api/v1/tasks/${taskId}/annotations`, {
      data: {
        result: { sentiment: { choices: ['positive'] } },
        lead_time_ms: 1000,
        active_time_ms: 800,
        idempotency_key: `e2e-browser-${k}-${Date.now()}`,
        state: 'submitted',
      },
    });
    labelled.push(String(taskId));
  }
  log(`project ${projectId}: tasks ${firstId}..${last.id}, labelled ${labelled.join(', ')}`);

  // From the project page, as a manager finds it.
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Browse the tasks' }).click();
  await waitForCount(page, '5,000 tasks');
  await page.locator(`.db-row[data-task-id="${firstId}"]`).waitFor();
  let rows = await rowCount(page);
  assert(rows > 0 && rows < 100, `${rows} rows in the DOM at the top, expected a few dozen`);

  // A jump to the middle loads that page by offset.
  await scrollTo(page, 0.5);
  const middle = firstId + Math.floor(TASKS / 2);
  await page.locator(`.db-row[data-task-id="${middle}"]`).waitFor();
  // To the end: the last task shows.
  await scrollTo(page, 1);
  await page.locator(`.db-row[data-task-id="${last.id}"]`).waitFor();
  rows = await rowCount(page);
  assert(rows > 0 && rows < 100, `${rows} rows in the DOM at the end, expected a few dozen`);
  const heldIds = await shownIds(page);
  assert(heldIds[heldIds.length - 1] === String(last.id), `the last row shown is ${heldIds.at(-1)}, expected ${last.id}`);
  log(`scrolling: ${rows} rows in the DOM, middle ${middle} and last ${last.id} reached`);

  // Search.
  const search = page.getByLabel('Search the data');
  await search.fill('zebra');
  await waitForCount(page, '1 matching');
  let ids = await shownIds(page);
  assert(ids.length === 1 && ids[0] === String(firstId + ZEBRA_AT), `searching zebra shows ${ids.join(', ')}`);
  await search.fill('');
  await waitForCount(page, '5,000 tasks');

  // The labelled filter.
  await page.getByLabel('Labels').selectOption('labelled');
  await waitForCount(page, '2 matching');
  ids = await shownIds(page);
  assert(
    ids.length === 2 && [...ids].sort().join() === [...labelled].sort().join(),
    `the labelled filter shows ${ids.join(', ')}, expected ${labelled.join(', ')}`,
  );
  const submitted = await page.locator('.db-row[data-task-id] .db-submitted').allTextContents();
  assert(submitted.join() === '1,1', `labelled rows show submitted ${submitted.join(', ')}, expected 1 and 1`);
  await page.getByLabel('Labels').selectOption('unlabelled');
  await page.waitForFunction(() => /^200\+ matching, scroll for more$/.test(document.querySelector('[data-testid=task-browser-count]')?.textContent ?? ''));
  await page.getByLabel('Labels').selectOption('any');

  // Newest first.
  await page.getByLabel('Order').selectOption('-id');
  await page.waitForFunction((id) => document.querySelector('#db-row-0')?.getAttribute('data-task-id') === id, String(last.id));
  await page.getByLabel('Order').selectOption('id');
  await page.waitForFunction((id) => document.querySelector('#db-row-0')?.getAttribute('data-task-id') === id, String(firstId));

  // The keyboard: focus the list, move down twice, Enter opens that task's data.
  await page.getByRole('listbox', { name: 'Tasks' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('task-detail');
  await detail.getByRole('heading', { name: `Task ${firstId + 2}` }).waitFor();
  const json = JSON.parse(await detail.locator('pre').textContent());
  assert(json.n === 2, `the detail shows ${JSON.stringify(json)}, expected task n = 2`);
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.screenshot({ path: join(root, 'docs/images/data-browser.png'), fullPage: true });
  }

  // The payload is text in the row and in the detail, and never runs.
  await search.fill('onerror');
  await waitForCount(page, '1 matching');
  const xssRow = page.locator(`.db-row[data-task-id="${firstId + XSS_AT}"]`);
  const preview = await xssRow.locator('.db-preview').textContent();
  assert(preview.includes(XSS), `the preview reads ${JSON.stringify(preview)}, expected the payload as text`);
  await xssRow.click();
  await detail.getByRole('heading', { name: `Task ${firstId + XSS_AT}` }).waitFor();
  assert((await detail.locator('pre').textContent()).includes('onerror=\\"window.__xss=1\\"'), 'the detail does not show the payload');
  const images = await page.locator('.data-browser img').count();
  const xss = await page.evaluate(() => window.__xss);
  assert(images === 0 && xss === undefined, `the payload ran: ${images} img elements, window.__xss = ${xss}`);
  log('search, filters, order, keyboard and payload checked');
});
