// The extension as users install it: the packaged .vsix (npm test hands over the package stage's), installed
// once with code-server's --install-extension into a fresh extensions folder (no development path, which
// would run the extension even where the installed one is disabled), driven where only the installed
// artifact can be: in Restricted Mode (workspace trust on, the folder untrusted: the status bar says so), in
// two extension hosts, one window each on the same server:
//   - the Node extension host: the demo draws, and the host's log records one activation, by "Run Zig-Zag
//     Demo" after VS Code's start-up activations were over (nothing activated it in a plain window);
//   - the browser's web worker host, as on vscode.dev (VS Code's Running Extensions says so, and that
//     "Run Zig-Zag Demo" activated it): the demo draws, Open Scenario in Playground reads a *.zigzag.json and
//     Export Run writes a file, both through vscode.workspace.fs with no Node underneath.
// What the playground does in the workbench (the commands, quick picks, dialogs and plots) is the e2e
// stage's, with the extension under development (test/tools/README.md: which suite proves what).
// Without `capabilities` in package.json, Restricted Mode disables the extension and this file fails.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator } from 'playwright-core';
import {
  activationReason,
  collectWebviewConsole,
  extensionHostActivations,
  extensionHostLogs,
  launchChromium,
  openWorkbench,
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
  openScenarioFromExplorer,
  planeCanvas,
  VIEWPORT,
  waitForPlot,
  waitForSelect,
  waitUntil,
} from '../e2e/support';
import { packageVsix, type PackagedVsix } from './vsix';

const EXTENSION_ID = 'zigzag-playground.zigzag-playground';
const EXTENSION_NAME = 'Zig-Zag Playground';
/** A built-in extension activated by onStartupFinished: once it is, start-up activations are over. */
const STARTUP_FINISHED_CANARY = 'vscode.merge-conflict';
const SCENARIO = { version: 1, inputs: { distribution: 'relu' }, batchSize: 8, steps: 150, start: [0.5, -0.5] };
const DARK = { 'workbench.colorTheme': 'Default Dark Modern', 'window.autoDetectColorScheme': false };

interface Host {
  readonly title: string;
  /** User settings of its window, over the server's. */
  readonly settings: Record<string, unknown>;
  /** Which extension host runs the extension: code-server's Node one, or the browser's web worker. */
  readonly runsIn: 'node' | 'web worker';
}

const HOSTS: readonly Host[] = [
  { title: 'the Node extension host', settings: {}, runsIn: 'node' },
  {
    title: 'the browser (web worker) extension host',
    // The user setting that moves an installed extension with a `browser` entry into the web worker.
    settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
    runsIn: 'web worker',
  },
];

let vsix: PackagedVsix | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;

before(async function () {
  this.timeout(300_000);
  vsix = packageVsix();
  const started = await Promise.allSettled([startCodeServer({ vsix: vsix.path, trust: 'untrusted', settings: DARK }), launchChromium()]);
  if (started[0].status === 'fulfilled') server = started[0].value;
  if (started[1].status === 'fulfilled') browser = started[1].value;
  for (const s of started) if (s.status === 'rejected') throw s.reason;
});

after(async function () {
  this.timeout(30_000);
  await browser?.close().catch(() => undefined);
  await server?.stop();
  vsix?.dispose();
});

for (const host of HOSTS) {
  describe(`installed from the .vsix, in Restricted Mode, in ${host.title}`, function () {
    let page: WorkbenchPage;
    let panel: FrameLocator;
    let folder: string;
    /** The extension host logs of the windows opened before this one. */
    let earlierLogs: string[];
    let webviewConsole: ReturnType<typeof collectWebviewConsole>;

    /** Our activations in this window's Node extension host log, and the index of the start-up-finished canary's. */
    const activations = (): { ours: ReturnType<typeof extensionHostActivations>; canaryAt: number; oursAt: number } => {
      const all = extensionHostActivations(server!, { except: earlierLogs });
      return {
        ours: all.filter((a) => a.id === EXTENSION_ID),
        canaryAt: all.findIndex((a) => a.id === STARTUP_FINISHED_CANARY && a.event === 'onStartupFinished'),
        oursAt: all.findIndex((a) => a.id === EXTENSION_ID),
      };
    };

    before(async function () {
      this.timeout(120_000);
      assert.ok(server && browser, 'code-server with the .vsix installed, and Chromium');
      // A plain folder: no scenario file yet (one would activate the extension at start-up).
      folder = mkdtempSync(join(tmpdir(), 'zigzag-artifact-'));
      earlierLogs = extensionHostLogs(server);
      server.setUserSettings({ ...DARK, ...host.settings });
      page = await openWorkbench(browser, workbenchUrl(server, { folder, extensionDevelopmentPath: null }), { viewport: VIEWPORT });
      webviewConsole = collectWebviewConsole(page);
    });

    after(async function () {
      this.timeout(30_000);
      await page
        ?.context()
        .close()
        .catch(() => undefined);
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) await failureScreenshot(page, `artifact ${host.title} ${this.currentTest.title}`);
    });

    it('the folder is untrusted: the status bar says Restricted Mode', async function () {
      await page.locator('[id="status.workspaceTrust"]', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
    });

    it('is not running in a plain window once the start-up activations are over', async function () {
      this.timeout(90_000);
      // VS Code's extension host log: the onStartupFinished activations have happened.
      const log = await waitUntil(
        `the ${STARTUP_FINISHED_CANARY} activation on onStartupFinished in the extension host log`,
        () => {
          const a = activations();
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

    if (host.runsIn === 'node') {
      it('the Node extension host logged one activation: by "Run Zig-Zag Demo", after start-up', function () {
        const { ours, canaryAt, oursAt } = activations();
        assert.deepEqual(ours, [{ id: EXTENSION_ID, startup: false, event: 'onCommand:zigzag.runDemo' }]);
        assert.ok(oursAt > canaryAt, 'logged after the start-up-finished activations');
      });
    } else {
      it('"Open Scenario in Playground" on a *.zigzag.json from the explorer reads it through the workspace file system', async function () {
        this.timeout(60_000);
        writeFileSync(join(folder, 'relu-batch.zigzag.json'), `${JSON.stringify(SCENARIO, null, 2)}\n`);
        await openScenarioFromExplorer(page, panel, 'relu-batch.zigzag.json', {
          distribution: SCENARIO.inputs.distribution,
          batchSize: SCENARIO.batchSize,
          steps: SCENARIO.steps,
          start: [0.5, -0.5],
        });
      });

      it('"Export Run" → CSV writes the run on screen through the save dialog and the workspace file system', async function () {
        this.timeout(60_000);
        const csvPath = join(folder, 'zigzag-run.csv');
        await exportThroughDialog(page, 'Export Run', 'CSV', csvPath);
        await waitUntil('zigzag-run.csv written', () => existsSync(csvPath) && readFileSync(csvPath, 'utf8').endsWith('\n'), 20_000);
        const [header, ...rows] = readFileSync(csvPath, 'utf8').trim().split('\n');
        assert.equal(header, 'step,w1,w2,loss');
        assert.equal(rows.length, SCENARIO.steps + 1, 'one row per step 0…150');
        assert.deepEqual(rows[0].split(',').slice(1, 3).map(Number), SCENARIO.start, 'the first row is the start');
      });

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
        assert.deepEqual(activations().ours, [], 'nothing of it ran in the Node extension host');
      });
    }

    it("no CSP violation or error appeared in the webviews' consoles", () => {
      assertNoProblems(webviewConsole.problems());
    });
  });
}
