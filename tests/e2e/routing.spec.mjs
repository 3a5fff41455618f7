#!/usr/bin/env node
// Routing (tiers and dynamic overlap) in a real browser. An administrator creates an overlap-2
// choices project whose name and one option are an <img onerror> payload, opens the Routing page
// from the project page, is stopped by the form when the most labels per task is under the
// overlap, then turns dynamic overlap on with at most 3 labels per task. Three crowd annotators
// label task 1 through the API, each differently: it asks for a third label, then goes to
// adjudication. The Routing page's table then says escalated 1 and asked for more 1, and its
// charts draw. In the reviewer view the administrator sets task 1's tier to expert (the API
// agrees) and sees it escalated. With the project requiring expert, a crowd annotator's annotate
// page shows the tier panel with the server's message. Payloads stay text throughout.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/routing.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/routing.png).
import { join } from 'node:path';
import { answerHanded, assert, cookieSession, log, root, runBrowserTest, signIn } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const options = ['positive', 'negative', payload];
const people = ['ada', 'bo', 'cy'].map((n) => ({
  email: `e2e-routing-${n}@example.com`,
  name: `Routing ${n}`,
  password: `${n} routing horse battery staple`,
}));

const answer = (taskId, choice, key) => ({
  result: { sentiment: { choices: [choice] } },
  lead_time_ms: 1500,
  active_time_ms: 1200,
  idempotency_key: `e2e-routing-${key}-${taskId}`,
  state: 'submitted',
});

async function assertInert(page, scope) {
  assert((await page.locator(`${scope} img`).count()) === 0, `a payload became an element in ${scope}`);
  assert((await page.evaluate(() => window.__xss)) === undefined, 'a payload ran');
}

const countOf = async (page, key) => (await page.locator(`[data-testid="routing-counts"] tr[data-key="${key}"] td`).innerText()).trim();

await runBrowserTest({ passed: 'routing: policy form, report table and charts, task tier, tier panel' }, async (t) => {
  const { base, page, apiCall, allowConsoleError } = t;
  const name = `Routing ${payload}`;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: { name, description: 'made by a browser test', overlap: 2, label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options }] } },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: [{ text: payload }, { text: 'It broke on day two.' }].map((x) => JSON.stringify(x)).join('\n') + '\n',
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  const t1 = tasks[0];

  const sessions = [];
  for (const person of people) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator', tier: 'crowd' } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    sessions.push(call);
  }

  // The policy through the Routing page, linked from the project page.
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Routing', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Routing: tiers and dynamic overlap' }).waitFor();
  await assertInert(page, '.routing-page');
  const back = await page.locator('.routing-page > p a').first().innerText();
  assert(back.includes(payload), `the back link shows ${JSON.stringify(back)}`);
  await page.getByLabel('Dynamic overlap').check();
  await page.getByLabel('Most labels per task').fill('1'); // under the overlap of 2
  await page.getByRole('button', { name: 'Save the routing policy' }).click();
  await page.locator('.field-error[data-field="max_overlap"]').waitFor();
  await page.getByLabel('Most labels per task').fill('3');
  assert((await page.getByLabel('Control to judge on').locator('option[value="sentiment"]').count()) === 1, 'the control select lacks sentiment');
  await page.getByRole('button', { name: 'Save the routing policy' }).click();
  await page.getByRole('status').getByText(/^Saved/).waitFor();
  const routing = (await apiCall('GET', `api/v1/projects/${projectId}`)).routing;
  assert(routing.dynamic === true && routing.max_overlap === 3 && routing.required_tier === 'crowd', `routing saved as ${JSON.stringify(routing)}`);
  log(`policy saved through the form: ${JSON.stringify(routing)}`);

  // Three annotators split three ways on task 1: one more label is asked for, then adjudication.
  for (const [i, call] of sessions.entries()) {
    await answerHanded(call, projectId, t1.id, answer(t1.id, options[i], `p${i}`));
    if (i === 1) {
      const after2 = (await apiCall('GET', `api/v1/tasks/${t1.id}/routing`)).routing;
      assert(after2.wanted === 3, `after a split task 1 wants ${after2.wanted}`);
    }
  }
  const report = await apiCall('GET', `api/v1/projects/${projectId}/routing`);
  log(`report: ${JSON.stringify(report)}`);

  await page.reload();
  await page.locator('[data-testid="routing-counts"]').waitFor();
  assert((await countOf(page, 'escalated')) === '1', `the table says escalated ${await countOf(page, 'escalated')}`);
  assert((await countOf(page, 'asked_more')) === '1', `the table says asked_more ${await countOf(page, 'asked_more')}`);
  for (const chart of ['routing-labels-chart', 'routing-outcomes-chart']) {
    assert((await page.locator(`[data-testid="${chart}"] svg rect`).count()) > 0, `${chart} has no bars`);
  }
  const escalatedBar = await page.locator('[data-testid="routing-outcomes-chart"] g[data-key="escalated"]').innerText().catch(() => '');
  const barWidth = Number(await page.locator('[data-testid="routing-outcomes-chart"] g[data-key="escalated"] rect').getAttribute('width'));
  assert(barWidth > 0, `the escalated bar is ${barWidth} wide (${escalatedBar})`);
  assert((await page.getByRole('link', { name: 'Adjudication queue' }).getAttribute('href')) === `#/projects/${projectId}/adjudication`, 'no link to the adjudication queue');
  await assertInert(page, '.routing-page');
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/routing.png'), fullPage: true });
  }
  log('routing page: escalated 1, asked for more 1, charts drawn');

  // Task 1's tier in the reviewer view.
  await page.goto(`${base}#/projects/${projectId}/review`);
  await page.locator(`section.review[data-task-id="${t1.id}"]`).waitFor();
  const counts = page.getByTestId('task-routing-counts');
  await counts.getByText('escalated').waitFor();
  assert((await counts.innerText()).includes('3 of 3'), `the task line says ${await counts.innerText()}`);
  await page.getByLabel('Requires tier').selectOption('expert');
  await page.getByTestId('task-routing').getByRole('status').getByText('Now requires Expert.').waitFor();
  const taskRouting = (await apiCall('GET', `api/v1/tasks/${t1.id}/routing`)).routing;
  assert(taskRouting.required_tier === 'expert', `task 1 requires ${taskRouting.required_tier}`);
  await assertInert(page, '.review');
  log('task 1 requires expert, set in the reviewer view');

  // The project requires expert: a crowd annotator sees the tier panel.
  const project = await apiCall('GET', `api/v1/projects/${projectId}`);
  await apiCall('PATCH', `api/v1/projects/${projectId}`, { data: { version: project.version, routing: { ...project.routing, required_tier: 'expert' } } });
  const refused = await sessions[0]('POST', `api/v1/projects/${projectId}/next`, undefined, [403]);
  assert(refused.status === 403 && refused.body.error.field === 'tier', `next answered ${refused.status}: ${JSON.stringify(refused.body)}`);
  allowConsoleError(/status of 403.*\/api\/v1\/projects\/\d+\/next\)/); // The browser logs the refused next.
  await signIn(page, people[0]);
  await page.goto(`${base}#/projects/${projectId}/annotate`);
  const panel = page.getByTestId('tier-refused');
  await panel.waitFor();
  assert((await panel.innerText()).includes(refused.body.error.message), 'the tier panel does not show the server message');
  await assertInert(page, 'body');
  log('annotate page: tier panel with the server message');
});
