#!/usr/bin/env node
// Account management on the People page, in a real browser. Two accounts are made through the
// API (an invitation accepted by a script): an annotator and a manager. As the administrator:
// the annotator's tier becomes expert, attributes region=eu and language=fr are added (the
// second by keyboard alone) and a pay rate of 12.50/h is set; the API then holds exactly
// tier, attributes and 1250 cents. A badly named attribute is refused in the page before any
// request; an XSS payload as an attribute value (and in the display name) stays text; an edit
// over a version someone else changed meanwhile is refused (409), reloaded and said so; the
// account is disabled after a confirmation (the API says disabled: true and it cannot sign
// in); demoting oneself shows the server's refusal (422) and changes nothing. Finally the
// manager sees the table, attributes included, with no way to edit.
//
// Usage: node tests/e2e/people_admin.spec.mjs [PATH/TO/chorus]   (or CHORUS_BIN=PATH;
// CHORUS_SCREENSHOTS=1 saves docs/images/people-accounts.png).
import { join } from 'node:path';
import { admin, assert, log, root, runBrowserTest } from './harness.mjs';

const XSS = '<img src=x onerror="window.__xss=1">';
const annotator = { email: 'e2e-people-ann@example.com', name: `Ann ${XSS}`, password: 'annotator horse battery staple' };
const manager = { email: 'e2e-people-mgr@example.com', name: 'Manny Manager', password: 'manager horse battery staple' };

