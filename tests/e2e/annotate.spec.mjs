#!/usr/bin/env node
// End to end through a real browser: starts `chorus serve --demo` on a free loopback port,
// signs in through the login form, opens the demo project, labels three tasks with the keys
// 1, 2 and 3 and skips a fourth with a reason, then checks through the API (the export, with
// the browser's session cookie) that exactly those annotations were saved. Then: an export
// job started from the project page downloads the same rows; a picture of the image demo
// loads and is labelled; an API token made on the account
// page works for a script until revoked there; a multiple-choice answer is
// autosaved as a draft and comes back after a reload; an invitation made on the People page
// is accepted through its link by a new person, who lands signed in. Throughout, the page
// must log no console error and break no CSP rule.
//
// Usage: node tests/e2e/annotate.spec.mjs [PATH/TO/chorus]   (or CHORUS_BIN=PATH); the frame
// (server, browser, sign-in, exit codes) is tests/e2e/harness.mjs.
import { annotationsOf, assert, log, runBrowserTest } from './harness.mjs';

const demoProjectName = 'Demo: sentiment';
const keys = ['1', '2', '3'];
const skipReason = 'Not enough context';
const invitee = { email: 'e2e-invitee@example.com', name: 'Invited Ines', password: 'invitee horse battery staple' };

// The image demo: a picture loads (under the CSP) and a key labels it.
async function checkImageDemo(base, page) {
  await page.goto(`${base}#/projects`);
  await page.getByRole('link', { name: 'Demo: shapes', exact: true }).click();
  await page.getByRole('link', { name: 'Start labelling' }).click();
  const picture = page.locator('[data-task-id] img.task-media');
  await picture.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-task-id] img.task-media');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  const width = await picture.evaluate((img) => img.naturalWidth);
  assert(width === 96, `the demo picture is ${width} px wide, expected 96`);
  const alt = await picture.getAttribute('alt');
  assert(!/circle|square|triangle|png/.test(alt ?? ''), `the picture's alt text gives the answer away: ${alt}`);
  const taskId = await page.locator('[data-task-id]').getAttribute('data-task-id');
  await page.keyboard.press('2');
  await page.waitForFunction(
    (previous) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== previous,
    taskId,
  );
  log(`image demo: picture of task ${taskId} loaded and labelled`);
}

// A token made on the account page works for a script (Bearer) until it is revoked there.
async function checkApiTokens(base, page) {
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: /e2e-admin|admin/i }).click();
  await page.getByLabel('Name of a new token').fill('e2e script');
  await page.getByRole('button', { name: 'Create the token' }).click();
  const token = await page.getByTestId('new-token').inputValue();
  const asScript = () => fetch(`${base}api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  const before = await asScript();
  assert(before.status === 200, `the new token got ${before.status} from /auth/me`);
  await page.getByRole('button', { name: 'Revoke the token e2e script' }).click();
  await page.getByText(/^revoked /).waitFor();
  const after = await asScript();
  assert(after.status === 401, `the revoked token got ${after.status} from /auth/me, expected 401`);
  log('API token: works as Bearer, refused once revoked');
}

// A multiple-choice answer is autosaved as a draft: after a reload the same task comes back
// with the same options chosen.
async function checkDraftsSurviveAReload(base, page, apiCall) {
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'E2E topics',
      description: 'several answers per task',
      overlap: 1,
      label_interface: {
        controls: [{ type: 'choices', name: 'topics', to: 'text', options: ['price', 'quality', 'delivery'], multiple: true }],
      },
    },
  });
  const id = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${id}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: '{"text": "Cheap, but it came late."}\n{"text": "Sturdy and well made."}\n',
  });
  await page.goto(`${base}#/projects/${id}/annotate`);
  const task = page.locator('[data-task-id]');
  await task.waitFor();
  const taskId = await task.getAttribute('data-task-id');
  await page.keyboard.press('1');
  await page.keyboard.press('3');
  await page.getByText('Draft saved.').waitFor();
  await page.reload();
  await page.locator(`[data-task-id="${taskId}"]`).waitFor();
  await page.getByText('Your saved draft is back.').waitFor();
  const pressed = await page.locator('button.choice[aria-pressed="true"] span').allInnerTexts();
  assert(
    JSON.stringify(pressed) === JSON.stringify(['price', 'delivery']),
    `after a reload the draft shows ${JSON.stringify(pressed)}, expected ["price","delivery"]`,
  );
  log(`task ${taskId}: draft kept across a reload`);
}

