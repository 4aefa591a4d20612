// What the panel says is true of the run shown: metrics of the run up to the animation's step, the
// chain-rule strip of a batch, a legend entry for every mark in its colour, the plot in words, the fair
// comparison. Expected values come from the engine run in Node, never from the page.
import assert from 'node:assert/strict';
import { MetricsTimeline, compareCentring, resolveScenario } from '../../src/engine/index';
import { describeHeading, headingOf } from '../../src/shared/quadrants';
import { computeRunView } from '../../src/shared/runView';
import { legendEntries } from '../../webview/PlotLegend';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

/** Seeks the animation to step c with the scrubber and waits for the readout to say so. */
async function seek(wp: WebviewPage, c: number): Promise<void> {
  await wp.page.locator('.scrubber').fill(String(c));
  await wp.page.locator('[data-testid=step-readout]', { hasText: new RegExp(`step ${c.toLocaleString('en-US')} /`) }).waitFor();
}

async function metricText(wp: WebviewPage, key: string, pane = 0): Promise<string> {
  return (await wp.page.locator('.run-pane').nth(pane).locator(`[data-metric=${key}] .metric-value`).innerText()).trim();
}

describe('the story on screen', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('metrics follow the cursor: the run up to step c while scrubbing, the whole run at the end, and the panel says which', async () => {
    const run = computeRunView(resolveScenario({}));
    const timeline = MetricsTimeline.ofRun(run);
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    const scope = wp.page.locator('.run-pane .metrics-scope');
    assert.equal(await scope.innerText(), `Up to step 0 of ${timeline.steps}`);
    assert.equal(await metricText(wp, 'reversals'), '0');
    assert.equal(await metricText(wp, 'stepsToTarget'), 'not by step 0');
    for (const c of [20, 60, 150]) {
      await seek(wp, c);
      assert.equal(await scope.innerText(), `Up to step ${c} of ${timeline.steps}`);
      assert.equal(await metricText(wp, 'reversals'), String(timeline.at(c).reversals), `reversals up to step ${c}`);
    }
    await seek(wp, timeline.steps);
    assert.equal(await scope.innerText(), `Whole run · ${timeline.steps} steps`);
    assert.equal(await metricText(wp, 'reversals'), String(run.metrics.reversals));
    assert.equal(await metricText(wp, 'stepsToTarget'), String(run.metrics.stepsToTarget));
  });

  it('north-east shows at most a quarter of north-west’s reversals', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false } });
    const nw = Number(await metricText(wp, 'reversals'));
    await wp.runScenario({ target: { quadrant: 'ne', distance: 3 } });
    const ne = Number(await metricText(wp, 'reversals'));
    assert.ok(nw > 0 && ne * 4 <= nw, `north-east ${ne} against north-west ${nw} reversals`);
  });

  it('locked steps read against their chance level', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false } });
    const locked = wp.page.locator('[data-metric=lockedFraction]');
    assert.equal((await locked.locator('.metric-reference').innerText()).trim(), 'chance 50%');
  });

  it('the strip at batch 8 counts the batch’s signs of ∂L/∂f and names the direction of the step drawn', async () => {
    const scenario = { batchSize: 8 };
    const run = computeRunView(resolveScenario(scenario));
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    await wp.runScenario(scenario);
    const w = run.trajectory;
    const strip = wp.page.locator('.run-pane .chain-rule');
    let unlocked = 0;
    for (let c = 0; c < 40; c++) {
      await seek(wp, c);
      await wp.page.locator(`.run-pane .chain-rule[data-step="${c}"]`).waitFor();
      const text = await strip.innerText();
      assert.doesNotMatch(text, /first example/);
      assert.match(text, /a batch of 8 examples/);
      const m = /(\d+) examples? push(?:es)? north-east \(∂L\/∂f < 0\) and (\d+) push(?:es)? south-west/.exec(text);
      assert.ok(m, `step ${c}: no split of the batch in "${text}"`);
      assert.ok(Number(m[1]) + Number(m[2]) <= 8, `step ${c}: ${m[1]} + ${m[2]} examples`);
      const drawn = headingOf(w[2 * c + 2] - w[2 * c], w[2 * c + 3] - w[2 * c + 1]);
      assert.ok(drawn);
      assert.ok(
        text.includes(`Their mean push −ḡ heads ${describeHeading(drawn)}.`),
        `step ${c}: the step drawn heads ${drawn.name}; strip: ${text}`,
      );
      if (drawn.quadrant === 'II' || drawn.quadrant === 'IV') {
        unlocked += 1;
        assert.match(text, /the mean is not locked/, `step ${c}`);
      }
    }
    assert.ok(unlocked > 0, 'no unlocked batch step among the first 40: the test shows nothing');
  });

  it('the legend has an entry for every mark, in the colour it is drawn with', async () => {
    wp = await openWebview({ state: { cursor: 6, playing: false } });
    const marks = () => wp.page.locator('.run-pane .plot-legend li').evaluateAll((els) => els.map((e) => e.getAttribute('data-mark')));
    // One example per step: the bold arrow in the foreground colour is the only arrow, and the faint path still to come has an entry.
    assert.deepEqual(await marks(), ['start', 'target', 'current', 'trajectory', 'trajectoryFuture', 'arrowMean', 'cone', 'contour']);
    const text = await wp.page.locator('.run-pane .plot-legend').innerText();
    assert.doesNotMatch(text, /thin/);
    const [r, g, b] = wp.colour('--vscode-editor-foreground');
    // The canvas draws the mean arrow in --zz-arrow-mean: its swatch resolves to the same colour.
    const swatchRgb = await wp.page.locator('.run-pane .plot-legend li[data-mark=arrowMean] .swatch').evaluate((el) => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.fillStyle = getComputedStyle(el).backgroundColor;
      c.fillRect(0, 0, 1, 1);
      return Array.from(c.getImageData(0, 0, 1, 1).data.slice(0, 3));
    });
    assert.deepEqual(swatchRgb, [r, g, b]);
    // A batch: thin arrows per example and their bold mean; no cone, since the mean of pushes of both signs can leave it.
    await wp.runScenario({ batchSize: 8 });
    assert.deepEqual(await marks(), ['start', 'target', 'current', 'trajectory', 'trajectoryFuture', 'arrow', 'arrowMean', 'contour']);
    // Without a loss chart beside the plot (an embed in course material) the legend does not point to one.
    const current = (lossChart: boolean) =>
      legendEntries(computeRunView(resolveScenario({})), false, true, lossChart).find((e) => e.mark === 'current')?.text;
    assert.equal(current(true), 'current step (also the line on the loss chart)');
    assert.equal(current(false), 'current step');
    await wp.close();
    wp = await openWebview({ view: 'sidebar', state: { cursor: 6, playing: false } });
    assert.ok((await marks()).length >= 6, 'the side view has no legend');
    assert.equal(await wp.page.getByRole('heading', { level: 1 }).count(), 1, 'the side view has no heading');
  });

  it('describes the plot in words and announces it politely on Step', async () => {
    const run = computeRunView(resolveScenario({}));
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    const description = wp.page.locator('[data-testid=plot-description]');
    assert.equal(await description.getAttribute('aria-live'), 'polite');
    const plotId = await description.getAttribute('id');
    assert.equal(await wp.page.locator('.weight-plane').getAttribute('aria-describedby'), plotId);
    await wp.page.getByRole('button', { name: 'Step forward one update' }).click();
    await wp.page.getByText('step 1 / 400').waitFor();
    const text = await description.innerText();
    const w = run.trajectory;
    const h = headingOf(w[2] - w[0], w[3] - w[1])!;
    assert.match(text, /^Step 1 of 400: w = \(/);
    assert.ok(text.includes(`the last update headed ${describeHeading(h)}`), text);
    assert.match(text, /from the target w\*/);
    assert.equal(await wp.page.locator('.run-pane .chain-rule').getAttribute('aria-live'), 'polite');
  });

  it('moves the target from the keyboard: T, then an arrow key', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false }, autoHost: false });
    await wp.clearPosted();
    const plane = wp.page.locator('.weight-plane');
    await plane.focus();
    await wp.page.keyboard.press('t');
    await wp.page.locator('.weight-plane[data-keys=target]').waitFor();
    await wp.page.keyboard.press('ArrowUp');
    const m = await wp.waitPosted('setTarget');
    assert.equal(m.type, 'setTarget');
    assert.equal((await wp.posted('setStart')).length, 0);
  });

  it('focus rings are at least 2 px, the primary button’s included', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    await wp.page.keyboard.press('Tab');
    const play = wp.page.locator('.playback button.is-primary');
    await play.focus();
    const ring = await play.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        style: s.outlineStyle,
        width: parseFloat(s.outlineWidth),
        offset: parseFloat(s.outlineOffset),
        focused: el.matches(':focus-visible'),
      };
    });
    assert.ok(ring.focused, 'the primary button is not focus-visible after Tab');
    assert.notEqual(ring.style, 'none');
    assert.ok(ring.width >= 2, `ring ${ring.width}px`);
    // Drawn outside the blue button, on the page's background, where the focus colour has its contrast.
    assert.ok(ring.offset >= 1, `ring offset ${ring.offset}px`);
  });

  it('compare: the centred run at the same η·λmax reaches the target in at most half the raw run’s steps, and says why', async () => {
    const { raw, centred } = compareCentring(resolveScenario({}));
    const expected = [computeRunView(raw).metrics.stepsToTarget, computeRunView(centred).metrics.stepsToTarget];
    wp = await openWebview({ state: { cursor: 1e9, playing: false } });
    await wp.page.evaluate(() => window.__zzHost.compare());
    await wp.waitPainted(2);
    const steps = [Number(await metricText(wp, 'stepsToTarget', 0)), Number(await metricText(wp, 'stepsToTarget', 1))];
    assert.deepEqual(steps, expected);
    assert.ok(steps[1] * 2 <= steps[0], `centred ${steps[1]} steps against raw ${steps[0]}`);
    const why = await wp.page.locator('[data-testid=compare-why]').innerText();
    assert.match(why, /^Both runs take the same normalised step η·λmax = /);
    // The switch gives the same η on both sides.
    await wp.page.getByLabel('Same η on both sides').check();
    await wp.waitPainted(3);
    assert.match(await wp.page.locator('.run-pane').nth(1).locator('.run-title').innerText(), /η = 0\.5$/);
    assert.match(await wp.page.locator('[data-testid=compare-why]').innerText(), /^Both runs use η = 0\.5/);
  });

  it('compare panes sit level row by row and stay side by side at 1024 px', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false }, width: 1024, height: 900 });
    await wp.page.evaluate(() => window.__zzHost.compare());
    await wp.waitPainted(2);
    const panes = wp.page.locator('.run-pane');
    for (const part of ['.run-title', '.weight-plane', '.metrics', '.plot-legend', '.loss-chart']) {
      const [a, b] = await Promise.all([
        panes.nth(0).locator(part).first().boundingBox(),
        panes.nth(1).locator(part).first().boundingBox(),
      ]);
      assert.ok(a && b, `${part} missing`);
      assert.ok(Math.abs(a.y - b.y) <= 1, `${part}: left at y = ${a.y}, right at y = ${b.y}`);
      assert.ok(b.x >= a.x + a.width - 1, `${part}: the panes are not side by side`);
    }
  });

  it('compare, narrower: the panes stack and both runs’ key numbers stay in view while scrolling', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false }, width: 500, height: 800 });
    await wp.page.evaluate(() => window.__zzHost.compare());
    await wp.waitPainted(2);
    const panes = wp.page.locator('.run-pane');
    const [a, b] = [await panes.nth(0).boundingBox(), await panes.nth(1).boundingBox()];
    assert.ok(a && b && b.y >= a.y + a.height - 1, 'the panes do not stack');
    const table = wp.page.locator('.compare-numbers');
    const rows = await table.locator('tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')));
    assert.deepEqual(rows, ['lockedFraction', 'pathEfficiency', 'reversals', 'stepsToTarget']);
    const steps = await table.locator('tr[data-metric=stepsToTarget] td').allInnerTexts();
    assert.deepEqual(steps, [await metricText(wp, 'stepsToTarget', 0), await metricText(wp, 'stepsToTarget', 1)]);
    await panes.nth(1).locator('.weight-plane').scrollIntoViewIfNeeded();
    const box = await table.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 800, `the key numbers scrolled away: ${JSON.stringify(box)}`);
  });
});
