#!/usr/bin/env node
// Model drafts in a real browser. An administrator creates a single-choice project, imports
// three tasks with the model's predictions (one with tasks, two later through the predictions
// route), and turns drafts on with no blind share. On the annotate page each task comes with
// its answer pre-filled under a "Model draft" banner that shows no score: the first is
// accepted with Shift+A, the second rejected (the answer clears) and labelled from scratch,
// the third edited by choosing the other option. The export records each label's provenance:
// draft shown, the model version, and whether it was accepted unchanged.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/drafts.spec.mjs PATH/TO/chorus
import { assert, log, runBrowserTest } from './harness.mjs';

const choice = (option) => ({ sentiment: { choices: [option] } });

await runBrowserTest({ passed: 'drafts: pre-filled answer, accept, reject, edit, provenance in the export' }, async (t) => {
  const { base, page, apiCall, createProject, exportedAnnotations } = t;
  const controls = [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }];
  const projectId = await createProject('Drafts test', controls, [
    { data: { text: 'Loved it' }, external_id: 'r1', predictions: [{ model_version: 'm1', score: 0.97, result: choice('positive') }] },
    { data: { text: 'Hated it' }, external_id: 'r2' },
    { data: { text: 'It was fine' }, external_id: 'r3' },
  ]);
  await apiCall('POST', `api/v1/projects/${projectId}/predictions`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data:
      [
        { external_id: 'r2', model_version: 'm1', score: 0.61, result: choice('positive') },
        { external_id: 'r3', model_version: 'm1', score: 0.55, result: choice('negative') },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n') + '\n',
  });
  const project = await apiCall('GET', `api/v1/projects/${projectId}`);
  await apiCall('PATCH', `api/v1/projects/${projectId}`, {
    data: { version: project.version, drafts: { enabled: true, blind_share: 0 } },
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=10`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  log(`three tasks with predictions by m1; drafts on, blind share 0`);

  await page.goto(`${base}#/projects/${projectId}/annotate`);
  const banner = page.getByTestId('model-draft');
  const pressed = (option) => page.getByRole('button', { name: new RegExp(`^\\d?\\s*${option}`) });

  // 1: the draft is filled in, without its score; Shift+A accepts it as is.
  await page.locator(`[data-task-id="${tasks[0].id}"]`).waitFor();
  await banner.waitFor();
  const text = await banner.innerText();
  assert(text.includes('Model draft') && !/0\.97|97\s*%|score|m1/.test(text), `the banner says ${text}`);
  assert((await banner.getAttribute('data-status')) === 'unchanged', 'the first draft is not shown unchanged');
  assert((await pressed('positive').first().getAttribute('aria-pressed')) === 'true', 'the draft did not pre-fill "positive"');
  await page.keyboard.press('Shift+A');
  await page.locator(`[data-task-id="${tasks[1].id}"]`).waitFor();
  log('task 1: pre-filled, no score shown, accepted with Shift+A');

  // 2: Reject clears the answer; the annotator labels it from scratch.
  await banner.getByRole('button', { name: /Reject/ }).click();
  await page.locator('[data-testid="model-draft"][data-status="rejected"]').waitFor();
  assert((await pressed('positive').first().getAttribute('aria-pressed')) !== 'true', 'Reject left the draft selected');
  await page.keyboard.press('2');
  await page.locator(`[data-task-id="${tasks[2].id}"]`).waitFor();
  log('task 2: rejected, then labelled "negative" from scratch');

  // 3: editing is choosing another answer.
  await banner.waitFor();
  assert((await pressed('negative').first().getAttribute('aria-pressed')) === 'true', 'the third draft did not pre-fill "negative"');
  await page.keyboard.press('1');
  await page.getByTestId('nothing-left').waitFor();
  log('task 3: edited to "positive"');

  const byTask = new Map((await exportedAnnotations(projectId)).map(({ taskId, a }) => [taskId, a]));
  const first = byTask.get(String(tasks[0].id));
  const second = byTask.get(String(tasks[1].id));
  const third = byTask.get(String(tasks[2].id));
  assert(first.draft_shown && first.draft_accepted && first.draft_model_version === 'm1' && !first.blind, `task 1 exported as ${JSON.stringify(first)}`);
  assert(second.draft_shown && !second.draft_accepted && second.result.sentiment.choices[0] === 'negative', `task 2 exported as ${JSON.stringify(second)}`);
  assert(third.draft_shown && !third.draft_accepted && third.result.sentiment.choices[0] === 'positive', `task 3 exported as ${JSON.stringify(third)}`);
  log('the export keeps each label\u2019s draft provenance');
});
