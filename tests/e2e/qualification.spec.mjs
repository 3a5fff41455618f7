#!/usr/bin/env node
// Qualification (calibration) in a real browser. An administrator creates a choices project
// (one task's text is an <img onerror> payload), sets its gold policy to 2 qualification items,
// all of them to be right (pass 1.0), no gold rate, and marks 4 tasks gold through the API, each
// rationale carrying the payload (each attempt is handed gold items the annotator has not
// answered, so two attempts of 2 take 4). Annotator "Quinn" then, in the browser:
// sees the banner "task 1 of 2 (attempt 1 of 2)" with no Skip button (S does nothing), answers
// wrongly with the mouse and sees "Not quite", the reference pressed in a read-only view beside
// her own answer, and the rationale as text; Enter continues; a right answer by key ends
// attempt 1 short of 2 of 2 and attempt 2 starts; two right answers pass ("your labels now
// count"); Continue shows an ordinary task with no banner and a Skip button, whose answer is
// exported. Every next task came prefetched with the answer before it (one POST next in all).
// Annotator "Fay" answers all four wrongly: the last feedback says she did not pass and offers
// no Continue; opening the annotate page again shows the server's refusal in the closed panel.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/qualification.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/qualification.png).
import { join } from 'node:path';
import { admin, assert, log, root, runBrowserTest, signIn } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const options = ['positive', 'negative', 'neutral'];
const quinn = { email: 'e2e-qual-quinn@example.com', name: 'Quinn Newcomer', password: 'quinn qual horse battery staple' };
const fay = { email: 'e2e-qual-fay@example.com', name: 'Fay Hasty', password: 'fay qual horse battery staple' };


