#!/usr/bin/env node
// Training-format exports in a real browser. An administrator creates a spans project, an
// annotator submits a span that cuts a word ("oë" of "Zoë", after an emoji) through the API,
// and the administrator picks "CoNLL IOB2 (spans)" in the project page's export panel: the job
// finishes, the panel says one span was widened, and the downloaded file tags the whole word.
// Picking the DPO format, which needs a pairwise control, shows the server's reason instead.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/training_export.spec.mjs PATH/TO/chorus
import { answerHanded, assert, cookieSession, runBrowserTest } from './harness.mjs';

const person = { email: 'e2e-conll-ann@example.com', name: 'Ann', password: 'ann conll horse battery staple' };

await runBrowserTest({ passed: 'training export: CoNLL job, widened-span note, refusal named' }, async (t) => {
  const { base, page, apiCall, allowConsoleError } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'CoNLL export test',
      description: 'made by a browser test',
      overlap: 1,
      label_interface: { controls: [{ type: 'spans', name: 'ents', to: 'text', labels: ['PER'] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: JSON.stringify({ text: '👋 Zoë met Bob.' }) + '\n',
  });
  const [task] = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=5`)).tasks;
  const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator' } });
  const call = cookieSession(base);
  const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
  await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
  // Code points: the emoji is 0, "Zoë" is [2, 5); "oë" is [3, 5).
  await answerHanded(call, projectId, task.id, {
    result: { ents: { spans: [{ start: 3, end: 5, label: 'PER' }] } },
    idempotency_key: 'conll-1',
    state: 'submitted',
  });

  await page.goto(`${base}#/projects/${projectId}`);
  allowConsoleError(/status of 400.*\/api\/v1\/projects\/\d+\/exports\)/); // The refused DPO export.
  await page.locator('#export-format').selectOption('dpo_jsonl');
  await page.getByRole('button', { name: 'Start the export' }).click();
  await page.getByRole('alert').filter({ hasText: 'needs a pairwise control' }).waitFor();

  await page.locator('#export-format').selectOption('conll_iob2');
  await page.getByRole('button', { name: 'Start the export' }).click();
  const download = page.getByTestId('export-download');
  await download.waitFor();
  const notes = await page.getByTestId('export-notes').innerText();
  assert(notes.includes('widened spans: 1'), `the panel's notes: ${notes}`);
  const file = await t.context.request.get(new URL(await download.getAttribute('href'), base).toString());
  assert(file.ok(), `the download answered ${file.status()}`);
  const text = await file.text();
  assert(text.includes('Zoë B-PER\nmet O\n'), `the CoNLL file:\n${text}`);
});
