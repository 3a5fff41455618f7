#!/usr/bin/env node
// Model drafts in a real browser. An administrator creates a single-choice project, imports
// three tasks with the model's predictions (one with tasks, two later through the predictions
// route), and turns drafts on with no blind share. On the annotate page each task comes with
// its answer pre-filled under a "Model draft" banner that shows no score: the first is
// accepted with Shift+A, the second rejected (the answer clears) and labelled from scratch,
// the third edited by choosing the other option. The export records each label's provenance:
// draft shown, the model version, and whether it was accepted unchanged. On the Drafts page a
// model backend on loopback is refused naming --allow-fetch, and a public API is saved.
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

  // The Drafts page's model backend: a loopback address is refused beside its field, naming the
  // --allow-fetch flag (this server allows none); a public API with a key variable is saved.
  await page.goto(`${base}#/projects/${projectId}/drafts`);
  await page.getByRole('heading', { level: 2, name: 'Model backend' }).waitFor();
  await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9090');
  t.allowConsoleError(/status of 400.*model-backend/); // The browser logs the refused PUT.
  await page.getByRole('button', { name: 'Save backend' }).click();
  const refusedUrl = page.locator('.field-error[data-field="url"]');
  await refusedUrl.waitFor();
  assert(/--allow-fetch/.test(await refusedUrl.innerText()), `the refusal reads ${await refusedUrl.innerText()}`);
  await page.getByLabel('Kind').selectOption('chat_completions');
  await page.getByLabel('URL', { exact: true }).fill('http://93.184.216.34/v1');
  await page.getByLabel('Model', { exact: true }).fill('gpt-test');
  await page.getByLabel('API key variable').fill('CHORUS_MODEL_KEY_OPENAI');
  await page.getByRole('button', { name: 'Save backend' }).click();
  await page.locator('.model-backend button:not([disabled])', { hasText: /^Check$/ }).waitFor(); // Enabled once saved.
  const backend = (await apiCall('GET', `api/v1/projects/${projectId}/model-backend`)).model_backend;
  assert(backend?.kind === 'chat_completions' && backend.model === 'gpt-test' && backend.api_key_env === 'CHORUS_MODEL_KEY_OPENAI', `saved ${JSON.stringify(backend)}`);
  log('model backend: loopback refused naming --allow-fetch; a public API saved with its key variable');
});
