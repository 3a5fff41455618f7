#!/usr/bin/env node
// Tasks imported from the project page in a real browser, through a background import job: a
// file with a bad record is refused with its line listed and nothing stored; the fixed file of
// 5,000 tasks is stored whole and the page says so; the same file again adds nothing and says
// every record was a duplicate.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/task_import.spec.mjs PATH/TO/chorus
import { assert, log, runBrowserTest } from './harness.mjs';

const kTasks = 5000;
const good = Array.from({ length: kTasks }, (_, i) => JSON.stringify({ text: `review ${i}` })).join('\n') + '\n';
const bad = '{"text": "fine"}\n[1, 2]\n{"text": "also fine"}\n';
const file = (text) => ({ name: 'tasks.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });

await runBrowserTest({ passed: 'task import: bad line listed, 5,000 tasks stored by a job, duplicates counted' }, async (t) => {
  const { base, page, apiCall, createProject } = t;
  const id = await createProject('Imported in the browser', [{ type: 'choices', name: 'sentiment', to: 'text', options: ['pos', 'neg'] }], []);
  const uploads = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/imports')) uploads.push(request.url());
  });
  await page.goto(`${base}#/projects/${id}`);
  const panel = page.locator('section[aria-labelledby="import-heading"]');

  await panel.locator('#import-file').setInputFiles(file(bad));
  const refused = panel.getByRole('alert');
  await refused.waitFor();
  const refusal = await refused.innerText();
  assert(/nothing was imported/i.test(refusal), `the refusal reads ${refusal}`);
  assert((await refused.locator('td', { hasText: /^2$/ }).count()) >= 1, `line 2 is not listed: ${refusal}`);
  const none = await apiCall('GET', `api/v1/projects/${id}`);
  assert(none.task_count === 0, `a refused import stored ${none.task_count} tasks`);
  log('the bad record is listed by line and nothing is stored');

  await panel.locator('#import-file').setInputFiles(file(good));
  await panel.getByText(`tasks.jsonl: ${kTasks} tasks imported.`).waitFor();
  const stored = await apiCall('GET', `api/v1/projects/${id}`);
  assert(stored.task_count === kTasks, `tasks stored: ${stored.task_count}`);
  log(`${kTasks} tasks stored and reported`);

  await panel.locator('#import-file').setInputFiles(file(good));
  await panel.getByText(`tasks.jsonl: 0 tasks imported, ${kTasks} duplicate(s) skipped.`).waitFor();
  const again = await apiCall('GET', `api/v1/projects/${id}`);
  assert(again.task_count === kTasks, `the second import changed the count to ${again.task_count}`);
  assert(uploads.length === 3 && uploads.every((url) => url.endsWith('/imports?background=true')), `uploads went to ${uploads.join(', ')}`);
  log('importing the same file again adds nothing; every upload ran as a background job');
});
