// The extension as users install it: `npm run package`, then code-server's --install-extension into a
// fresh extensions folder (no development path, which would run the extension even where the installed
// one is disabled), then the core flows — the demo draws, Set Target Quadrant redraws, Open Scenario in
// Playground on a *.zigzag.json, Export Run writes a file — in three extension hosts:
//   - Restricted Mode: workspace trust on, the folder untrusted (the status bar says so);
//   - the browser (web worker) extension host, as on vscode.dev (VS Code's Running Extensions says so);
//   - the ordinary Node extension host.
// In each, the extension is shown not running in a plain window once VS Code's start-up activations are
// over, and then activated by "Run Zig-Zag Demo": as the Node extension host's log records it (Restricted
// Mode, Node host), or as Running Extensions reports it (web worker, whose log stays in the browser).
// Without `capabilities` in package.json, Restricted Mode disables the extension and this file fails.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator } from 'playwright-core';
import {
  activationReason,
  collectWebviewConsole,
  extensionHostActivations,
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
  assertNoProblems,
  command,
  exportThroughDialog,
  failureScreenshot,
  MIN_CHANGE,
  openScenarioFromExplorer,
  planeCanvas,
  quickPickRows,
  VIEWPORT,
  waitForPlot,
  waitForSelect,
  waitForSettledPlot,
  waitUntil,
} from '../e2e/support';
import { packageVsix, type PackagedVsix } from './vsix';

const EXTENSION_ID = 'zigzag-playground.zigzag-playground';
const EXTENSION_NAME = 'Zig-Zag Playground';
/** A built-in extension activated by onStartupFinished: once it is, start-up activations are over. */
const STARTUP_FINISHED_CANARY = 'vscode.merge-conflict';
const SCENARIO = { version: 1, inputs: { distribution: 'relu' }, batchSize: 8, steps: 150, start: [0.5, -0.5] };

interface Host {
  readonly title: string;
  readonly trust: 'disabled' | 'untrusted';
  readonly settings: Record<string, unknown>;
  /** Which extension host runs the extension: code-server's Node one, or the browser's web worker. */
  readonly runsIn: 'node' | 'web worker';
}

const HOSTS: readonly Host[] = [
  { title: 'Restricted Mode (workspace trust on, the folder untrusted)', trust: 'untrusted', settings: {}, runsIn: 'node' },
  {
    title: 'the browser (web worker) extension host',
    trust: 'disabled',
    // The user setting that moves an installed extension with a `browser` entry into the web worker.
    settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
    runsIn: 'web worker',
  },
  { title: 'the Node extension host', trust: 'disabled', settings: {}, runsIn: 'node' },
];

let vsix: PackagedVsix | undefined;
let browser: Browser | undefined;

before(async function () {
  this.timeout(300_000);
  vsix = packageVsix();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => undefined);
  vsix?.dispose();
});

/** Our activations in the Node extension host's log, and the index of the start-up-finished canary's. */
function activationsOf(server: CodeServer): { ours: ReturnType<typeof extensionHostActivations>; canaryAt: number; oursAt: number } {
  const all = extensionHostActivations(server);
  return {
    ours: all.filter((a) => a.id === EXTENSION_ID),
    canaryAt: all.findIndex((a) => a.id === STARTUP_FINISHED_CANARY && a.event === 'onStartupFinished'),
    oursAt: all.findIndex((a) => a.id === EXTENSION_ID),
  };
}

for (const host of HOSTS) {
  describe(`installed from the .vsix, in ${host.title}`, function () {
    let server: CodeServer;
    let context: BrowserContext | undefined;
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
      assert.ok(browser, 'Chromium is running');
      page = await openWorkbench(browser, workbenchUrl(server, { folder, extensionDevelopmentPath: null }), { viewport: VIEWPORT });
      context = page.context();
      webviewConsole = collectWebviewConsole(page);
    });

    after(async function () {
      this.timeout(30_000);
      await context?.close().catch(() => undefined);
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

    it('is not running in a plain window once the start-up activations are over', async function () {
      this.timeout(90_000);
      // VS Code's extension host log: the onStartupFinished activations have happened.
      const log = await waitUntil(
        `the ${STARTUP_FINISHED_CANARY} activation on onStartupFinished in the extension host log`,
        () => {
          const a = activationsOf(server);
          return a.canaryAt >= 0 ? a : undefined;
        },
        60_000,
      );
      // (The web worker host logs in the browser: there, the activation reason below is the proof.)
      assert.deepEqual(log.ours, [], `${EXTENSION_NAME} was activated before any command: ${JSON.stringify(log.ours)}`);
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
      await openScenarioFromExplorer(page, panel, 'relu-batch.zigzag.json', {
        distribution: SCENARIO.inputs.distribution,
        batchSize: SCENARIO.batchSize,
        steps: SCENARIO.steps,
        start: [0.5, -0.5],
      });
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

    if (host.runsIn === 'node') {
      it('the Node extension host logged one activation: by "Run Zig-Zag Demo", after start-up', function () {
        const { ours, canaryAt, oursAt } = activationsOf(server);
        assert.deepEqual(ours, [{ id: EXTENSION_ID, startup: false, event: 'onCommand:zigzag.runDemo' }]);
        assert.ok(oursAt > canaryAt, 'logged after the start-up-finished activations');
      });
    } else {
      it('Running Extensions says it runs in the web worker, activated by "Run Zig-Zag Demo"', async function () {
        this.timeout(90_000);
        await showRunningExtensions(page);
        const entry = await waitUntil(
          `${EXTENSION_NAME} among the running extensions`,
          async () => (await runningExtensions(page)).find((e) => e.name === EXTENSION_NAME),
          30_000,
        );
        assert.equal(entry.host, 'web worker', `where it runs: ${JSON.stringify(entry)}`);
        assert.match(await activationReason(page, EXTENSION_NAME), /onCommand:zigzag\.runDemo/);
        assert.deepEqual(activationsOf(server).ours, [], 'nothing of it ran in the Node extension host');
      });
    }

    it("no CSP violation or error appeared in the webviews' consoles", () => {
      assertNoProblems(webviewConsole.problems());
    });
  });
}
