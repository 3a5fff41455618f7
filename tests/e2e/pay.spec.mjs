#!/usr/bin/env node
// Pay and budget in a real browser. An administrator creates a choices project, invites a crowd
// annotator whose display name is an <img onerror> payload and an expert, opens the Pay page from
// the project page, is stopped by the form on an amount that is not one, then saves a per-hour
// policy (crowd 18.00, expert 30.00, floor 20.00, budget 20.00). The crowd annotator submits two
// labels of 30 active minutes, the expert one of 40 through the API. The report then shows the
// crowd annotator at 18.00 per active hour, highlighted under the floor, the expert at 30.00,
// spent 38.00 with 18.00 over budget, both alerts, the budget bar's overspend, and a CSV link
// that downloads the table. The payload stays text throughout.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/pay.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/pay.png).
import { join } from 'node:path';
import { answerHanded, assert, cookieSession, log, root, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const MINUTE = 60_000;
const people = [
  { email: 'e2e-pay-ada@example.com', name: `Ada ${payload}`, tier: 'crowd', password: 'ada pay horse battery staple' },
  { email: 'e2e-pay-bo@example.com', name: 'Bo Expert', tier: 'expert', password: 'bo pay horse battery staple' },
];

const answer = (taskId, activeMs, key) => ({
  result: { sentiment: { choices: ['positive'] } },
  lead_time_ms: activeMs + MINUTE,
  active_time_ms: activeMs,
  idempotency_key: `e2e-pay-${key}-${taskId}`,
  state: 'submitted',
});

async function assertInert(page, scope) {
  assert((await page.locator(`${scope} img`).count()) === 0, `a payload became an element in ${scope}`);
  assert((await page.evaluate(() => window.__xss)) === undefined, 'a payload ran');
}

await runBrowserTest({ passed: 'pay: policy form, effective hourly pay, floor and budget alerts, CSV' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'Pay test',
      description: 'made by a browser test',
      overlap: 2,
      label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: [{ text: 'Great value.' }, { text: 'It broke on day two.' }].map((x) => JSON.stringify(x)).join('\n') + '\n',
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));

  const sessions = [];
  const ids = [];
  for (const person of people) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator', tier: person.tier } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    ids.push(Number(joined.body.user.id));
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    sessions.push(call);
  }

  // The policy through the Pay page, linked from the project page.
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Pay', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Pay and budget' }).waitFor();
  await page.getByLabel('Pay', { exact: true }).selectOption('per_hour');
  await page.getByLabel('Crowd rate').fill('eighteen');
  await page.getByRole('button', { name: 'Save the pay policy' }).click();
  await page.locator('.field-error[data-field="crowd"]').waitFor();
  await page.getByLabel('Crowd rate').fill('18');
  await page.getByLabel('Expert rate').fill('30.00');
  await page.getByLabel('Hourly floor').fill('20.00');
  await page.getByLabel('Budget').fill('20');
  await page.getByRole('button', { name: 'Save the pay policy' }).click();
  await page.getByRole('status').getByText(/^Saved/).waitFor();
  const pay = (await apiCall('GET', `api/v1/projects/${projectId}`)).pay;
  assert(
    pay.mode === 'per_hour' && pay.rates.crowd === 1800 && pay.rates.expert === 3000 && pay.floor_cents_per_hour === 2000 && pay.budget_cents === 2000,
    `pay saved as ${JSON.stringify(pay)}`,
  );
  log(`policy saved through the form: ${JSON.stringify(pay)}`);

  // Ada: two labels of 30 active minutes (1 h x 18.00); Bo: one of 40 (2/3 h x 30.00 = 20.00).
  await answerHanded(sessions[0], projectId, tasks[0].id, answer(tasks[0].id, 30 * MINUTE, 'a'));
  await answerHanded(sessions[0], projectId, tasks[1].id, answer(tasks[1].id, 30 * MINUTE, 'a'));
  await answerHanded(sessions[1], projectId, tasks[0].id, answer(tasks[0].id, 40 * MINUTE, 'b'));

  await page.reload();
  await page.locator('[data-testid="pay-annotators"] tbody tr').nth(1).waitFor();
  const row = (id) => page.locator(`[data-testid="pay-annotators"] tr[data-annotator="${id}"]`);
  const adaName = await row(ids[0]).locator('td').first().innerText();
  assert(adaName === people[0].name, `Ada's name shows as ${JSON.stringify(adaName)}`);
  const adaPay = row(ids[0]).locator('td.pay-effective');
  assert((await adaPay.innerText()).startsWith('18.00'), `Ada's hourly pay shows ${await adaPay.innerText()}`);
  assert((await adaPay.getAttribute('class')).includes('below-floor'), 'Ada is not highlighted under the floor');
  const boPay = row(ids[1]).locator('td.pay-effective');
  assert((await boPay.innerText()) === '30.00', `Bo's hourly pay shows ${await boPay.innerText()}`);
  assert(!(await boPay.getAttribute('class')).includes('below-floor'), 'Bo is highlighted under the floor');
  const earned = await row(ids[1]).locator('td').nth(6).innerText();
  assert(earned === '20.00', `Bo earned ${earned}`);

  const alerts = await page.getByTestId('pay-alerts').innerText();
  assert(alerts.includes('earns 18.00 per active hour, under the floor of 20.00'), `alerts: ${alerts}`);
  assert(alerts.includes(payload), `the floor alert does not name Ada as text: ${alerts}`);
  assert(alerts.includes('spent 38.00 of a budget of 20.00: 18.00 over'), `alerts: ${alerts}`);
  assert(!alerts.includes('Bo Expert'), 'Bo is alerted');
  const remaining = await page.locator('[data-testid="pay-totals"] tr[data-key="remaining"] td').innerText();
  assert(remaining === '-18.00', `remaining shows ${remaining}`);
  assert((await page.locator('[data-testid="pay-budget"] rect.pay-budget-over').count()) === 1, 'the budget bar shows no overspend');
  const caption = await page.locator('[data-testid="pay-budget"] figcaption').innerText();
  assert(caption.includes('190%'), `the budget caption says ${caption}`);
  await assertInert(page, '.pay-page');
  log('report: Ada 18.00/h under the floor, Bo 30.00/h, 18.00 over budget');

  const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
  assert(href === `/api/v1/projects/${projectId}/pay?format=csv`, `the CSV link is ${href}`);
  const csv = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), href);
  assert(csv.startsWith('annotator_id,display_name,'), `the CSV starts ${csv.slice(0, 40)}`);
  assert(csv.includes(',crowd,2,0,0,0,1.000,18.00,18.00,18.00,yes'), `the CSV says ${csv}`);
  log('CSV downloaded');

  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/pay.png'), fullPage: true });
  }
});
