#!/usr/bin/env node
// Gold (control) tasks in a real browser. An administrator creates a choices project (task 1's
// text is an <img onerror> payload), sets the gold policy on the Gold page (a rate of 60% is
// refused by the server and the error shows beside the field; then 50%, pause under 80%, a
// verdict after 2 answers), an annotator "Bea" labels tasks 1 and 2, and the administrator
// marks both gold from the reviewer view with "Make gold" (task 1's rationale is the payload
// too). GET /gold must then list both with Bea's answers as references, and a reload of the
// reviewer view shows "Gold ✓". Annotator "Ann" then answers what she is given, every gold
// task wrongly, until POST next answers 403 (field "gold"); the Gold page's accuracy table
// shows her by name as "paused", and task 2's reference is edited there. Signed in as Ann, the annotate page shows the server's
// message in the paused panel; signed in as a reviewer, the reviewer view shows nothing about
// gold and asks no gold route. Payloads stay text throughout.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/gold.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/gold.png).
import { join } from 'node:path';
import { answerHanded, assert, cookieSession, log, root, runBrowserTest, signIn } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const options = ['positive', 'negative', 'neutral'];
const bea = { email: 'e2e-gold-bea@example.com', name: 'Bea Goldmaker', password: 'bea gold horse battery staple', role: 'annotator' };
const ann = { email: 'e2e-gold-ann@example.com', name: 'Ann Careless', password: 'ann gold horse battery staple', role: 'annotator' };
const rita = { email: 'e2e-gold-rita@example.com', name: 'Rita Reviewer', password: 'rita gold horse battery staple', role: 'reviewer' };

const answer = (taskId, choice, key) => ({
  result: { sentiment: { choices: [choice] } },
  lead_time_ms: 1500,
  active_time_ms: 1200,
  idempotency_key: `e2e-gold-${key}-${taskId}`,
  state: 'submitted',
});

async function assertInert(page, scope) {
  assert((await page.locator(`${scope} img`).count()) === 0, `a payload became an element in ${scope}`);
  assert((await page.evaluate(() => window.__xss)) === undefined, 'a payload ran');
}

