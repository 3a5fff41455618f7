#!/usr/bin/env node
// Cancelling a background job in a real browser. An administrator imports 300,000 tasks through
// the API, starts an export in the project page's export panel and presses Cancel beside its
// progress bar: the panel says the export was cancelled by its owner, offers no download, and
// the job answers "cancelled". An export that finishes before the click is started again.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/job_cancel.spec.mjs PATH/TO/chorus
import { assert, runBrowserTest } from './harness.mjs';

const kTasks = 300_000; // About two seconds of export here: time to press Cancel.

await runBrowserTest({ passed: 'job cancel: the export panel cancels a running export' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'Cancel test',
      description: 'made by a browser test',
      overlap: 1,
      label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['pos', 'neg'] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  let body = '';
  for (let i = 0; i < kTasks; ++i) body += `{"text": "review number ${i}"}\n`;
  const imported = await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: body,
  });
  assert(imported.inserted === kTasks, `the import: ${JSON.stringify(imported).slice(0, 300)}`);

  await page.goto(`${base}#/projects/${projectId}`);
  let cancelled = false;
  for (let attempt = 0; attempt < 3 && !cancelled; ++attempt) {
    await page.locator('#export-format').selectOption('jsonl');
    await page.getByRole('button', { name: 'Start the export' }).click();
    const cancel = page.getByTestId('job-cancel');
    const download = page.getByTestId('export-download');
    await Promise.race([cancel.waitFor(), download.waitFor()]);
    if (!(await cancel.isVisible())) continue; // It finished first.
    await cancel.click().catch(() => {}); // The job may end as the click lands.
    const said = page.getByRole('status').filter({ hasText: 'Cancelled:' });
    await Promise.race([said.waitFor(), download.waitFor()]);
    cancelled = await said.isVisible();
    if (cancelled) {
      const text = await said.innerText();
      assert(text.includes('cancelled by its owner'), `the panel says: ${text}`);
      assert(!(await download.isVisible()), 'a cancelled export offers a download');
    }
  }
  assert(cancelled, 'three exports finished before Cancel could stop them');
});
