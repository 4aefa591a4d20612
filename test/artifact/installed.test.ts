// The extension as users install it: `npm run package`, then code-server's --install-extension into a
// fresh extensions folder (no development path, which would run the extension even where the installed
// one is disabled), then the core flows — the demo draws, Set Target Quadrant redraws, Open Scenario in
// Playground on a *.zigzag.json, Export Run writes a file — in three extension hosts:
//   - Restricted Mode: workspace trust on, the folder untrusted (the status bar says so);
//   - the browser (web worker) extension host, as on vscode.dev (VS Code's Running Extensions says so);
//   - the ordinary Node extension host.
// In each, the extension is first shown inactive in a plain window and then active after "Run Zig-Zag
// Demo", activated by that command. Without `capabilities` in package.json, Restricted Mode disables the
// extension and this file fails.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator } from 'playwright-core';
import {
  activationReason,
  collectWebviewConsole,
  gridDifference,
  launchChromium,
  openWorkbench,
  pickQuickItem,
  runningExtensions,
  showRunningExtensions,
  startCodeServer,
  webviewFrame,
  workbenchUrl,
  type CodeServer,
  type WorkbenchPage,
} from '../tools/vscode-web.mjs';
import {
  MIN_CHANGE,
  VIEWPORT,
  assertNoProblems,
  command,
  currentPoint,
  exportThroughDialog,
  failureScreenshot,
  parsePoint,
  planeCanvas,
  quickPickRows,
  rewind,
  stepReadout,
  waitForPlot,
  waitForSelect,
  waitForSettledPlot,
  waitUntil,
} from '../e2e/support';
import { packageVsix, type PackagedVsix } from './vsix';

const EXTENSION_ID = 'zigzag-playground.zigzag-playground';
const EXTENSION_NAME = 'Zig-Zag Playground';
/** A built-in extension activated by onStartupFinished: once it runs, start-up activations are over. */
const STARTUP_FINISHED_CANARY = 'Merge Conflict';
const SCENARIO = { version: 1, inputs: { distribution: 'relu' }, batchSize: 8, steps: 150, start: [0.5, -0.5] };

interface Host {
  readonly title: string;
  readonly trust: 'disabled' | 'untrusted';
  readonly settings: Record<string, unknown>;
  /** Where VS Code's Running Extensions must say the extension runs. */
  readonly runsIn: (server: CodeServer) => string;
}

const HOSTS: readonly Host[] = [
  {
    title: 'Restricted Mode (workspace trust on, the folder untrusted)',
    trust: 'untrusted',
    settings: {},
    runsIn: (server) => `127.0.0.1:${server.port}`,
  },
  {
    title: 'the browser (web worker) extension host',
    trust: 'disabled',
    // The user setting that moves an installed extension with a `browser` entry into the web worker.
    settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
    runsIn: () => 'web worker',
  },
  {
    title: 'the Node extension host',
    trust: 'disabled',
    settings: {},
    runsIn: (server) => `127.0.0.1:${server.port}`,
  },
];

let vsix: PackagedVsix | undefined;

before(function () {
  this.timeout(300_000);
  vsix = packageVsix();
});

after(() => vsix?.dispose());

