#!/usr/bin/env node
// Annotator wellbeing in a real browser. An administrator creates a choices project whose import
// marks one task sensitive, marks a second one sensitive in the data browser, and on the
// Wellbeing page (linked from the project page) sets a daily cap of one sensitive item with no
// rotation. An invited annotator then gets the first sensitive task with a content warning,
// then the ordinary task without one, and then, with only sensitive work left, the break screen
// saying the daily limit is reached; they opt out there and the screen says so. The Wellbeing
// report shows their exposure and the opt-out.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/wellbeing.spec.mjs PATH/TO/chorus
import { admin, assert, cookieSession, log, runBrowserTest, signIn } from './harness.mjs';

const annotator = { email: 'e2e-wellbeing-ann@example.com', name: 'Wanda Wellbeing', password: 'wanda wellbeing horse staple' };

// Presses the first option of the task on screen and waits for the next answer to show.
async function answerShownTask(page) {
  const taskId = await page.locator('[data-task-id]').getAttribute('data-task-id');
  await page.keyboard.press('1');
  await page.waitForFunction(
    (previous) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== previous,
    taskId,
  );
  return taskId;
}

await runBrowserTest({ passed: 'wellbeing: sensitive flag, tiny cap, content warning, break screen, opt-out, report' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'Wellbeing test',
      description: 'made by a browser test',
      overlap: 1,
      label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  const records = [
    { data: { text: 'Graphic report A' }, sensitive: true, priority: 5 },
    { data: { text: 'Graphic report B' }, priority: 5 },
    { data: { text: 'A calm review' } },
  ];
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: records.map((x) => JSON.stringify(x)).join('\n') + '\n',
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  assert(tasks[0].sensitive === true && tasks[1].sensitive === false, `imported flags: ${JSON.stringify(tasks.map((x) => x.sensitive))}`);

  // The second task is marked sensitive in the data browser.
  await page.goto(`${base}#/projects/${projectId}/tasks`);
  await page.locator(`.db-row[data-task-id="${tasks[1].id}"]`).click();
  const detail = page.getByTestId('task-detail');
  await detail.getByRole('heading', { name: `Task ${tasks[1].id}` }).waitFor();
  await detail.getByLabel('Sensitive (disturbing content)').check();
  await detail.getByRole('status').getByText(/Marked sensitive/).waitFor();
  const marked = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.find((x) => x.id === tasks[1].id);
  assert(marked.sensitive === true, 'the data browser did not mark the task sensitive');
  log('one task sensitive on import, one marked in the data browser');

  // The policy through the Wellbeing page, linked from the project page; a bad cap is refused.
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Wellbeing', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Annotator wellbeing' }).waitFor();
  await page.getByLabel('Enabled: limit sensitive items').check();
  await page.getByLabel('Daily cap').fill('0');
  await page.getByRole('button', { name: 'Save the wellbeing policy' }).click();
  await page.locator('.field-error[data-field="daily_cap"]').waitFor();
  await page.getByLabel('Daily cap').fill('1');
  await page.getByLabel('Ordinary items between').fill('0');
  await page.getByRole('button', { name: 'Save the wellbeing policy' }).click();
  await page.getByRole('status').getByText(/^Saved/).waitFor();
  const policy = (await apiCall('GET', `api/v1/projects/${projectId}`)).wellbeing;
  assert(policy.enabled === true && policy.daily_cap === 1 && policy.ordinary_between === 0, `policy saved as ${JSON.stringify(policy)}`);
  log(`policy saved through the form: ${JSON.stringify(policy)}`);

  const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: annotator.email, role: 'annotator', tier: 'crowd' } });
  const call = cookieSession(base);
  const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: annotator.password, display_name: annotator.name });
  const annotatorId = Number(joined.body.user.id);
  await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: annotatorId } });

  // The annotator: a sensitive task with its warning, the ordinary one, then the break screen.
  await signIn(page, annotator);
  await page.goto(`${base}#/projects/${projectId}/annotate`);
  await page.locator(`[data-task-id="${tasks[0].id}"]`).waitFor();
  await page.getByTestId('content-warning').waitFor();
  await answerShownTask(page);
  await page.locator(`[data-task-id="${tasks[2].id}"]`).waitFor();
  assert((await page.getByTestId('content-warning').count()) === 0, 'an ordinary task shows the content warning');
  await page.keyboard.press('1');
  const held = page.getByTestId('wellbeing-break');
  await held.waitFor();
  assert((await held.getAttribute('data-reason')) === 'daily_cap', `the break screen's reason is ${await held.getAttribute('data-reason')}`);
  const text = await held.innerText();
  assert(text.includes('Daily limit reached') && text.includes('resumes at'), `the break screen says ${text}`);
  log('content warning on the sensitive task, none on the ordinary one, then the daily-cap screen');

  await page.getByTestId('wellbeing-optout').getByRole('checkbox').check();
  await page.locator('[data-testid="wellbeing-break"][data-reason="opted_out"]').waitFor();
  const mine = await call('GET', `api/v1/projects/${projectId}/wellbeing/me`);
  assert(mine.body.opted_out === true, `the opt-out was not stored: ${JSON.stringify(mine.body)}`);
  log('opted out from the break screen');

  // The report, as the administrator.
  await signIn(page, admin);
  await page.goto(`${base}#/projects/${projectId}/wellbeing`);
  const row = page.locator(`[data-testid="wellbeing-table"] tr[data-annotator="${annotatorId}"]`);
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert((await row.locator('th').innerText()) === annotator.name, 'the report does not name the annotator');
  assert(cells[0] === '1' && cells[4] === 'yes' && cells[6] === '1 / 2', `the report row says ${JSON.stringify(cells)}`);
  log(`report: ${JSON.stringify(cells)}`);
});
