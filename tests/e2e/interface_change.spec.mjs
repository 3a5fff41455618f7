#!/usr/bin/env node
// A label interface edited under an annotator, in a real browser (security catalogue entry 15).
// The annotate page shows a task; meanwhile a manager renames the option "negative" to
// "critical". The annotator's "negative" is refused with the reason on the page, the same task
// comes back in the new interface (the answer was kept as their draft), and answering
// "critical" stores the label: nothing is lost and nothing stale is stored.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/interface_change.spec.mjs PATH/TO/chorus
import { assert, log, runBrowserTest } from './harness.mjs';

await runBrowserTest({ passed: 'interface change: stale answer refused with the reason, task back in the new terms' }, async (t) => {
  const { base, page, apiCall, createProject, exportedAnnotations } = t;
  t.allowConsoleError(/status of 409.*\/api\/v1\/tasks\/\d+\/annotations/); // The browser logs the refusal.
  const controls = [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }];
  const projectId = await createProject('Interface change test', controls, [{ data: { text: 'Not my thing' }, external_id: 'c1' }]);
  const [task] = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=5`)).tasks;

  await page.goto(`${base}#/projects/${projectId}/annotate`);
  await page.locator(`[data-task-id="${task.id}"]`).waitFor();
  const project = await apiCall('GET', `api/v1/projects/${projectId}`);
  const renamed = [{ ...controls[0], options: ['positive', 'critical'] }];
  await apiCall('PATCH', `api/v1/projects/${projectId}`, { data: { version: project.version, label_interface: { controls: renamed } } });
  log('the manager renamed "negative" to "critical" while the task was shown');

  await page.keyboard.press('2');
  const notice = page.getByTestId('interface-changed');
  await notice.waitFor();
  const said = await notice.innerText();
  assert(said.includes('label interface changed') && said.includes('critical'), `the page said ${JSON.stringify(said)}`);
  await page.locator(`[data-task-id="${task.id}"]`).waitFor();
  await page.getByRole('button', { name: /critical/ }).first().waitFor();
  assert((await exportedAnnotations(projectId)).length === 0, 'the stale answer was stored');
  log(`refused on the page ("${said}"); the task is back with "critical"`);

  await page.keyboard.press('2');
  await page.getByTestId('nothing-left').waitFor();
  const labels = await exportedAnnotations(projectId);
  assert(labels.length === 1 && labels[0].a.result.sentiment.choices[0] === 'critical', `exported ${JSON.stringify(labels)}`);
  log('answered "critical": one label stored');
});
