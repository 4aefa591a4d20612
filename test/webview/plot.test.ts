// The weight plane draws what the run says (contours, trajectory, markers) at an honest, equal aspect
// ratio, and pointer and keyboard input land on the right data coordinates.
import assert from 'node:assert/strict';
import type { Vec2 } from '../../src/engine/types';
import type { WebviewMessage } from '../../src/shared/protocol';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

const PAUSED_AT_START = { cursor: 0, playing: false };
const PAUSED_AT_END = { cursor: 1e9, playing: false };

/** Pixel centres of the current-point marker (= start at cursor 0) and the target marker. */
async function markerPixels(wp: WebviewPage): Promise<{ start: Vec2; target: Vec2 }> {
  const stats = await wp.canvasStats('.weight-plane', [wp.colour('--vscode-charts-red'), wp.colour('--vscode-charts-green')]);
  const [current, target] = stats.colours;
  assert.ok(current.count > 20 && current.centroid, `current marker not found (${current.count} px)`);
  assert.ok(target.count > 40 && target.centroid, `target marker not found (${target.count} px)`);
  return { start: current.centroid, target: target.centroid };
}

/** Screen pixels per data unit along w1 and w2, from two markers at known data positions. */
function scales(px: { start: Vec2; target: Vec2 }, data: { start: Vec2; target: Vec2 }): { kx: number; ky: number } {
  return {
    kx: (px.target[0] - px.start[0]) / (data.target[0] - data.start[0]),
    // Screen y grows downwards.
    ky: -(px.target[1] - px.start[1]) / (data.target[1] - data.start[1]),
  };
}

const DEFAULT_TARGET: Vec2 = [-3 / Math.SQRT2, 3 / Math.SQRT2];