await runBrowserTest({ passed: 'gold: policy form, Make gold, references listed, annotator paused, reviewer sees no gold' }, async (t) => {
  const { base, page, apiCall, createProject, allowConsoleError } = t;
  const projectId = await createProject(
    'E2E control tasks', // No "gold" in the name: the reviewer's page must not mention it.
    [{ type: 'choices', name: 'sentiment', to: 'text', options }],
    [
      { text: payload },
      { text: 'Fast delivery, lovely box.' },
      { text: 'It broke on day two.' },
      { text: 'Fine, nothing special.' },
      { text: 'Would buy again.' },
      { text: 'Too loud for an office.' },
      { text: 'Arrived a week late.' },
      { text: 'Exactly as pictured.' },
    ],
  );
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  const [t1, t2] = tasks;

  // Bea, Ann and Rita join and become members.
  const sessions = {};
  for (const person of [bea, ann, rita]) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: person.role, tier: 'crowd' } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    person.id = joined.body.user.id;
    sessions[person.email] = call;
  }

  // The gold policy through the Gold page: the server refuses a 60% rate and names the field.
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Gold tasks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Gold tasks and accuracy' }).waitFor();
  await page.getByLabel('Gold rate (%)').fill('60');
  await page.getByLabel('Gold answers before a verdict').fill('2');
  await page.getByLabel('Pause below accuracy (%)').fill('80');
  allowConsoleError(/status of 400.*\/api\/v1\/projects\/\d+\)/); // The browser logs the refused PATCH.
  await page.getByRole('button', { name: 'Save the policy' }).click();
  await page.locator('.field-error[data-field="rate"]').waitFor();
  await page.getByLabel('Gold rate (%)').fill('50');
  await page.getByRole('button', { name: 'Save the policy' }).click();
  await page.getByRole('status').getByText(/^Saved/).waitFor();
  const policy = (await apiCall('GET', `api/v1/projects/${projectId}`)).gold;
  const want = { rate: 0.5, max_exposures: 25, warn_below: 0.9, pause_below: 0.8, min_answers: 2 };
  for (const [k, v] of Object.entries(want)) assert(Math.abs(policy[k] - v) < 1e-9, `policy.${k} is ${policy[k]}, expected ${v}`);
  log(`policy saved through the form: ${JSON.stringify(policy)}`);

  // Bea labels tasks 1 and 2; the administrator makes both answers gold in the reviewer view.
  const beaCall = sessions[bea.email];
  await answerHanded(beaCall, projectId, t1.id, answer(t1.id, 'negative', 'bea'));
  await answerHanded(beaCall, projectId, t2.id, answer(t2.id, 'positive', 'bea'));
  await page.goto(`${base}#/projects/${projectId}/review`);
  const column = page.getByRole('group', { name: 'Annotator 1', exact: true });
  await page.locator(`section.review[data-task-id="${t1.id}"]`).waitFor();
  await column.getByRole('button', { name: 'Make gold' }).click();
  await column.getByLabel(/Why is Annotator 1's answer right/).fill(payload);
  await column.getByRole('button', { name: 'Save as gold' }).click();
  await page.getByRole('note', { name: 'Gold task' }).getByText('Gold ✓').waitFor();
  const shownRationale = await page.locator('.gold-banner .gold-rationale').innerText();
  assert(shownRationale.includes(payload), `the rationale shows as ${JSON.stringify(shownRationale)}`);
  await assertInert(page, '.review');
  await page.getByRole('button', { name: /^Next task/ }).first().click();
  await page.locator(`section.review[data-task-id="${t2.id}"]`).waitFor();
  assert((await page.locator('.gold-banner').count()) === 0, 'task 2 shows as gold before it is');
  await column.getByRole('button', { name: 'Make gold' }).click();
  await column.getByLabel(/Why is Annotator 1's answer right/).fill('Praise of speed and packaging.');
  await column.getByRole('button', { name: 'Save as gold' }).click();
  await page.locator('.gold-banner').waitFor();
  // A fresh load knows task 1 is gold from the server.
  await page.reload();
  await page.locator(`section.review[data-task-id="${t1.id}"]`).waitFor();
  await page.locator('.gold-banner').getByText('Gold ✓').waitFor();
  assert(
    (await page.locator('.gold-banner form[data-readonly] button', { hasText: 'negative' }).getAttribute('aria-pressed')) === 'true',
    'the gold banner does not show the reference',
  );
  log('two tasks made gold in the reviewer view');

  const listed = (await apiCall('GET', `api/v1/projects/${projectId}/gold?limit=10`)).gold_items;
  const got = listed.map((g) => ({ task: String(g.task_id), reference: g.reference, rationale: g.rationale }));
  const wantItems = [
    { task: String(t1.id), reference: { sentiment: { choices: ['negative'] } }, rationale: payload },
    { task: String(t2.id), reference: { sentiment: { choices: ['positive'] } }, rationale: 'Praise of speed and packaging.' },
  ];
  assert(JSON.stringify(got) === JSON.stringify(wantItems), `GET /gold lists ${JSON.stringify(got)}`);
  const references = new Map(listed.map((g) => [String(g.task_id), g.reference.sentiment.choices[0]]));
  log('GET /gold lists both with the right references');

  // Ann answers whatever she is given, gold wrongly, until her queue closes.
  const annCall = sessions[ann.email];
  let paused = null;
  let goldAnswered = 0;
  for (let i = 0; i < 12 && !paused; i++) {
    const next = await annCall('POST', `api/v1/projects/${projectId}/next`, undefined, [403]);
    if (next.status === 403) {
      paused = next.body.error;
      break;
    }
    assert(next.body?.task, `Ann got no task after ${i} answers (status ${next.status})`);
    const taskId = String(next.body.task.id);
    const reference = references.get(taskId);
    if (reference) goldAnswered++;
    const wrong = options.find((o) => o !== (reference ?? 'neutral'));
    await answerHanded(annCall, projectId, taskId, answer(taskId, wrong, 'ann'));
  }
  assert(paused && paused.field === 'gold', `Ann was never paused (${goldAnswered} gold answers)`);
  log(`Ann paused after ${goldAnswered} wrong gold answers: ${paused.message}`);

  // The accuracy table shows Ann by name, paused, with her per-label rows.
  await page.goto(`${base}#/projects/${projectId}/gold`);
  const annRow = page.locator(`tbody[data-annotator-id="${ann.id}"]`);
  await annRow.locator('.badge[data-verdict="paused"]').waitFor();
  await annRow.getByText(ann.name).waitFor();
  assert((await annRow.locator('.badge').innerText()).trim() === 'paused', 'the badge does not say paused');
  if ((await annRow.getByRole('button', { expanded: false }).count()) > 0) {
    await annRow.getByRole('button', { expanded: false }).click();
    await annRow.locator('.gold-label-row').first().waitFor();
  }
  await page.locator(`.gold-item[data-task-id="${t1.id}"]`).waitFor();
  const preview = await page.locator(`.gold-item[data-task-id="${t1.id}"] .gold-preview`).innerText();
  assert(preview.includes(payload), `the task preview shows as ${JSON.stringify(preview)}`);
  await assertInert(page, '.gold-page');
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/gold.png'), fullPage: true });
  }
  log('accuracy table: Ann is paused');

  // Edit task 2's reference on the Gold page with the reviewer's editable views.
  const item2 = page.locator(`.gold-item[data-task-id="${t2.id}"]`);
  await item2.getByRole('button', { name: 'Edit' }).click();
  await item2.locator('form.editing').getByRole('button', { name: 'neutral' }).click();
  await item2.getByLabel('Rationale').fill('Neutral after all: no judgement of the product.');
  await item2.getByRole('button', { name: 'Save the reference' }).click();
  await item2.getByText('version 2').waitFor();
  const edited = (await apiCall('GET', `api/v1/projects/${projectId}/gold?limit=10`)).gold_items.find((g) => String(g.task_id) === String(t2.id));
  assert(
    JSON.stringify(edited.reference) === JSON.stringify({ sentiment: { choices: ['neutral'] } }) && edited.version === 2,
    `task 2's gold item after the edit: ${JSON.stringify(edited)}`,
  );
  log('reference edited on the Gold page');

  // Ann, signed in, sees the server's message in the paused panel.
  allowConsoleError(/status of 403.*\/api\/v1\/projects\/\d+\/next\)/); // The browser logs the refused next.
  await signIn(page, ann);
  await page.goto(`${base}#/projects/${projectId}/annotate`);
  const panel = page.getByTestId('gold-paused');
  await panel.waitFor();
  assert((await panel.innerText()).includes(paused.message), 'the paused panel does not show the server message');
  await panel.getByRole('link', { name: 'Back to the projects' }).waitFor();
  log('annotate page: paused panel with the server message');

  // Rita, a reviewer, sees nothing about gold and asks no gold route.
  await signIn(page, rita);
  const goldRequests = [];
  page.on('request', (r) => {
    if (/\/gold(\/|\?|$)/.test(new URL(r.url()).pathname + new URL(r.url()).search)) goldRequests.push(r.url());
  });
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Review labels' }).waitFor();
  assert((await page.getByRole('link', { name: 'Gold tasks' }).count()) === 0, 'a reviewer is offered the Gold page');
  await page.getByRole('link', { name: 'Review labels' }).click();
  await page.locator('section.review').waitFor();
  await page.getByRole('group', { name: 'Annotator 1', exact: true }).waitFor();
  await page.getByRole('button', { name: /^Next task/ }).first().click();
  await page.waitForTimeout(300);
  assert((await page.locator('.gold-make, .gold-banner').count()) === 0, 'a reviewer sees gold in the reviewer view');
  assert(!/gold/i.test(await page.locator('body').innerText()), 'the reviewer view mentions gold to a reviewer');
  assert(goldRequests.length === 0, `a reviewer's page asked gold routes: ${goldRequests.join(', ')}`);
  await assertInert(page, '.review');
  log('reviewer: no gold anywhere, no gold request');
});
