// The frame every browser test shares: starts `chorus serve --demo` (the binary given as the
// first argument or in CHORUS_BIN; CHORUS_WEB_DIR serves a freshly built web/dist through
// --web-dir) on a free loopback port, launches Debian's chromium through playwright-core,
// signs in as the first administrator, runs the test's body, and fails it on any console
// error, uncaught exception or CSP violation. Exit codes: 0 passed, 1 failed, 77 skipped (no
// chromium). CHORUS_E2E_KEEP=1 keeps the temp dir (server data, browser profile, failure
// screenshot).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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
export const admin = { email: 'e2e-admin@example.com', password: 'e2e correct horse battery staple' };

export function log(message) {
  process.stdout.write(`[e2e] ${message}\n`);
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// Every annotation of a JSONL export, with its task id.
export function annotationsOf(jsonl) {
  const rows = jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  return rows.flatMap((row) =>
    (Array.isArray(row.annotations) ? row.annotations : []).map((a) => ({ taskId: String(row.id ?? row.task_id ?? row.task?.id), a })),
  );
}

// Runs `body(t)` in a signed-in browser, where t = { base, page, context, apiCall, createProject,
// exportedAnnotations, allowConsoleError(regex), serverOutput() }, then reports and exits.
// `passed` is the line printed on success.
export async function runBrowserTest({ timeoutMs = 150_000, passed }, body) {
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

  // Resolves with the base URL ("http://127.0.0.1:PORT/") once the server says it listens.
  function startServer() {
    const args = ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--demo'];
    if (process.env.CHORUS_WEB_DIR) args.push('--web-dir', process.env.CHORUS_WEB_DIR);
    return new Promise((resolvePromise, reject) => {
      server = spawn(binary, args, {
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
    const allowed = []; // Console errors a test expects (e.g. the 401 of an expired session).
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location()?.url ?? '';
      // The app asks who is signed in before login; that 401 is expected, nothing else is.
      if (/status of 401/.test(message.text()) && url.endsWith('/api/v1/auth/me')) return;
      if (allowed.some((pattern) => pattern.test(`${message.text()} (${url})`))) return;
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
    await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();

    // A call to the API as the signed-in browser, with the CSRF header its cookie allows.
    async function apiCall(method, path, options = {}) {
      const csrf = (await context.cookies(base)).find((c) => c.name === 'chorus_csrf')?.value ?? '';
      const response = await context.request.fetch(`${base}${path}`, {
        method,
        headers: { 'X-CSRF-Token': csrf, ...(options.headers ?? {}) },
        data: options.data,
      });
      assert(response.ok(), `${method} ${path} answered ${response.status()}: ${await response.text()}`);
      const text = await response.text();
      return text === '' ? null : JSON.parse(text);
    }
    // Creates a project with `controls` and imports `tasks` (objects); answers its id.
    async function createProject(name, controls, tasks) {
      const created = await apiCall('POST', 'api/v1/projects', {
        data: { name, description: 'made by a browser test', overlap: 1, label_interface: { controls } },
      });
      const id = created.id ?? created.project?.id;
      await apiCall('POST', `api/v1/projects/${id}/imports`, {
        headers: { 'Content-Type': 'application/x-ndjson' },
        data: tasks.map((t) => JSON.stringify(t)).join('\n') + '\n',
      });
      return id;
    }
    // The export's annotations of a project, with their task ids.
    async function exportedAnnotations(projectId) {
      const exported = await context.request.get(`${base}api/v1/projects/${projectId}/export?format=jsonl`);
      assert(exported.ok(), `the JSONL export answered ${exported.status()}`);
      return annotationsOf(await exported.text());
    }

    const allowConsoleError = (pattern) => allowed.push(pattern);
    await body({ base, page, context, apiCall, createProject, exportedAnnotations, allowConsoleError, serverOutput: () => serverOutput });
    assert(cspViolations.length === 0, `CSP violations:\n  ${cspViolations.join('\n  ')}`);
    assert(consoleErrors.length === 0, `console errors:\n  ${consoleErrors.join('\n  ')}`);
  }

  let failed = false;
  const watchdog = setTimeout(() => {
    log(`FAILED: took longer than ${timeoutMs / 1000} s`);
    server?.kill('SIGKILL');
    process.exit(1);
  }, timeoutMs);
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
  log(failed ? 'FAILED' : `PASSED: ${passed}`);
  process.exit(failed ? 1 : 0);
}

// A session of its own for a script: the cookies the server set, and the CSRF header they
// allow. Answers {status, body}; statuses outside 2xx fail unless listed in `allow`.
export function cookieSession(base) {
  const jar = new Map();
  return async (method, path, body, allow = []) => {
    const csrf = jar.get('chorus_csrf') ?? '';
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(csrf ? { 'X-CSRF-Token': decodeURIComponent(csrf) } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const text = await response.text();
    assert(response.ok || allow.includes(response.status), `${method} ${path} answered ${response.status}: ${text}`);
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };
}

// An annotator answers task `taskId` the way the web app does: `next` must hand it to them
// first (annotators answer only what they were handed), and the spec's order must be next's.
export async function answerHanded(call, projectId, taskId, body) {
  const next = await call('POST', `api/v1/projects/${projectId}/next`, {});
  const handed = next.body?.task?.id;
  assert(Number(handed) === Number(taskId), `next handed task ${handed}, not ${taskId}: seed in next's order`);
  return call('POST', `api/v1/tasks/${taskId}/annotations`, body);
}

// Signs the page's current user out and `person` in, back on the projects list.
export async function signIn(page, person) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
}
