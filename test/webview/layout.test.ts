// Layouts: the compact side panel, compare mode, progress, and a clean page under the real CSP.
import assert from 'node:assert/strict';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

describe('layout', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('side panel: controls, a compact plot and the key metrics', async () => {
    wp = await openWebview({ view: 'sidebar', state: { cursor: 1e9, playing: false } });
    assert.equal(await wp.page.locator('.weight-plane.is-compact').count(), 1);
    assert.equal(await wp.page.locator('.loss-chart').count(), 0);
    const metrics = await wp.page.locator('[data-metric]').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')));
    assert.deepEqual(metrics, ['lockedFraction', 'pathEfficiency', 'reversals', 'stepsToTarget']);
    assert.equal(await wp.page.locator('select[name=distribution]').count(), 1);
    const stats = await wp.canvasStats('.weight-plane', [wp.colour('--vscode-charts-orange')]);
    assert.ok(stats.colours[0].count > 100, 'compact plot has no path');
    const width = await wp.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `side panel overflows horizontally: ${width}px`);
  });

  it('compare: raw and centred runs side by side, each with its own plot and metrics', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false } });
    await wp.page.evaluate(() => window.__zzHost.compare());
    await wp.waitPainted(2);
    const panes = wp.page.locator('.run-pane');
    assert.equal(await panes.count(), 2);
    assert.match(await panes.nth(0).locator('.run-title').innerText(), /^sigmoid inputs \(raw\) · η = 0\.5$/);
    assert.match(await panes.nth(1).locator('.run-title').innerText(), /^sigmoid inputs, centred · η = 6\.33$/);
    for (const i of [0, 1]) {
      const stats = await wp.canvasStats('.weight-plane', [wp.colour('--vscode-charts-orange')], i);
      assert.ok(stats.colours[0].count > 100, `pane ${i} has no path`);
    }
    const locked = await panes.locator('[data-metric=lockedFraction] .metric-value').allInnerTexts();
    assert.equal(locked[0], '100%');
    assert.notEqual(locked[1], '100%');
    await wp.screenshot('compare-dark');
  });

  it('shows progress while the host computes', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    await wp.send({ type: 'computing', revision: 2, fraction: 0.4 });
    const bar = wp.page.locator('progress.computing');
    await bar.waitFor();
    assert.equal(await bar.getAttribute('value'), '0.4');
    await wp.page.fill('input[name=steps]', '100');
    await wp.page.press('input[name=steps]', 'Enter');
    await wp.waitPainted(2);
    assert.equal(await bar.count(), 0);
  });

  it('shows the progress bar on screen while the host’s session computes a long run in chunks, then removes it', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    await wp.page.evaluate(() => {
      window.__zzProbe.watchFrames('progress.computing');
      window.__zzProbe.watchMessages('computing');
    });
    const before = await wp.hostRevision();
    // 20,000 steps of shuffled batches of 200 (summed example by example; a full mse batch costs O(1) a
    // step): twice the work above which the host goes chunked.
    await wp.page.evaluate(() => window.__zzHost.applyInSession({ steps: 20000, batchSize: 200, order: 'shuffle' }));
    await wp.waitPainted(before + 1);
    const [, last] = await wp.stepReadout();
    assert.equal(last, 20000);
    await wp.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const frames = await wp.page.evaluate(() => window.__zzProbe.frames());
    const fractions = (await wp.page.evaluate(() => window.__zzProbe.messages())).map((m) => (m as { fraction: number }).fraction);
    assert.ok(fractions.length >= 10, `only ${fractions.length} computing messages`);
    // The first may be 0: when the notification comes before the first piece has counted, the bar starts empty.
    assert.ok(
      fractions.every((f, i) => f >= 0 && f < 1 && (i === 0 || f > fractions[i - 1])),
      `fractions not increasing in [0, 1): ${fractions}`,
    );
    const shown = frames.filter((v): v is number => v !== null);
    assert.ok(shown.length >= 3, `the bar was on screen in ${shown.length} frames (${frames.length} frames in all)`);
    assert.ok(new Set(shown).size >= 3, `the bar did not advance: ${shown}`);
    assert.ok(
      shown.every((v, i) => i === 0 || v >= shown[i - 1]),
      `the bar went backwards: ${shown}`,
    );
    assert.equal(frames[frames.length - 1], null, 'the bar is still on screen after the run arrived');
    assert.equal(await wp.page.locator('progress.computing').count(), 0);
  });

  it('loads under the real CSP with no violations, no inline styles in markup and nothing from the network', async () => {
    const requests: string[] = [];
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    wp.page.on('request', (r) => requests.push(r.url()));
    await wp.page.reload();
    await wp.waitPainted(1);
    const origin = new URL(wp.page.url()).origin;
    assert.deepEqual(
      requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')),
      [],
    );
    const csp = await wp.page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.equal(await wp.page.locator('style').count(), 0, 'a <style> element was added');
    assert.deepEqual(await wp.cspViolations(), []);
    // Control: the detector does see a violation (an inline style attribute in markup).
    await wp.page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<div style="color: red">x</div>');
    });
    await wp.page.waitForFunction(() => (window as unknown as { __zzCsp: string[] }).__zzCsp.length > 0);
    assert.match((await wp.cspViolations())[0], /style-src/);
    await wp.page.evaluate(() => {
      (window as unknown as { __zzCsp: string[] }).__zzCsp.length = 0;
    });
    wp.errors.length = 0;
  });
});
