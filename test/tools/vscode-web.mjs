// A real VS Code (code-server 4.139.1) driven from headless Chromium: the library behind the
// extension-host launcher (code-server-launcher.mjs), the e2e tests (test/e2e/) and `npm start`.
// Types: vscode-web.d.mts. What it relies on in code-server 1.139, and why it waits as it does: README.md.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerEntry, ensureTools, node24, requireChromium } from './install-tools.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifactsDir = join(repoRoot, '.test-artifacts');
export const screenshotsDir = join(artifactsDir, 'screenshots');

const debug = !!process.env.ZIGZAG_DEBUG;

// ---------------------------------------------------------------------------------------------
// Cleanup: every process group and temp dir we create is registered here, and torn down on normal
// exit, on SIGINT/SIGTERM/SIGHUP and on uncaught errors. Nothing is left behind.
const groups = new Set(); // pids of process-group leaders we started (detached)
const tempDirs = new Set();
let handlersInstalled = false;

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the whole group, wait up to graceMs, then SIGKILL it. */
export async function killGroup(pid, graceMs = 4000) {
  if (!groupAlive(pid)) {
    groups.delete(pid);
    return;
  }
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    const hard = Date.now() + 2000;
    while (groupAlive(pid) && Date.now() < hard) await sleep(50);
  }
  groups.delete(pid);
}

function killAllSync() {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  groups.clear();
  if (!process.env.ZIGZAG_KEEP_TMP) for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

const exitHooks = new Set();
/** Registers an async cleanup run on SIGINT/SIGTERM/SIGHUP before the process exits. */
export function onSignalCleanup(fn) {
  installHandlers();
  exitHooks.add(fn);
  return () => exitHooks.delete(fn);
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllSync);
  let stopping = false;
  const stop = (why, code) => {
    if (stopping) {
      killAllSync();
      process.exit(code);
    }
    stopping = true;
    console.error(`[zigzag] ${why}: stopping code-server and Chromium …`);
    const hard = setTimeout(() => {
      killAllSync();
      process.exit(code);
    }, 8000);
    hard.unref();
    Promise.allSettled([...exitHooks].map((fn) => fn()))
      .then(() => Promise.allSettled([...groups].map((pid) => killGroup(pid, 2000))))
      .finally(() => {
        killAllSync();
        process.exit(code);
      });
  };
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])
    process.on(sig, () => stop(sig, code));
  // code-server and Chromium live in their own process groups, so a parent that dies without signalling
  // us (SIGKILL, a wrapper that does not forward SIGTERM) would leave them running: watch for it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('parent process gone', 1);
  }, 1000).unref();
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects with a message naming what was awaited when the promise takes longer than ms. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/** Listens on 127.0.0.1:port (0: any) and closes again; resolves the port, or null when it is taken. */
function probePort(port) {
  return new Promise((resolvePort) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', () => resolvePort(null));
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address();
      srv.close(() => resolvePort(bound));
    });
  });
}

/**
 * A free loopback port: any, or with ZIGZAG_PORTS=lo-hi one of that range (`npm test` gives each lane its
 * own, so code-servers started side by side never race for the same port), tried from a random one on.
 */
export async function freePort() {
  const range = /^(\d+)-(\d+)$/.exec(process.env.ZIGZAG_PORTS ?? '');
  if (!range) {
    const port = await probePort(0);
    if (port === null) throw new Error('no free loopback port');
    return port;
  }
  const [lo, hi] = [Number(range[1]), Number(range[2])];
  const offset = Math.floor(Math.random() * (hi - lo + 1));
  for (let i = 0; i <= hi - lo; i++) {
    const port = await probePort(lo + ((offset + i) % (hi - lo + 1)));
    if (port !== null) return port;
  }
  throw new Error(`no free loopback port in ZIGZAG_PORTS=${process.env.ZIGZAG_PORTS}`);
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  'files.hotExit': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  // Editors such as Running Extensions open as ordinary editors, not in VS Code 1.139's modal overlay
  // (whose hovers, e.g. the one naming an extension's activation event, do not show).
  'workbench.editor.useModal': 'off',
};

// ---------------------------------------------------------------------------------------------
// code-server

/** Workspace trust as a new user meets it: the opened folder untrusted, no start-up prompt. */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/**
 * Starts code-server 4.139.1 under Node 24 on a free 127.0.0.1 port, in its own process group, with
 * all of its state (user data, extensions, config, XDG dirs) in a fresh temp dir. Resolves once
 * /healthz answers. With `vsix`, first installs that package into the server's (empty) extensions
 * folder with code-server's own --install-extension, as a user would. With trust 'untrusted', workspace
 * trust is on and the folder the workbench opens is untrusted (Restricted Mode); by default trust is off.
 */
