// `npm start`'s code-server route, run as a developer runs it: test/tools/start.mjs starts code-server with
// the extension under development and prints a URL; the workbench at that URL shows the demo by itself.
// Nothing activates the extension eagerly: the folder start.mjs opens holds a scenario file, and VS Code's
// Running Extensions names that (workspaceContains) as what activated it.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import {
  activationReason,
  killGroup,
  openWorkbench,
  repoRoot,
  showRunningExtensions,
  webviewFrame,
  withTimeout,
} from '../tools/vscode-web.mjs';
import { VIEWPORT, e2eHost, failureScreenshot, waitForSelect } from './support';

/** Resolves with the workbench URL start.mjs prints; rejects if it exits first. */
function startedUrl(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output.push(d.toString());
      const url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?\S+)\s*$/m.exec(output.join(''))?.[1];
      if (url) resolve(url);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('exit', (code, signal) =>
      reject(new Error(`start.mjs exited (${signal ?? code}) before printing a URL:\n${output.join('')}`)),
    );
  });
}

describe('npm start (code-server): the demo opens by itself', function () {
  let child: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  let workspace: string;
  const output: string[] = [];

  before(function () {
    workspace = mkdtempSync(join(tmpdir(), 'zigzag-start-'));
  });

  after(async function () {
    this.timeout(40_000);
    await context?.close().catch(() => undefined);
    // SIGTERM: start.mjs stops its code-server and exits.
    if (child?.pid !== undefined) await killGroup(child.pid, 20_000);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('the printed URL shows the demo, activated by the workspace’s scenario file', async function () {
    this.timeout(180_000);
    child = spawn(process.execPath, [join(repoRoot, 'test', 'tools', 'start.mjs')], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ZIGZAG_START: 'code-server', ZIGZAG_WORKSPACE: workspace },
    });
    const url = await withTimeout(startedUrl(child, output), 120_000, 'start.mjs printing the workbench URL');
    assert.ok(existsSync(join(workspace, 'demo.zigzag.json')), 'start.mjs put a scenario file in the folder it opens');
    // The e2e run's Chromium, a window of its own.
    const page = await openWorkbench((await e2eHost()).browser, url, { viewport: VIEWPORT });
    context = page.context();
    try {
      await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().waitFor({ timeout: 60_000 });
      const panel = await webviewFrame(page, { view: 'panel', timeoutMs: 60_000 });
      // The demo's scenario is on screen (that it draws is the playground file's to show).
      await waitForSelect(panel, 'quadrant', 'nw', 'the default demo', 60_000);
      await showRunningExtensions(page);
      // (Loaded from its development folder, the extension is listed by its id.)
      const reason = await activationReason(page, /^(Zig-Zag Playground|zigzag-playground\.zigzag-playground)$/);
      // (VS Code's wording for workspaceContains:**/*.zigzag.json.)
      assert.match(reason, /because a file matching \*\*\/\*\.zigzag\.json exists in your workspace/);
    } catch (e) {
      await failureScreenshot(page, 'npm start');
      throw e;
    }
  });
});
