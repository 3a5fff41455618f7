#!/usr/bin/env node
// The quality dashboard in a real browser. An administrator creates a choices project of four
// tasks (overlap 2) and invites two annotators, one whose display name is an <img onerror>
// payload, and a manager. Both annotators label all four tasks through the API (they disagree on
// one), then the administrator marks two tasks gold. The manager opens the Dashboard from the
// project page and sees the gold accuracy chart with a line and an interval band per annotator,
// the pairwise heatmap with both cells of the one pair (grey: four shared items are too few for a
// kappa, and its title says so), and the tiles: the adjudication backlog, the latest agreement,
// the cost and the median effective pay, bars of agreement per option and per guideline version,
// with the JSON/CSV links behind the figures. The payload
// stays text throughout.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/dashboard.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also writes docs/images/dashboard.png).
import { join } from 'node:path';
import { answerHanded, assert, cookieSession, log, root, runBrowserTest, signIn } from './harness.mjs';

const payload = '<img src=x onerror="window.__xss=1">';
const annotators = [
  { email: 'e2e-dash-ada@example.com', name: `Ada ${payload}`, password: 'ada dash horse battery staple' },
  { email: 'e2e-dash-bo@example.com', name: 'Bo', password: 'bo dash horse battery staple' },
];
const manager = { email: 'e2e-dash-manager@example.com', name: 'Mia Manager', password: 'mia dash horse battery staple' };
const choice = (option) => ({ sentiment: { choices: [option] } });

await runBrowserTest({ passed: 'dashboard: gold accuracy chart, pairwise heatmap, tiles, agreement bars, data links' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'Dashboard test',
      description: 'made by a browser test',
      overlap: 2,
      label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: ['Great value.', 'It broke on day two.', 'Fine.', 'Never again.'].map((text) => JSON.stringify({ text })).join('\n') + '\n',
  });
  const tasks = (await apiCall('GET', `api/v1/projects/${projectId}/tasks?limit=20`)).tasks.sort((a, b) => Number(a.id) - Number(b.id));
  assert(tasks.length === 4, `imported ${tasks.length} tasks`);

  const enrol = async (person, role) => {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    return { call, id: Number(joined.body.user.id) };
  };
  const sessions = [];
  for (const person of annotators) sessions.push(await enrol(person, 'annotator'));
  await enrol(manager, 'manager');

  // Ada says positive to all four; Bo says negative to the last. The first two are then gold
  // with "positive" as the reference: both annotators are right on both.
  const truth = ['positive', 'negative', 'positive', 'negative'];
  for (const [who, session] of sessions.entries()) {
    for (const [i, task] of tasks.entries()) {
      const option = who === 1 && i === 3 ? 'negative' : 'positive';
      await answerHanded(session.call, projectId, task.id, { result: choice(option), idempotency_key: `e2e-dash-${who}-${task.id}`, state: 'submitted' });
    }
  }
  for (const task of tasks.slice(0, 2)) {
    await apiCall('PUT', `api/v1/tasks/${task.id}/gold`, { data: { reference: choice(truth[0]), rationale: 'praise' } });
  }
  log('labels and gold in place');

  await signIn(page, manager);
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Quality dashboard' }).waitFor();

  const chart = page.getByTestId('gold-accuracy-chart');
  await chart.waitFor();
  assert((await chart.locator('polyline.dashboard-line').count()) === 2, 'the chart has no line per annotator');
  assert((await chart.locator('polygon.dashboard-band').count()) === 2, 'the chart has no band per annotator');
  const legend = await chart.locator('.dashboard-legend').innerText();
  assert(legend.includes(annotators[0].name) && legend.includes('Bo'), `the legend says ${legend}`);
  const point = await chart.locator('circle title').first().textContent();
  assert(/100% of 2 answers/.test(point ?? ''), `a point's title says ${point}`);
  log('gold accuracy chart: two lines with bands');

  const heatmap = page.getByTestId('pairwise-heatmap');
  await heatmap.waitFor();
  assert((await heatmap.locator('rect.dashboard-cell').count()) === 2, 'the heatmap has no two cells for the pair');
  const cellTitle = await heatmap.locator('rect.dashboard-cell title').first().textContent();
  assert(cellTitle.includes('4 shared items') && cellTitle.includes('undefined'), `a cell's title says ${cellTitle}`);
  const names = await heatmap.locator('svg').textContent();
  assert(names.includes(annotators[0].name), `the heatmap names ${names}`);
  assert((await heatmap.locator('.dashboard-legend li').count()) === 4, 'the heatmap has no legend');
  log('heatmap: the pair, undefined kappa explained');

  const optionBars = page.getByTestId('agreement-option-bars');
  await optionBars.waitFor();
  const barKeys = await optionBars.locator('g.dashboard-bar').evaluateAll((gs) => gs.map((g) => g.dataset.key));
  assert(JSON.stringify(barKeys) === '["positive","negative"]', `the option bars are ${barKeys}`);
  const barTitle = await optionBars.locator('rect title').first().textContent();
  assert(barTitle.startsWith("positive: Fleiss' kappa") && barTitle.includes('labels'), `an option bar's title says ${barTitle}`);
  assert((await page.getByTestId('agreement-guideline-bars').locator('g.dashboard-bar').count()) === 1, 'no bar for the one guideline version');
  log('agreement bars per option and per guideline version');

  const tile = (id) => page.getByTestId(id).locator('.dashboard-tile-value');
  await page.getByTestId('tile-cost').getByText('labels submitted').waitFor();
  assert(/^\d+$/.test(await tile('tile-backlog').innerText()), `backlog shows ${await tile('tile-backlog').innerText()}`);
  const agreement = await tile('tile-agreement').innerText();
  assert(/^-?\d\.\d{3}$|^—$/.test(agreement), `latest agreement shows ${agreement}`);
  const cost = await tile('tile-cost').innerText();
  assert(/^-?\d+\.\d{2}$/.test(cost), `cost shows ${cost}`);
  assert((await page.getByTestId('tile-pay').innerText()).length > 0, 'no pay tile');
  const goldCsv = await page.getByRole('region', { name: 'Accuracy on gold per week' }).getByRole('link', { name: 'CSV' }).getAttribute('href');
  assert(goldCsv === `/api/v1/projects/${projectId}/dashboard/gold-accuracy?format=csv`, `the gold CSV link is ${goldCsv}`);
  const csv = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), goldCsv);
  assert(csv.startsWith('annotator_id,display_name,week,'), `the CSV starts ${csv.slice(0, 40)}`);
  assert((await page.locator('.dashboard-page img').count()) === 0, 'a payload became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'a payload ran');
  log('tiles and data links');

  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/dashboard.png'), fullPage: true });
  }
});
