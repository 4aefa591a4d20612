// End-to-end tests for course material (issue 11) in a real VS Code (code-server 4.139.1) driven from
// headless Chromium, as an instructor tries it: a scenario file double-clicked in the Explorer opens as
// its own playground; a click on its plot makes the file dirty and Ctrl+Z brings the text back byte for
// byte; editing the JSON beside it redraws, and an invalid edit shows the message over the kept plot; the
// Markdown preview of the exercise sheet draws every ```zigzag block, a broken block says why in place
// (its markup inert), and "Open in Playground" loads a block into the playground; the notebook's saved
// outputs draw without a kernel. No CSP violation or console error in any of these webviews.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { collectWebviewConsole, gridDifference, repoRoot, screenshot, sleep, type Playground } from '../tools/vscode-web.mjs';
import {
  MIN_CHANGE,
  assertNoProblems,
  command,
  failureScreenshot,
  openDarkPlayground,
  planeCanvas,
  stepReadout,
  waitForPlot,
  waitForSelect,
  waitForSettledPlot,
  waitUntil,
} from './support';

/** A scenario file as people write it: $schema, inline arrays, a multi-line object. */
const SCENARIO = `{
  "$schema": "./scenario.schema.json",
  "version": 1,
  "inputs": { "distribution": "relu", "count": 64 },
  "start": [0.5, -0.5],
  "target": {
    "quadrant": "nw",
    "distance": 2
  },
  "steps": 150
}
`;

/** A sheet with one good block and two broken ones, one of them carrying markup in its strings. */
const BROKEN_SHEET = `# Broken blocks

\`\`\`zigzag
{ "steps": 60 }
\`\`\`

\`\`\`zigzag
{ "steps": 60, "optimizer": { "lr": -1 } }
\`\`\`

\`\`\`zigzag
{ "inputs": { "distribution": "<img src=x onerror=\\"document.title='owned'\\">" } }
\`\`\`
`;

/**
 * The content frame of the first webview whose document has `selector` (VS Code nests each webview in
 * two iframes: iframe.webview.ready > iframe#active-frame). The index is looked up again on every call:
 * webviews come and go as tabs change.
 */
async function frameWith(page: Page, selector: string, what: string, timeoutMs = 30_000): Promise<FrameLocator> {
  const outer = page.locator('iframe.webview.ready');
  return waitUntil(
    what,
    async () => {
      const n = await outer.count();
      for (let i = 0; i < n; i++) {
        const inner = outer.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
        if (
          (await inner
            .locator(selector)
            .count()
            .catch(() => 0)) > 0
        )
          return inner;
      }
      return undefined;
    },
    timeoutMs,
    async () => `${await outer.count()} webview(s)`,
  );
}

/** The editor tab of a file, by its label. */
const tab = (page: Page, label: string): Locator => page.locator('.part.editor .tabs-container .tab', { hasText: label }).first();

async function isDirty(page: Page, label: string): Promise<boolean> {
  return (await tab(page, label).getAttribute('class'))?.split(/\s+/).includes('dirty') ?? false;
}

/** The embedded plots' plane canvases in a page (Markdown preview or notebook outputs). */
const embedCanvases = (frame: FrameLocator): Locator => frame.locator('.zz-embed .weight-plane .uplot canvas');