export async function startCodeServer(options = {}) {
  const {
    readyTimeoutMs = 60_000,
    settings = {},
    port: wantedPort,
    env: extraEnv = {},
    vsix,
    trust = 'disabled',
    log = debug ? (s) => console.error(s) : () => {},
  } = options;
  if (trust !== 'disabled' && trust !== 'untrusted') throw new Error(`trust must be 'disabled' or 'untrusted', got ${trust}`);
  await ensureTools();
  installHandlers();
  const t0 = Date.now();
  const base = mkdtempSync(join(tmpdir(), 'zigzag-code-server-'));
  tempDirs.add(base);
  const dirs = {
    user: join(base, 'user'),
    ext: join(base, 'ext'),
    xdgData: join(base, 'xdg-data'),
    xdgConfig: join(base, 'xdg-config'),
    xdgCache: join(base, 'xdg-cache'),
    workspace: join(base, 'workspace'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.user, 'User'), { recursive: true });
  const trustSettings = trust === 'untrusted' ? UNTRUSTED_SETTINGS : {};
  const writeSettings = (more) =>
    writeFileSync(
      join(dirs.user, 'User', 'settings.json'),
      JSON.stringify({ ...USER_SETTINGS, ...trustSettings, ...settings, ...more }, null, 2),
    );
  writeSettings({});
  writeFileSync(join(base, 'config.yaml'), 'auth: none\ncert: false\n');
  const port = wantedPort ?? (await freePort());
  const env = { ...process.env, ...extraEnv, XDG_DATA_HOME: dirs.xdgData, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache };
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_|npm_)/.test(k)) delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  const stateArgs = ['--config', join(base, 'config.yaml'), '--user-data-dir', dirs.user, '--extensions-dir', dirs.ext];
  if (vsix) {
    try {
      await installVsix(vsix, stateArgs, env, dirs.workspace);
    } catch (e) {
      rmSync(base, { recursive: true, force: true });
      tempDirs.delete(base);
      throw e;
    }
    log(`[zigzag] installed ${vsix} in ${Date.now() - t0} ms`);
  }
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust === 'disabled' ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...stateArgs,
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  const logPath = join(base, 'code-server.log');
  const logStream = createWriteStream(logPath);
  const child = spawn(node24, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'], cwd: dirs.workspace });
  if (child.pid === undefined) throw new Error(`could not start ${node24}`);
  groups.add(child.pid);
  const onData = (d) => {
    logStream.write(d);
    if (debug) process.stderr.write(`[code-server] ${d}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = signal ?? `exit ${code}`;
  });
  const origin = `http://127.0.0.1:${port}`;
  const logTail = (n = 40) => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').slice(-n).join('\n');
    } catch {
      return '';
    }
  };
  const pid = child.pid;
  let stopped = false;
  const server = {
    port,
    origin,
    pid,
    baseDir: base,
    workspaceDir: dirs.workspace,
    userDataDir: dirs.user,
    extensionsDir: dirs.ext,
    logPath,
    logTail,
    setUserSettings(more) {
      writeSettings(more);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await killGroup(pid);
      logStream.end();
      if (!process.env.ZIGZAG_KEEP_TMP) {
        rmSync(base, { recursive: true, force: true });
        tempDirs.delete(base);
      }
    },
  };
  try {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (exited) throw new Error(`code-server exited (${exited}) before it was ready`);
      if (Date.now() > deadline) throw new Error(`code-server not ready after ${readyTimeoutMs} ms`);
      try {
        const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch {
        /* not yet */
      }
      await sleep(50);
    }
  } catch (e) {
    const tail = logTail();
    await server.stop();
    throw new Error(`${e.message}\n--- code-server log ---\n${tail}`, { cause: e });
  }
  log(`[zigzag] code-server on ${origin} (pid ${pid}) ready in ${Date.now() - t0} ms`);
  return server;
}

/**
 * `code-server --install-extension FILE.vsix` with the server's state folders: what a user does with a
 * downloaded .vsix. Fails with code-server's output unless it reports the extension installed.
 */
