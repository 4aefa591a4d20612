// Animation over the computed run: buttons and the host's playback actions move the cursor; the loss
// chart follows it; divergence is said plainly, never as NaN.
import assert from 'node:assert/strict';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

describe('playback', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('steps, resets, plays and pauses from buttons and from host playback messages', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    assert.deepEqual(await wp.stepReadout(), [0, 400]);
    await wp.page.getByRole('button', { name: 'Step forward one update' }).click();
    assert.deepEqual(await wp.stepReadout(), [1, 400]);
    await wp.send({ type: 'playback', action: 'step' });
    await wp.page.getByText('step 2 / 400').waitFor();
    await wp.send({ type: 'playback', action: 'reset' });
    await wp.page.getByText('step 0 / 400').waitFor();
    const speed = () => wp.page.locator('.speed-value').innerText();
    assert.equal(await speed(), '60/s');
    await wp.send({ type: 'playback', action: 'faster' });
    await wp.page.locator('.speed-value', { hasText: '120/s' }).waitFor();
    await wp.send({ type: 'playback', action: 'play' });
    await wp.page.waitForFunction(() => /step ([1-9]\d*) /.test(document.querySelector('[data-testid=step-readout]')?.textContent ?? ''));
    await wp.send({ type: 'playback', action: 'pause' });
    await wp.page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const paused = (await wp.stepReadout())[0];
    // Paused means paused: twelve rendered frames (two steps each at 120/s if it were playing) move nothing.
    await wp.page.evaluate(async () => {
      for (let i = 0; i < 12; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    });
    assert.equal((await wp.stepReadout())[0], paused, 'cursor moved while paused');
    assert.ok(paused > 0 && paused < 400);
  });

  it('reset and step while playing land exactly where they say (no frame left over moves the cursor)', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: true, speed: 60 } });
    for (let i = 0; i < 8; i++) {
      await wp.page.waitForFunction(() => /step ([1-9]\d*) /.test(document.querySelector('[data-testid=step-readout]')?.textContent ?? ''));
      // Send the action in the same task as a frame boundary is likely pending.
      await wp.page.evaluate(
        () =>
          new Promise<void>((resolve) =>
            requestAnimationFrame(() => {
              window.postMessage({ type: 'playback', action: 'reset' }, '*');
              resolve();
            }),
          ),
      );
      // A leftover frame moves the cursor just after the reset drew step 0, so the readout may never show it.
      await wp.page
        .getByText('step 0 / 400')
        .waitFor({ timeout: 10_000 })
        .catch(async () =>
          assert.fail(`round ${i}: after reset the readout never showed step 0 (now ${(await wp.stepReadout()).join(' / ')})`),
        );
      await wp.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert.deepEqual(await wp.stepReadout(), [0, 400], `round ${i}: a leftover frame moved the cursor after reset`);
      await wp.send({ type: 'playback', action: 'play' });
    }
  });

  it('plays to the end and stops there', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: true, speed: 2000 } });
    await wp.page.getByText('step 400 / 400').waitFor({ timeout: 5000 });
    await wp.page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });

  it('moves the loss chart’s cursor with the animation and seeks by clicking the chart', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    const red = wp.colour('--vscode-charts-red');
    const at0 = (await wp.canvasStats('.loss-chart', [red])).colours[0].centroid;
    await wp.page.locator('.scrubber').fill('300');
    await wp.page.getByText('step 300 / 400').waitFor();
    const at300 = (await wp.canvasStats('.loss-chart', [red])).colours[0].centroid;
    assert.ok(at0 && at300 && at300[0] - at0[0] > 100, `loss cursor ${at0} → ${at300}`);
    await wp.page.locator('.loss-chart').scrollIntoViewIfNeeded();
    const box = (await wp.page.locator('.loss-chart .u-over').boundingBox())!;
    await wp.page.mouse.click(box.x + box.width / 4, box.y + box.height / 2);
    const [step] = await wp.stepReadout();
    assert.ok(Math.abs(step - 100) <= 2, `seeked to ${step}`);
  });

  it('says where a run diverged, and never shows NaN or Infinity', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false }, scenario: { optimizer: { lr: 5 } } });
    assert.equal(await wp.page.locator('.divergence').count(), 0, 'divergence shown before it happened');
    await wp.send({ type: 'playback', action: 'play' });
    const banner = wp.page.locator('.divergence');
    await banner.waitFor({ timeout: 5000 });
    assert.match(await banner.innerText(), /Diverged at step 37/);
    assert.match(await wp.page.locator('[data-metric=divergedAt] .metric-value').innerText(), /step 37/);
    const strings = await wp.allVisibleStrings();
    assert.doesNotMatch(strings, /NaN|Infinity/);
    await wp.screenshot('diverged-dark');
  });

  it('formats hostile numbers defensively (NaN/Infinity metrics from a host)', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false } });
    await wp.page.evaluate(() => {
      const host = window.__zzHost;
      const run = host.lastRun!;
      const metrics = {
        lockedFraction: NaN,
        pathEfficiency: Infinity,
        reversals: NaN,
        stepsToTarget: NaN,
        finalLoss: NaN,
        finalDistance: -Infinity,
        conditionNumber: Infinity,
        divergedAt: null,
      };
      host.revision += 1;
      host.send({
        type: 'run',
        revision: host.revision,
        run: { ...run, metrics, loss: new Float64Array(run.loss.length).fill(NaN) },
        raw: host.scenario,
      });
    });
    await wp.waitPainted(2);
    assert.doesNotMatch(await wp.allVisibleStrings(), /NaN|Infinity/);
  });
});
