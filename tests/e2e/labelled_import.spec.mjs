#!/usr/bin/env node
// A file of labelled data imported from the project page in a real browser: a CoNLL file with an
// illegal tag sequence is refused with its line listed (nothing stored), the fixed file becomes
// tasks whose entities are predictions under the name given, and no annotation is made.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/labelled_import.spec.mjs PATH/TO/chorus
import { assert, log, runBrowserTest } from './harness.mjs';

const good = 'Ann B-PER\nmet O\nBob B-PER\n\nAcme B-ORG\nCorp I-ORG\n';
const bad = 'Ann B-PER\nmet O\nCorp I-ORG\n';
const file = (text) => ({ name: 'train.conll', mimeType: 'text/plain', buffer: Buffer.from(text) });

await runBrowserTest({ passed: 'labelled import: bad line listed, CoNLL tasks with named predictions' }, async (t) => {
  const { base, page, apiCall, createProject, allowConsoleError, exportedAnnotations } = t;
  allowConsoleError(/status of 422/);
  const controls = [{ type: 'spans', name: 'ents', to: 'text', labels: ['PER', 'ORG'] }];
  const id = await createProject('NER from CoNLL', controls, []);
  await page.goto(`${base}#/projects/${id}`);
  const panel = page.locator('section[aria-labelledby="labelled-import-heading"]');
  await panel.getByLabel('Format').selectOption('conll_iob2');
  await panel.getByLabel('Name the labels (optional)').fill('ner-v1');

  await panel.getByLabel('File').setInputFiles(file(bad));
  await panel.getByRole('button', { name: 'Import' }).click();
  const refused = panel.getByRole('alert');
  await refused.waitFor();
  assert((await refused.locator('td', { hasText: 'I-ORG' }).count()) >= 1, `the refusal reads ${await refused.innerText()}`);
  const none = await apiCall('GET', `api/v1/projects/${id}/tasks`);
  assert(none.tasks.length === 0, `a refused import stored ${none.tasks.length} tasks`);
  log('the illegal tag is listed and nothing is stored');

  await panel.getByLabel('File').setInputFiles(file(good));
  await panel.getByRole('button', { name: 'Import' }).click();
  await panel.getByText('2 tasks imported; 2 predictions stored, named ner-v1.').waitFor();
  const listed = await apiCall('GET', `api/v1/projects/${id}/tasks`);
  assert(listed.tasks.length === 2, `tasks stored: ${listed.tasks.length}`);
  const predictions = await apiCall('GET', `api/v1/tasks/${listed.tasks[0].id}/predictions`);
  const names = JSON.stringify(predictions);
  assert(names.includes('ner-v1'), `the predictions read ${names}`);
  assert((await exportedAnnotations(id)).length === 0, 'an import made annotations');
  log('the tasks arrive with their entities as predictions named ner-v1, and no annotation');
});
