#!/usr/bin/env node
// End to end through a real browser: starts `chorus serve --demo` on a free loopback port,
// signs in through the login form, opens the demo project, labels three tasks with the keys
// 1, 2 and 3, then checks through the API (the export, with the browser's session cookie)
// that exactly those three annotations were saved, and that the page logged no console
// error and broke no CSP rule.
//
// Usage: node tests/e2e/annotate.spec.mjs [PATH/TO/chorus]   (or CHORUS_BIN=PATH)
// Needs playwright-core from web/node_modules and Debian's /usr/bin/chromium (never a
// downloaded browser), both installed by scripts/setup.sh. Exit codes: 0 passed, 1 failed,
// 77 skipped (no chromium). Set CHORUS_E2E_KEEP=1 to keep the temp dir (server data,
// browser profile, failure screenshot).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const chromiumPath = process.env.CHORUS_CHROMIUM || '/usr/bin/chromium';
// DESIGN §3: exactly these flags; Playwright itself refuses --user-data-dir in args.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const admin = { email: 'e2e-admin@example.com', password: 'e2e correct horse battery staple' };
const demoProjectName = 'Demo: sentiment';
const keys = ['1', '2', '3'];
const overallTimeoutMs = 150_000;

function log(message) {
  process.stdout.write(`[e2e] ${message}\n`);
}

if (!existsSync(chromiumPath)) {
  log(`SKIPPED: ${chromiumPath} is missing; scripts/setup.sh installs Debian's chromium.`);
  process.exit(SKIP);
}
const binary = process.argv[2] || process.env.CHORUS_BIN;
if (!binary || !existsSync(binary)) {
  log(`FAILED: give the chorus binary as the first argument or in CHORUS_BIN (got "${binary ?? ''}").`);
  process.exit(1);
}
let chromium;
try {
  ({ chromium } = createRequire(join(root, 'web', 'package.json'))('playwright-core'));
} catch (error) {
  log(`FAILED: playwright-core is not installed in web/node_modules; run scripts/setup.sh (${error.message}).`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
const dataDir = join(work, 'data');
const profileDir = join(work, 'profile');
mkdirSync(dataDir);
mkdirSync(profileDir);

let server = null;
let serverOutput = '';
let context = null;
let page = null;

// Starts the server and resolves with its base URL ("http://127.0.0.1:PORT/") once it
// prints that it is listening.
function startServer() {
  return new Promise((resolvePromise, reject) => {
    server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--demo'], {
      env: { ...process.env, CHORUS_ADMIN_EMAIL: admin.email, CHORUS_ADMIN_PASSWORD: admin.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error('the server printed no "Chorus is listening on" line in 60 s')), 60_000);
    const onData = (chunk) => {
      serverOutput += chunk.toString();
      const match = /Chorus is listening on (http:\/\/\S+)/.exec(serverOutput);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1].endsWith('/') ? match[1] : `${match[1]}/`);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', (chunk) => (serverOutput += chunk.toString()));
    server.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening (code ${code}, signal ${signal})`));
    });
  });
}

// Stops the server the way a person does (Ctrl-C) and answers its exit code.
function stopServer() {
  return new Promise((resolvePromise) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) {
      resolvePromise(server ? server.exitCode : null);
      return;
    }
    const killer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.removeAllListeners('exit');
    server.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolvePromise(signal ? `signal ${signal}` : code);
    });
    server.kill('SIGINT');
  });
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function run() {
  const base = await startServer();
  log(`server at ${base}`);

  // The binary must embed the built web app, not the placeholder page.
  const home = await (await fetch(base)).text();
  assert(
    home.includes('id="app"'),
    'the server serves the placeholder page: build web/dist (make web) and re-run cmake so the binary embeds it',
  );

  context = await chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath, args: chromiumArgs });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);

  const consoleErrors = [];
  const cspViolations = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location()?.url ?? '';
    // The app asks who is signed in before login; that 401 is expected, nothing else is.
    if (/status of 401/.test(message.text()) && url.endsWith('/api/v1/auth/me')) return;
    consoleErrors.push(`${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.exposeFunction('__chorusCspViolation', (v) => cspViolations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__chorusCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`),
    );
  });

  // Sign in through the form: the app sends a signed-out visitor to #/login.
  await page.goto(base);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

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
  const rows = (await exported.text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const annotations = rows.flatMap((row) =>
    (Array.isArray(row.annotations) ? row.annotations : []).map((a) => ({ taskId: String(row.id ?? row.task_id ?? row.task?.id), a })),
  );
  assert(
    annotations.length === keys.length,
    `the export holds ${annotations.length} annotations, expected ${keys.length}`,
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

  assert(cspViolations.length === 0, `CSP violations:\n  ${cspViolations.join('\n  ')}`);
  assert(consoleErrors.length === 0, `console errors:\n  ${consoleErrors.join('\n  ')}`);
}

let failed = false;
const watchdog = setTimeout(() => {
  log(`FAILED: took longer than ${overallTimeoutMs / 1000} s`);
  server?.kill('SIGKILL');
  process.exit(1);
}, overallTimeoutMs);

try {
  await run();
} catch (error) {
  failed = true;
  log(`FAILED: ${error.stack || error}`);
  if (page) {
    const shot = join(work, 'failure.png');
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    log(`screenshot: ${shot} (page ${page.url()})`);
  }
} finally {
  await context?.close().catch(() => {});
  const code = await stopServer();
  if (!failed && code !== 0) {
    failed = true;
    log(`FAILED: the server did not stop cleanly on Ctrl-C (exit ${code})`);
  }
  if (failed) log(`server output (last 4000 characters):\n${serverOutput.slice(-4000)}`);
  clearTimeout(watchdog);
}

if (failed || process.env.CHORUS_E2E_KEEP) log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
log(failed ? 'FAILED' : `PASSED: ${keys.length} tasks labelled in the browser and found in the export`);
process.exit(failed ? 1 : 0);
