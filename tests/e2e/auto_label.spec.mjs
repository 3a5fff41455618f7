#!/usr/bin/env node
// Auto-labelling and the validation of machine labels in a real browser. An administrator
// creates a single-choice project of 200 tasks with model m1's predictions (score 0.99, all
// right), marks the first 150 gold (the calibration), and on the Drafts page previews
// auto-labelling at 90% accuracy with 90% confidence: a threshold and "50 of 50 open tasks"
// show, Apply labels them, and the validation table lists m1's predictions and auto labels.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/auto_label.spec.mjs PATH/TO/chorus
import { assert, log, runBrowserTest } from './harness.mjs';

const choice = (option) => ({ sentiment: { choices: [option] } });
const truth = (i) => (i % 3 === 0 ? 'negative' : 'positive');

await runBrowserTest({ passed: 'auto-label: preview, apply, validation table' }, async (t) => {
  const { base, page, apiCall, createProject } = t;
  const controls = [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }];
  const rows = Array.from({ length: 200 }, (_, i) => ({
    data: { text: `review ${i}` },
    external_id: `r${i}`,
    predictions: [{ model_version: 'm1', score: 0.99, result: choice(truth(i)) }],
  }));
  const projectId = await createProject('Auto-label test', controls, rows);
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=500`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  for (let i = 0; i < 150; ++i) {
    await apiCall('PUT', `api/v1/tasks/${tasks[i].id}/gold`, { data: { reference: choice(truth(i)) } });
  }
  log('200 tasks with predictions by m1, 150 of them gold');

  await page.goto(`${base}#/projects/${projectId}/drafts`);
  await page.getByTestId('auto-label-model').fill('m1');
  await page.getByTestId('auto-label-target').fill('90');
  await page.getByTestId('auto-label-confidence').fill('90');
  await page.getByTestId('auto-label-preview').click();
  await page.getByTestId('auto-label-result').waitFor();
  const threshold = await page.getByTestId('auto-label-threshold').innerText();
  assert(threshold === '0.990', `the threshold reads ${threshold}`);
  const count = await page.getByTestId('auto-label-count').innerText();
  assert(count === '50 of 50 open tasks', `the preview says ${count}`);
  log(`preview: threshold ${threshold}, ${count} would be auto-labelled`);

  await page.getByTestId('auto-label-apply').click();
  await page.locator('[data-testid="auto-label-summary"]', { hasText: 'were auto-labelled' }).waitFor();
  const summary = await page.getByTestId('auto-label-summary').innerText();
  assert(summary.includes('were auto-labelled'), `after apply the summary says ${summary}`);
  const labels = (await apiCall('GET', `api/v1/projects/${projectId}/machine-labels?source=model`)).items;
  assert(labels.length === 50 && labels.every((m) => m.model_version === 'm1'), `${labels.length} auto labels stored`);
  log('applied: 50 auto labels of m1');

  const table = page.getByTestId('validation-table');
  await table.locator('tr', { hasText: 'Auto labels of m1' }).waitFor();
  const predictions = await table.locator('tr', { hasText: 'Predictions of m1' }).innerText();
  assert(predictions.includes('150') && predictions.includes('100.0%'), `the predictions row reads ${predictions}`);
  log('the validation table lists the predictions (150 compared, 100%) and the auto labels');
});
