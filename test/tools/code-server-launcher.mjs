#!/usr/bin/env node
// A stand-in for the VS Code executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }):
//   code-server-launcher.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE_OR_DIR [FOLDER] [other flags]
// Starts code-server (own process group, state in a temp dir), opens the workbench in headless Chromium
// with the development and tests paths in the payload, relays the extension host's console, and exits
// with the tests' exit code. Whatever happens (failure, timeout, signal) the process group is killed.
// Other flags runTests passes (--no-sandbox, --user-data-dir=…, --disable-extensions …) are ignored.
// Env: ZIGZAG_TEST_TIMEOUT (seconds, default 300), ZIGZAG_DEBUG=1 (code-server and page logs).
import { resolve } from 'node:path';
import { format } from 'node:util';
import {
  launchChromium,
  onSignalCleanup,
  openWorkbench,
  screenshot,
  startCodeServer,
  webviewProblems,
  workbenchUrl,
} from './vscode-web.mjs';

function parseArgs(argv) {
  const out = { dev: [], tests: undefined, folder: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      out.folder ??= a;
      continue;
    }
    const [, name, value] = m;
    const takeValue = () => value ?? argv[++i];
    if (name === 'extensionDevelopmentPath') out.dev.push(takeValue());
    else if (name === 'extensionTestsPath') out.tests = takeValue();
    else if (name === 'folder-uri') out.folder = decodeURIComponent(takeValue().replace(/^file:\/\//, ''));
    else out.ignored.push(a);
  }
  return out;
}

// The workbench's own log lines that reach codeAutomationLog alongside the test host's console and say
// nothing about the tests (offline gallery, connection set-up). Shown with ZIGZAG_DEBUG=1.
const debug = !!process.env.ZIGZAG_DEBUG;
const NOISE = [
  /ENOTFOUND open-vsx\.org/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /authentication provider '[^']+' to register/,
  /^An unknown error occurred\. Please consult the log/,
];

function formatArg(a) {
  if (typeof a === 'string') return a;
  try {
    return JSON.stringify(a);
  } catch {
    return String(a);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.dev.length === 0 || !args.tests) {
    console.error('usage: code-server-launcher.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=PATH [FOLDER]');
    return 2;
  }
  const timeoutMs = Number(process.env.ZIGZAG_TEST_TIMEOUT || 300) * 1000;
  const t0 = Date.now();
  let server;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  };
  onSignalCleanup(cleanup);
  // (vscode-web.mjs also stops everything when our parent, runTests, dies without signalling us.)
  try {
    // Side by side: the server's start-up waits on its own process, Chromium's on another.
    // Auto save off (VS Code for the Web's default saves a second after an edit): the suites check a file's
    // dirty state, its undo and what is on disk, which a save at an unknown moment under load makes racy.
    const started = await Promise.allSettled([startCodeServer({ settings: { 'files.autoSave': 'off' } }), launchChromium()]);
    if (started[0].status === 'fulfilled') server = started[0].value;
    if (started[1].status === 'fulfilled') browser = started[1].value;
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const tServer = Date.now();
    let settle;
    const exited = new Promise((r) => {
      settle = r;
    });
    const url = workbenchUrl(server, {
      folder: args.folder ? resolve(args.folder) : server.workspaceDir,
      extensionDevelopmentPath: args.dev.map((p) => resolve(p)),
      extensionTestsPath: resolve(args.tests),
    });
    const page = await openWorkbench(browser, url, {
      onAutomationLog: (type, logArgs) => {
        const text = Array.isArray(logArgs) ? format(...logArgs) : formatArg(logArgs);
        if (!debug && NOISE.some((re) => re.test(text))) return;
        (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
      },
      onAutomationExit: (code) => settle(Number(code)),
    });
    page.on('crash', () => settle(Promise.reject(new Error('the workbench page crashed'))));
    console.error(
      `[launcher] code-server and Chromium ready in ${((tServer - t0) / 1000).toFixed(1)} s, workbench open in ${((Date.now() - t0) / 1000).toFixed(1)} s; running ${args.tests}`,
    );
    let code;
    let timer;
    try {
      code = await Promise.race([
        exited,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`extension tests did not finish within ${timeoutMs / 1000} s (ZIGZAG_TEST_TIMEOUT)`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    if (code !== 0) {
      for (const p of webviewProblems(page)) console.error(`[launcher] webview: ${p}`);
      const shot = await screenshot(page, 'extension-host-failed', { always: true }).catch(() => undefined);
      if (shot) console.error(`[launcher] workbench at the end of the failed run: ${shot}`);
    }
    console.error(`[launcher] extension tests exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return code;
  } catch (e) {
    console.error(`[launcher] ERROR ${e.message}`);
    if (server) console.error(`--- code-server log (tail) ---\n${server.logTail(30)}`);
    return 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
