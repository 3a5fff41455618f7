#!/usr/bin/env node
// The Drafts page in a real browser. An administrator creates a single-choice project whose
// option and model version carry markup, imports 40 tasks with the model's predictions, and
// enrols a manager and an annotator. The manager opens Drafts from the project page: a blind
// share of 150% is refused beside its field, a model version over 200 bytes is refused by the
// server beside its field, and drafts on with a 50% blind share and the latest model are saved.
// The annotator then labels every task through the API, copying each draft and contradicting
// the model on every blind task. On reload the anchoring report shows the alert with its advice,
// grouped bars of blind against drafted shares, the tests' p-values, the model's 0% accuracy on
// blind labels with its Wilson interval, a 100% accept-unchanged rate, the JSON and CSV links, and
// the markup as text.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/anchoring.spec.mjs PATH/TO/chorus
import { assert, cookieSession, log, runBrowserTest, signIn } from './harness.mjs';

const NEG = '<b>negative</b>';
const MODEL = 'm1 <i>beta</i>';
const manager = { email: 'e2e-anchoring-manager@example.com', name: 'Mo Manager', password: 'mo anchoring horse battery staple' };
const annotator = { email: 'e2e-anchoring-ann@example.com', name: 'Ann', password: 'ann anchoring horse battery staple' };
const choice = (option) => ({ sentiment: { choices: [option] } });
const opposite = (option) => (option === 'positive' ? NEG : 'positive');

