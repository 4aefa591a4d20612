// A data-file scenario in the shared playground across a window reload, in a real VS Code (code-server)
// driven from headless Chromium: what only the workbench shows (the panel restored by its serializer, the
// session by workspace state, the data file read again through workspace.fs in the folder it was read
// from, which here is not the workspace folder). The session's own logic, and the message when the file is
// gone by then: test/host/session.test.ts; a missing file's message in the real host: test/extension.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { chooseContextMenuItem, repoRoot, screenshotsWanted, webviewFrame, type Playground } from '../tools/vscode-web.mjs';
import {
  command,
  failureScreenshot,
  openDarkPlayground,
  planeCanvas,
  readmeScreenshot,
  reloadWindow,
  seekToEnd,
  waitForPlot,
  waitUntil,
} from './support';

/** The course's Iris example as it ships: its scenario and its data file. */
const COURSE_SCENARIOS = join(repoRoot, 'examples/course/scenarios');

/** The plane's note once it shows a pair of the data file's 4 weights. */
const FOUR_WEIGHTS = /^w₁ and w₂ of 4 weights/;

async function planeNote(panel: FrameLocator): Promise<string | null> {
  return panel
    .locator('[data-testid=plane-note]')
    .textContent({ timeout: 1000 })
    .catch(() => null);
}

/** Developer: Reload Window, as a user reloads (VS Code writes its editor state out first), then the restored panel. */
async function reloadToPanel(page: Page): Promise<FrameLocator> {
  await reloadWindow(page);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().waitFor({ timeout: 60_000 });
  return webviewFrame(page, { view: 'panel', timeoutMs: 60_000 });
}

describe('a data-file scenario in the shared playground across a window reload (e2e)', function () {
  let pg: Playground;
  let page: Page;
  let folder: string;

  before(async function () {
    this.timeout(120_000);
    folder = mkdtempSync(join(tmpdir(), 'zigzag-e2e-data-'));
    // The scenario below the workspace folder: its data file is relative to scenarios/, not to the workspace.
    mkdirSync(join(folder, 'scenarios/data'), { recursive: true });
    copyFileSync(join(COURSE_SCENARIOS, 'data/iris.csv'), join(folder, 'scenarios/data/iris.csv'));
    copyFileSync(join(COURSE_SCENARIOS, '06-iris.zigzag.json'), join(folder, 'scenarios/iris.zigzag.json'));
    pg = await openDarkPlayground({ folder });
    page = pg.page;
  });
  after(async function () {
    this.timeout(30_000);
    await pg?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && pg) await failureScreenshot(pg.page, this.currentTest.title);
  });

  it('comes back on its data after a reload, read in the scenario file’s folder', async function () {
    this.timeout(300_000);
    await command(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'scenarios' }).first().click({ timeout: 20_000 });
    await chooseContextMenuItem(page, 'Open Scenario in Playground', {
      openOn: page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'iris.zigzag.json' }),
      timeoutMs: 20_000,
    });
    let panel = await webviewFrame(page, { view: 'panel', timeoutMs: 30_000 });
    await waitUntil('the file’s 4 inputs on the plane', async () => FOUR_WEIGHTS.test((await planeNote(panel)) ?? ''), 60_000);
    await waitForPlot(planeCanvas(panel), 'the data file’s run');

    panel = await reloadToPanel(page);
    await waitUntil('the restored run of the file’s 4 inputs', async () => FOUR_WEIGHTS.test((await planeNote(panel)) ?? ''), 60_000);
    await waitForPlot(planeCanvas(panel), 'the restored run');
    assert.equal(await panel.locator('[data-testid=invalid]').count(), 0, 'no message');

    // The README's picture of a real data set, raw and centred (only when pictures are asked for: comparing a
    // data file's scenario is proven in test/shared/dataFiles.test.ts, its numbers in test/host/examples.test.ts).
    if (screenshotsWanted) {
      await command(page, 'Compare Positive and Zero-Centred Inputs');
      await panel.locator('.app.is-compare').waitFor({ timeout: 30_000 });
      await seekToEnd(panel);
      await waitForPlot(planeCanvas(panel, 1), 'the centred Iris run');
      await readmeScreenshot(page, 'screenshot-iris');
    }
  });
});
