#!/usr/bin/env node
// `npm start` (after `node esbuild.mjs`): opens the playground in a real VS Code.
//   - desktop: when the `code` CLI is on PATH, an Extension Development Host window with this repo's
//     extension and the demo opened;
//   - otherwise code-server 4.139.1 on 127.0.0.1 (tools installed on first use) with the extension
//     loaded: prints the URL to open, stays up until Ctrl-C.
// The demo opens by itself, with no eager activation anywhere else: both ways open a workspace folder
// holding demo.zigzag.json, so the extension activates there (workspaceContains:**/*.zigzag.json) and
// only there, and its extension host has ZIGZAG_OPEN_DEMO=1 in its environment, on which activate()
// runs "Run Zig-Zag Demo".
// Env: ZIGZAG_START=desktop|code-server (force one), ZIGZAG_PORT=8080 (code-server port; default: free),
// ZIGZAG_EXTENSION_PATH=dir (another extension folder; default: this repo), ZIGZAG_WORKSPACE=dir (the
// folder to open; default: playground-workspace in the tools cache).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureTools, toolsDir } from './install-tools.mjs';

const { repoRoot } = await import('./vscode-web.mjs');
const mode = process.env.ZIGZAG_START || 'auto';
const demoEnv = { ZIGZAG_OPEN_DEMO: '1' };
const extensionPath = process.env.ZIGZAG_EXTENSION_PATH || repoRoot;

if (extensionPath === repoRoot && !existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('[start] dist/extension.js is missing: build first with `node esbuild.mjs` (npm start does this)');
  process.exit(1);
}

/** The folder `npm start` opens, with a scenario file in it (kept if the user has edited it). */
function prepareWorkspace() {
  const workspace = resolve(process.env.ZIGZAG_WORKSPACE || join(toolsDir, 'playground-workspace'));
  mkdirSync(workspace, { recursive: true });
  const demo = join(workspace, 'demo.zigzag.json');
  if (!existsSync(demo)) {
    const scenario = { version: 1, inputs: { distribution: 'sigmoid' }, target: { quadrant: 'nw', distance: 3 }, batchSize: 1, steps: 400 };
    writeFileSync(demo, `${JSON.stringify(scenario, null, 2)}\n`);
  }
  return workspace;
}

function hasCode() {
  const r = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

const workspace = prepareWorkspace();

if (mode === 'desktop' || (mode === 'auto' && hasCode())) {
  console.log('[start] opening an Extension Development Host window in desktop VS Code (`code` on PATH) …');
  const child = spawn('code', [`--extensionDevelopmentPath=${extensionPath}`, '--new-window', workspace], {
    stdio: 'inherit',
    env: { ...process.env, ...demoEnv },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  const { startCodeServer, workbenchUrl, onSignalCleanup } = await import('./vscode-web.mjs');
  await ensureTools({ log: (s) => console.log(s) });
  const port = process.env.ZIGZAG_PORT ? Number(process.env.ZIGZAG_PORT) : undefined;
  const server = await startCodeServer({ port, env: demoEnv, readyTimeoutMs: 90_000 });
  onSignalCleanup(() => server.stop());
  const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: extensionPath });
  console.log(`
[start] code-server ${server.origin} is up with the Zig-Zag Playground loaded from ${extensionPath}.
        Open this URL in a browser on this machine (or forward port ${server.port}):

  ${url}

        Rebuild with \`node esbuild.mjs\` (or \`npm run watch\`) and reload the window to pick up changes.
        Press Ctrl-C to stop.`);
  // Stay up until Ctrl-C (handled by onSignalCleanup) or until code-server dies.
  const timer = setInterval(() => {
    try {
      process.kill(-server.pid, 0);
    } catch {
      console.error(`[start] code-server exited unexpectedly; log tail:\n${server.logTail(30)}`);
      clearInterval(timer);
      server.stop().finally(() => process.exit(1));
    }
  }, 2000);
}
