#!/usr/bin/env node
// A Label Studio project moved in and its config shown for the way back, in a real browser. A
// manager's project page takes a Label Studio config and a JSON export whose task text is an
// <img onerror> payload: first one with a task at fault (the refused record is listed and
// nothing is stored), then the good one (tasks, gold and the unmapped <Brush> tag reported).
// "Show the config" gives the project's interface as Label Studio XML.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/label_studio.spec.mjs PATH/TO/chorus
import { assert, log, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const config = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices>
  <Brush name="mask" toName="text"/>
</View>`;
const region = (choice) => ({ from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [choice] } });
const good = [
  { id: 1, data: { text: payload }, annotations: [{ completed_by: 3, ground_truth: true, result: [region('negative')] }] },
  { id: 2, data: { text: 'lovely' }, annotations: [{ completed_by: { email: 'kim@example.org' }, result: [region('positive')] }] },
];
const bad = [good[0], { id: 2, data: { text: 'lovely' }, predictions: [{ result: [region('meh')] }] }];
const file = (name, text) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text) });

await runBrowserTest({ passed: 'label studio: refused record listed, import, gold, unmapped tag, config shown' }, async (t) => {
  const { base, page, apiCall, createProject, allowConsoleError } = t;
  allowConsoleError(/status of 422/);
  const controls = [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }];
  const id = await createProject('From Label Studio', controls, []);
  await page.goto(`${base}#/projects/${id}`);
  const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Label Studio' }) });
  await panel.getByLabel('Config (.xml)').setInputFiles(file('config.xml', config));

  await panel.getByLabel('Export (.json)').setInputFiles(file('export.json', JSON.stringify(bad)));
  await panel.getByRole('button', { name: 'Import from Label Studio' }).click();
  const refused = panel.getByRole('alert');
  await refused.waitFor();
  assert(/nothing was imported/.test(await refused.innerText()), `the refusal reads ${await refused.innerText()}`);
  assert((await refused.locator('td', { hasText: 'tasks[1].predictions[0]' }).count()) === 1, 'the refused record is not listed');
  const none = await apiCall('GET', `api/v1/projects/${id}/tasks`);
  assert(none.tasks.length === 0, `a refused import stored ${none.tasks.length} tasks`);
  log('a task at fault is listed and nothing is stored');

  await panel.getByLabel('Export (.json)').setInputFiles(file('export.json', JSON.stringify(good)));
  await panel.getByRole('button', { name: 'Import from Label Studio' }).click();
  await panel.getByText('2 tasks imported, 1 gold reference set; the config became the label interface.').waitFor();
  await panel.getByText('<Brush name="mask"> (line 4)').waitFor();
  const gold = await apiCall('GET', `api/v1/projects/${id}/gold`);
  assert(gold.gold_items.length === 1, `gold references: ${gold.gold_items.length}`);
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the payload ran');
  log('the export imports with its gold, and the unmapped tag is named');

  await panel.getByRole('button', { name: 'Show the config' }).click();
  const xml = await panel.getByLabel('Label Studio config').inputValue();
  assert(xml.includes('<Choices name="sentiment"'), `the config reads ${xml}`);
  log('the config for Label Studio is shown');
});
