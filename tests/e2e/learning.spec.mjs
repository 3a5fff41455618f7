#!/usr/bin/env node
// Active learning and suspect labels in a real browser. An administrator creates a choices
// project whose options include an <img onerror> payload, an annotator labels 24 of 28 texts
// through the API (one label flipped to the payload option on purpose), and the administrator
// opens the project page: "Order the queue" runs the job and reports the 4 waiting tasks
// ordered; "Find suspect labels" lists the flipped task first with the text's true class
// suggested; "Send to experts" routes it to experts (its routing then requires tier expert).
// The payload stays text throughout.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/learning.spec.mjs PATH/TO/chorus
import { answerHanded, assert, cookieSession, log, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const person = { email: 'e2e-learn-ann@example.com', name: 'Ann', password: 'ann learning horse battery staple' };
const good = ['great', 'lovely', 'superb', 'delight', 'charming', 'excellent'];
const bad = ['awful', 'dreadful', 'broken', 'poor', 'terrible', 'boring'];
const text = (i) => {
  const words = i % 2 === 0 ? good : bad;
  // A number of its own keeps equal texts from being deduplicated on import.
  return [0, 1, 2, 3, 4].map((w) => words[(i * 7 + w * 5) % 6]).join(' ') + ` n${i}`;
};
const answer = (option, key) => ({ result: { sentiment: { choices: [option] } }, idempotency_key: key, state: 'submitted' });

await runBrowserTest({ passed: 'learning: order the queue, suspect labels, send to experts' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'Learning test',
      description: 'made by a browser test',
      overlap: 1,
      label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', payload] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  const texts = Array.from({ length: 28 }, (_, i) => ({ text: text(i) }));
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: texts.map((x) => JSON.stringify(x)).join('\n') + '\n',
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=50`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator' } });
  const call = cookieSession(base);
  const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
  await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
  const flipped = tasks[6].id;  // A positive text, labelled with the payload option.
  for (let i = 0; i < 24; ++i) {
    const right = i % 2 === 0 ? 'positive' : payload;
    await answerHanded(call, projectId, tasks[i].id, answer(i === 6 ? payload : right, `a${i}`));
  }
  const denied = await call('GET', `api/v1/projects/${projectId}/suspects`, undefined, [403]);
  assert(denied.status === 403, `an annotator read the suspects: ${denied.status}`);

  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('heading', { name: 'Learning', exact: true }).waitFor();
  await page.getByLabel('Strategy').selectOption('margin');
  await page.getByRole('button', { name: 'Order the queue' }).click();
  await page.getByTestId('learning-status').getByText(/^Ordered 4 waiting tasks after learning from 24 labels/).waitFor();
  log('queue ordered');

  await page.getByRole('button', { name: 'Find suspect labels' }).click();
  const first = page.getByTestId('suspects-table').locator('tbody tr').first();
  await first.waitFor();
  const cells = await first.locator('td').allInnerTexts();
  assert(cells[0] === String(flipped), `the first suspect is ${JSON.stringify(cells)}, not task ${flipped}`);
  assert(cells[1] === payload && cells[2] === 'positive', `its labels show ${JSON.stringify(cells)}`);
  assert((await page.locator('[data-testid="suspects-table"] img').count()) === 0, 'the payload became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the payload ran');
  log('suspects listed, payload inert');

  await page.getByLabel('Send the top').fill('1');
  await page.getByRole('button', { name: 'Send to experts' }).click();
  await page.getByText('Sent 1 task to experts.').waitFor();
  const routing = await apiCall('GET', `api/v1/tasks/${flipped}/routing`);
  assert(routing.routing?.required_tier === 'expert', `the task's routing: ${JSON.stringify(routing)}`);
  log('sent to experts');
});
