#!/usr/bin/env node
// Stored aggregates in a real browser. An administrator creates a choices project whose options
// include an <img onerror> payload, two annotators label two tasks (agreeing on one, splitting
// on the other) through the API, and the administrator presses "Recompute aggregates" on the
// project page. The job's progress gives way to a summary, and the table shows each task's
// label, a confidence bar and the vote distribution as bars: 100% on the agreed task, 50/50 on
// the split one. The CSV link downloads the same rows. The payload stays text throughout.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/aggregates.spec.mjs PATH/TO/chorus
import { answerHanded, assert, cookieSession, log, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const people = [
  { email: 'e2e-agg-ann@example.com', name: 'Ann', password: 'ann aggregate horse battery staple' },
  { email: 'e2e-agg-ben@example.com', name: 'Ben', password: 'ben aggregate horse battery staple' },
];
const answer = (option, key) => ({ result: { sentiment: { choices: [option] } }, idempotency_key: key, state: 'submitted' });

await runBrowserTest({ passed: 'aggregates: recompute job, label, confidence and distribution bars, CSV' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'Aggregates test',
      description: 'made by a browser test',
      overlap: 2,
      label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', payload] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: [{ text: 'Lovely.' }, { text: 'Hmm.' }].map((x) => JSON.stringify(x)).join('\n') + '\n',
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  const sessions = [];
  for (const person of people) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator' } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    sessions.push(call);
  }
  await answerHanded(sessions[0], projectId, tasks[0].id, answer('positive', 'a0'));
  await answerHanded(sessions[1], projectId, tasks[0].id, answer('positive', 'b0'));
  await answerHanded(sessions[0], projectId, tasks[1].id, answer('positive', 'a1'));
  await answerHanded(sessions[1], projectId, tasks[1].id, answer(payload, 'b1'));
  // Annotators may not read them.
  const denied = await sessions[0]('GET', `api/v1/projects/${projectId}/aggregates`, undefined, [403]);
  assert(denied.status === 403, `an annotator read the aggregates: ${denied.status}`);

  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('heading', { name: 'Aggregates', exact: true }).waitFor();
  await page.getByText('No aggregates yet').waitFor();
  await page.getByLabel('Method').selectOption('mv');
  await page.getByRole('button', { name: 'Recompute aggregates' }).click();
  await page.getByTestId('aggregate-status').getByText(/^Done: 2 tasks/).waitFor();
  const row = (id) => page.locator(`[data-testid="aggregate-row"][data-task="${id}"]`);
  await row(tasks[1].id).waitFor();
  const agreed = await row(tasks[0].id).getByTestId('aggregate-label').innerText();
  assert(agreed === 'positive', `the agreed task shows ${agreed}`);
  const confidence = await row(tasks[0].id).getByTestId('aggregate-confidence').innerText();
  assert(confidence === '100%', `its confidence shows ${confidence}`);
  const split = await row(tasks[1].id).locator('.aggregate-distribution li').allInnerTexts();
  assert(split.length === 2 && split.every((line) => line.endsWith('50%')), `the split task's bars: ${JSON.stringify(split)}`);
  assert(split.some((line) => line.includes(payload)), `the payload option is not shown as text: ${JSON.stringify(split)}`);
  const fill = await row(tasks[0].id).locator('.aggregate-bar-confidence rect.aggregate-bar-fill').getAttribute('width');
  assert(Number(fill) === 80, `the confidence bar is ${fill} wide`);
  assert((await page.locator('.aggregates img').count()) === 0, 'the payload became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the payload ran');
  log('table: agreed task 100% positive, split task 50/50, payload inert');

  const href = await page.getByRole('link', { name: 'Download every aggregate as CSV' }).getAttribute('href');
  const csv = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), href);
  assert(csv.startsWith('task_id,control,aggregate_method,'), `the CSV starts ${csv.slice(0, 50)}`);
  assert(csv.split('\n').filter(Boolean).length === 3, `the CSV has ${csv.split('\n').length} lines`);
  log('CSV downloaded');
});
