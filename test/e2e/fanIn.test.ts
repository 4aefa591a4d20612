// A neuron with d inputs in a real VS Code (code-server) driven from headless Chromium, as a user drives it:
// the demo's fan-in field set to 100, the pair control choosing another pair of weights, which the plane
// then shows (its label and note; the host's run of that pair); the plane says it is a pair of the 100 weights and the ledger gives the bowl's κ. That state is
// the README's screenshot (media/screenshot-fan-in.png with ZIGZAG_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { webviewFrame, type Playground } from '../tools/vscode-web.mjs';
import {
  command,
  failureScreenshot,
  openDarkPlayground,
  pauseAnimation,
  planeCanvas,
  readmeScreenshot,
  seekToEnd,
  waitForPlot,
  waitForSettledPlot,
  waitUntil,
} from './support';

/** Sets a number field and commits it (Enter), then waits for the text `expected` at `selector`. */
async function commitField(frame: FrameLocator, name: string, value: string, selector: string, expected: RegExp): Promise<void> {
  const field = frame.locator(`input[name=${name}]`);
  await field.fill(value, { timeout: 10_000 });
  await field.press('Enter');
  await waitUntil(
    `${name} = ${value} shown (${selector} ~ ${expected})`,
    async () => {
      const text = await frame
        .locator(selector)
        .textContent({ timeout: 1000 })
        .catch(() => null);
      return text !== null && expected.test(text) ? text : undefined;
    },
    60_000,
  );
}

describe('fan-in in the real workbench (e2e)', function () {
  let pg: Playground;
  let page: Page;

  before(async function () {
    this.timeout(120_000);
    pg = await openDarkPlayground();
    page = pg.page;
  });
  after(async function () {
    this.timeout(30_000);
    await pg?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && pg) await failureScreenshot(pg.page, this.currentTest.title);
  });

  it('a fan-in of 100: the pair control changes the plane, which says what it shows; the ledger gives κ', async function () {
    this.timeout(240_000);
    await command(page, 'View: Close Primary Side Bar', { timeoutMs: 20_000 });
    await command(page, 'Run Zig-Zag Demo', { timeoutMs: 45_000 });
    const panel = await webviewFrame(page, { view: 'panel' });
    await waitForPlot(planeCanvas(panel), 'the demo');
    await pauseAnimation(panel);
    // A small step for the steep direction of a 100-input bowl (λmax grows with d), then d = 100, the full batch.
    await panel.locator('input[name=lr]').fill('-2', { timeout: 10_000 });
    await panel.locator('.field-slider output', { hasText: /^0\.01$/ }).waitFor({ timeout: 30_000 });
    await commitField(panel, 'dimension', '100', '[data-testid=plane-note]', /^w₁ and w₂ of 100 weights: the path projected onto them/);
    await panel.locator('select[name=batchSize]').selectOption('full', { timeout: 10_000 });
    await panel.locator('[data-ledger=prediction] dd', { hasText: /^slowest direction shrinks/ }).waitFor({ timeout: 60_000 });
    await pauseAnimation(panel);
    await seekToEnd(panel);
    await waitForSettledPlot(planeCanvas(panel), 'the plane on (w₁, w₂)');
    // (The slice on another pair of these exchangeable inputs looks much alike: the page tests compare its grid.)
    await commitField(panel, 'axisAcross', '50', '[data-testid=plane-note]', /^w₅₀ and w₂ of 100 weights/);
    await pauseAnimation(panel);
    await seekToEnd(panel);
    await waitForSettledPlot(planeCanvas(panel), 'the plane on (w₅₀, w₂)');
    assert.match((await panel.locator('.weight-plane').getAttribute('aria-label')) ?? '', /path in \(w₅₀, w₂\)/);
    assert.match((await panel.locator('[data-ledger=kappa] dd').textContent()) ?? '', /^\d[\d,.]*(e\d+)?$/);
    // The picture holds the plane and the ledger under it: a taller window for it, then back.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 1340 });
    await panel.locator('[data-testid=ledger]').waitFor({ state: 'visible' });
    await readmeScreenshot(page, 'screenshot-fan-in');
    if (size) await page.setViewportSize(size);
  });
});
