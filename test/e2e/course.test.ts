// End-to-end UI tests for the course features (issue 5) in a real VS Code (code-server 4.139.1) driven from
// headless Chromium: the walkthrough, scenario files opened from the explorer (context menu and editor
// title), JSON Schema diagnostics for a broken file (in the text editor beside its playground), and Export Run (CSV) / Export Plot (SVG) through the
// quick pick and code-server's save dialog, checked against the run on screen and against each other.
// One server and one workbench for the file, on a workspace folder with scenario files.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import {
  clickPastHovers,
  closeQuickInput,
  collectWebviewConsole,
  gridDifference,
  pickQuickItem,
  screenshot,
  webviewFrame,
  type Playground,
} from '../tools/vscode-web.mjs';
import {
  assertNoProblems,
  command,
  currentPoint,
  exportThroughDialog,
  failureScreenshot,
  formatLikeWebview,
  MIN_CHANGE,
  openDarkPlayground,
  openScenarioFromExplorer,
  parsePoint,
  pauseAnimation,
  planeCanvas,
  rewind,
  seekToEnd,
  stepReadout,
  waitForSelect,
  waitForSettledPlot,
  waitUntil,
} from './support';

const WALKTHROUGH_TITLE = 'Why positive inputs make gradient descent zig-zag';

/** Scenario files in the workspace (v1 format). */
const RELU = { version: 1, inputs: { distribution: 'relu' }, batchSize: 8, steps: 150, start: [0.5, -0.5] };
const MOMENTUM = {
  version: 1,
  inputs: { distribution: 'tanh' },
  optimizer: { name: 'momentum', lr: 0.1 },
  steps: 200,
  start: [0.25, -0.75],
};
const BAD = '{\n  "version": 1,\n  "optimizer": { "lr": -1 },\n  "steps": 50\n}\n';

function parseCsv(text: string): { header: string; rows: number[][] } {
  const lines = text.trim().split('\n');
  return { header: lines[0], rows: lines.slice(1).map((l) => l.split(',').map(Number)) };
}