describe('weight plane', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('draws contours and the trajectory for the default run', async () => {
    wp = await openWebview({ state: PAUSED_AT_END });
    // Contour lines are drawn translucent: accept any opacity for the colour match here.
    const stats = await wp.canvasStats(
      '.weight-plane',
      [wp.colour('--vscode-charts-orange'), wp.colour('--vscode-charts-blue')],
      0,
      30,
      40,
    );
    const area = stats.width * stats.height;
    assert.ok(stats.painted > area * 0.08, `only ${stats.painted} of ${area} pixels painted`);
    assert.ok(stats.colours[0].count > 300, `trajectory colour on only ${stats.colours[0].count} pixels`);
    assert.ok(stats.colours[1].count > 300, `contour colour on only ${stats.colours[1].count} pixels`);
    await wp.screenshot('panel-dark');
  });

  it('reuses the contours when a change leaves the loss surface alone, and recomputes them when it does not', async () => {
    wp = await openWebview({ state: PAUSED_AT_END });
    await wp.page.evaluate(() => window.__zzProbe.watchMeasures('zigzag:contours'));
    const blue = wp.colour('--vscode-charts-blue');
    const gridBits = (): Promise<number[]> =>
      wp.page.evaluate(() => Array.from(new Uint32Array(window.__zzHost.lastRun!.grid.values.slice().buffer)));
    const contoursComputed = (): Promise<number> => wp.page.evaluate(() => window.__zzProbe.measureCount());
    const change = async (act: () => Promise<unknown>): Promise<void> => {
      const revision = await wp.hostRevision();
      await act();
      await wp.waitPainted(revision + 1);
    };

    const before = await gridBits();
    // Both plots must be updated in place (setData / redraw), not rebuilt, on every change below.
    await wp.page.evaluate(() => {
      (window as unknown as { __zzCanvases: Element[] }).__zzCanvases = Array.from(
        document.querySelectorAll('.weight-plane canvas, .loss-chart canvas'),
      );
    });
    const samePlots = (): Promise<boolean> =>
      wp.page.evaluate(() => {
        const was = (window as unknown as { __zzCanvases: Element[] }).__zzCanvases;
        const now = Array.from(document.querySelectorAll('.weight-plane canvas, .loss-chart canvas'));
        // Each plot's two: uPlot's and its moving layer.
        return was.length === 4 && now.length === 4 && now.every((c, i) => c === was[i]);
      });
    await change(() => wp.page.locator('input[name=lr]').fill('-0.7'));
    await change(() => wp.page.selectOption('select[name=batchSize]', '4'));
    // The premise: the host snapped both runs to the same window, so the grid is bit-identical.
    assert.ok(
      (await gridBits()).every((w, i) => w === before[i]),
      'the host sent a different grid for the same surface',
    );
    assert.equal(await contoursComputed(), 0, 'd3-contour ran for an unchanged surface');
    const shown = await wp.canvasStats('.weight-plane', [blue], 0, 30, 40);
    assert.ok(shown.colours[0].count > 300, `contours missing after a cached repaint: ${shown.colours[0].count} px`);

    await change(() => wp.page.selectOption('select[name=distribution]', 'tanh'));
    assert.equal(await contoursComputed(), 1, 'a new surface needs new contours');
    await change(() => wp.page.selectOption('select[name=distribution]', 'sigmoid'));
    assert.equal(await contoursComputed(), 1, 'switching back should find the sigmoid surface in the cache');
    assert.ok(await samePlots(), 'a plot was rebuilt (new canvas) for a control change');
  });

  it('a new loss surface: its first frame may keep the previous lines, and a PNG export waits for its own', async () => {
    wp = await openWebview({ state: PAUSED_AT_END });
    await wp.waitPainted(await wp.hostRevision());
    const r = await wp.page.evaluate(async () => {
      const plane = document.querySelector<HTMLElement>('.weight-plane')!;
      const posted = (window as unknown as { __zzPosted: { type?: string }[] }).__zzPosted;
      // What the plane showed when the export left the page.
      const exportedOver: string[] = [];
      const push = posted.push.bind(posted);
      posted.push = (...items) => {
        for (const m of items) if (m.type === 'export') exportedOver.push(plane.dataset.contours ?? '');
        return push(...items);
      };
      const select = document.querySelector<HTMLSelectElement>('select[name=distribution]')!;
      select.value = 'tanh';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      // The change is rendered in microtasks; its own contour lines come in a later task.
      for (let i = 0; i < 10; i++) await Promise.resolve();
      const shownFirst = plane.dataset.contours;
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'exportPng' } }));
      const exportedAtOnce = exportedOver.length;
      const started = performance.now();
      while (exportedOver.length === 0 && performance.now() - started < 5000) await new Promise((ok) => setTimeout(ok, 5));
      return { shownFirst, exportedAtOnce, exportedOver };
    });
    assert.equal(r.shownFirst, 'stale', 'the premise: the change was first drawn over the previous surface’s lines');
    assert.equal(r.exportedAtOnce, 0, 'exported a picture with the previous surface’s contour lines');
    assert.equal(r.exportedOver.length, 1);
    assert.notEqual(r.exportedOver[0], 'stale');
  });

  it('shows only the animated part of the path solid', async () => {
    wp = await openWebview({ state: PAUSED_AT_START });
    const orange = wp.colour('--vscode-charts-orange');
    const atStart = (await wp.canvasStats('.weight-plane', [orange], 0, 20)).colours[0].count;
    await wp.page.getByRole('button', { name: 'Step forward one update' }).click();
    await wp.page.getByRole('button', { name: 'Step forward one update' }).click();
    const after = (await wp.canvasStats('.weight-plane', [orange], 0, 20)).colours[0].count;
    assert.ok(after > atStart, `solid path pixels ${atStart} → ${after}`);
  });

  it('has an equal aspect ratio: one unit of w1 spans as many pixels as one unit of w2', async () => {
    wp = await openWebview({ state: PAUSED_AT_START });
    const a = scales(await markerPixels(wp), { start: [0, 0], target: DEFAULT_TARGET });
    assert.ok(a.kx > 20, `implausible scale ${a.kx} px/unit`);
    assert.ok(Math.abs(a.kx - a.ky) / a.kx < 0.01, `w1: ${a.kx.toFixed(2)} px/unit, w2: ${a.ky.toFixed(2)} px/unit`);
    // A lopsided target (long in w1, short in w2) in a narrower window: still equal.
    await wp.page.setViewportSize({ width: 900, height: 900 });
    await wp.runScenario({ start: [1, 0.5], target: { point: [-3, 1.5] } });
    const b = scales(await markerPixels(wp), { start: [1, 0.5], target: [-3, 1.5] });
    assert.ok(Math.abs(b.kx - b.ky) / b.kx < 0.01, `w1: ${b.kx.toFixed(2)} px/unit, w2: ${b.ky.toFixed(2)} px/unit`);
  });

  it('posts setStart with the data coordinates under a click (±1 px)', async () => {
    wp = await openWebview({ state: PAUSED_AT_START, autoHost: false });
    const px = await markerPixels(wp);
    const { kx, ky } = scales(px, { start: [0, 0], target: DEFAULT_TARGET });
    await wp.page.mouse.click(px.start[0] + 40, px.start[1] - 25);
    const m = (await wp.waitPosted('setStart')) as Extract<WebviewMessage, { type: 'setStart' }>;
    const tol = 1.5 / kx; // one pixel, plus the marker-centroid estimate's own error
    assert.ok(Math.abs(m.point[0] - 40 / kx) < tol, `w1 ${m.point[0]} vs ${40 / kx}`);
    assert.ok(Math.abs(m.point[1] - 25 / ky) < tol, `w2 ${m.point[1]} vs ${25 / ky}`);
  });

  it('drags the target marker and posts setTarget once, on release', async () => {
    wp = await openWebview({ state: PAUSED_AT_START });
    const px = await markerPixels(wp);
    const { kx } = scales(px, { start: [0, 0], target: DEFAULT_TARGET });
    const mouse = wp.page.mouse;
    await mouse.move(px.target[0], px.target[1]);
    await mouse.down();
    for (let i = 1; i <= 5; i++) await mouse.move(px.target[0] + 6 * i, px.target[1] + 4 * i);
    assert.equal((await wp.posted('setTarget')).length, 0, 'setTarget before release');
    await mouse.up();
    const m = (await wp.waitPosted('setTarget')) as Extract<WebviewMessage, { type: 'setTarget' }>;
    const expected: Vec2 = [DEFAULT_TARGET[0] + 30 / kx, DEFAULT_TARGET[1] - 20 / kx];
    assert.ok(Math.hypot(m.point[0] - expected[0], m.point[1] - expected[1]) < 2 / kx, `${m.point} vs ${expected}`);
    assert.equal((await wp.posted('setStart')).length, 0, 'a drag must not also set the start');
    // The host answers with a run whose target is the dropped point.
    await wp.waitPainted(2);
    const target = await wp.page.evaluate(() => window.__zzHost.scenario.target);
    assert.deepEqual(target, { point: m.point });
  });

  it('nudges the start point with the arrow keys when the plot has focus', async () => {
    wp = await openWebview({ state: PAUSED_AT_START, autoHost: false });
    await wp.page.locator('.weight-plane').focus();
    await wp.page.keyboard.press('ArrowRight');
    await wp.page.keyboard.press('ArrowUp');
    await wp.page.keyboard.press('Shift+ArrowLeft');
    const moves = (await wp.posted('setStart')) as Extract<WebviewMessage, { type: 'setStart' }>[];
    assert.equal(moves.length, 3);
    const step = moves[0].point[0];
    assert.ok(step > 0 && moves[0].point[1] === 0, `first nudge ${moves[0].point}`);
    assert.deepEqual(moves[1].point, [step, step]);
    assert.ok(Math.abs(moves[2].point[0] - (step - 10 * step)) < 1e-9, `shift nudge ${moves[2].point}`);
  });

  it('shades the allowed-update cone only for all-positive inputs with batch size 1', async () => {
    wp = await openWebview({ state: PAUSED_AT_START });
    const yellowish = async (): Promise<boolean> => (await wp.page.locator('.plot-legend').innerText()).includes('allowed updates');
    assert.ok(await yellowish(), 'cone legend missing for sigmoid inputs, batch 1');
    await wp.runScenario({ inputs: { distribution: 'tanh' } });
    assert.ok(!(await yellowish()), 'cone legend shown for tanh inputs');
    await wp.runScenario({ batchSize: 8 });
    assert.ok(!(await yellowish()), 'cone legend shown for batch 8');
  });
});