describe('Course material in the real workbench (e2e)', function () {
  let pg: Playground;
  let page: Page;
  let folder: string;
  let webviewConsole: ReturnType<typeof collectWebviewConsole>;
  const scenarioPath = (): string => join(folder, 'sign-lock.zigzag.json');

  before(async function () {
    this.timeout(120_000);
    folder = mkdtempSync(join(tmpdir(), 'zigzag-e2e-material-'));
    cpSync(join(repoRoot, 'examples', 'course', 'EXERCISES.md'), join(folder, 'EXERCISES.md'));
    cpSync(join(repoRoot, 'examples', 'course', 'zigzag.ipynb'), join(folder, 'zigzag.ipynb'));
    cpSync(join(repoRoot, 'media', 'scenario.schema.json'), join(folder, 'scenario.schema.json'));
    writeFileSync(scenarioPath(), SCENARIO);
    writeFileSync(join(folder, 'broken.md'), BROKEN_SHEET);
    // VS Code in the browser saves edits after a second by default (files.autoSave "afterDelay"); off, as
    // on the desktop, the dirty state and Ctrl+S can be watched.
    pg = await openDarkPlayground({ folder, settings: { 'files.autoSave': 'off' } });
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

  let file: FrameLocator;

  it('double-clicking a scenario file in the Explorer opens its own playground, which draws', async function () {
    this.timeout(90_000);
    // Until the workbench knows the extension's contributions (its activity-bar icon shows then), a
    // double-click has no custom editor to choose and opens the text.
    await page.locator('.part.activitybar .action-item a.action-label[aria-label^="Zig-Zag"]').first().waitFor({ timeout: 60_000 });
    await command(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sign-lock.zigzag.json' }).dblclick({ timeout: 20_000 });
    await page.locator('.part.editor .tabs-container .tab.active', { hasText: 'sign-lock.zigzag.json' }).waitFor({ timeout: 20_000 });
    file = await frameWith(page, 'body[data-view="file"]', 'the scenario file playground');
    await waitForPlot(planeCanvas(file), 'the file playground');
    await waitUntil('150 steps', async () => (await stepReadout(file)).last === 150, 20_000);
    await waitForSelect(file, 'distribution', 'relu', "the file's inputs");
    assert.equal(await isDirty(page, 'sign-lock.zigzag.json'), false);
    await screenshot(page, 'material-file-playground');
  });

  it('a click on the plot moves the start: the file is dirty, saved as a one-line change; Ctrl+Z brings back every byte', async function () {
    this.timeout(90_000);
    const canvas = planeCanvas(file);
    const before = await waitForSettledPlot(canvas, 'the plot before the click');
    const over = file.locator('.weight-plane .u-over').first();
    const box = await over.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, `the plot's area: ${JSON.stringify(box)}`);
    // Right of the start and away from the target marker (north-west of it: a press there would drag it).
    await over.click({ position: { x: box.width * 0.8, y: box.height * 0.7 } });
    await waitUntil('the tab marked dirty', () => isDirty(page, 'sign-lock.zigzag.json'), 20_000);
    const after = await waitForSettledPlot(canvas, 'the plot from the new start', (s) => gridDifference(before, s) >= MIN_CHANGE);
    assert.ok(gridDifference(before, after) >= MIN_CHANGE);

    await page.keyboard.press('Control+S');
    await waitUntil('saved', async () => !(await isDirty(page, 'sign-lock.zigzag.json')), 20_000);
    const saved = readFileSync(scenarioPath(), 'utf8');
    const changed = saved.split('\n').filter((line, i) => line !== SCENARIO.split('\n')[i]);
    assert.equal(saved.split('\n').length, SCENARIO.split('\n').length, saved);
    assert.equal(changed.length, 1, `one changed line:\n${saved}`);
    assert.match(changed[0], /^ {2}"start": \[-?[\d.]+, -?[\d.]+\],$/);
    await screenshot(page, 'material-file-edited');

    await page.keyboard.press('Control+Z');
    await waitUntil('dirty again after undo', () => isDirty(page, 'sign-lock.zigzag.json'), 20_000);
    await waitForSettledPlot(canvas, 'the plot back at the old start', (s) => gridDifference(before, s) < MIN_CHANGE);
    await page.keyboard.press('Control+S');
    await waitUntil('saved again', async () => !(await isDirty(page, 'sign-lock.zigzag.json')), 20_000);
    assert.equal(readFileSync(scenarioPath(), 'utf8'), SCENARIO, 'byte for byte');
  });

  it('the JSON beside it: an edit of the text redraws; an invalid edit shows the message naming the field and keeps the plot', async function () {
    this.timeout(120_000);
    await tab(page, 'sign-lock.zigzag.json').click();
    await page.locator('.editor-actions .action-label[aria-label="Open Scenario as Text to the Side"]').click({ timeout: 10_000 });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: '"steps": 150' }).waitFor({ timeout: 20_000 });
    const canvas = planeCanvas(file);
    const before = await waitForSettledPlot(canvas, 'the plot before typing');

    // Type a new value over "150", as a user would: select it by double-click, then type.
    await editor.locator('.view-line span', { hasText: /^150$/ }).dblclick();
    await page.keyboard.type('60');
    await waitUntil(
      'the playground at 60 steps',
      async () => (await stepReadout(file)).last === 60,
      20_000,
      async () => JSON.stringify(await stepReadout(file)),
    );
    const shorter = await waitForSettledPlot(canvas, 'the plot of the shorter run');
    await screenshot(page, 'material-text-edit');

    // An invalid value: the message names the field, the last good plot stays as it was.
    await editor.locator('.view-line span', { hasText: /^60$/ }).dblclick();
    await page.keyboard.type('-3');
    const message = file.locator('[data-testid="invalid"], .invalid').first();
    await message.waitFor({ timeout: 20_000 });
    assert.equal((await message.innerText()).trim(), 'sign-lock.zigzag.json: steps must be an integer from 1 to 10000000, got -3');
    const kept = await waitForPlot(canvas, 'the kept plot');
    assert.ok(gridDifference(shorter, kept) < MIN_CHANGE, `the plot is unchanged (${gridDifference(shorter, kept).toFixed(2)})`);
    assert.equal((await stepReadout(file)).last, 60);
    await screenshot(page, 'material-text-invalid');

    // Back to the file as saved.
    await command(page, 'File: Revert File');
    await waitUntil('reverted', async () => !(await isDirty(page, 'sign-lock.zigzag.json')), 20_000);
    await waitUntil('the playground at 150 steps again', async () => (await stepReadout(file)).last === 150, 20_000);
    await message.waitFor({ state: 'detached', timeout: 20_000 });
    await waitForSettledPlot(canvas, 'the plot of the file as saved', (s) => gridDifference(before, s) < MIN_CHANGE);
    await command(page, 'View: Close All Editors');
  });
});