function installVsix(vsix, stateArgs, env, cwd) {
  return new Promise((resolveInstall, reject) => {
    const child = spawn(node24, [codeServerEntry, ...stateArgs, '--install-extension', resolve(vsix)], {
      env,
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) groups.add(child.pid);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => void killGroup(child.pid), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      if (code === 0 && /was successfully installed/.test(output)) resolveInstall(output);
      else reject(new Error(`code-server --install-extension ${vsix} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

/**
 * The workbench URL that opens `folder` with the extension under development loaded (and, with
 * extensionTestsPath, its extension-host tests run). Paths are absolute paths on this machine.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath = repoRoot, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${resolve(p)}`;
  const payload = [];
  // null or []: no extension under development (e.g. only what --install-extension installed).
  const devPaths =
    extensionDevelopmentPath === null
      ? []
      : Array.isArray(extensionDevelopmentPath)
        ? extensionDevelopmentPath
        : [extensionDevelopmentPath];
  for (const p of devPaths) if (p) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const q = [];
  if (folder) q.push(`folder=${encodeURIComponent(resolve(folder))}`);
  else q.push('ew=true');
  if (payload.length > 0) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.origin}/?${q.join('&')}`;
}

// ---------------------------------------------------------------------------------------------
// Chromium

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-default-apps',
  '--disable-breakpad',
  '--disable-crash-reporter',
];

/** Debian's Chromium, headless, through playwright-core (never downloads a browser). */
export async function launchChromium(options = {}) {
  const executablePath = requireChromium();
  const { chromium } = await import('playwright-core');
  installHandlers();
  return withTimeout(
    chromium.launch({
      executablePath,
      headless: options.headless ?? true,
      args: CHROMIUM_ARGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 30_000,
    }),
    40_000,
    'launching Chromium',
  );
}

const CSP_MARK = '[zigzag-csp-violation]';
// Runs in every frame (webview iframes included) before its own scripts; CDP-injected, so the
// webview's own Content-Security-Policy does not block it.
const INIT_SCRIPT = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error(${JSON.stringify(CSP_MARK)} + ' ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    ' at ' + (e.sourceFile || e.documentURI) + ':' + e.lineNumber);
}, true);`;

/**
 * True when a console message / error URL belongs to a webview: VS Code's webview host pages, or a
 * script the webview loaded through its resource origin (our bundles: `…vscode-resource.vscode-cdn.net/…`).
 */
export function isWebviewUrl(url) {
  return (
    /\/webview\/browser\/pre\//.test(url ?? '') ||
    /^vscode-webview:/.test(url ?? '') ||
    /vscode-resource\.vscode-cdn\.net\//.test(url ?? '')
  );
}

/**
 * Opens the workbench in a new page. Exposes window.codeAutomationLog / codeAutomationExit before
 * navigating (the workbench reports extension-host test output and exit code through them), waits
 * for `.monaco-workbench` and `.part.statusbar`.
 */
export async function openWorkbench(browser, url, options = {}) {
  const { onAutomationLog, onAutomationExit, viewport = { width: 1400, height: 900 }, readyTimeoutMs = 60_000 } = options;
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  const consoleLog = [];
  page.on('console', (msg) => {
    const loc = msg.location();
    const entry = { type: msg.type(), text: msg.text(), url: loc?.url ?? '', webview: isWebviewUrl(loc?.url) };
    consoleLog.push(entry);
    if (debug) console.error(`[page ${entry.type}${entry.webview ? ' webview' : ''}] ${entry.text}`);
  });
  page.on('pageerror', (err) => {
    consoleLog.push({ type: 'pageerror', text: String(err?.stack ?? err), url: '', webview: false });
    if (debug) console.error(`[pageerror] ${err}`);
  });
  page.consoleLog = consoleLog;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    onAutomationLog?.(type, args);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    onAutomationExit?.(code);
  });
  await page.goto(url, { timeout: readyTimeoutMs });
  await page.locator('.monaco-workbench').waitFor({ timeout: readyTimeoutMs });
  await page.locator('.part.statusbar').waitFor({ timeout: readyTimeoutMs });
  return page;
}

/** Console messages (and page errors) seen so far that are errors from a webview, or CSP violations anywhere. */
export function webviewProblems(page) {
  const log = page.consoleLog ?? [];
  return log
    .filter(
      (m) =>
        m.text.includes(CSP_MARK) ||
        /Content Security Policy/i.test(m.text) ||
        (m.webview && (m.type === 'error' || m.type === 'pageerror')),
    )
    .map((m) => `${m.type}: ${m.text}${m.url ? ` (${m.url})` : ''}`);
}

/** Starts collecting webview console errors and CSP violations from now on; returns a reader. */
export function collectWebviewConsole(page) {
  const start = (page.consoleLog ?? []).length;
  return {
    problems() {
      const sub = { consoleLog: (page.consoleLog ?? []).slice(start) };
      return webviewProblems(sub);
    },
    all() {
      return (page.consoleLog ?? []).slice(start).filter((m) => m.webview);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Driving the workbench
//
// Focus and quick inputs: a quick input (the palette, a command's quick pick or input box) closes when it
// loses keyboard focus. A webview takes focus asynchronously: VS Code focuses its iframe, then 50 ms
// later posts it a 'focus' message, and the webview's frame focuses its content when that message is
// handled, whatever the workbench focused meanwhile. So when the palette closes with a webview (the
// playground panel) as the element to return focus to, a command that opens its own quick pick right
// away can have it closed by that late focus (seen about one run in six with two CPU burners alongside).
// The helpers below therefore start every palette command from a plain workbench element (a status bar
// item), to which the palette returns focus synchronously, and accept rows with Enter once the
// wanted row is the focused one: every step waits for the state it needs, none for a fixed time.

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const QUICK_ROW = '.quick-input-widget .monaco-list-row';

/** True while the quick input widget is shown. */
function quickInputVisible(page) {
  return page
    .locator(QUICK_INPUT)
    .isVisible()
    .catch(() => false);
}

/**
 * Polls `check` until it resolves truthy (every 50 ms: a poll interval, not a wait for time to pass);
 * fails naming `what`. `onIdle` runs between polls (e.g. to fail fast when a quick input closed).
 */
async function pollUntil(what, check, timeoutMs, onIdle) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (onIdle) await onIdle();
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** The status bar's notifications bell: always on screen, and it acts on Enter/Space keydown only. */
const FOCUS_HOLDER = '.part.statusbar [id="status.notifications"] .statusbar-item-label';

/**
 * Moves keyboard focus to a plain workbench element — the status bar's notifications item — and waits
 * until it is there. Closing a quick input then returns focus to it at once, instead of to a webview that
 * would take it back later (see above). Not an editor tab: a quick input accepted with Enter closes on the
 * keydown, and the keyup then reaches the element focus went back to; an editor tab opens (and focuses)
 * its editor on an Enter keyup, so a webview editor took focus and closed the command's own quick pick.
 */
export async function focusWorkbench(page, { timeoutMs = 10_000 } = {}) {
  const holder = page.locator(FOCUS_HOLDER).first();
  const focused = () => holder.evaluate((e) => e === document.activeElement).catch(() => false);
  await holder.focus({ timeout: timeoutMs });
  await pollUntil(
    'focus on the status bar',
    async () => {
      if (await focused()) return true;
      // Focus is not (or no longer) there: the item was rendered anew (its bell changes when a
      // notification arrives) or a webview's late focus landed (see above). Both happen once: focus it again.
      await holder.focus({ timeout: timeoutMs }).catch(() => undefined);
      return focused();
    },
    timeoutMs,
  );
}

/**
 * Waits for the open quick input's text box to hold keyboard focus (failing at once if the quick input
 * closes), then types `text` as a user would (keyboard.type) and waits until the box shows it. With
 * `replace`, the box's current text is selected first and replaced.
 */
export async function typeInQuickInput(page, text, { replace = false, timeoutMs = 10_000 } = {}) {
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  const closed = async () => {
    if (!(await quickInputVisible(page))) throw new QuickInputClosedError(`the quick input closed before "${text}" could be typed into it`);
  };
  await pollUntil(
    'keyboard focus in the quick input box',
    () => input.evaluate((el) => el === document.activeElement).catch(() => false),
    timeoutMs,
    closed,
  );
  const before = replace ? '' : await input.inputValue();
  if (replace) await input.selectText({ timeout: timeoutMs });
  await page.keyboard.type(text, { delay: 5 });
  await pollUntil(
    `the quick input box to read ${JSON.stringify(before + text)}`,
    async () => (await input.evaluate((el) => el.value).catch(() => '')).endsWith(before + text),
    timeoutMs,
    closed,
  );
}

/** Closes any open quick input: Escape, then waits until it is hidden. */
export async function closeQuickInput(page, { timeoutMs = 5000 } = {}) {
  for (let i = 0; i < 3 && (await quickInputVisible(page)); i++) {
    await page.keyboard.press('Escape');
    await page
      .locator(QUICK_INPUT)
      .waitFor({ state: 'hidden', timeout: timeoutMs })
      .catch(() => undefined);
  }
  if (await quickInputVisible(page)) throw new Error('the quick input did not close on Escape');
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * In the open quick input, makes the first row whose text matches `pattern` the focused row (arrow keys, as
 * a user would) and presses Enter; then waits until that list is gone (the quick input closed, or the
 * next step of the same command replaced its rows). Resolves false when no row matches within rowTimeoutMs.
 */
async function acceptRow(page, pattern, { rowTimeoutMs, timeoutMs }) {
  const rows = page.locator(QUICK_ROW);
  const wanted = rows.filter({ hasText: pattern }).first();
  if (
    !(await wanted.waitFor({ state: 'visible', timeout: rowTimeoutMs }).then(
      () => true,
      () => false,
    ))
  )
    return false;
  // The focused row's id and whether it is the wanted one, read in one go (no auto-waiting locators).
  const focused = async () => {
    const id = await rows.evaluateAll((els) => els.find((e) => e.classList.contains('focused'))?.id ?? null).catch(() => null);
    const isWanted = id !== null && (await rows.filter({ hasText: pattern }).evaluateAll((els, fid) => els.some((e) => e.id === fid), id));
    return { id, isWanted };
  };
  const total = await rows.count();
  for (let i = 0; ; i++) {
    const before = await focused();
    if (before.isWanted) break;
    if (i > total) throw new Error(`could not move the quick input's focus to the row matching ${pattern}`);
    await page.keyboard.press('ArrowDown');
    await pollUntil('the focused row to move', async () => (await focused()).id !== before.id, timeoutMs);
  }
  const { id } = await focused();
  await page.keyboard.press('Enter');
  // Accepted: the quick input closed, or it now shows something else (the command's next question).
  await pollUntil(
    `the quick input to accept the row matching ${pattern}`,
    async () => !(await quickInputVisible(page)) || !(await wanted.isVisible().catch(() => false)) || (await focused()).id !== id,
    timeoutMs,
  );
  return true;
}

/**
 * In the open context menu (or the one `openOn` opens with a right-click), moves the keyboard focus to the item labelled `label` (arrow keys, as a user
 * would), presses Enter and waits until the menu is gone. Not a mouse click: VS Code arms a menu item's
 * mouse-up 100 ms after the item renders (so the right-click's own mouse-up cannot choose an item) and
 * nothing on screen shows when; a click before that is ignored and the menu stays open.
 */
/**
 * Clicks `target` (a right click with `button: 'right'`, a double click with `double`). A workbench hover
 * shows while the pointer rests on what it describes and stays while the pointer is over it, so one left
 * over the target (seen: an Explorer folder's name, over the row below it) takes every click: it is
 * dismissed with Escape and the click tried again, until `timeoutMs`.
 */
export async function clickPastHovers(page, target, { timeoutMs = 20_000, double = false, button = 'left' } = {}) {
  const hover = page.locator('.context-view .hover-contents').first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await hover.isVisible().catch(() => false)) await page.keyboard.press('Escape');
    const timeout = Math.max(1, Math.min(3000, deadline - Date.now()));
    try {
      await (double ? target.dblclick({ button, timeout }) : target.click({ button, timeout }));
      return;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
  }
}

export async function chooseContextMenuItem(page, label, { timeoutMs = 10_000, openOn } = {}) {
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item', { hasText: label }).first();
  if (openOn) {
    // Until the workbench has read the extensions' contributions their items are missing from a menu that
    // opens: it is closed and opened again until the item is there (as runCommand reopens the palette).
    const deadline = Date.now() + 3 * timeoutMs;
    for (;;) {
      await clickPastHovers(page, openOn, { button: 'right', timeoutMs });
      if (
        await item.waitFor({ state: 'visible', timeout: 2500 }).then(
          () => true,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`the context menu never showed "${label}"`);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: timeoutMs });
    }
  }
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  await pollUntil(
    'keyboard focus in the context menu',
    () => menu.evaluate((m) => m.contains(document.activeElement)).catch(() => false),
    timeoutMs,
  );
  const focusedLabel = () =>
    page.evaluate(() => document.activeElement?.closest('.context-view .action-item')?.textContent ?? null).catch(() => null);
  const total = await menu.locator('.action-item').count();
  for (let i = 0; ; i++) {
    const before = await focusedLabel();
    if (before?.includes(label)) break;
    if (i > total) throw new Error(`could not move the context menu's focus to "${label}"`);
    await page.keyboard.press('ArrowDown');
    await pollUntil('the focused menu item to move', async () => (await focusedLabel()) !== before, timeoutMs);
  }
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** A quick input closed while a helper was waiting to use it. */
class QuickInputClosedError extends Error {}

/** True when keyboard focus is in a webview: the top document's active element is a webview's iframe. */
function focusInWebview(page) {
  return page.evaluate(() => document.activeElement?.matches('iframe.webview') ?? false).catch(() => false);
}

/**
 * Runs a palette command: focus on a plain workbench element, F1, the title typed, its row focused,
 * Enter. `title` is what the palette shows, e.g. "Zig-Zag: Run Zig-Zag Demo" or just "Run Zig-Zag Demo".
 * Until the workbench has read the extensions' contributions a command's row can be missing: the
 * palette is then reopened (its list does not refresh while open) until the row is there.
 */
export async function runCommand(page, title, { timeoutMs = 30_000, rowTimeoutMs = 2500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`(^|: )${escapeRegExp(title)}`);
  let lateFocusRestarts = 0;
  for (;;) {
    await closeQuickInput(page);
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    // A webview's late focus (see above) landing between the focus check and F1 takes the key, and the
    // palette never opens (seen once beside two burners): press it again, from the workbench.
    if (!(await paletteOpens(page))) {
      if (Date.now() > deadline) throw new Error(`the command palette did not open on F1 (for "${title}") within ${timeoutMs} ms`);
      continue;
    }
    try {
      await typeInQuickInput(page, title, { timeoutMs: Math.max(5000, deadline - Date.now()) });
    } catch (e) {
      // A webview VS Code was asked to focus just before (a panel revealed, an editor opened) takes focus
      // when its message lands, which closes the palette (see above). That happens once per request and
      // cannot be seen coming; once it is seen to have landed — the palette closed and focus is in a
      // webview — the command starts again. Any other closing fails.
      if (e instanceof QuickInputClosedError && lateFocusRestarts++ < 2 && (await focusInWebview(page))) continue;
      throw e;
    }
    if (await acceptRow(page, pattern, { rowTimeoutMs, timeoutMs: 10_000 })) return;
    if (Date.now() > deadline) {
      await closeQuickInput(page).catch(() => undefined);
      throw new Error(`command "${title}" not found in the command palette within ${timeoutMs} ms`);
    }
  }
}

/** How long F1 may take to show the palette before it is pressed again (seconds on a loaded machine). */
const PALETTE_OPEN_MS = 5000;

/** Resolves true once the quick input's text box is visible, false if it is not within PALETTE_OPEN_MS. */
function paletteOpens(page) {
  return page
    .locator(QUICK_INPUT_BOX)
    .waitFor({ state: 'visible', timeout: PALETTE_OPEN_MS })
    .then(
      () => true,
      () => false,
    );
}

/** In an open quick pick, types `label` (filtering the list), focuses the row showing it and accepts it. */
export async function pickQuickItem(page, label, { timeoutMs = 10_000 } = {}) {
  await typeInQuickInput(page, label, { timeoutMs });
  if (!(await acceptRow(page, label, { rowTimeoutMs: timeoutMs, timeoutMs }))) {
    throw new Error(`no quick pick row "${label}" within ${timeoutMs} ms`);
  }
}

/**
 * The inline validation message under an open input box: waits until the box is in its error state
 * (`.monaco-inputbox.error`; the message then replaces the prompt in `.quick-input-message`) and returns the
 * message's text.
 */
export async function inputValidationMessage(page, { timeoutMs = 5000 } = {}) {
  await page.locator(`${QUICK_INPUT} .quick-input-box .monaco-inputbox.error`).waitFor({ state: 'visible', timeout: timeoutMs });
  const msg = page.locator(`${QUICK_INPUT} .quick-input-message`);
  await msg.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await msg.innerText()).trim();
}

/**
 * The content frame of a webview (VS Code nests it: iframe.webview.ready > iframe#active-frame).
 * With `view`, waits for the webview whose body has data-view=<view>; otherwise the first ready one.
 */
export async function webviewFrame(page, { view, timeoutMs = 30_000 } = {}) {
  const outer = page.locator('iframe.webview.ready');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await outer.count();
    for (let i = 0; i < n; i++) {
      const inner = outer.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      if (!view) {
        if (
          (await inner
            .locator('body')
            .count()
            .catch(() => 0)) > 0
        )
          return inner;
        continue;
      }
      const hit = await inner
        .locator(`body[data-view="${view}"]`)
        .count()
        .catch(() => 0);
      if (hit > 0) return inner;
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview${view ? ` with body[data-view="${view}"]` : ''} after ${timeoutMs} ms (${n} ready webview iframe(s))`);
    }
    await sleep(50);
  }
}

/**
 * Reads what a plot shows, in its own frame: the canvas and the canvases stacked over it in the same
 * plot (the weight plane's moving layer) drawn in order; size, pixels drawn (alpha > 0), distinct colours
 * (4-bit per channel), and a 32×32 grid of mean luminance×alpha for comparing two states.
 */
export async function canvasStats(locator, { timeoutMs = 10_000 } = {}) {
  await locator.waitFor({ state: 'attached', timeout: timeoutMs });
  return locator.evaluate((canvas) => {
    const w = canvas.width;
    const h = canvas.height;
    const empty = { width: w, height: h, painted: 0, colours: 0, grid: [] };
    if (w === 0 || h === 0) return empty;
    const stacked = canvas.parentElement ? Array.from(canvas.parentElement.querySelectorAll(':scope > canvas')) : [canvas];
    const copy = document.createElement('canvas');
    copy.width = w;
    copy.height = h;
    const c2 = copy.getContext('2d');
    for (const layer of stacked.slice(stacked.indexOf(canvas))) c2.drawImage(layer, 0, 0);
    const data = c2.getImageData(0, 0, w, h).data;
    const G = 32;
    const sum = new Float64Array(G * G);
    const cnt = new Float64Array(G * G);
    const colours = new Set();
    let painted = 0;
    for (let y = 0; y < h; y++) {
      const gy = Math.min(G - 1, Math.floor((y * G) / h));
      for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 4;
        const a = data[o + 3];
        const gi = gy * G + Math.min(G - 1, Math.floor((x * G) / w));
        cnt[gi]++;
        if (a === 0) continue;
        painted++;
        colours.add(((data[o] >> 4) << 12) | ((data[o + 1] >> 4) << 8) | ((data[o + 2] >> 4) << 4) | (a >> 4));
        sum[gi] += ((0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2]) * a) / 255;
      }
    }
    return { width: w, height: h, painted, colours: colours.size, grid: Array.from(sum, (s, i) => s / Math.max(1, cnt[i])) };
  });
}

/** The largest canvas matching selector in a frame (the main plot of a uPlot page), waiting for one to exist. */
export async function plotCanvas(frame, { selector = '#root .uplot canvas', timeoutMs = 20_000 } = {}) {
  const all = frame.locator(selector);
  await all.first().waitFor({ state: 'attached', timeout: timeoutMs });
  const areas = await all.evaluateAll((els) => els.map((c) => c.width * c.height));
  const best = areas.indexOf(Math.max(...areas));
  return all.nth(best);
}

/** Mean absolute difference (0–255) between two canvasStats grids. */
export function gridDifference(a, b) {
  if (a.grid.length === 0 || a.grid.length !== b.grid.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.grid.length; i++) d += Math.abs(a.grid[i] - b.grid[i]);
  return d / a.grid.length;
}

/**
 * Pictures of each state are taken only when asked: ZIGZAG_SCREENSHOTS=1, or ZIGZAG_UPDATE_SCREENSHOTS=1
 * (which also refreshes the README's). A failure's picture is always taken.
 */
export const screenshotsWanted = process.env.ZIGZAG_SCREENSHOTS === '1' || process.env.ZIGZAG_UPDATE_SCREENSHOTS === '1';

/**
 * Saves a PNG of the page (or of a locator) as .test-artifacts/screenshots/<name>.png and returns its path,
 * when pictures are wanted (see above) or `always` (a failure's); otherwise resolves undefined at once.
 */
export async function screenshot(target, name, { always = false } = {}) {
  if (!always && !screenshotsWanted) return undefined;
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await target.screenshot({ path, timeout: 15_000 });
  return path;
}

/** Opens a view container from the activity bar by its title (e.g. "Zig-Zag"). */
export async function openActivityBarContainer(page, title, { timeoutMs = 15_000 } = {}) {
  const item = page
    .locator(
      `.part.activitybar .action-item a.action-label[aria-label^="${title}"], ` +
        `.part.activitybar .action-item[aria-label^="${title}"] .action-label`,
    )
    .first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const active = await item.evaluate((el) => el.closest('.action-item')?.classList.contains('checked') ?? false);
  if (!active) await item.click();
  return item;
}

// ---------------------------------------------------------------------------------------------
// What VS Code reports about extensions: "Developer: Show Running Extensions"

const RUNNING_LIST = '.runtime-extensions-editor .monaco-list';

/** The rows of the Running Extensions list now on screen (the list is virtual: only those exist). */
function renderedRunningRows(page) {
  return page.locator(`${RUNNING_LIST} .monaco-list-row`).evaluateAll((rows) =>
    rows.map((r) => ({
      index: Number(r.getAttribute('data-index')),
      last: r.getAttribute('data-last-element') === 'true',
      name: r.querySelector('.name')?.textContent?.trim() ?? '',
      host: r.querySelector('.msg')?.textContent?.trim() ?? '',
      activation: r.querySelector('.activation-time')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * Opens (or shows) "Developer: Show Running Extensions": VS Code's own account of which extensions are
 * active, where each runs ("web worker" for the browser extension host, the server's address for the
 * remote Node one) and how long its activation took.
 */
export async function showRunningExtensions(page) {
  await runCommand(page, 'Developer: Show Running Extensions');
  await page.locator(`${RUNNING_LIST} .monaco-list-row`).first().waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * Walks the open Running Extensions editor's virtual list from its top with the keyboard (Home, then
 * PageDown), handing each screenful of rows to `visit` until it returns true or the last row has been on
 * screen. Resolves whether `visit` stopped it. (The editor re-renders its rows when an extension's status
 * changes, which can drop the list's focused row: progress is read from the rows on screen.)
 */
async function walkRunningList(page, visit) {
  const list = page.locator(RUNNING_LIST);
  await list.waitFor({ state: 'visible', timeout: 10_000 });
  await list.focus();
  await pollUntil('focus in the Running Extensions list', () => list.evaluate((e) => e.contains(document.activeElement)), 10_000);
  await page.keyboard.press('Home');
  await pollUntil(
    'the top of the Running Extensions list on screen',
    async () => (await renderedRunningRows(page)).some((r) => r.index === 0),
    10_000,
  );
  for (;;) {
    const rows = await renderedRunningRows(page);
    if (visit(rows)) return true;
    if (rows.length === 0 || rows.some((r) => r.last)) return false;
    const lastShown = Math.max(...rows.map((r) => r.index));
    const focusedBefore = await focusedRunningRow(page);
    await page.keyboard.press('PageDown');
    // The first PageDown may only move the focus to the page's last row; later ones scroll.
    await pollUntil(
      'the Running Extensions list to page down',
      async () =>
        (await focusedRunningRow(page)) > focusedBefore ||
        Math.max(-1, ...(await renderedRunningRows(page)).map((r) => r.index)) > lastShown,
      10_000,
    );
  }
}

/** The index of the Running Extensions list's focused row, or -1. */
function focusedRunningRow(page) {
  return page
    .locator(`${RUNNING_LIST} .monaco-list-row.focused`)
    .evaluateAll((rows) => (rows.length > 0 ? Number(rows[0].getAttribute('data-index')) : -1));
}

/** Every extension the open Running Extensions editor lists: name, host ("web worker", …), activation time. */
export async function runningExtensions(page) {
  const seen = new Map();
  await walkRunningList(page, (rows) => {
    for (const r of rows) seen.set(r.index, r);
    return false;
  });
  return [...seen.values()].sort((a, b) => a.index - b.index).map(({ name, host, activation }) => ({ name, host, activation }));
}

/**
 * Why VS Code activated an extension, from the hover on its activation time in the open Running
 * Extensions editor (e.g. "Activated by … on onCommand:zigzag.runDemo").
 */
export async function activationReason(page, name) {
  // A string is the whole name; a RegExp matches it (an extension under development may be listed by id).
  const pattern = typeof name === 'string' ? new RegExp(`^${escapeRegExp(name)}$`) : name;
  if (!(await walkRunningList(page, (rows) => rows.some((r) => pattern.test(r.name))))) {
    throw new Error(`${name} is not among the running extensions`);
  }
  const row = page.locator(`${RUNNING_LIST} .monaco-list-row`).filter({ has: page.locator('.name', { hasText: pattern }) });
  const hover = page.locator('.workbench-hover-container .hover-contents', { hasText: 'Activated by' });
  // The editor re-renders its rows whenever an extension's status changes, which drops a hover that was
  // about to show: hover the row's current element until its hover shows, anew when it was replaced.
  const deadline = Date.now() + 30_000;
  let text;
  while (text === undefined) {
    const target = await row.locator('.activation-time').elementHandle({ timeout: 10_000 });
    await page.mouse.move(1, 1);
    await target.hover();
    await pollUntil(
      `the activation hover of ${name}`,
      async () => (await hover.isVisible().catch(() => false)) || !(await target.evaluate((e) => e.isConnected).catch(() => false)),
      Math.max(1000, deadline - Date.now()),
    );
    if (await hover.isVisible().catch(() => false)) text = (await hover.innerText()).trim();
    await target.dispose();
  }
  // Move away so the hover does not cover what the test looks at next.
  await page.mouse.move(1, 1);
  await hover.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  return text;
}

/**
 * The log files of the remote (Node) extension hosts the server has started so far, oldest first: one per
 * window (<user-data-dir>/logs/<session>/exthost<N>/remoteexthost.log).
 */
export function extensionHostLogs(server) {
  const logs = join(server.userDataDir, 'logs');
  const files = [];
  for (const session of existsSync(logs) ? readdirSync(logs).sort() : []) {
    const dir = join(logs, session);
    for (const host of readdirSync(dir)
      .filter((d) => /^exthost\d+$/.test(d))
      .sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)))) {
      const file = join(dir, host, 'remoteexthost.log');
      if (existsSync(file)) files.push(file);
    }
  }
  return files;
}

/**
 * The activations VS Code's remote (Node) extension hosts have logged so far, in order, each recorded as
 * "ExtensionService#_doActivateExtension <id>, startup: <bool>, activationEvent: '<event>'"; without the
 * logs in `except` (those of windows opened before). Extensions in the browser's web worker host log
 * elsewhere (in the browser) and do not appear here.
 */
export function extensionHostActivations(server, { except = [] } = {}) {
  const activations = [];
  for (const file of extensionHostLogs(server).filter((f) => !except.includes(f))) {
    for (const m of readFileSync(file, 'utf8').matchAll(
      /ExtensionService#_doActivateExtension ([^,\s]+), startup: (true|false), activationEvent: '([^']*)'/g,
    )) {
      activations.push({ id: m[1], startup: m[2] === 'true', event: m[3] });
    }
  }
  return activations;
}

/** Convenience: code-server + Chromium + workbench with the repo's extension loaded, torn down by close(). */
export async function openPlayground(options = {}) {
  const { folder, extensionDevelopmentPath = repoRoot, settings } = options;
  const server = await startCodeServer({ settings });
  let browser;
  try {
    browser = await launchChromium();
    const workspace = folder ?? server.workspaceDir;
    const page = await openWorkbench(browser, workbenchUrl(server, { folder: workspace, extensionDevelopmentPath }));
    return {
      server,
      browser,
      page,
      async close() {
        await browser.close().catch(() => {});
        await server.stop();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await server.stop();
    throw e;
  }
}
