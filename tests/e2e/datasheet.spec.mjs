#!/usr/bin/env node
// The datasheet in a real browser. An administrator creates a sentiment project whose name is an
// <img onerror> payload, labels two of its three tasks through the API, opens the Datasheet page
// from the project page and reads the server's Markdown rendered as a document: its sections,
// the label distribution table, the prompts for the team, the payload as text. The Markdown
// download answers as an attachment.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/datasheet.spec.mjs PATH/TO/chorus
import { assert, log, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';

await runBrowserTest({ passed: 'datasheet: sections, label table, prompts, payload inert, download' }, async (t) => {
  const { base, page, context, apiCall, createProject } = t;
  const controls = [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }];
  const id = await createProject(`Reviews ${payload}`, controls, [{ text: 'good' }, { text: 'fine' }, { text: 'bad' }]);
  for (let i = 0; i < 2; i++) {
    const { task } = await apiCall('POST', `api/v1/projects/${id}/next`);
    await apiCall('POST', `api/v1/tasks/${task.id}/annotations`, {
      data: { result: { sentiment: { choices: ['positive'] } }, lead_time_ms: 2000, active_time_ms: 1000 },
    });
  }

  await page.goto(`${base}#/projects/${id}`);
  await page.getByRole('link', { name: 'Datasheet' }).click();
  const sheet = page.getByTestId('datasheet');
  // The guidelines' renderer puts a document's headings under the page's own (# -> h3).
  await sheet.getByRole('heading', { level: 3 }).waitFor();
  const title = await sheet.getByRole('heading', { level: 3 }).innerText();
  assert(title === `Datasheet: Reviews ${payload}`, `the title reads ${title}`);
  for (const section of ['Composition', 'Collection and labelling process', 'Annotators', 'Quality', 'Known limitations', 'For the team to fill in']) {
    await sheet.getByRole('heading', { level: 4, name: section }).waitFor();
  }
  const positive = sheet.locator('tr', { hasText: 'positive' }).first();
  assert((await positive.innerText()).replace(/\s+/g, ' ').trim() === 'positive 2 100.0%', `the positive row reads ${await positive.innerText()}`);
  assert((await sheet.getByText('To fill in').count()) >= 10, 'the prompts for the team are missing');
  assert((await page.locator('.datasheet img').count()) === 0, 'the payload became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the payload ran');
  log('the datasheet page shows the sections, the label table and the prompts');

  const href = await page.getByRole('link', { name: 'Download Markdown' }).getAttribute('href');
  const download = await context.request.get(`${base.replace(/\/$/, '')}${href}`);
  assert(download.ok(), `the Markdown download answered ${download.status()}`);
  assert(/attachment/.test(download.headers()['content-disposition'] ?? ''), 'the Markdown is not an attachment');
  assert((await download.text()).startsWith(`# Datasheet: Reviews ${payload}`), 'the Markdown download differs');
  log('the Markdown downloads as an attachment');
});
