#!/usr/bin/env node
// Rejected work returns to its annotator, in a real browser: an invited annotator labels task 1
// (multiple choice, Submit) and moves on to task 2; the administrator rejects that label
// through the API with an <img onerror> payload as the comment; the annotator reloads and gets
// task 1 back first, with a panel saying "A reviewer returned this label:" and the comment as
// text, their earlier answer filled in; they change it and submit, which corrects the same
// annotation (one row, version 2, the new result) and brings task 2 back, with no panel.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/returned_work.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/returned-work.png).
import { join } from 'node:path';
import { admin, assert, cookieSession, log, root, runBrowserTest, signIn } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const annotator = { email: 'e2e-returned@example.com', name: 'Rita Returned', password: 'returned work horse battery' };

await runBrowserTest({ passed: 'returned work: comment shown as text, answer filled in, corrected in place' }, async ({ base, page, apiCall }) => {
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'E2E returned',
      description: 'a rejected label comes back',
      overlap: 1,
      label_interface: {
        controls: [{ type: 'choices', name: 'topics', to: 'text', options: ['price', 'quality', 'delivery'], multiple: true }],
      },
    },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: '{"text": "Cheap, but it came late."}\n{"text": "Sturdy and well made."}\n',
  });
  const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: annotator.email, role: 'annotator', tier: 'crowd' } });
  const joined = await cookieSession(base)('POST', 'api/v1/invitations/accept', {
    token: invitation.token,
    password: annotator.password,
    display_name: annotator.name,
  });
  await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
  // The reviewer: the administrator in a session of their own (the page becomes the annotator's).
  const reviewer = cookieSession(base);
  await reviewer('POST', 'api/v1/auth/login', { email: admin.email, password: admin.password });

  // The annotator labels the first task and is handed the second.
  await signIn(page, annotator);
  await page.goto(`${base}#/projects/${projectId}/annotate`);
  const shown = page.locator('[data-task-id]');
  await shown.waitFor();
  const first = await shown.getAttribute('data-task-id');
  assert((await page.getByTestId('returned').count()) === 0, 'new work shows a returned panel');
  await page.keyboard.press('1');
  await page.getByRole('button', { name: /^Submit/ }).click();
  await page.locator(`[data-task-id]:not([data-task-id="${first}"])`).waitFor();
  const second = await shown.getAttribute('data-task-id');
  const { body: labelled } = await reviewer('GET', `api/v1/tasks/${first}/annotations`);
  assert(labelled.annotations.length === 1, `task ${first} has ${labelled.annotations.length} labels`);
  const label = labelled.annotations[0];
  log(`task ${first} labelled (annotation ${label.id}), task ${second} handed out`);

  // Rejected with a comment that is markup.
  await reviewer('POST', `api/v1/annotations/${label.id}/reviews`, { verdict: 'rejected', comment: payload });

  // After a reload the rejected task comes first, with the comment as text and the answer.
  await page.reload();
  await page.locator(`[data-task-id="${first}"]`).waitFor();
  const panel = page.getByTestId('returned');
  await panel.waitFor();
  const text = await panel.innerText();
  assert(text.includes('A reviewer returned this label:'), `the panel says ${JSON.stringify(text)}`);
  const comment = await panel.locator('.returned-comment').innerText();
  assert(comment === payload, `the comment shows as ${JSON.stringify(comment)}`);
  assert((await page.locator('.returned-panel img, .annotate img').count()) === 0, 'the comment became an element');
  const pressed = await page.locator('button.choice[aria-pressed="true"] span').allInnerTexts();
  assert(JSON.stringify(pressed) === '["price"]', `the earlier answer shows as ${JSON.stringify(pressed)}`);
  log('returned: comment as text, earlier answer filled in');
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/returned-work.png'), fullPage: true });
  }

  // Changed (price off, delivery on) and submitted: the same annotation is corrected.
  await page.keyboard.press('1');
  await page.keyboard.press('3');
  await page.getByRole('button', { name: /^Submit/ }).click();
  await page.locator(`[data-task-id="${second}"]`).waitFor();
  assert((await page.getByTestId('returned').count()) === 0, 'the returned panel stayed after the correction');
  const { body: after } = await reviewer('GET', `api/v1/tasks/${first}/annotations`);
  assert(after.annotations.length === 1, `the correction added a label: ${JSON.stringify(after.annotations)}`);
  const corrected = after.annotations[0];
  assert(corrected.id === label.id, `annotation ${corrected.id} is not the returned ${label.id}`);
  assert(corrected.version === label.version + 1, `version ${corrected.version} after one correction of ${label.version}`);
  assert(
    JSON.stringify(corrected.result) === JSON.stringify({ topics: { choices: ['delivery'] } }),
    `the stored result is ${JSON.stringify(corrected.result)}`,
  );
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the comment payload ran');
  log(`annotation ${label.id} corrected to version ${corrected.version}; task ${second} is next`);
});