// Makes an account the only way there is: an invitation, accepted by a script (plain fetch,
// so the browser's admin session is untouched). Answers the new user.
async function createAccount(base, apiCall, person, role) {
  const invitation = await apiCall('POST', 'api/v1/invitations', { data: { email: person.email, role, tier: 'crowd' } });
  const response = await fetch(`${base}api/v1/invitations/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: invitation.token, password: person.password, display_name: person.name }),
  });
  assert(response.status === 200 || response.status === 201, `accepting the invitation answered ${response.status}`);
  return (await response.json()).user;
}

const row = (page, id) => page.locator(`tr[data-user-id="${id}"]`);
const cellText = (page, id, column) => row(page, id).locator('td').nth(column).textContent();

async function openEditor(page, id) {
  await row(page, id).locator('button.edit-account').click();
  const editor = page.getByTestId('account-editor');
  await editor.waitFor();
  return editor;
}

async function saveAndExpect(editor, status) {
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await editor.getByTestId('account-status').filter({ hasText: status }).waitFor();
}

await runBrowserTest({ passed: 'People: tier, attributes, pay rate, conflict, disable, self-demotion refused, read-only for managers' }, async (t) => {
  const { base, page, apiCall, allowConsoleError } = t;
  // The refusals this test provokes on purpose are logged by Chromium as failed loads.
  allowConsoleError(/status of 409 .*\/api\/v1\/users\/\d+/);
  allowConsoleError(/status of 422 .*\/api\/v1\/users\/\d+/);
  const me = (await apiCall('GET', 'api/v1/auth/me')).user;
  const ann = await createAccount(base, apiCall, annotator, 'annotator');
  const mgr = await createAccount(base, apiCall, manager, 'manager');
  log(`accounts: admin ${me.id}, annotator ${ann.id}, manager ${mgr.id}`);

  await page.goto(`${base}#/people`);
  await row(page, ann.id).waitFor();
  assert((await cellText(page, ann.id, 0)).includes(XSS), 'the display name with markup is not shown as text');

  // Tier, two attributes (the second by keyboard only) and a pay rate, in one save.
  let editor = await openEditor(page, ann.id);
  await editor.getByLabel('Tier').selectOption('expert');
  await editor.getByRole('button', { name: 'Add an attribute' }).click();
  await editor.getByLabel('Name of attribute 1').fill('region');
  await editor.getByLabel('Value of attribute 1').fill('eu');
  await editor.getByRole('button', { name: 'Add an attribute' }).focus();
  await page.keyboard.press('Enter');
  // The new row's name field takes the focus.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name of attribute 2');
  await page.keyboard.type('language');
  await page.keyboard.press('Tab');
  await page.keyboard.type('fr');
  await editor.getByLabel('Pay rate per hour').fill('12.50');
  await saveAndExpect(editor, 'Saved.');
  let stored = await apiCall('GET', `api/v1/users/${ann.id}`);
  assert(stored.tier === 'expert', `tier stored: ${stored.tier}`);
  assert(JSON.stringify(stored.attributes) === JSON.stringify({ language: 'fr', region: 'eu' }), `attributes stored: ${JSON.stringify(stored.attributes)}`);
  assert(stored.pay_rate_cents_per_hour === 1250, `pay rate stored: ${stored.pay_rate_cents_per_hour}`);
  assert((await cellText(page, ann.id, 4)) === 'language: fr, region: eu', `attributes cell: ${await cellText(page, ann.id, 4)}`);
  assert((await cellText(page, ann.id, 5)) === '12.50', `pay cell: ${await cellText(page, ann.id, 5)}`);
  log('tier expert, region=eu, language=fr, 1250 cents stored');
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.screenshot({ path: join(root, 'docs/images/people-accounts.png'), fullPage: true });
  }

  // A name outside [a-z0-9_] is refused in the page, before any request.
  await editor.getByRole('button', { name: 'Add an attribute' }).click();
  await editor.getByLabel('Name of attribute 3').fill('Home Town');
  await editor.getByLabel('Value of attribute 3').fill('Lyon');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await editor.getByTestId('account-errors').getByText(/Attribute 3: the name "Home Town" may hold only/).waitFor();
  assert((await apiCall('GET', `api/v1/users/${ann.id}`)).version === stored.version, 'a refused form was sent');

  // An XSS payload as a value is stored and shown as text.
  await editor.getByLabel('Name of attribute 3').fill('note');
  await editor.getByLabel('Value of attribute 3').fill(XSS);
  await saveAndExpect(editor, 'Saved.');
  stored = await apiCall('GET', `api/v1/users/${ann.id}`);
  assert(stored.attributes.note === XSS, `note stored: ${stored.attributes.note}`);
  assert((await cellText(page, ann.id, 4)).includes(`note: ${XSS}`), 'the payload is not shown as text');
  assert((await page.locator('[data-testid=accounts] img').count()) === 0, 'the payload became an element');
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the payload ran');
  log('attribute validation in the page; payload stays text');

  // Someone else saves first: the page reloads the account and says so.
  await apiCall('PATCH', `api/v1/users/${ann.id}`, { data: { version: stored.version, tier: 'gold_maker' } });
  await editor.getByLabel('Pay rate per hour').fill('13');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await editor.getByTestId('account-errors').getByText(/Someone else changed this account/).waitFor();
  assert((await editor.getByLabel('Tier').inputValue()) === 'gold_maker', 'the editor does not show the reloaded tier');
  assert((await editor.getByLabel('Pay rate per hour').inputValue()) === '12.50', 'the editor does not show the reloaded rate');
  assert((await apiCall('GET', `api/v1/users/${ann.id}`)).pay_rate_cents_per_hour === 1250, 'a stale edit was applied');
  log('stale version: 409, reloaded, said so');

  // Disable, after a confirmation.
  await editor.getByRole('button', { name: 'Disable the account' }).click();
  await editor.getByRole('button', { name: 'Yes, disable' }).click();
  await editor.getByTestId('account-status').filter({ hasText: 'Disabled.' }).waitFor();
  stored = await apiCall('GET', `api/v1/users/${ann.id}`);
  assert(stored.disabled === true, `disabled stored: ${stored.disabled}`);
  assert((await cellText(page, ann.id, 6)) === 'Disabled', 'the table does not say Disabled');
  const login = await fetch(`${base}api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: annotator.email, password: annotator.password }),
  });
  assert(login.status >= 400, `a disabled account signed in (${login.status})`);
  await editor.getByRole('button', { name: 'Close' }).click();
  log(`disabled (its sign-in answered ${login.status})`);

  // Demoting oneself: the server's refusal is shown, nothing changes.
  editor = await openEditor(page, me.id);
  await editor.getByLabel('Role').selectOption('manager');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await editor.getByTestId('account-errors').getByText(/cannot disable or demote your own account/).waitFor();
  assert((await apiCall('GET', `api/v1/users/${me.id}`)).role === 'admin', 'the administrator demoted themself');
  log('self-demotion refused with the server message');

  // A manager sees the accounts, attributes included, read-only.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor(); // The People page has an Email field too.
  await page.getByLabel('Email').fill(manager.email);
  await page.getByLabel('Password').fill(manager.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  await page.goto(`${base}#/people`);
  await row(page, ann.id).waitFor();
  assert((await cellText(page, ann.id, 4)).includes('region: eu'), 'the manager does not see attributes');
  assert((await page.locator('button.edit-account').count()) === 0, 'a manager is offered editing');
  assert((await page.getByTestId('account-editor').count()) === 0, 'a manager sees an editor');
  log(`manager: read-only table (admin was ${admin.email})`);
});