await runBrowserTest({ passed: 'anchoring: draft policy through the form, the report with its alert and figures' }, async (t) => {
  const { base, page, apiCall, createProject, allowConsoleError } = t;
  const modelSays = new Map(); // external id -> the model's answer
  const tasks = Array.from({ length: 40 }, (_, i) => {
    const says = i % 3 === 0 ? NEG : 'positive';
    modelSays.set(`a${i}`, says);
    return { data: { text: `Review ${i}` }, external_id: `a${i}`, predictions: [{ model_version: MODEL, score: 0.9, result: choice(says) }] };
  });
  const projectId = await createProject('Anchoring test', [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', NEG] }], tasks);
  const enrol = async (person, role) => {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    return call;
  };
  const labeller = await enrol(annotator, 'annotator');
  await enrol(manager, 'manager');
  log('40 tasks with predictions; a manager and an annotator enrolled');

  // The policy through the Drafts page, as the manager.
  await signIn(page, manager);
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Drafts', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Model drafts' }).waitFor();
  const save = page.getByRole('button', { name: 'Save the draft policy' });
  await page.getByLabel(/Enabled: pre-fill/).check();
  await page.getByLabel('Blind share (%)').fill('150');
  await save.click();
  await page.locator('.field-error[data-field="blind_share"]').waitFor();
  await page.getByLabel('Blind share (%)').fill('50');
  await page.getByLabel('Model version').fill('m'.repeat(201));
  allowConsoleError(/status of 400.*\/api\/v1\/projects\/\d+\)/); // The browser logs the refused PATCH.
  await save.click();
  const refused = page.locator('.field-error[data-field="model_version"]');
  await refused.waitFor();
  assert(/200 bytes/.test(await refused.innerText()), `the server's refusal reads ${await refused.innerText()}`);
  await page.getByLabel('Model version').fill('');
  await save.click();
  await page.getByRole('status').getByText(/^Saved/).waitFor();
  const policy = (await apiCall('GET', `api/v1/projects/${projectId}`)).drafts;
  assert(policy.enabled === true && policy.blind_share === 0.5 && policy.model_version === '', `policy saved as ${JSON.stringify(policy)}`);
  log(`a share of 150% refused beside its field, a long model version refused by the server beside its field; saved ${JSON.stringify(policy)}`);

  // The annotator copies every draft and contradicts the model on every blind task.
  let drafted = 0;
  let blind = 0;
  for (let guard = 0; guard < 80; ++guard) {
    const next = await labeller('POST', `api/v1/projects/${projectId}/next`, {}, [204]);
    if (next.status === 204 || !next.body?.task) break;
    const task = next.body.task;
    const draft = next.body.model_draft;
    const answer = draft ? draft : choice(opposite(modelSays.get(task.external_id)));
    if (draft) ++drafted;
    else ++blind;
    await labeller('POST', `api/v1/tasks/${task.id}/annotations`, { result: answer });
  }
  assert(drafted + blind === 40 && drafted >= 5 && blind >= 5, `${drafted} drafted and ${blind} blind labels`);
  log(`${drafted} drafted labels copied, ${blind} blind labels against the model`);

  await page.reload();
  const report = page.getByTestId('anchoring-report');
  const control = report.getByTestId('anchoring-control-sentiment');
  await control.waitFor();
  const json = await apiCall('GET', `api/v1/projects/${projectId}/anchoring`);
  const figures = json.controls[0];
  assert(figures.alert === true, `the server raised no alert: ${JSON.stringify(figures)}`);

  const alert = control.getByTestId('anchoring-alert');
  await alert.waitFor();
  const alertText = await alert.innerText();
  assert(/Anchoring/.test(alertText) && /100%/.test(alertText) && /0%/.test(alertText) && /blind share/i.test(alertText) && /retrain/i.test(alertText) && /review drafted labels/i.test(alertText), `the alert reads ${alertText}`);

  const summary = await report.getByTestId('anchoring-summary').innerText();
  assert(summary.includes(MODEL) && summary.includes(`${drafted} drafted and ${blind} blind labels`), `the summary reads ${summary}`);
  assert((await report.getByTestId('anchoring-accept-rate').innerText()) === `100% (${drafted} of ${drafted})`, 'the accept-unchanged rate is not 100%');
  const accuracy = await control.getByTestId('anchoring-accuracy').innerText();
  const high = Math.round(figures.model_accuracy_blind.wilson_high * 100);
  assert(accuracy === `0% (95% CI 0%–${high}%, 0 of ${blind})`, `the blind accuracy reads ${accuracy}`);
  assert((await control.getByTestId('anchoring-drafted-agreement').innerText()).startsWith('100%'), 'drafted agreement is not 100%');
  const chi = await control.getByTestId('anchoring-chi-square').innerText();
  const expectChi = figures.chi_square.p_value < 0.001 ? 'p < 0.001' : `p = ${figures.chi_square.p_value.toFixed(3)}`;
  assert(chi === expectChi, `chi-square reads ${chi}, the server says ${figures.chi_square.p_value}`);
  assert(/^p [<=]/.test(await control.getByTestId('anchoring-g-test').innerText()), 'no G-test p-value');
  assert((await control.getByTestId('anchoring-js').innerText()) === figures.js_distance.toFixed(3), 'the Jensen-Shannon distance differs from the server');
  log(`figures: accuracy ${accuracy}, chi-square ${chi}`);

  // Bars: shares per arm, which add up to 1 in each arm; the option's markup is a text node.
  const bars = control.getByTestId('anchoring-bars-sentiment');
  for (const arm of ['blind', 'drafted']) {
    const shares = await bars.locator(`rect[data-arm="${arm}"]`).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-share'))));
    assert(shares.length === 2 && Math.abs(shares[0] + shares[1] - 1) < 1e-3, `${arm} shares ${shares}`);
  }
  const negBlind = Number(await bars.locator(`g[data-option="${NEG}"] rect[data-arm="blind"]`).getAttribute('data-share'));
  const negCounts = figures.distribution.find((d) => d.option === NEG);
  assert(Math.abs(negBlind - negCounts.blind / blind) < 1e-3, `the blind share of ${NEG} is ${negBlind}`);
  assert((await bars.locator('text', { hasText: NEG }).count()) === 1, 'the option name is not shown as text');
  assert((await report.locator('b, i').count()) === 0, 'markup from an option or model version became elements');
  log('grouped bars carry each arm\u2019s shares; markup stays text');

  // The data behind it.
  for (const [name, type] of [
    ['JSON', 'application/json'],
    ['CSV', 'text/csv'],
  ]) {
    const href = await report.getByRole('link', { name, exact: true }).getAttribute('href');
    const response = await page.context().request.get(new URL(href, base).toString());
    assert(response.ok() && (response.headers()['content-type'] ?? '').startsWith(type), `${name} link ${href} answered ${response.status()}`);
  }
  log('the JSON and CSV links answer');
});
