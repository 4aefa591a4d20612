// Controls post the right scenario patches; the host's answer (a run or `invalid`) shows up.
import assert from 'node:assert/strict';
import type { WebviewMessage } from '../../src/shared/protocol';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

type Patch = Extract<WebviewMessage, { type: 'patch' }>['patch'];

async function lastPatch(wp: WebviewPage, count: number): Promise<Patch> {
  const m = (await wp.waitPosted('patch', count)) as Extract<WebviewMessage, { type: 'patch' }>;
  return m.patch;
}

/** Moves a range input to `value` the way a user's drag does: value change + input event. */
async function slide(wp: WebviewPage, selector: string, value: number): Promise<void> {
  await wp.page.locator(selector).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

describe('controls', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('post patches in the v1 scenario format', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false }, autoHost: false });
    const p = wp.page;
    await p.selectOption('select[name=distribution]', 'tanh');
    assert.deepEqual(await lastPatch(wp, 1), { inputs: { distribution: 'tanh' } });
    await p.check('input[name=center]');
    assert.deepEqual(await lastPatch(wp, 2), { inputs: { center: true } });
    await p.selectOption('select[name=batchSize]', '32');
    assert.deepEqual(await lastPatch(wp, 3), { batchSize: 32 });
    await p.selectOption('select[name=batchSize]', 'full');
    assert.deepEqual(await lastPatch(wp, 4), { batchSize: 'full' });
    await p.selectOption('select[name=optimizer]', 'adam');
    assert.deepEqual(await lastPatch(wp, 5), { optimizer: { name: 'adam' } });
    await p.fill('input[name=steps]', '50');
    await p.press('input[name=steps]', 'Enter');
    assert.deepEqual(await lastPatch(wp, 6), { steps: 50 });
    await p.fill('input[name=seed]', '7');
    await p.locator('input[name=seed]').blur();
    assert.deepEqual(await lastPatch(wp, 7), { seed: 7 });
    await p.selectOption('select[name=quadrant]', 'ne');
    assert.deepEqual(await lastPatch(wp, 8), { target: { quadrant: 'ne', distance: 3, point: null } });
    await p.fill('input[name=shift1]', '-0.5');
    await p.press('input[name=shift1]', 'Tab');
    assert.deepEqual(await lastPatch(wp, 9), { inputs: { shift: [-0.5, 0] } });
    // Text that is not a number reverts and sends nothing.
    await p.fill('input[name=distance]', '');
    await p.press('input[name=distance]', 'Tab');
    assert.equal((await wp.posted('patch')).length, 9);
    assert.equal(await p.inputValue('input[name=distance]'), '3');
  });

  it('map the log learning-rate slider to η', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false }, autoHost: false });
    await slide(wp, 'input[name=lr]', -1);
    assert.deepEqual(await lastPatch(wp, 1), { optimizer: { lr: 0.1 } });
    await slide(wp, 'input[name=lr]', -2.5);
    assert.deepEqual(await lastPatch(wp, 2), { optimizer: { lr: 0.0032 } });
    await slide(wp, 'input[name=lr]', 0.5);
    assert.deepEqual(await lastPatch(wp, 3), { optimizer: { lr: 3.2 } });
    assert.equal(await wp.page.locator('.field-slider output').innerText(), '3.2');
    // Keyboard: one slider step (0.02 decades) left of η = 0.5, which the host still has (no patch for it).
    await slide(wp, 'input[name=lr]', Math.log10(0.5));
    await wp.page.locator('input[name=lr]').press('ArrowLeft');
    assert.deepEqual(await lastPatch(wp, 4), { optimizer: { lr: 0.48 } });
  });

  it('re-render from the host’s answer: tanh inputs unlock the signs', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false } });
    const locked = () => wp.page.locator('[data-metric=lockedFraction] .metric-value').innerText();
    assert.equal(await locked(), '100%');
    await wp.page.selectOption('select[name=distribution]', 'tanh');
    await wp.waitPainted(2);
    assert.notEqual(await locked(), '100%');
    assert.equal(await wp.page.inputValue('select[name=distribution]'), 'tanh');
  });

  it('show the host’s validation error next to the controls and keep the last good plot', async () => {
    wp = await openWebview({ state: { cursor: 1e9, playing: false } });
    await wp.contoursSettled();
    const before = await wp.canvasStats('.weight-plane', [wp.colour('--vscode-charts-orange')]);
    // The real engine rejects 0 steps; the host stand-in forwards its message.
    await wp.page.fill('input[name=steps]', '0');
    await wp.page.press('input[name=steps]', 'Enter');
    const invalid = wp.page.locator('[data-testid=invalid]');
    await invalid.waitFor();
    assert.match(await invalid.innerText(), /steps/);
    assert.equal(await wp.paintedRevision(), 1);
    const after = await wp.canvasStats('.weight-plane', [wp.colour('--vscode-charts-orange')]);
    assert.equal(after.colours[0].count, before.colours[0].count, 'the plot changed after an invalid patch');
    // A message sent directly, then a good run clears it.
    await wp.send({ type: 'invalid', message: 'optimizer.lr must be a finite number > 0, got -1' });
    await wp.page.getByText('optimizer.lr must be a finite number > 0, got -1').waitFor();
    await wp.page.fill('input[name=steps]', '60');
    await wp.page.press('input[name=steps]', 'Enter');
    await wp.waitPainted(2);
    assert.equal(await invalid.count(), 0);
  });

  it('are all labelled and reachable by keyboard', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false, expanded: { model: true } } });
    await wp.page.selectOption('select[name=model]', 'function');
    await wp.waitPainted(2);
    const unlabelled = await wp.page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, button, [tabindex]'))
        .filter((el) => {
          const named = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.length || el.textContent?.trim();
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabelled, []);
    // Tab order reaches the plot, the playback buttons and every expanded control.
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await wp.page.keyboard.press('Tab');
      reached.add(
        await wp.page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          if (el.classList.contains('weight-plane')) return 'plot';
          return el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.className;
        }),
      );
    }
    for (const name of ['Play', 'model', 'preset', 'expression', 'optimizer', 'lr', 'steps', 'seed']) {
      assert.ok(reached.has(name), `Tab never reached ${name}: ${[...reached].join(', ')}`);
    }
    assert.ok(reached.has('plot'), 'Tab never reached the plot');
  });

  it('switch the model to a function preset and to an expression', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false, expanded: { model: true } } });
    await wp.page.selectOption('select[name=model]', 'function');
    assert.deepEqual(await lastPatch(wp, 1), { model: 'function', function: { preset: 'rotated', expression: null }, target: null });
    await wp.waitPainted(2);
    await wp.page.selectOption('select[name=preset]', 'rosenbrock');
    assert.deepEqual(await lastPatch(wp, 2), { function: { preset: 'rosenbrock', expression: null }, target: null });
    await wp.waitPainted(3);
    await wp.page.fill('input[name=expression]', 'w1^2 + 10*w2^2');
    await wp.page.press('input[name=expression]', 'Enter');
    assert.deepEqual(await lastPatch(wp, 3), { function: { expression: 'w1^2 + 10*w2^2', preset: null } });
    await wp.waitPainted(4);
    assert.equal(await wp.page.locator('[data-testid=invalid]').count(), 0);
    assert.match(await wp.text(), /applies to the neuron model/);
    // Back to a preset after an expression, and back to the neuron: each patch is valid for the host.
    await wp.page.selectOption('select[name=preset]', 'himmelblau');
    await wp.waitPainted(5);
    await wp.page.selectOption('select[name=model]', 'neuron');
    await wp.waitPainted(6);
    assert.equal(await wp.page.locator('[data-testid=invalid]').count(), 0);
    // A dragged (point) target, then a quadrant again.
    await wp.page.evaluate(() => window.__zzHost.receive({ type: 'setTarget', point: [-1, 2] }));
    await wp.waitPainted(7);
    assert.equal(await wp.page.inputValue('select[name=quadrant]'), 'custom');
    await wp.page.selectOption('select[name=quadrant]', 'sw');
    await wp.waitPainted(8);
    assert.equal(await wp.page.locator('[data-testid=invalid]').count(), 0);
    assert.equal(await wp.page.inputValue('select[name=quadrant]'), 'sw');
  });
});