describe('Course features in the real workbench (e2e)', function () {
  let pg: Playground;
  let page: Page;
  let panel: FrameLocator;
  let folder: string;
  let webviewConsole: ReturnType<typeof collectWebviewConsole>;

  before(async function () {
    this.timeout(120_000);
    folder = mkdtempSync(join(tmpdir(), 'zigzag-e2e-course-'));
    writeFileSync(join(folder, 'relu-batch.zigzag.json'), JSON.stringify(RELU, null, 2));
    writeFileSync(join(folder, 'momentum.zigzag.json'), JSON.stringify(MOMENTUM, null, 2));
    writeFileSync(join(folder, 'broken.zigzag.json'), BAD);
    pg = await openDarkPlayground({ folder });
    page = pg.page;
    webviewConsole = collectWebviewConsole(page);
  });

  after(async function () {
    this.timeout(30_000);
    await pg?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && pg) await failureScreenshot(pg.page, this.currentTest.title);
  });

  it('the walkthrough opens from "Open Walkthrough…", and its first step runs the demo and is checked off', async function () {
    this.timeout(120_000);
    await command(page, 'Welcome: Open Walkthrough...', { timeoutMs: 45_000 });
    await waitUntil(
      'our walkthrough in the list',
      async () => (await page.locator('.quick-input-widget .monaco-list-row', { hasText: WALKTHROUGH_TITLE }).count()) > 0,
      30_000,
    );
    await pickQuickItem(page, WALKTHROUGH_TITLE);
    const container = page.locator('.gettingStartedContainer');
    await container.locator('h2', { hasText: WALKTHROUGH_TITLE }).first().waitFor({ timeout: 20_000 });
    const steps = await container.locator('.getting-started-step .step-title').allInnerTexts();
    for (const t of [
      'Open the demo',
      'Aim north-west',
      'Switch to tanh inputs',
      'Raise the batch size',
      'Compare raw and centred inputs',
    ]) {
      assert.ok(
        steps.some((s) => s.includes(t)),
        `step "${t}" in ${JSON.stringify(steps)}`,
      );
    }
    await screenshot(page, 'course-walkthrough');
    const done = container.locator('[data-done-step-id$="#zigzag.tour#open"]');
    assert.equal(await done.getAttribute('aria-checked'), 'false', 'the first step starts unchecked');
    await container
      .locator('.getting-started-step')
      .first()
      .locator('.button-link, button, a', { hasText: 'Run Zig-Zag Demo' })
      .first()
      .click();
    await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().waitFor({ timeout: 30_000 });
    // (That the demo draws is the playground file's to show: here, that the step's link ran it.)
    panel = await webviewFrame(page, { view: 'panel' });
    await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
    await waitUntil('the first step checked off', async () => (await done.getAttribute('aria-checked')) === 'true', 10_000);
  });

  it("a *.zigzag.json opens into the playground from the explorer's context menu", async function () {
    this.timeout(60_000);
    // The demo's plot, paused at its end, to compare with.
    await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().click();
    await pauseAnimation(panel);
    await seekToEnd(panel);
    const before = await waitForSettledPlot(planeCanvas(panel), 'the demo plot');
    await openScenarioFromExplorer(page, panel, 'relu-batch.zigzag.json', {
      distribution: 'relu',
      batchSize: 8,
      steps: 150,
      start: [0.5, -0.5],
    });
    await seekToEnd(panel);
    const after = await waitForSettledPlot(planeCanvas(panel), 'the plot of relu-batch.zigzag.json');
    assert.ok(gridDifference(before, after) >= MIN_CHANGE, `the plot changed (${gridDifference(before, after).toFixed(2)})`);
    await screenshot(page, 'course-opened-from-explorer');
  });

  it('the editor-title button opens the scenario of the active editor', async function () {
    this.timeout(60_000);
    await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'momentum.zigzag.json' }), {
      double: true,
    });
    await page.locator('.tabs-container .tab.active', { hasText: 'momentum.zigzag.json' }).waitFor({ timeout: 15_000 });
    const button = page.locator('.editor-actions .action-label[aria-label="Open Scenario in Playground"]');
    await button.click({ timeout: 10_000 });
    await waitForSelect(panel, 'optimizer', 'momentum', 'the panel after the editor-title button');
    await waitForSelect(panel, 'distribution', 'tanh', 'the panel after the editor-title button');
    await waitUntil(
      '200 steps',
      async () => (await stepReadout(panel)).last === 200,
      10_000,
      async () => JSON.stringify(await stepReadout(panel)),
    );
    await rewind(panel);
    assert.deepEqual(parsePoint(await currentPoint(panel)), [0.25, -0.75]);
  });

  it('a broken *.zigzag.json gets a diagnostic in the editor (JSON Schema) and is refused by the playground', async function () {
    // Its own playground first, then the text beside it: two more editors than it used to open.
    this.timeout(120_000);
    // A double-click opens the file's own playground; its title-bar button shows the JSON beside it.
    await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.zigzag.json' }), {
      double: true,
    });
    await page.locator('.tabs-container .tab.active', { hasText: 'broken.zigzag.json' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-actions .action-label[aria-label="Open Scenario as Text to the Side"]').click({ timeout: 10_000 });
    await page.locator('.editor-instance .monaco-editor .view-line').first().waitFor({ timeout: 15_000 });
    // Schema violations are squiggled in the editor (JSON's schema problems are warnings by default)…
    const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error');
    await squiggle.first().waitFor({ state: 'attached', timeout: 30_000 });
    // …on line 3, where "lr": -1 is.
    const lineTop = await page
      .locator('.editor-instance .monaco-editor .view-line')
      .nth(2)
      .evaluate((e) => (e as HTMLElement).style.top);
    const squiggleTops = await squiggle.evaluateAll((els) => els.map((e) => (e.parentElement as HTMLElement).style.top));
    assert.ok(squiggleTops.includes(lineTop), `a squiggle on line 3 (${lineTop}): ${JSON.stringify(squiggleTops)}`);
    // …and listed in the Problems view.
    await command(page, 'Problems: Focus on Problems View');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'Value is below the exclusive minimum of 0' });
    await problem.waitFor({ timeout: 15_000 });
    assert.match((await problem.getAttribute('aria-label')) ?? '', /line 3/);
    await screenshot(page, 'course-broken-diagnostics');

    // The playground refuses it with a message naming the field, and keeps what it showed.
    // (the file is open twice now: its playground, and its text beside it, the one to use)
    await page.locator('.tabs-container .tab.active', { hasText: 'broken.zigzag.json' }).last().click();
    await page
      .locator('.editor-group-container.active .editor-actions .action-label[aria-label="Open Scenario in Playground"]')
      .click({ timeout: 10_000 });
    // (headless, the error goes to the notification centre without a toast: open it, as from the bell)
    await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().waitFor({ timeout: 10_000 });
    await command(page, 'Notifications: Show Notifications');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: 'broken.zigzag.json' }).first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    const message = await item.innerText();
    assert.match(message, /^Open Scenario in Playground: broken\.zigzag\.json: optimizer\.lr must be a finite number > 0, got -1/);
    await screenshot(page, 'course-broken-refused');
    await command(page, 'Notifications: Clear All Notifications');
    await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().click();
    await waitForSelect(panel, 'optimizer', 'momentum', 'the last good scenario');
    assert.equal((await stepReadout(panel)).last, 200);
  });

  it('"Export Run" → CSV through the save dialog matches the run on screen; nothing is overwritten without asking', async function () {
    this.timeout(60_000);
    await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().click();
    const end = await seekToEnd(panel);
    const shownEnd = await currentPoint(panel);
    const csvPath = join(folder, 'zigzag-run.csv');
    await exportThroughDialog(page, 'Export Run', 'CSV', csvPath);
    await waitUntil('zigzag-run.csv written', () => existsSync(csvPath) && readFileSync(csvPath, 'utf8').endsWith('\n'), 15_000);
    const { header, rows } = parseCsv(readFileSync(csvPath, 'utf8'));
    assert.equal(header, 'step,w1,w2,loss');
    assert.equal(rows.length, end.last + 1, `one row per step 0…${end.last}`);
    rows.forEach((r, i) => {
      assert.equal(r.length, 4);
      assert.equal(r[0], i);
      assert.ok(r.every(Number.isFinite), `row ${i} is finite: ${r}`);
    });
    assert.deepEqual(rows[0].slice(1, 3), MOMENTUM.start, 'the first row is the start');
    const last = rows[rows.length - 1];
    assert.equal(
      `(${formatLikeWebview(last[1])}, ${formatLikeWebview(last[2])})`,
      shownEnd,
      'the last row is the point the panel shows at the end',
    );

    // Again: the dialog asks before replacing; cancelling leaves the file alone.
    const mtime = statSync(csvPath).mtimeMs;
    await exportThroughDialog(page, 'Export Run', 'CSV', csvPath);
    await page.locator('.quick-input-widget', { hasText: 'already exists' }).waitFor({ timeout: 10_000 });
    await closeQuickInput(page);
    // The same run as JSON, written after the cancel: the extension host has handled the cancelled
    // dialog's answer before this export's, so a write of the CSV would have come first.
    const jsonPath = join(folder, 'zigzag-run.json');
    await exportThroughDialog(page, 'Export Run', 'JSON', jsonPath);
    await waitUntil('zigzag-run.json written', () => existsSync(jsonPath) && readFileSync(jsonPath, 'utf8').endsWith('\n'), 15_000);
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { trajectory: number[][]; loss: number[] };
    assert.equal(json.trajectory.length, rows.length, 'the JSON holds the same run as the CSV');
    assert.deepEqual(json.trajectory[json.trajectory.length - 1], last.slice(1, 3));
    assert.equal(statSync(csvPath).mtimeMs, mtime, 'the CSV was not overwritten');
  });

  it('"Export Plot" → SVG through the save dialog parses, and its path is the CSV\'s run', async function () {
    this.timeout(60_000);
    const svgPath = join(folder, 'zigzag-plot.svg');
    await exportThroughDialog(page, 'Export Plot', 'SVG', svgPath);
    await waitUntil(
      'zigzag-plot.svg written',
      () => existsSync(svgPath) && readFileSync(svgPath, 'utf8').trimEnd().endsWith('</svg>'),
      15_000,
    );
    const svg = readFileSync(svgPath, 'utf8');
    // A well-formed XML document (parsed by the browser's own XML parser).
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const error = doc.querySelector('parsererror');
      const poly = doc.querySelector('polyline#trajectory');
      return {
        error: error?.textContent ?? null,
        root: doc.documentElement.nodeName,
        points: poly?.getAttribute('points') ?? null,
        contours: doc.querySelectorAll('#contours polyline').length,
        ids: ['start', 'end', 'target'].filter((id) => doc.getElementById(id)),
        endTitle: doc.querySelector('#end title')?.textContent ?? '',
      };
    }, svg);
    assert.equal(parsed.error, null, 'the SVG parses');
    assert.equal(parsed.root, 'svg');
    assert.deepEqual(parsed.ids, ['start', 'end', 'target']);
    assert.ok(parsed.contours >= 5, `contour lines: ${parsed.contours}`);
    assert.ok(parsed.points, 'the trajectory polyline');

    const { rows } = parseCsv(readFileSync(join(folder, 'zigzag-run.csv'), 'utf8'));
    const pts = parsed.points
      .trim()
      .split(/\s+/)
      .map((p) => p.split(',').map(Number));
    assert.equal(pts.length, rows.length, 'one polyline point per CSV row');
    // The same path: the SVG's pixels are one linear map of the CSV's weights, the same scale on both axes
    // (x grows with w1, y falls with w2), to the SVG's 0.01 px rounding.
    let [iMin, iMax] = [0, 0];
    rows.forEach((r, i) => {
      if (r[1] < rows[iMin][1]) iMin = i;
      if (r[1] > rows[iMax][1]) iMax = i;
    });
    const scale = (pts[iMax][0] - pts[iMin][0]) / (rows[iMax][1] - rows[iMin][1]);
    assert.ok(scale > 0 && Number.isFinite(scale), `scale ${scale}`);
    const x0 = pts[0][0] - scale * rows[0][1];
    const y0 = pts[0][1] + scale * rows[0][2];
    let worst = 0;
    rows.forEach((r, i) => {
      worst = Math.max(worst, Math.abs(x0 + scale * r[1] - pts[i][0]), Math.abs(y0 - scale * r[2] - pts[i][1]));
    });
    assert.ok(worst < 0.05, `every SVG point is the CSV's point on one equal-aspect map (worst ${worst.toFixed(3)} px)`);
    const last = rows[rows.length - 1];
    assert.ok(parsed.endTitle.includes(`(${last[1]}, ${last[2]})`), `the end marker names the CSV's last point: ${parsed.endTitle}`);
  });

  it('"Load Preset…" from its quick pick, then "Save Scenario As…" through the save dialog writes that scenario', async function () {
    this.timeout(60_000);
    await command(page, 'Load Preset…');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Classic zig-zag' }).first().waitFor({ timeout: 10_000 });
    await pickQuickItem(page, 'Momentum');
    await waitForSelect(panel, 'optimizer', 'momentum', 'the panel after the Momentum preset');
    await waitForSelect(panel, 'distribution', 'sigmoid', 'the panel after the Momentum preset');
    const scenarioPath = join(folder, 'scenario.zigzag.json');
    await command(page, 'Save Scenario As…');
    const box = page.locator('.quick-input-widget .quick-input-box input');
    await waitUntil(
      `the save dialog with ${scenarioPath}`,
      async () => (await box.inputValue()) === scenarioPath,
      15_000,
      () => box.inputValue(),
    );
    await page.keyboard.press('Enter');
    await waitUntil(
      'scenario.zigzag.json written',
      () => existsSync(scenarioPath) && readFileSync(scenarioPath, 'utf8').endsWith('\n'),
      15_000,
    );
    const saved = JSON.parse(readFileSync(scenarioPath, 'utf8')) as {
      version: number;
      optimizer?: { name?: string; lr?: number; momentum?: number };
    };
    assert.equal(saved.version, 1);
    assert.deepEqual(saved.optimizer, { name: 'momentum', lr: 0.1, momentum: 0.9 });
    // …and shows up in the explorer, ready to be opened again.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'scenario.zigzag.json' }).waitFor({ timeout: 15_000 });
  });

  it("no CSP violation or error appeared in the webviews' consoles", () => {
    assertNoProblems(webviewConsole.problems());
  });
});
