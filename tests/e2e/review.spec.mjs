#!/usr/bin/env node
// The reviewer view in a real browser: a choices project with two labels per task, two
// annotators invited and added through the API who each label task 1 in their own session,
// then the administrator opens "Review labels" on the project page and sees two columns,
// "Annotator 1" and "Annotator 2", with no annotator's email or name anywhere on the page and
// the answers read-only. By keyboard they accept Annotator 1 (1, A); they reject Annotator 2
// (an empty comment is refused, then an <img onerror> payload is sent with Enter and stays
// text); they fix Annotator 1 to another option (1, F, click, "Save the fix"). The API must
// then hold exactly these three reviews with the right verdicts, comment and fixed result.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/review.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/review.png).
import { join } from 'node:path';
import { answerHanded, assert, cookieSession, log, root, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const annotators = [
  { email: 'e2e-ann-one@example.com', name: 'Alice Annotator', password: 'annotator one horse battery', choice: 'positive' },
  { email: 'e2e-ann-two@example.com', name: 'Bruno Annotator', password: 'annotator two horse battery', choice: 'negative' },
];


await runBrowserTest({ passed: 'reviewer view: anonymised columns, accept, reject with a comment, fix' }, async ({ base, page, apiCall }) => {
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'E2E review',
      description: 'two labels per task, reviewed',
      overlap: 2,
      label_interface: {
        controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative', 'neutral'] }],
      },
    },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: '{"text": "The parcel came early and intact."}\n{"text": "Nobody has labelled me."}\n',
  });
  const { tasks } = await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=10`);
  const taskId = tasks[0].id;

  // Two annotators, each in their own session, label task 1.
  for (const person of annotators) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator', tier: 'crowd' } });
    const call = cookieSession(base);
    const { body: joined } = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.user.id) } });
    await answerHanded(call, projectId, taskId, {
      result: { sentiment: { choices: [person.choice] } },
      lead_time_ms: 1500,
      active_time_ms: 1200,
      idempotency_key: `e2e-review-${person.email}`,
      state: 'submitted',
    });
    person.id = joined.user.id;
  }
  const { annotations } = await apiCall('GET', `api/v1/tasks/${taskId}/annotations`);
  const sorted = [...annotations].sort((a, b) => Number(a.id) - Number(b.id));
  assert(sorted.length === 2, `task ${taskId} has ${sorted.length} annotations, expected 2`);
  const [first, second] = sorted; // Annotator 1 and Annotator 2.
  log(`two annotators labelled task ${taskId} (annotations ${first.id}, ${second.id})`);

  // The reviewer view, from the project page.
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Review labels' }).click();
  const column1 = page.getByRole('group', { name: 'Annotator 1', exact: true });
  const column2 = page.getByRole('group', { name: 'Annotator 2', exact: true });
  await column1.waitFor();
  await column2.waitFor();
  assert((await page.locator('.review-column').count()) === 2, 'expected exactly two annotation columns');
  const shown = await page.locator('body').innerText();
  for (const person of annotators) {
    assert(!shown.includes(person.email) && !shown.includes(person.name), `the page names an annotator: ${person.email}`);
  }
  const html = await page.content();
  assert(!annotators.some((p) => html.includes(p.email)), 'an annotator email is in the page source');

  // Read-only: the answers show their choice, and clicking another option changes nothing.
  const pressed = async (column, option) =>
    column.locator('form[data-readonly] button', { hasText: option }).getAttribute('aria-pressed');
  assert((await pressed(column1, 'positive')) === 'true', 'Annotator 1 should show positive');
  assert((await pressed(column2, 'negative')) === 'true', 'Annotator 2 should show negative');
  await column1.locator('form[data-readonly] button', { hasText: 'neutral' }).evaluate((b) => b.click());
  await column1.locator('form[data-readonly] button', { hasText: 'neutral' }).click({ force: true });
  assert((await pressed(column1, 'neutral')) === 'false', 'a read-only answer changed on a click');
  assert((await pressed(column1, 'positive')) === 'true', 'a read-only answer lost its choice on a click');
  log('two anonymised, read-only columns');

  // Accept Annotator 1 by keyboard.
  await page.keyboard.press('1');
  await page.keyboard.press('a');
  await column1.getByText('Accepted by you').waitFor();

  // Reject Annotator 2: an empty comment is refused, then the payload is sent with Enter.
  await column2.getByRole('button', { name: /^Reject/ }).click();
  const why = column2.getByLabel(/Why reject/);
  await why.press('Enter');
  await column2.getByRole('alert').filter({ hasText: 'needs a comment' }).waitFor();
  await why.fill(payload);
  await why.press('Enter');
  await column2.getByText('Rejected by you').waitFor();
  const comment = await column2.locator('.review-comment').innerText();
  assert(comment === payload, `the comment shows as ${JSON.stringify(comment)}`);
  assert((await page.locator('.review img').count()) === 0, 'the comment became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the comment payload ran');

  // Fix Annotator 1: neutral instead of positive.
  await page.keyboard.press('1');
  await page.keyboard.press('f');
  const fix = column1.locator('form.editing');
  await fix.getByRole('button', { name: 'neutral' }).click();
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/review.png'), fullPage: true });
  }
  await column1.getByRole('button', { name: 'Save the fix' }).click();
  await column1.getByText('Fixed by you').waitFor();
  log('accepted, rejected with a comment, fixed');

  // Nothing further waits for this reviewer: task 2 has no labels, so it is not in the queue.
  await page.keyboard.press('n');
  await page.getByText(/No task further on is waiting for your review/).waitFor();

  const { reviews } = await apiCall('GET', `api/v1/tasks/${taskId}/reviews`);
  const got = reviews.map((r) => ({ a: String(r.annotation_id), v: r.verdict, c: r.comment ?? '', res: r.result ?? null }));
  const want = [
    { a: String(first.id), v: 'accepted', c: '', res: null },
    { a: String(second.id), v: 'rejected', c: payload, res: null },
    { a: String(first.id), v: 'fixed', c: '', res: { sentiment: { choices: ['neutral'] } } },
  ];
  assert(JSON.stringify(got) === JSON.stringify(want), `reviews are ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  log('the API holds exactly the three reviews');
});