// An administrator invites someone on the People page; the invitee opens the link (signed
// out), chooses a name and a password, and is signed in.
async function checkAnInvitationCanBeAccepted(page) {
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Email').fill(invitee.email);
  await page.getByRole('button', { name: 'Invite' }).click();
  const link = await page.getByTestId('invitation-link').inputValue();
  assert(link.includes('#/join?token='), `the invitation link is ${link}`);
  await page.getByRole('cell', { name: invitee.email, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.goto(link);
  await page.getByLabel('Display name').fill(invitee.name);
  await page.getByLabel(/^Password/).fill(invitee.password);
  await page.getByLabel('The same password again').fill(invitee.password);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.getByRole('navigation', { name: 'Account' }).getByText(invitee.name).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  log(`invitation accepted: signed in as ${invitee.name}`);
}

await runBrowserTest(
  {
    passed: `${keys.length} tasks labelled and 1 skipped in the browser, found in the export; export job, draft and invitation flows work`,
  },
  async ({ base, page, context, apiCall }) => {
    // The project list, then the demo project.
    await page.getByRole('link', { name: demoProjectName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: demoProjectName, exact: true }).waitFor();
    const projectId = /#\/projects\/([^/]+)$/.exec(new URL(page.url()).hash)?.[1];
    assert(projectId, `no project id in ${page.url()}`);
    await page.getByRole('link', { name: 'Start labelling' }).click();

    // Label three tasks by keyboard; each key submits (one single-choice control) and the
    // next task replaces the current one.
    const labelled = [];
    for (const key of keys) {
      const task = page.locator('[data-task-id]');
      await task.waitFor();
      const taskId = await task.getAttribute('data-task-id');
      const option = (await page.locator(`button[aria-keyshortcuts="${key}"] span`).innerText()).trim();
      assert((await task.innerText()).trim().length > 0, `task ${taskId} shows no text`);
      await page.keyboard.press(key);
      await page.waitForFunction(
        (previous) => {
          const current = document.querySelector('[data-task-id]');
          return (
            (current !== null && current.getAttribute('data-task-id') !== previous) ||
            document.querySelector('[data-testid="nothing-left"]') !== null
          );
        },
        taskId,
      );
      labelled.push({ taskId, option });
      log(`task ${taskId}: pressed ${key} (${option})`);
    }
    assert(new Set(labelled.map((l) => l.taskId)).size === keys.length, `a task came twice: ${JSON.stringify(labelled)}`);

    // Skip the next task with a reason: S asks why, Enter confirms.
    const skippedTask = page.locator('[data-task-id]');
    await skippedTask.waitFor();
    const skippedId = await skippedTask.getAttribute('data-task-id');
    await page.keyboard.press('s');
    await page.getByRole('radio', { name: skipReason }).check();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (previous) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== previous,
      skippedId,
    );
    log(`task ${skippedId}: skipped (${skipReason})`);

    // Check through the API with the browser's session cookie.
    const projectResponse = await context.request.get(`${base}api/v1/projects/${projectId}`);
    assert(projectResponse.ok(), `GET project answered ${projectResponse.status()}`);
    const project = await projectResponse.json();
    const control = project.label_interface.controls.find((c) => c.type === 'choices');
    assert(control, 'the demo project has no choices control');
    if (project.submitted_count !== undefined) {
      assert(project.submitted_count === keys.length, `submitted_count is ${project.submitted_count}, expected ${keys.length}`);
    }

    const exported = await context.request.get(`${base}api/v1/projects/${projectId}/export?format=jsonl`);
    assert(exported.ok(), `the JSONL export answered ${exported.status()}`);
    const exportedText = await exported.text();
    const annotations = annotationsOf(exportedText);
    assert(
      annotations.length === keys.length + 1,
      `the export holds ${annotations.length} annotations, expected ${keys.length} labels and 1 skip`,
    );
    for (const { taskId, option } of labelled) {
      const mine = annotations.filter((x) => x.taskId === taskId);
      assert(mine.length === 1, `task ${taskId} has ${mine.length} annotations in the export, expected 1`);
      const choices = mine[0].a.result?.[control.name]?.choices;
      assert(
        JSON.stringify(choices) === JSON.stringify([option]),
        `task ${taskId}: exported ${JSON.stringify(choices)}, expected ["${option}"]`,
      );
    }
    const skip = annotations.find((x) => x.taskId === skippedId)?.a;
    assert(skip?.state === 'skipped' && skip.skip_reason === skipReason, `the skip exported as ${JSON.stringify(skip)}`);

    // The export as a background job, from the project page: the same rows.
    await page.goto(`${base}#/projects/${projectId}`);
    await page.getByRole('button', { name: 'Start the export' }).click();
    const download = page.getByTestId('export-download');
    await download.waitFor();
    const jobFile = await context.request.get(new URL(await download.getAttribute('href'), base).toString());
    assert(jobFile.ok(), `the export job's download answered ${jobFile.status()}`);
    const jobRows = (await jobFile.text()).split('\n').filter((l) => l.trim() !== '').length;
    const syncRows = exportedText.split('\n').filter((l) => l.trim() !== '').length;
    assert(jobRows === syncRows, `the export job wrote ${jobRows} rows, the synchronous export ${syncRows}`);
    log(`export job: ${jobRows} rows downloaded`);

    await checkImageDemo(base, page);
    await checkApiTokens(base, page);
    await checkDraftsSurviveAReload(base, page, apiCall);
    await checkAnInvitationCanBeAccepted(page);
  },
);
