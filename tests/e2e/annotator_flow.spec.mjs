#!/usr/bin/env node
// The annotator's day around the controls, through a real browser: a manager writes
// guidelines on the project page (with a preview; an XSS payload in them stays text) and edits
// them into version 2; the annotate page shows the latest version on G; each submission brings
// the next task with it (one request, ?next=1) and adds to the person's progress line; and a session that expires mid-task loses
// nothing: the answer given while signed out is kept, the person signs in again, lands back on
// the annotate page, and the answer is stored exactly once.
//
// Usage: node tests/e2e/annotator_flow.spec.mjs [PATH/TO/chorus]   (frame: tests/e2e/harness.mjs)
import { admin, assert, log, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';

await runBrowserTest(
  { passed: 'guidelines versioned and shown on G, next task with the acknowledgement, nothing lost across a session expiry' },
  async ({ base, page, context, createProject, exportedAnnotations, allowConsoleError }) => {
    const controls = [{ type: 'choices', name: 'animal', to: 'text', options: ['cat', 'dog'] }];
    const tasks = Array.from({ length: 4 }, (_, i) => ({ text: `Animal number ${i + 1}` }));
    const projectId = await createProject('E2E guidelines', controls, tasks);

    // Guidelines: version 1, then an edit saved as version 2; the preview renders Markdown.
    await page.goto(`${base}#/projects/${projectId}`);
    await page.getByRole('button', { name: 'Write guidelines' }).click();
    await page.getByLabel('Guidelines (Markdown)').fill(`# Animals\n\nLabel **cats** as cat. ${payload}`);
    await page.locator('.guideline-editor .markdown strong', { hasText: 'cats' }).waitFor();
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByText('Version 1', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Edit the guidelines' }).click();
    await page.getByLabel('Guidelines (Markdown)').fill(`# Animals\n\nLabel **dogs** as dog too. ${payload}`);
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText('Version 2', { exact: true }).waitFor();
    log('guidelines saved as versions 1 and 2');

    // The annotate page: G shows the latest version; the payload is text.
    await page.goto(`${base}#/projects/${projectId}/annotate`);
    await page.locator('[data-task-id]').waitFor();
    await page.keyboard.press('g');
    const panel = page.getByRole('complementary', { name: 'Guidelines' });
    await panel.getByText('Version 2').waitFor();
    assert((await panel.innerText()).includes(payload), 'the guidelines do not show the payload as text');
    assert((await panel.locator('img').count()) === 0, 'the payload in the guidelines became an element');
    await page.keyboard.press('g');
    await panel.waitFor({ state: 'detached' });

    // Each key submits and the next task comes with the acknowledgement: no POST .../next.
    const nextCalls = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/v1\/projects\/[^/]+\/next$/.test(r.url())) nextCalls.push(r.url());
    });
    const first = await page.locator('[data-task-id]').getAttribute('data-task-id');
    await page.keyboard.press('1');
    await page.waitForFunction((previous) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== previous, first);
    assert(nextCalls.length === 0, `moving on asked POST .../next ${nextCalls.length} time(s)`);
    // The progress line counts the answer without asking the server again.
    await page.getByTestId('progress').getByText(/in this project: 1 labelled · \d+\.\d s active per task/).waitFor();
    log(`task ${first}: labelled; the next task came with the acknowledgement`);

    // The session ends mid-task (signed out elsewhere): the answer is kept, sign-in brings
    // the person back, and the answer is stored once.
    const second = await page.locator('[data-task-id]').getAttribute('data-task-id');
    const csrf = (await context.cookies(base)).find((c) => c.name === 'chorus_csrf')?.value ?? '';
    const out = await context.request.post(`${base}api/v1/auth/logout`, { headers: { 'X-CSRF-Token': csrf } });
    assert(out.ok(), `logout answered ${out.status()}`);
    await context.clearCookies();
    allowConsoleError(/status of 401 .*\/api\/v1\/tasks\/\d+\/annotations/);
    await page.keyboard.press('2');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction(
      (previous) => {
        const shown = document.querySelector('[data-task-id]')?.getAttribute('data-task-id');
        return (shown && shown !== previous) || document.querySelector('[data-testid="nothing-left"]') !== null;
      },
      second,
    );
    const annotations = await exportedAnnotations(projectId);
    const mine = annotations.filter((x) => x.taskId === second);
    assert(mine.length === 1, `task ${second} has ${mine.length} annotations after the re-login, expected 1`);
    assert(
      JSON.stringify(mine[0].a.result) === JSON.stringify({ animal: { choices: ['dog'] } }),
      `task ${second} stored ${JSON.stringify(mine[0].a.result)}`,
    );
    assert(annotations.length === 2, `the export holds ${annotations.length} annotations, expected 2`);
    assert((await page.evaluate(() => window.__xss)) === undefined, 'the XSS payload ran');
    log(`task ${second}: answered while signed out, stored once after signing in again`);
  },
);
