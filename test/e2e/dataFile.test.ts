// A data-file scenario in the shared playground across a window reload, in a real VS Code (code-server)
// driven from headless Chromium: what only the workbench shows (the panel restored by its serializer, the
// session by workspace state, the data file read again through workspace.fs in the folder it was read
// from, which here is not the workspace folder). The session's own logic, and the message when the file is
// gone by then: test/host/session.test.ts; a missing file's message in the real host: test/extension.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { chooseContextMenuItem, webviewFrame, type Playground } from '../tools/vscode-web.mjs';
import { command, failureScreenshot, openDarkPlayground, planeCanvas, reloadWindow, waitForPlot, waitUntil } from './support';

const CSV =
  'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n4.9,3,1.4,0.2\n7,3.2,4.7,1.4\n6.3,3.3,6,2.5\n5.8,2.7,5.1,1.9\n';

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
    writeFileSync(join(folder, 'scenarios/data/iris.csv'), CSV);
    writeFileSync(
      join(folder, 'scenarios/iris.zigzag.json'),
      JSON.stringify({ version: 1, inputs: { distribution: 'file', file: 'data/iris.csv' }, batchSize: 'full', optimizer: { lr: 0.02 } }),
    );
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
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'iris.zigzag.json' })
      .click({ button: 'right', timeout: 20_000 });
    await chooseContextMenuItem(page, 'Open Scenario in Playground');
    let panel = await webviewFrame(page, { view: 'panel', timeoutMs: 30_000 });
    await waitUntil('the file’s 4 inputs on the plane', async () => FOUR_WEIGHTS.test((await planeNote(panel)) ?? ''), 60_000);
    await waitForPlot(planeCanvas(panel), 'the data file’s run');

    panel = await reloadToPanel(page);
    await waitUntil('the restored run of the file’s 4 inputs', async () => FOUR_WEIGHTS.test((await planeNote(panel)) ?? ''), 60_000);
    await waitForPlot(planeCanvas(panel), 'the restored run');
    assert.equal(await panel.locator('[data-testid=invalid]').count(), 0, 'no message');
  });
});
