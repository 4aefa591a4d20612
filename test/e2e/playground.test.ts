// End-to-end UI tests: the extension in a real VS Code (code-server 4.139.1) driven from headless Chromium
// the way a user drives it. One server and one workbench page for the whole file (a start costs ~10 s).
// Screenshots of each state: .test-artifacts/screenshots/. ZIGZAG_EXTENSION_PATH=dir tests another build
// of the extension (default: this repo).
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import {
  canvasStats, collectWebviewConsole, gridDifference, inputValidationMessage, openActivityBarContainer,
  openPlayground, pickQuickItem, plotCanvas, repoRoot, runCommand, screenshot, sleep, webviewFrame,
  closeQuickInput, typeInQuickInput, type CanvasStats, type Playground,
} from '../tools/vscode-web.mjs';

/** A drawn plot: at least this share of the canvas painted, in at least this many colours. */
const MIN_PAINTED_SHARE = 0.005;
const MIN_COLOURS = 3;
/** Mean per-cell difference (0–255 luminance on a 32×32 grid) that counts as "the plot changed". */
const MIN_CHANGE = 0.5;

async function waitForPlot(canvas: Locator, what: string, accept: (s: CanvasStats) => boolean = () => true, timeoutMs = 20_000): Promise<CanvasStats> {
  const deadline = Date.now() + timeoutMs;
  let last: CanvasStats | undefined;
  for (;;) {
    last = await canvasStats(canvas).catch(() => last);
    if (last && last.painted >= MIN_PAINTED_SHARE * last.width * last.height && last.colours >= MIN_COLOURS && accept(last)) return last;
    if (Date.now() > deadline) {
      const seen = last ? `${last.width}×${last.height} canvas, ${last.painted} px painted, ${last.colours} colours` : 'no canvas';
      throw new Error(`${what}: not drawn within ${timeoutMs} ms (${seen})`);
    }
    await sleep(250);
  }
}

/**
 * Waits until the plot is drawn (and accepted) and has stopped changing: the playground animates a new
 * run step by step, so a comparison is only meaningful between settled frames.
 */
async function waitForSettledPlot(canvas: Locator, what: string, accept: (s: CanvasStats) => boolean = () => true, timeoutMs = 40_000): Promise<CanvasStats> {
  const deadline = Date.now() + timeoutMs;
  let previous = await waitForPlot(canvas, what, () => true, timeoutMs);
  for (;;) {
    await sleep(400);
    const now = await waitForPlot(canvas, what, () => true, Math.max(1000, deadline - Date.now()));
    if (gridDifference(previous, now) < 0.02 && accept(now)) return now;
    if (Date.now() > deadline) {
      throw new Error(`${what}: did not settle${accept(now) ? '' : ' into the expected state'} within ${timeoutMs} ms ` +
        `(change between the last two frames ${gridDifference(previous, now).toFixed(3)})`);
    }
    previous = now;
  }
}

describe('Zig-Zag Playground in the real workbench (e2e)', function () {
  let pg: Playground;
  let panel: FrameLocator;
  let demoPlot: CanvasStats;
  let webviewConsole: ReturnType<typeof collectWebviewConsole>;

  before(async function () {
    this.timeout(120_000);
    pg = await openPlayground({ extensionDevelopmentPath: process.env.ZIGZAG_EXTENSION_PATH || repoRoot });
    webviewConsole = collectWebviewConsole(pg.page);
  });

  after(async function () {
    this.timeout(30_000);
    await pg?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && pg) {
      await closeQuickInput(pg.page).catch(() => {});
      await screenshot(pg.page, `FAILED ${this.currentTest.title}`).catch(() => {});
    }
  });

  it('F1 → "Run Zig-Zag Demo" opens the panel and draws the plot', async function () {
    this.timeout(90_000);
    const { page } = pg;
    await runCommand(page, 'Run Zig-Zag Demo', { timeoutMs: 45_000 });
    await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().waitFor({ timeout: 20_000 });
    panel = await webviewFrame(page, { view: 'panel' });
    demoPlot = await waitForSettledPlot(await plotCanvas(panel), 'the main plot');
    await screenshot(page, '01-demo');
  });

  it('"Set Target Quadrant" → North-East changes the plot', async function () {
    assert.ok(panel && demoPlot, 'needs the demo panel from the previous test');
    const { page } = pg;
    await runCommand(page, 'Set Target Quadrant');
    await pickQuickItem(page, 'North-East');
    const canvas = await plotCanvas(panel);
    const changed = await waitForSettledPlot(canvas, 'the plot after picking North-East', (s) => gridDifference(demoPlot, s) >= MIN_CHANGE);
    assert.ok(gridDifference(demoPlot, changed) >= MIN_CHANGE);
    await screenshot(page, '02-target-north-east');
  });

  it('"Set Starting Point" with bad text shows an inline validation message', async function () {
    const { page } = pg;
    await runCommand(page, 'Set Starting Point');
    await typeInQuickInput(page, 'abc', { replace: true });
    const message = await inputValidationMessage(page);
    assert.ok(message.length > 0, 'a validation message is shown');
    await screenshot(page, '03-start-invalid');
    await page.keyboard.press('Enter');
    await sleep(300);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), true, 'Enter on invalid text keeps the input box open');
    await closeQuickInput(page);
  });

  it('the activity-bar "Zig-Zag" container opens the side panel view', async function () {
    const { page } = pg;
    await openActivityBarContainer(page, 'Zig-Zag');
    const sidebar = await webviewFrame(page, { view: 'sidebar' });
    await sidebar.locator('#root > *').first().waitFor({ state: 'attached', timeout: 20_000 });
    const canvases = await sidebar.locator('#root canvas').count();
    if (canvases > 0) await waitForPlot(await plotCanvas(sidebar, { selector: '#root canvas' }), 'the side panel plot');
    await screenshot(page, '04-side-panel');
  });

  it('no CSP violation or error appeared in the webview console', () => {
    const problems = webviewConsole.problems();
    assert.equal(problems.length, 0, `${problems.length} problem(s) in the webview console:\n${problems.map((p) => p.slice(0, 400)).join('\n')}`);
  });
});
