// A real VS Code (code-server 4.139.1) driven from headless Chromium: the library behind the
// extension-host launcher (code-server-launcher.mjs), the e2e tests (test/e2e/) and `npm start`.
// Types: vscode-web.d.mts. Facts it relies on: ../../../shared/notes/real-vscode-offline.md
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
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
};

// ---------------------------------------------------------------------------------------------
// code-server

/**
 * Starts code-server 4.139.1 under Node 24 on a free 127.0.0.1 port, in its own process group, with
 * all of its state (user data, extensions, config, XDG dirs) in a fresh temp dir. Resolves once
 * /healthz answers.
 */
export async function startCodeServer(options = {}) {
  const {
    readyTimeoutMs = 60_000,
    settings = {},
    port: wantedPort,
    env: extraEnv = {},
    log = debug ? (s) => console.error(s) : () => {},
  } = options;
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
  writeFileSync(join(dirs.user, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  writeFileSync(join(base, 'config.yaml'), 'auth: none\ncert: false\n');
  const port = wantedPort ?? (await freePort());
  const env = { ...process.env, ...extraEnv, XDG_DATA_HOME: dirs.xdgData, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache };
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_|npm_)/.test(k)) delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config',
    join(base, 'config.yaml'),
    '--user-data-dir',
    dirs.user,
    '--extensions-dir',
    dirs.ext,
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
    logPath,
    logTail,
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
      await sleep(150);
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
 * The workbench URL that opens `folder` with the extension under development loaded (and, with
 * extensionTestsPath, its extension-host tests run). Paths are absolute paths on this machine.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath = repoRoot, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${resolve(p)}`;
  const payload = [];
  const devPaths = Array.isArray(extensionDevelopmentPath) ? extensionDevelopmentPath : [extensionDevelopmentPath];
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

/** True when a console message / error URL belongs to a webview (VS Code's webview host pages). */
export function isWebviewUrl(url) {
  return /\/webview\/browser\/pre\//.test(url ?? '') || /^vscode-webview:/.test(url ?? '');
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

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';

/**
 * Waits for the open quick input's text box and for keyboard focus to be in it (when a webview had
 * focus, the box shows up a moment before focus moves; keys typed meanwhile land in the webview), then
 * types `text` (keyboard.type, as a user would). With `replace`, selects the box's current text first.
 */
export async function typeInQuickInput(page, text, { replace = false, timeoutMs = 10_000 } = {}) {
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + 3000;
  while (!(await input.evaluate((el) => el === document.activeElement).catch(() => false))) {
    if (Date.now() > deadline) {
      await input.click({ timeout: 5000 });
      break;
    }
    await sleep(50);
  }
  if (replace) await input.selectText({ timeout: 5000 });
  await page.keyboard.type(text, { delay: 5 });
}

/** Closes any open quick input (Escape until hidden). */
export async function closeQuickInput(page) {
  for (let i = 0; i < 3; i++) {
    if (
      !(await page
        .locator(QUICK_INPUT)
        .isVisible()
        .catch(() => false))
    )
      return;
    await page.keyboard.press('Escape');
    await sleep(150);
  }
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * F1 → types the command title → waits for its row → Enter. Extension commands appear only once the
 * extension host registered them, so the wait for the row is retried (palette closed and reopened).
 * `title` is what the palette shows, e.g. "Zig-Zag: Run Zig-Zag Demo" or just "Run Zig-Zag Demo".
 */
export async function runCommand(page, title, { timeoutMs = 30_000, rowTimeoutMs = 2500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (let attempt = 0; attempt === 0 || Date.now() < deadline; attempt++) {
    await closeQuickInput(page);
    await page.keyboard.press('F1');
    await typeInQuickInput(page, title);
    const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: new RegExp(`(^|: )${escapeRegExp(title)}`) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: rowTimeoutMs });
      await row.click({ timeout: 5000 });
      return;
    } catch (e) {
      lastError = e;
      await sleep(500);
    }
  }
  await closeQuickInput(page);
  throw new Error(`command "${title}" not found in the command palette within ${timeoutMs} ms (${lastError?.message?.split('\n')[0]})`);
}

/** In an open quick pick, types `label` and picks the row showing it. */
export async function pickQuickItem(page, label, { timeoutMs = 10_000 } = {}) {
  await typeInQuickInput(page, label, { timeoutMs });
  const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
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
    await sleep(250);
  }
}

/**
 * Reads a canvas's pixels in its own frame: size, pixels drawn (alpha > 0), distinct colours (4-bit
 * per channel), and a 32×32 grid of mean luminance×alpha for comparing two states.
 */
export async function canvasStats(locator, { timeoutMs = 10_000 } = {}) {
  await locator.waitFor({ state: 'attached', timeout: timeoutMs });
  return locator.evaluate((canvas) => {
    const w = canvas.width;
    const h = canvas.height;
    const empty = { width: w, height: h, painted: 0, colours: 0, grid: [] };
    if (w === 0 || h === 0) return empty;
    let data;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      data = ctx.getImageData(0, 0, w, h).data;
    } else {
      const copy = document.createElement('canvas');
      copy.width = w;
      copy.height = h;
      const c2 = copy.getContext('2d');
      c2.drawImage(canvas, 0, 0);
      data = c2.getImageData(0, 0, w, h).data;
    }
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

/** Saves a PNG of the page (or of a locator) as .test-artifacts/screenshots/<name>.png; returns its path. */
export async function screenshot(target, name) {
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
