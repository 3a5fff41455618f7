#!/usr/bin/env node
// Annotator diversity in a real browser. An administrator creates a choices project (overlap 2)
// and on the Diversity page (linked from the project page) asks about region with a quota of
// one EU and one Asia label per task; a quota larger than the overlap is refused beside its
// field. Six invited annotators join: the first answers "EU" in the "About you" panel of the
// project page, the others through the API (three EU, three Asia). They label until nothing is
// left for them; every task ends with one EU and one Asia label. The quality dashboard's
// "Label distributions by group" panel then shows both groups' bars, the quota met on every
// finished item, and no annotator's name.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/diversity.spec.mjs PATH/TO/chorus
import { admin, assert, cookieSession, log, runBrowserTest, signIn } from './harness.mjs';

const people = ['eu-a', 'eu-b', 'eu-c', 'asia-a', 'asia-b', 'asia-c'].map((tag) => ({
  tag,
  region: tag.startsWith('eu') ? 'EU' : 'Asia',
  email: `e2e-diversity-${tag}@example.com`,
  name: `Diversity ${tag}`,
  password: `diversity ${tag} correct horse staple`,
}));

await runBrowserTest({ passed: 'diversity: questions and quota, own answers, quota met, group report on the dashboard' }, async (t) => {
  const { base, page, apiCall } = t;
  const created = await apiCall('POST', 'api/v1/projects', {
    data: {
      name: 'Diversity test',
      description: 'made by a browser test',
      overlap: 2,
      label_interface: { controls: [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative'] }] },
    },
  });
  const projectId = created.id ?? created.project?.id;
  const records = ['one', 'two', 'three'].map((text) => ({ data: { text: `Review ${text}` } }));
  await apiCall('POST', `api/v1/projects/${projectId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: records.map((x) => JSON.stringify(x)).join('\n') + '\n',
  });

  // The policy through the Diversity page; a quota larger than the overlap is refused.
  await page.goto(`${base}#/projects/${projectId}`);
  await page.getByRole('link', { name: 'Diversity', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Annotator diversity' }).waitFor();
  await page.getByRole('button', { name: 'Add a question' }).click();
  await page.getByLabel('Name').fill('region');
  await page.getByLabel('Question', { exact: true }).fill('Where do you live?');
  await page.getByLabel('Answers').fill('EU, Asia');
  await page.getByLabel('Quota by').selectOption('region');
  await page.getByLabel('Minimum labels per task').fill('EU=2, Asia=1');
  await page.getByRole('button', { name: 'Save the questions and quota' }).click();
  await page.locator('.field-error[data-field="quota.minimums"]').waitFor();
  await page.getByLabel('Minimum labels per task').fill('EU=1, Asia=1');
  await page.getByRole('button', { name: 'Save the questions and quota' }).click();
  await page.getByRole('status').getByText(/^Saved/).waitFor();
  const policy = (await apiCall('GET', `api/v1/projects/${projectId}/diversity/policy`)).policy;
  assert(policy.quota?.attribute === 'region' && policy.quota.minimums.EU === 1 && policy.quota.minimums.Asia === 1, `policy saved as ${JSON.stringify(policy)}`);
  log(`policy saved through the form: ${JSON.stringify(policy)}`);

  const sessions = [];
  for (const person of people) {
    const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role: 'annotator', tier: 'crowd' } });
    const call = cookieSession(base);
    const joined = await call('POST', 'api/v1/invitations/accept', { token: invitation.token, password: person.password, display_name: person.name });
    await apiCall('POST', `api/v1/projects/${projectId}/members`, { data: { user_id: Number(joined.body.user.id) } });
    sessions.push({ person, call });
  }

  // The first annotator answers on the project page; the rest through the API.
  await signIn(page, people[0]);
  await page.goto(`${base}#/projects/${projectId}`);
  const panel = page.getByTestId('my-diversity');
  await panel.getByLabel('Where do you live?').selectOption('EU');
  await panel.getByRole('button', { name: 'Save my answers' }).click();
  await panel.getByRole('status').getByText(/^Saved/).waitFor();
  const mine = await sessions[0].call('GET', `api/v1/projects/${projectId}/diversity/me`);
  assert(mine.body.answers.region === 'EU', `the answer was not stored: ${JSON.stringify(mine.body)}`);
  for (const { person, call } of sessions.slice(1)) {
    await call('PUT', `api/v1/projects/${projectId}/diversity/me`, { answers: { region: person.region } });
  }
  log('six annotators answered, one in the browser');

  // Everyone labels until nothing is left for them: EU says positive, Asia negative.
  const groupsByTask = new Map();
  for (let round = 0; round < 3; ++round) {
    for (const { person, call } of sessions) {
      const next = await call('POST', `api/v1/projects/${projectId}/next`, {}, [204]);
      if (next.status === 204 || !next.body?.task) continue;
      const task = next.body.task.id;
      const label = person.region === 'EU' ? 'positive' : 'negative';
      await call('POST', `api/v1/tasks/${task}/annotations`, { result: { sentiment: { choices: [label] } } });
      groupsByTask.set(task, [...(groupsByTask.get(task) ?? []), person.region]);
    }
  }
  assert(groupsByTask.size === 3, `labelled tasks: ${JSON.stringify([...groupsByTask])}`);
  for (const [task, groups] of groupsByTask) {
    assert(groups.length === 2 && groups.includes('EU') && groups.includes('Asia'), `task ${task} got ${JSON.stringify(groups)}`);
  }
  log(`quota met on every task: ${JSON.stringify([...groupsByTask])}`);

  // The dashboard panel, as the administrator.
  await signIn(page, admin);
  await page.goto(`${base}#/projects/${projectId}/dashboard`);
  const report = page.getByTestId('diversity-report');
  await report.getByRole('heading', { name: 'Label distributions by group' }).waitFor();
  await report.getByTestId('diversity-quota').getByText('3 of 3 finished items meet it').waitFor();
  const bars = report.getByTestId('diversity-bars-region');
  await bars.waitFor();
  assert((await bars.locator('g[data-group="EU"] rect').count()) === 1, 'EU has no single positive bar');
  assert((await bars.locator('g[data-group="Asia"] rect').count()) === 1, 'Asia has no single negative bar');
  const text = await report.innerText();
  assert(!people.some((p) => text.includes(p.name) || text.includes(p.email)), 'the report names an annotator');
  log('dashboard: both groups reported in aggregate, quota 3 of 3');
});
