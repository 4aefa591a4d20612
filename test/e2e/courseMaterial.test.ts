// End-to-end tests for course material (issue 11) in a real VS Code (code-server 4.139.1) driven from
// headless Chromium, as an instructor tries it: a scenario file double-clicked in the Explorer opens as
// its own playground; a click on its plot makes the file dirty and Ctrl+Z brings the text back byte for
// byte; editing the JSON beside it redraws, and an invalid edit shows the message over the kept plot; the
// Markdown preview of the exercise sheet draws every ```zigzag block, a broken block says why in place
// (its markup inert), and "Open in Playground" loads a block into the playground; the notebook's saved
// outputs draw without a kernel. No CSP violation or console error in any of these webviews.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  clickPastHovers,
  gridDifference,
  repoRoot,
  screenshot,
  type ConsoleEntry,
  type Playground,
  type WorkbenchPage,
} from '../tools/vscode-web.mjs';
import {
  MIN_CHANGE,
  assertNoProblems,
  command,
  dragStartWithoutRelease,
  failureScreenshot,
  openDarkPlayground,
  painted,
  planeCanvas,
  selectWord,
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

/** "step 43 / 400" of an embedded plot. */
async function embedStep(embed: Locator): Promise<{ cursor: number; last: number }> {
  const text = (await embed.locator('[data-testid="step-readout"]').innerText({ timeout: 10_000 })).replace(/,/g, '');
  const m = /step\s+(\d+)\s*\/\s*(\d+)/.exec(text);
  if (!m) throw new Error(`unexpected step readout ${JSON.stringify(text)}`);
  return { cursor: Number(m[1]), last: Number(m[2]) };
}

/**
 * Console errors and CSP violations from any webview, including those logged by scripts the webviews
 * load from the extension (the Markdown preview script, the notebook renderer, the playground's bundle):
 * their messages carry the script's vscode-resource URL, not the webview's own.
 */
function webviewErrors(page: WorkbenchPage, from: number): string[] {
  const fromWebview = (m: ConsoleEntry): boolean =>
    m.webview || /\.vscode-resource\.|vscode-cdn\.net|\/webview\/browser\/pre\//.test(m.url);
  return (page.consoleLog ?? [])
    .slice(from)
    .filter(
      (m) =>
        m.text.includes('[zigzag-csp-violation]') ||
        /Content Security Policy/i.test(m.text) ||
        ((m.type === 'error' || m.type === 'pageerror') && fromWebview(m)),
    )
    .map((m) => `${m.type}: ${m.text}${m.url ? ` (${m.url})` : ''}`);
}

describe('Course material in the real workbench (e2e)', function () {
  let pg: Playground;
  let page: WorkbenchPage;
  let folder: string;
  /** Where this file's console messages start in the page's log. */
  let consoleStart = 0;
  const scenarioPath = (): string => join(folder, 'sign-lock.zigzag.json');

  before(async function () {
    this.timeout(120_000);
    folder = mkdtempSync(join(tmpdir(), 'zigzag-e2e-material-'));
    cpSync(join(repoRoot, 'examples', 'course', 'EXERCISES.md'), join(folder, 'EXERCISES.md'));
    cpSync(join(repoRoot, 'examples', 'course', 'zigzag.ipynb'), join(folder, 'zigzag.ipynb'));
    cpSync(join(repoRoot, 'dist', 'scenario.schema.json'), join(folder, 'scenario.schema.json'));
    writeFileSync(scenarioPath(), SCENARIO);
    writeFileSync(join(folder, 'broken.md'), BROKEN_SHEET);
    // VS Code in the browser saves edits after a second by default (files.autoSave "afterDelay"); off, as
    // on the desktop, the dirty state and Ctrl+S can be watched. Markdown lines unwrapped: one line, one row.
    pg = await openDarkPlayground({ folder, settings: { 'files.autoSave': 'off', '[markdown]': { 'editor.wordWrap': 'off' } } });
    page = pg.page;
    consoleStart = page.consoleLog?.length ?? 0;
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
    await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sign-lock.zigzag.json' }), {
      double: true,
    });
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

  it('a drag of the start redraws at every move and ends in one edit of the file: one Ctrl+Z brings back every byte', async function () {
    this.timeout(90_000);
    const original = await painted(file);
    // Right of the start, then down and left: away from the target (north-west of the start).
    const drafts = await dragStartWithoutRelease(page, file, { fx: 0.75, fy: 0.6 }, { dx: -14, dy: 9 }, 5);
    assert.equal(new Set(drafts.map((d) => d.start)).size, drafts.length, 'each position drew a path from its own start');
    assert.equal(await isDirty(page, 'sign-lock.zigzag.json'), false, 'nothing is written while the pointer moves');
    await page.mouse.up();
    const released = drafts.at(-1)!;
    await waitUntil('the tab marked dirty', () => isDirty(page, 'sign-lock.zigzag.json'), 20_000);
    const confirmed = await waitUntil(
      "the run of the file's new text",
      async () => {
        const p = await painted(file);
        return p.source === 'host' && p.start === released.start ? p : undefined;
      },
      20_000,
      async () => JSON.stringify(await painted(file)),
    );
    assert.equal(confirmed.end, released.end);
    assert.equal(confirmed.mismatches, 0);
    await page.keyboard.press('Control+S');
    await waitUntil('saved', async () => !(await isDirty(page, 'sign-lock.zigzag.json')), 20_000);
    const saved = readFileSync(scenarioPath(), 'utf8');
    const changed = saved.split('\n').filter((line, i) => line !== SCENARIO.split('\n')[i]);
    assert.deepEqual(changed, [`  "start": [${released.start.replace(',', ', ')}],`], saved);

    // One undo step for the whole drag.
    await page.keyboard.press('Control+Z');
    await waitUntil('dirty again after undo', () => isDirty(page, 'sign-lock.zigzag.json'), 20_000);
    await waitUntil(
      'the run from the old start',
      async () => {
        const p = await painted(file);
        return p.source === 'host' && p.start === original.start && p.end === original.end ? p : undefined;
      },
      20_000,
      async () => JSON.stringify(await painted(file)),
    );
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
    await selectWord(editor, editor.locator('.view-line span', { hasText: /^150$/ }), '"150"');
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
    await selectWord(editor, editor.locator('.view-line span', { hasText: /^60$/ }), '"60"');
    await page.keyboard.type('-3');
    const message = file.locator('[data-testid="invalid"], .invalid').first();
    // The playground follows the text as it is typed: "-" alone is invalid JSON, then "-3" is the message.
    const expected = 'sign-lock.zigzag.json: steps must be an integer from 1 to 10000000, got -3';
    await waitUntil(
      'the message about steps = -3',
      async () => (await message.innerText({ timeout: 1000 })).trim() === expected,
      20_000,
      async () => (await message.innerText({ timeout: 1000 }).catch(() => '(none)')).trim(),
    );
    assert.equal((await message.innerText()).trim(), expected);
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

  let preview: FrameLocator;

  it('the Markdown preview of EXERCISES.md draws every ```zigzag block, computed in the preview', async function () {
    this.timeout(120_000);
    await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'EXERCISES.md' }), { double: true });
    await page.locator('.part.editor .tabs-container .tab.active', { hasText: 'EXERCISES.md' }).waitFor({ timeout: 20_000 });
    await command(page, 'Markdown: Open Preview');
    preview = await frameWith(page, '.markdown-body .zigzag-embed', 'the Markdown preview with zigzag blocks');
    const blocks = preview.locator('div.zigzag-embed');
    const expected = (readFileSync(join(folder, 'EXERCISES.md'), 'utf8').match(/^```zigzag$/gm) ?? []).length;
    assert.ok(expected >= 5, `EXERCISES.md has ${expected} zigzag blocks`);
    await waitUntil(
      `${expected} blocks`,
      async () => (await blocks.count()) === expected,
      20_000,
      async () => String(await blocks.count()),
    );
    for (let i = 0; i < expected; i++) {
      const block = blocks.nth(i);
      await block.scrollIntoViewIfNeeded();
      await waitForPlot(block.locator('.weight-plane .uplot canvas').first(), `block ${i + 1}`);
      assert.equal(await block.locator('.invalid').count(), 0, `block ${i + 1} has no error`);
      const metrics = await block.locator('.metric-value').allInnerTexts();
      assert.equal(metrics.length, 4, `block ${i + 1}: the four key metrics`);
      for (const m of metrics) assert.doesNotMatch(m, /NaN|Infinity|undefined/, `block ${i + 1}: ${m}`);
      // The plot's description in words is this block's own (each block is its own Preact root).
      const describedBy = await block.locator('.weight-plane').getAttribute('aria-describedby');
      assert.ok(describedBy, `block ${i + 1}: the plot has no description`);
      assert.equal(await preview.locator(`[id="${describedBy}"]`).count(), 1, `block ${i + 1}: id ${describedBy} is not unique`);
      assert.equal(await block.locator(`[id="${describedBy}"]`).count(), 1, `block ${i + 1}: its description is elsewhere`);
    }
    // The first block is the classic demo: every step locked, 400 steps, as in the playground.
    const first = blocks.first();
    await first.scrollIntoViewIfNeeded();
    assert.equal(await first.locator('.metric-lockedFraction .metric-value').innerText(), '100%');
    assert.equal((await embedStep(first)).last, 400);
    await screenshot(page, 'material-preview');
  });

  it('a preview block plays and steps in place', async function () {
    this.timeout(60_000);
    const first = preview.locator('div.zigzag-embed').first();
    const canvas = first.locator('.weight-plane .uplot canvas').first();
    const end = await waitForPlot(canvas, 'the first block at its last step');
    await first.locator('button[aria-label="Reset animation to step 0"]').click();
    await waitUntil('step 0', async () => (await embedStep(first)).cursor === 0, 10_000);
    await first.locator('button[aria-label="Step forward one update"]').click();
    await waitUntil('step 1', async () => (await embedStep(first)).cursor === 1, 10_000);
    const atStep1 = await waitForPlot(canvas, 'the first block at step 1');
    assert.ok(
      gridDifference(end, atStep1) >= MIN_CHANGE,
      `the path is drawn up to the cursor (${gridDifference(end, atStep1).toFixed(2)})`,
    );
    await first.locator('.playback button.is-primary').click(); // Play
    await waitUntil('playing past step 20', async () => (await embedStep(first)).cursor > 20, 20_000);
  });

  it('"Open in Playground" under a block loads that block into the playground panel', async function () {
    this.timeout(90_000);
    const tanh = preview.locator('div.zigzag-embed', { hasText: '"tanh"' }).first();
    await tanh.scrollIntoViewIfNeeded();
    await tanh.locator('a.zigzag-embed-open').click();
    await tab(page, 'Zig-Zag Playground').waitFor({ timeout: 30_000 });
    const panel = await frameWith(page, 'body[data-view="panel"]', 'the playground panel');
    await waitForSelect(panel, 'distribution', 'tanh', 'the panel after Open in Playground');
    await waitUntil('400 steps', async () => (await stepReadout(panel)).last === 400, 20_000);
    await waitForPlot(planeCanvas(panel), 'the playground with the block');
    // The link's target is a name, not a file: nothing was created, and no editor for it stays open.
    assert.equal(existsSync(join(folder, 'EXERCISES.md.L49.zigzag-block')), false);
    assert.equal(await tab(page, '.zigzag-block').count(), 0);
    await screenshot(page, 'material-open-in-playground');
  });

  it('a broken block shows its message in place, as text; its markup stays inert; the good block still draws', async function () {
    this.timeout(90_000);
    await command(page, 'View: Close All Editors');
    await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.md' }), { double: true });
    await page.locator('.part.editor .tabs-container .tab.active', { hasText: 'broken.md' }).waitFor({ timeout: 20_000 });
    await command(page, 'Markdown: Open Preview to the Side');
    const broken = await frameWith(page, '.markdown-body h1#broken-blocks', 'the preview of broken.md');
    const blocks = broken.locator('div.zigzag-embed');
    await waitUntil('3 blocks', async () => (await blocks.count()) === 3, 20_000);
    await waitForPlot(blocks.nth(0).locator('.weight-plane .uplot canvas').first(), 'the good block');
    const lr = blocks.nth(1).locator('[data-testid="invalid"]');
    await lr.waitFor({ timeout: 20_000 });
    assert.equal((await lr.innerText()).trim(), 'This Zig-Zag block cannot be plotted: optimizer.lr must be a finite number > 0, got -1');
    const markup = blocks.nth(2).locator('[data-testid="invalid"]');
    await markup.waitFor({ timeout: 20_000 });
    assert.match(
      await markup.innerText(),
      /^This Zig-Zag block cannot be plotted: inputs\.distribution must be one of "sigmoid", .*got "<img src=x/,
    );
    assert.equal(await broken.locator('.markdown-body img').count(), 0, 'the <img> in the block is text, not an element');
    assert.notEqual(await page.title(), 'owned');
    assert.equal(await blocks.nth(1).locator('canvas').count(), 0, 'no plot for a broken block');
    await screenshot(page, 'material-preview-broken');
  });

  it('editing the Markdown beside the preview: the preview re-renders and the plots follow (a fixed block draws, the others redraw)', async function () {
    this.timeout(90_000);
    const broken = await frameWith(page, '.markdown-body h1#broken-blocks', 'the preview of broken.md');
    const blocks = broken.locator('div.zigzag-embed');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    // "lr": -1 → "lr": 0.25, typed as a user would: to the end of the line, back over ` } }`, erase "-1".
    await editor.locator('.view-line', { hasText: '"lr": -1' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0.25');
    // The preview follows the text as it is typed ("0", "0.", "0.2"…): the block as finally written.
    const fixedText = blocks.nth(1).locator('code.zigzag-embed-json');
    await waitUntil(
      'the preview of "lr": 0.25',
      async () => ((await fixedText.textContent({ timeout: 1000 })) ?? '').includes('"lr": 0.25'),
      20_000,
      async () => (await fixedText.textContent({ timeout: 1000 }).catch(() => '(none)')) ?? '',
    );
    await waitUntil('the fixed block drawn', async () => (await blocks.nth(1).locator('[data-testid="invalid"]').count()) === 0, 20_000);
    await waitForPlot(blocks.nth(1).locator('.weight-plane .uplot canvas').first(), 'the fixed block');
    // The preview re-rendered every block in place: the first is drawn again, with its own run.
    await waitForPlot(blocks.nth(0).locator('.weight-plane .uplot canvas').first(), 'the first block after the edit');
    assert.equal((await embedStep(blocks.nth(0))).last, 60);
    // Each block's plot is mounted in a task of its own: once they are, one plot per block, none left behind.
    await waitUntil(
      'one plot per block, none left behind',
      async () => (await broken.locator('zigzag-plot').count()) === 3,
      10_000,
      async () => `${await broken.locator('zigzag-plot').count()} plots`,
    );
    await screenshot(page, 'material-preview-edited');
    await command(page, 'File: Revert File');
  });

  it("the notebook's saved outputs draw as live plots without a kernel; an output's button opens the playground", async function () {
    this.timeout(120_000);
    await command(page, 'View: Close All Editors');
    await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'zigzag.ipynb' }), { double: true });
    await page.locator('.notebook-editor').first().waitFor({ timeout: 30_000 });
    const outputs = await frameWith(page, '.zz-embed', 'the notebook outputs', 60_000);
    const plots = outputs.locator('.zz-embed');
    await waitUntil(
      'two outputs',
      async () => (await plots.count()) === 2,
      30_000,
      async () => String(await plots.count()),
    );
    for (let i = 0; i < 2; i++) await waitForPlot(plots.nth(i).locator('.weight-plane .uplot canvas').first(), `output ${i + 1}`);
    assert.equal(await plots.nth(0).locator('.metric-lockedFraction .metric-value').innerText(), '100%', 'sigmoid inputs: all locked');
    assert.notEqual(await plots.nth(1).locator('.metric-lockedFraction .metric-value').innerText(), '100%', 'tanh inputs: not');
    // The outputs' webview lies under the notebook's cell list: scroll the notebook until the first
    // output's button is on screen.
    const open = plots.nth(0).locator('button.zz-embed-open');
    const listBox = await page.locator('.notebook-editor .monaco-list').first().boundingBox();
    assert.ok(listBox, 'the notebook is on screen');
    await page.mouse.move(listBox.x + listBox.width / 2, listBox.y + listBox.height / 2);
    await waitUntil(
      "the first output's button on screen",
      async () => {
        const b = await open.boundingBox();
        if (b && b.y > listBox.y + 40 && b.y + b.height < listBox.y + listBox.height - 40) return true;
        await page.mouse.wheel(0, b && b.y < listBox.y + 40 ? -200 : 200);
        return false;
      },
      20_000,
    );
    await screenshot(page, 'material-notebook');
    await open.click();
    await tab(page, 'Zig-Zag Playground').waitFor({ timeout: 30_000 });
    const panel = await frameWith(page, 'body[data-view="panel"]', 'the playground panel');
    await waitForSelect(panel, 'distribution', 'sigmoid', "the panel after the output's Open in Playground");
  });

  it('no CSP violation and no console error in any of these webviews', () => {
    assertNoProblems(webviewErrors(page, consoleStart));
  });
});