async function assertInert(page) {
  assert((await page.locator('section.annotate img').count()) === 0, 'a payload became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'a payload ran');
}

await runBrowserTest({ passed: 'qualification: banner, no skip, feedback with reference and rationale, retry, pass, ordinary task; a failed qualification stops' }, async (t) => {
  const { base, page, apiCall, createProject, exportedAnnotations, allowConsoleError } = t;
  const texts = [payload, 'Fast delivery, lovely box.', 'It broke on day two.', 'Fine, nothing special.', 'Would buy again.', 'Too loud.'];
  const projectId = await createProject('E2E qualification', [{ type: 'choices', name: 'sentiment', to: 'text', options }], texts.map((text) => ({ text })));
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));

  const project = await apiCall('GET', `api/v1/projects/${projectId}`);
  const policy = { qualification_items: 2, qualification_pass: 1, rate: 0 };
  await apiCall('PATCH', `api/v1/projects/${projectId}`, { data: { version: project.version, gold: policy } });
  const saved = (await apiCall('GET', `api/v1/projects/${projectId}`)).gold;
  assert(saved.qualification_items === 2 && saved.qualification_attempts === 2, `gold policy saved as ${JSON.stringify(saved)}`);

  // Four gold tasks, their references: the id of each and the right option.
  const references = new Map();
  const wanted = ['negative', 'positive', 'negative', 'neutral'];
  for (const [i, task] of tasks.slice(0, 4).entries()) {
    await apiCall('PUT', `api/v1/tasks/${task.id}/gold`, {
      data: { reference: { sentiment: { choices: [wanted[i]] } }, rationale: `Reason ${i + 1}: read it whole. ${payload}` },
    });
    references.set(String(task.id), wanted[i]);
  }
  log(`policy ${JSON.stringify(policy)}, 4 gold tasks`);

  for (const person of [quinn, fay]) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator', tier: 'crowd' } });
    const accepted = await fetch(`${base}api/v1/invitations/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: invitation.token, password: person.password, display_name: person.name }),
    });
    assert(accepted.ok, `accepting the invitation answered ${accepted.status}`);
    const userId = (await accepted.json()).user.id;
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(userId) } });
  }

  await signIn(page, quinn);
  let nextCalls = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/projects\/\d+\/next$/.test(new URL(r.url()).pathname)) nextCalls++;
  });
  await page.goto(`${base}#/projects/${projectId}/annotate`);

  const banner = page.getByTestId('qualification-banner');
  const panel = page.getByTestId('qualification-feedback');
  // Waits for the banner to say `text`; answers the shown task's id and its reference option.
  async function calibrationTask(text) {
    await banner.getByText(text, { exact: true }).waitFor();
    const id = await page.locator('.task').getAttribute('data-task-id');
    assert(references.has(id), `qualification task ${id} is not a gold task`);
    return { id, right: references.get(id), wrong: options.find((o) => o !== references.get(id)) };
  }
  async function feedback(outcome, verdict, progress) {
    await page.locator(`[data-testid="qualification-feedback"][data-outcome="${outcome}"]`).waitFor();
    const shownVerdict = (await panel.locator('.qualification-verdict').innerText()).trim();
    assert(shownVerdict.endsWith(verdict), `the verdict reads ${JSON.stringify(shownVerdict)}, expected ${verdict}`);
    const shownProgress = (await page.getByTestId('qualification-progress').innerText()).trim();
    assert(shownProgress === progress, `the progress reads ${JSON.stringify(shownProgress)}, expected ${progress}`);
  }
  const pressed = async (form, option) =>
    (await panel.getByRole('form', { name: form }).getByRole('button', { name: option }).getAttribute('aria-pressed')) === 'true';

  // Attempt 1, task 1: the banner, no Skip, a wrong answer with the mouse.
  const first = await calibrationTask('Qualification — task 1 of 2 (attempt 1 of 2)');
  assert((await page.getByRole('button', { name: /Skip/ }).count()) === 0, 'a qualification task offers Skip');
  await page.getByTestId('no-skip').getByText(/cannot be skipped/).waitFor();
  await page.locator('.task').focus();
  await page.keyboard.press('s');
  await page.waitForTimeout(200);
  assert((await page.locator('.skip-form').count()) === 0, 'S opened the skip form on a qualification task');
  await page.getByRole('button', { name: first.wrong }).click();
  await feedback('in_progress', 'Not quite', '0 of 1 right so far in attempt 1');
  assert(await pressed('Reference answer', first.right), 'the reference does not show the right option');
  assert(await pressed('Your answer', first.wrong), 'the own answer does not show the option chosen');
  assert(
    (await panel.getByRole('form', { name: 'Reference answer' }).getByRole('button', { name: first.right }).isDisabled()),
    'the reference view can be changed',
  );
  const rationale = await page.getByTestId('qualification-rationale').innerText();
  assert(rationale.includes(payload) && rationale.startsWith('Reason '), `the rationale shows as ${JSON.stringify(rationale)}`);
  await assertInert(page);
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/qualification.png'), fullPage: true });
  }
  log(`attempt 1: task ${first.id} answered wrongly; "Not quite", reference and rationale shown`);
  await page.keyboard.press('Enter'); // Focus is on Continue.

  // Attempt 1, task 2: right by key, but 1 of 2 is short of the pass mark: attempt 2 starts.
  const second = await calibrationTask('Qualification — task 2 of 2 (attempt 1 of 2)');
  assert(second.id !== first.id, 'the same qualification task came twice');
  await page.keyboard.press(String(options.indexOf(second.right) + 1));
  await feedback('next_attempt', 'Right', 'Attempt 1 ended with 1 of 2 right; an attempt passes with 2 of 2.');
  await panel.getByRole('button', { name: /Continue/ }).click();

  // Attempt 2: two right answers, the first by key, the second with the mouse.
  const third = await calibrationTask('Qualification — task 1 of 2 (attempt 2 of 2)');
  assert(![first.id, second.id].includes(third.id), 'attempt 2 reused a task of attempt 1');
  await page.keyboard.press(String(options.indexOf(third.right) + 1));
  await feedback('in_progress', 'Right', '1 of 1 right so far in attempt 2');
  await page.keyboard.press('Enter');
  const fourth = await calibrationTask('Qualification — task 2 of 2 (attempt 2 of 2)');
  await page.getByRole('button', { name: fourth.right }).click();
  await feedback('passed', 'Right', '2 of 2 right in attempt 2');
  await panel.getByText('You passed the qualification: your labels now count.').waitFor();
  await assertInert(page);
  log('attempt 2: two right answers; passed');
  await page.keyboard.press('Enter');

  // An ordinary task: no banner, Skip is back; its answer counts.
  await page.getByRole('button', { name: /Skip/ }).waitFor();
  assert((await banner.count()) === 0 && (await panel.count()) === 0, 'the qualification banner or panel stayed');
  const ordinary = await page.locator('.task').getAttribute('data-task-id');
  assert(!references.has(ordinary), `an ordinary task was expected, got gold task ${ordinary}`);
  await page.keyboard.press('1');
  await page.locator(`.task:not([data-task-id="${ordinary}"])`).or(page.getByTestId('nothing-left')).waitFor();
  assert((await page.getByTestId('qualification-banner').count()) === 0, 'a banner came back after passing');
  assert(nextCalls === 1, `the page asked POST next ${nextCalls} times; each next task should come with the answer`);
  await assertInert(page);
  await signIn(page, admin); // Exports are for managers.
  const exported = await exportedAnnotations(projectId);
  const mine = exported.filter((e) => e.taskId === ordinary && e.a.state !== 'draft');
  assert(
    mine.length === 1 && JSON.stringify(mine[0].a.result) === JSON.stringify({ sentiment: { choices: ['positive'] } }),
    `the ordinary answer exported as ${JSON.stringify(mine)}`,
  );
  log(`ordinary task ${ordinary} answered and exported; one POST next in all`);

  // Fay fails both attempts: no Continue after the last answer, then the closed panel.
  await signIn(page, fay);
  await page.goto(`${base}#/projects/${projectId}/annotate`);
  for (const [i, text] of ['task 1 of 2 (attempt 1 of 2)', 'task 2 of 2 (attempt 1 of 2)', 'task 1 of 2 (attempt 2 of 2)', 'task 2 of 2 (attempt 2 of 2)'].entries()) {
    const task = await calibrationTask(`Qualification — ${text}`);
    await page.keyboard.press(String(options.indexOf(task.wrong) + 1));
    if (i < 3) {
      await panel.getByRole('button', { name: /Continue/ }).waitFor();
      await page.keyboard.press('Enter');
    }
  }
  await feedback('failed', 'Not quite', '0 of 2 right in attempt 2 of 2');
  await panel.getByText(/^You did not pass the qualification; an attempt passes with 2 of 2\. That was your last attempt/).waitFor();
  assert((await panel.getByRole('button', { name: /Continue/ }).count()) === 0, 'a failed qualification offers Continue');
  await panel.getByRole('link', { name: 'Back to the projects' }).waitFor();
  allowConsoleError(/status of 403.*\/api\/v1\/projects\/\d+\/next\)/); // The browser logs the refused next.
  await page.reload();
  const closed = page.getByTestId('gold-paused');
  await closed.waitFor();
  const closedText = await closed.innerText();
  assert(/did not pass this project's qualification/.test(closedText), `the closed panel reads ${JSON.stringify(closedText)}`);
  await assertInert(page);
  log('Fay failed both attempts: no Continue; the annotate page then shows the server message');
});
