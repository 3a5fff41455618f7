#!/usr/bin/env node
// Expert adjudication in a real browser: a choices project with two labels per task and dynamic
// overlap whose max_overlap is also 2, so two annotators who disagree escalate the task at
// once (one of the options and the task text are an XSS payload). An expert annotator, invited
// and added through the API, opens "Adjudication" from the project page and sees the task, the
// reason it is there and both labels as "Annotator 1" and "Annotator 2" (no annotator's email
// or name on the page); they take Annotator 1's answer with the 1 key, Decide refuses an empty
// rationale, then a rationale is typed and Decide sends it. The API must then hold the decision
// with that result and rationale, the labels as they were, and no open item.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/adjudication.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/adjudication.png).
import { join } from 'node:path';
import { admin, assert, cookieSession, log, root, runBrowserTest, signIn } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const annotators = [
  { email: 'e2e-adj-one@example.com', name: 'Alice Annotator', password: 'annotator one horse battery', choice: 'positive' },
  { email: 'e2e-adj-two@example.com', name: 'Bruno Annotator', password: 'annotator two horse battery', choice: payload },
];
const expert = { email: 'e2e-adj-expert@example.com', name: 'Esther Expert', password: 'expert one horse battery staple' };

await runBrowserTest({ passed: 'adjudication: an expert decides an escalated task from anonymised labels' }, async ({ base, page, apiCall }) => {
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'E2E adjudication',
      description: 'two labels per task, escalated when they disagree',
      overlap: 2,
      routing: { dynamic: true, max_overlap: 2 },
      label_interface: {
        controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative', payload] }],
      },
    },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: JSON.stringify({ text: `Half praise, half complaint. ${payload}` }) + '\n',
  });
  const { tasks } = await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=10`);
  const taskId = tasks[0].id;

  const join_ = async (person, tier) => {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator', tier } });
    const call = cookieSession(base);
    const { body: joined } = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.user.id) } });
    person.id = joined.user.id;
    return call;
  };
  // Two crowd annotators disagree; the task is escalated with its two labels.
  for (const person of annotators) {
    const call = await join_(person, 'crowd');
    await call('POST', `api/v1/projects/${projectId}/next`, {});
    await call('POST', `api/v1/tasks/${taskId}/annotations`, {
      result: { sentiment: { choices: [person.choice] } },
      idempotency_key: `e2e-adjudication-${person.email}`,
      state: 'submitted',
    });
  }
  const labelsBefore = (await apiCall('GET', `api/v1/tasks/${taskId}/annotations`)).annotations;
  const queued = await apiCall('GET', `api/v1/projects/${projectId}/adjudications?state=open`);
  assert(queued.open === 1 && String(queued.adjudications[0]?.task_id) === String(taskId), `task ${taskId} was not escalated: ${JSON.stringify(queued)}`);
  const reason = queued.adjudications[0].reason;
  log(`two annotators disagreed on task ${taskId}; escalated: ${reason}`);
  await join_(expert, 'expert');

  // The expert opens the page from the project page and lands on the open item.
  await signIn(page, expert);
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Adjudication' }).click();
  const column1 = page.getByRole('group', { name: 'Annotator 1', exact: true });
  const column2 = page.getByRole('group', { name: 'Annotator 2', exact: true });
  await column1.waitFor();
  await column2.waitFor();
  assert((await page.getByTestId('adjudication-open').innerText()) === '1', 'the queue should count one open item');
  const shownReason = await page.getByTestId('adjudication-reason').innerText();
  assert(reason === '' || shownReason.includes(reason), `the reason shows as ${JSON.stringify(shownReason)}`);
  const shown = await page.locator('body').innerText();
  for (const person of annotators) {
    assert(!shown.includes(person.email) && !shown.includes(person.name), `the page names an annotator: ${person.email}`);
  }
  const html = await page.content();
  assert(!annotators.some((p) => html.includes(p.email)), 'an annotator email is in the page source');
  assert(shown.includes(`Half praise, half complaint. ${payload}`), 'the task text does not show as text');
  const pressed = (column, option) => column.locator('form[data-readonly] button', { hasText: option }).getAttribute('aria-pressed');
  assert((await pressed(column1, 'positive')) === 'true', 'Annotator 1 should show positive');
  assert((await pressed(column2, payload)) === 'true', 'Annotator 2 should show the payload option');
  const distribution = await page.getByRole('group', { name: 'Your decision' }).isVisible();
  assert(distribution, 'the decision form is missing');
  assert((await page.getByLabel('Answer distribution').innerText()).includes('positive 1'), 'the distribution is missing');
  log('both anonymised labels, the reason and the distribution are shown');

  // Take Annotator 1's answer by key; Decide without a rationale is refused.
  await page.locator('h1').click();
  await page.keyboard.press('1');
  const final = page.locator('.adjudication-decision form.editing');
  await page.getByText('(from Annotator 1)').waitFor();
  assert((await final.locator('button', { hasText: 'positive' }).getAttribute('aria-pressed')) === 'true', 'taking Annotator 1 did not fill the final answer');
  await page.getByRole('button', { name: /^Decide/ }).click();
  await page.getByRole('alert').filter({ hasText: 'rationale is required' }).waitFor();
  const rationale = `The praise is about delivery only. ${payload}`;
  await page.getByLabel('Rationale (required)').fill(rationale);
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/adjudication.png'), fullPage: true });
  }
  await page.getByRole('button', { name: /^Decide/ }).click();
  await page.getByTestId('adjudication-empty').waitFor();
  assert((await page.getByTestId('adjudication-note').innerText()).includes(`Task ${taskId} decided`), 'no note of the decision');
  assert((await page.locator('.adjudication img').count()) === 0, 'a payload became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'a payload ran');
  log('decided with a rationale; the queue is empty');

  await signIn(page, admin); // The checks below read every label.

  const item = await apiCall('GET', `api/v1/tasks/${taskId}/adjudication`);
  assert(item.adjudication.decided === true, 'the decision is not stored');
  assert(JSON.stringify(item.adjudication.result) === JSON.stringify({ sentiment: { choices: ['positive'] } }), `the result is ${JSON.stringify(item.adjudication.result)}`);
  assert(item.adjudication.rationale === rationale, `the rationale is ${JSON.stringify(item.adjudication.rationale)}`);
  assert(String(item.adjudication.decided_by) === String(expert.id), 'decided_by is not the expert');
  const labelsAfter = (await apiCall('GET', `api/v1/tasks/${taskId}/annotations`)).annotations;
  assert(JSON.stringify(labelsAfter) === JSON.stringify(labelsBefore), 'the annotators\u2019 labels changed');
  const after = await apiCall('GET', `api/v1/projects/${projectId}/adjudications?state=open`);
  assert(after.open === 0, `open items left: ${after.open}`);
  log('the API holds the decision; the labels are unchanged');
});
