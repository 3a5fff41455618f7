#!/usr/bin/env node
// Agreement monitoring in a real browser. An administrator creates an overlap-3 choices project
// whose third option is an <img onerror> payload, and three annotators label its 12 tasks through
// the API: two always agree, the third always picks the payload option. The project page links
// to the Agreement page, which shows raw agreement 0.333 (each task: one agreeing pair of three,
// worked by hand), the week chart with both threshold lines, the per-option and per-guideline
// tables, and alerts with the advice. The payload stays text throughout.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/agreement.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/agreement.png).
import { join } from 'node:path';
import { answerHanded, assert, cookieSession, log, root, runBrowserTest } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const options = ['positive', 'negative', payload];
const people = ['ada', 'bo', 'cy'].map((n) => ({
  email: `e2e-agreement-${n}@example.com`,
  name: `Agreement ${n}`,
  password: `${n} agreement horse battery staple`,
}));
const advice = 'revise the task: tighter instructions, worked examples, fewer classes, an ambiguous bucket';

async function assertInert(page, scope) {
  assert((await page.locator(`${scope} img`).count()) === 0, `a payload became an element in ${scope}`);
  assert((await page.evaluate(() => window.__xss)) === undefined, 'a payload ran');
}

await runBrowserTest({ passed: 'agreement: figures, week chart with thresholds, tables, alerts' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: { name: 'Agreement watch', overlap: 3, label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options }] } },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: Array.from({ length: 12 }, (_, i) => JSON.stringify({ text: `review ${i}` })).join('\n') + '\n',
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks;
  assert(tasks.length === 12, `imported ${tasks.length} tasks`);

  for (const [who, person] of people.entries()) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator', tier: 'crowd' } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    for (const [i, task] of tasks.entries()) {
      const choice = who < 2 ? options[i % 2] : payload;
      await answerHanded(call, projectId, task.id, {
        result: { sentiment: { choices: [choice] } },
        lead_time_ms: 1000,
        active_time_ms: 900,
        idempotency_key: `e2e-agreement-${who}-${task.id}`,
        state: 'submitted',
      });
    }
  }
  const report = await apiCall('GET', `api/v1/projects/${projectId}/agreement`);
  log(`report overall: ${JSON.stringify(report.overall)}; alerts: ${report.alerts.length}`);
  assert(Math.abs(report.overall.raw_agreement.value - 1 / 3) < 1e-12, `raw agreement ${report.overall.raw_agreement.value}`);

  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Agreement', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Agreement' }).waitFor();
  const overall = await page.locator('[data-testid="agreement-overall"] tbody tr').innerText();
  assert(overall.includes('0.333'), `the overall row says ${JSON.stringify(overall)}`);
  assert(overall.includes('36'), `the overall row lacks the 36 labels: ${JSON.stringify(overall)}`);
  const alerts = page.locator('[data-testid="agreement-alerts"]');
  await alerts.waitFor();
  const alertText = await alerts.innerText();
  assert(alertText.includes('project') && alertText.includes('Raw agreement is 0.333'), `alerts say ${JSON.stringify(alertText)}`);
  assert(alertText.includes(advice), 'the alerts lack the advice');
  const chart = page.locator('[data-testid="agreement-chart"] svg');
  for (const key of ['kappa', 'raw']) {
    assert((await chart.locator(`g[data-key="${key}"] line`).count()) === 1, `no ${key} threshold line`);
  }
  assert((await chart.locator('circle').count()) >= 2, 'the week chart has no points');
  const optionsText = await page.locator('[data-testid="agreement-options"]').innerText();
  assert(optionsText.includes(payload), `the payload option is not shown as text: ${JSON.stringify(optionsText)}`);
  const guidelines = await page.locator('[data-testid="agreement-guidelines"]').innerText();
  assert(guidelines.includes('No guidelines'), `the guideline table says ${JSON.stringify(guidelines)}`);
  await assertInert(page, '.agreement-page');
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/agreement.png'), fullPage: true });
  }
  log('agreement page: 0.333 raw, alerts with advice, chart with both thresholds, payload inert');
});