for (const host of HOSTS) {
  describe(`installed from the .vsix, in ${host.title}`, function () {
    let server: CodeServer;
    let browser: Browser | undefined;
    let page: WorkbenchPage;
    let panel: FrameLocator;
    let folder: string;
    let webviewConsole: ReturnType<typeof collectWebviewConsole>;

    before(async function () {
      this.timeout(180_000);
      assert.ok(vsix, 'the .vsix was built');
      // A plain folder: no scenario file yet (one would activate the extension at start-up).
      folder = mkdtempSync(join(tmpdir(), 'zigzag-artifact-'));
      server = await startCodeServer({
        vsix: vsix.path,
        trust: host.trust,
        settings: {
          'workbench.colorTheme': 'Default Dark Modern',
          'window.autoDetectColorScheme': false,
          ...host.settings,
        },
      });
      browser = await launchChromium();
      page = await openWorkbench(browser, workbenchUrl(server, { folder, extensionDevelopmentPath: null }), { viewport: VIEWPORT });
      webviewConsole = collectWebviewConsole(page);
    });

    after(async function () {
      this.timeout(30_000);
      await browser?.close().catch(() => undefined);
      await server?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) await failureScreenshot(page, `artifact ${host.title} ${this.currentTest.title}`);
    });

    if (host.trust === 'untrusted') {
      it('the folder is untrusted: the status bar says Restricted Mode', async function () {
        await page.locator('[id="status.workspaceTrust"]', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
      });
    }

    it('is not active in a plain window once the start-up activations are over', async function () {
      this.timeout(90_000);
      await showRunningExtensions(page);
      const names = await waitUntil(
        `${STARTUP_FINISHED_CANARY} among the running extensions`,
        async () => {
          const list = (await runningExtensions(page)).map((e) => e.name);
          return list.includes(STARTUP_FINISHED_CANARY) ? list : undefined;
        },
        60_000,
      );
      assert.match(await activationReason(page, STARTUP_FINISHED_CANARY), /after start-up finished/);
      assert.ok(!names.includes(EXTENSION_NAME), `${EXTENSION_NAME} is not running yet: ${names.join(', ')}`);
      await command(page, 'View: Close All Editors');
    });

    it('"Run Zig-Zag Demo" opens the playground and draws the demo', async function () {
      this.timeout(90_000);
      await command(page, 'Run Zig-Zag Demo', { timeoutMs: 45_000 });
      await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().waitFor({ timeout: 30_000 });
      panel = await webviewFrame(page, { view: 'panel', timeoutMs: 60_000 });
      await waitForPlot(planeCanvas(panel), 'the demo plot', () => true, 60_000);
      await waitForSelect(panel, 'quadrant', 'nw', 'the default demo');
      await waitForSelect(panel, 'distribution', 'sigmoid', 'the default demo');
    });

    it('"Set Target Quadrant" → North-East moves the target and redraws', async function () {
      this.timeout(60_000);
      const before = await waitForSettledPlot(planeCanvas(panel), 'the plot before');
      await command(page, 'Set Target Quadrant');
      await quickPickRows(page, 'North-East');
      await pickQuickItem(page, 'North-East');
      await waitForSelect(panel, 'quadrant', 'ne', 'after North-East');
      const after = await waitForSettledPlot(
        planeCanvas(panel),
        'the plot after North-East',
        (s) => gridDifference(before, s) >= MIN_CHANGE,
      );
      assert.ok(gridDifference(before, after) >= MIN_CHANGE);
    });

    it('"Open Scenario in Playground" on a *.zigzag.json from the explorer shows that scenario', async function () {
      this.timeout(60_000);
      writeFileSync(join(folder, 'relu-batch.zigzag.json'), `${JSON.stringify(SCENARIO, null, 2)}\n`);
      await command(page, 'View: Show Explorer');
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'relu-batch.zigzag.json' });
      await row.click({ button: 'right', timeout: 20_000 });
      const item = page.locator('.context-view .monaco-menu .action-label', { hasText: 'Open Scenario in Playground' });
      await item.waitFor({ timeout: 10_000 });
      await item.click();
      await waitForSelect(panel, 'distribution', 'relu', 'the panel after opening relu-batch.zigzag.json');
      await waitForSelect(panel, 'batchSize', '8', 'the panel after opening relu-batch.zigzag.json');
      await waitUntil(
        '150 steps',
        async () => (await stepReadout(panel)).last === 150,
        10_000,
        async () => JSON.stringify(await stepReadout(panel)),
      );
      await rewind(panel);
      assert.deepEqual(parsePoint(await currentPoint(panel)), [0.5, -0.5], "the file's start");
    });

    it('"Export Run" → CSV writes the run on screen through the save dialog', async function () {
      this.timeout(60_000);
      const csvPath = join(folder, 'zigzag-run.csv');
      await exportThroughDialog(page, 'Export Run', 'CSV', csvPath);
      await waitUntil('zigzag-run.csv written', () => existsSync(csvPath) && readFileSync(csvPath, 'utf8').endsWith('\n'), 20_000);
      const [header, ...rows] = readFileSync(csvPath, 'utf8').trim().split('\n');
      assert.equal(header, 'step,w1,w2,loss');
      assert.equal(rows.length, SCENARIO.steps + 1, 'one row per step 0…150');
      assert.deepEqual(rows[0].split(',').slice(1, 3).map(Number), SCENARIO.start, 'the first row is the start');
    });

    it(`VS Code lists it active, activated by "Run Zig-Zag Demo", in ${host.title.replace(/ \(.*/, '')}`, async function () {
      this.timeout(60_000);
      await showRunningExtensions(page);
      const entry = await waitUntil(
        `${EXTENSION_NAME} among the running extensions`,
        async () => (await runningExtensions(page)).find((e) => e.name === EXTENSION_NAME),
        30_000,
      );
      assert.equal(entry.host, host.runsIn(server), `where it runs: ${JSON.stringify(entry)}`);
      assert.match(await activationReason(page, EXTENSION_NAME), /onCommand:zigzag\.runDemo/);
    });

    it("no CSP violation or error appeared in the webviews' consoles", () => {
      assertNoProblems(webviewConsole.problems());
    });
  });
}
