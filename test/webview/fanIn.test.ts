// A neuron with d > 2 inputs in the playground, in headless Chromium under the real CSP: the fan-in field
// posts a patch the engine takes (start and shifts resized), the pair control changes the plane (its axis
// titles, its contours, its one-line note), the arrow keys move the start within the shown pair only, the
// chain-rule strip states the sign pattern of all d components, and the ledger gives the theory's numbers
// or says why it does not apply. The host stand-in runs the engine; expected values are the stand-in's
// run's, checked by the test's own arithmetic.
import assert from 'node:assert/strict';
import type { RunView } from '../../src/shared/runModel';
import type { WebviewMessage } from '../../src/shared/protocol';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

const WIDE = {
  version: 1,
  inputs: { distribution: 'uniform', count: 64, dimension: 10 },
  target: { quadrant: 'nw', distance: 3 },
  optimizer: { name: 'sgd', lr: 0.05 },
  batchSize: 'full',
  steps: 300,
};

type Patch = Extract<WebviewMessage, { type: 'patch' }>['patch'];

async function lastPatch(wp: WebviewPage, count: number): Promise<Patch> {
  return ((await wp.waitPosted('patch', count)) as Extract<WebviewMessage, { type: 'patch' }>).patch;
}

/** The host stand-in's last run, as it sent it. */
function hostRun(wp: WebviewPage): Promise<Pick<RunView, 'axes' | 'dimension' | 'ledger' | 'metrics'> & { grid: number[] }> {
  return wp.page.evaluate(() => {
    const r = window.__zzHost.lastRun!;
    return { axes: r.axes, dimension: r.dimension, ledger: r.ledger, metrics: r.metrics, grid: Array.from(r.grid.values.slice(0, 64)) };
  });
}

const text = async (wp: WebviewPage, selector: string): Promise<string> => (await wp.page.locator(selector).textContent()) ?? '';

/** Sets a number field and commits it (Enter), as a user does. */
async function commit(wp: WebviewPage, name: string, value: string): Promise<void> {
  await wp.page.fill(`input[name=${name}]`, value);
  await wp.page.press(`input[name=${name}]`, 'Enter');
}

describe('fan-in d > 2', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('the fan-in field posts a d the engine takes, and the plane says it shows a pair of the d weights', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    const p = wp.page;
    assert.equal(await p.getAttribute('input[name=dimension]', 'min'), '2');
    assert.equal(await p.getAttribute('input[name=dimension]', 'max'), '1024');
    assert.equal(await p.locator('[data-testid=plane-note]').count(), 0, 'no note at d = 2');
    assert.equal(await p.locator('input[name=axisAcross]').count(), 0, 'no pair control at d = 2');
    const start = await p.evaluate(() => window.__zzHost.lastRun!.scenario.start);
    await commit(wp, 'dimension', '12');
    const patch = await lastPatch(wp, 1);
    assert.deepEqual(patch, {
      inputs: { dimension: 12, shift: 0 },
      start: [...start, ...new Array<number>(10).fill(0)],
    });
    await wp.waitPainted(2);
    assert.equal((await hostRun(wp)).dimension, 12);
    assert.match(
      await text(wp, '[data-testid=plane-note]'),
      /^w₁ and w₂ of 12 weights: the path projected onto them, the contours a slice of the loss through w\*/,
    );
    assert.equal(await p.inputValue('input[name=axisAcross]'), '1');
    assert.equal(await p.inputValue('input[name=axisUp]'), '2');
    // Back to two: the field is removed, and the scenario reads as v1 wrote it.
    await commit(wp, 'dimension', '2');
    assert.deepEqual(await lastPatch(wp, 2), { inputs: { dimension: null, shift: [0, 0] }, start });
    await wp.waitPainted(3);
    assert.equal(await p.locator('[data-testid=plane-note]').count(), 0);
    // Out of the catalog's range: the host's message, naming the field.
    await commit(wp, 'dimension', '1025');
    await p.locator('[data-testid=invalid]').waitFor();
    assert.match(await text(wp, '[data-testid=invalid]'), /inputs\.dimension must be an integer from 2 to 1024/);
  });

  it('the pair control changes the plane: axis titles, label, note and contours', async () => {
    wp = await openWebview({ scenario: WIDE, state: { cursor: 0, playing: false } });
    const p = wp.page;
    const before = await hostRun(wp);
    assert.deepEqual(before.axes, [0, 1]);
    await commit(wp, 'axisAcross', '7');
    assert.deepEqual(await lastPatch(wp, 1), { axes: [6, 1] });
    await wp.waitPainted(await wp.hostRevision());
    await wp.contoursSettled();
    const after = await hostRun(wp);
    assert.deepEqual(after.axes, [6, 1]);
    assert.notDeepEqual(after.grid, before.grid, 'a different slice of the loss');
    assert.match(await text(wp, '[data-testid=plane-note]'), /^w₇ and w₂ of 10 weights/);
    assert.match((await p.locator('.weight-plane').getAttribute('aria-label')) ?? '', /path in \(w₇, w₂\)/);
    const drawn = await wp.allVisibleStrings();
    assert.ok(drawn.includes('w₇'), 'the x axis is titled w₇ on the canvas');
    assert.match(await text(wp, '[data-testid=plot-description]'), /^Step 0 of [\d,]+: \(w₇, w₂\) = /);
    // The same weight twice is refused by the host, naming the field.
    await commit(wp, 'axisUp', '7');
    await p.locator('[data-testid=invalid]').waitFor();
    assert.match(await text(wp, '[data-testid=invalid]'), /^axes must be two distinct weight numbers from 0 to 9/);
  });

  it('the arrow keys move the start in the shown pair; every other weight keeps its value', async () => {
    wp = await openWebview({
      scenario: { ...WIDE, start: [0, 0, 0.5, 0, 0, 0, 0, 0, 0, -0.25], axes: [2, 4] },
      state: { cursor: 0, playing: false },
    });
    const plane = wp.page.locator('.weight-plane');
    await plane.focus();
    await wp.page.keyboard.press('ArrowRight');
    const m = (await wp.waitPosted('setStart')) as Extract<WebviewMessage, { type: 'setStart' }>;
    await wp.waitPainted(await wp.hostRevision());
    const start = await wp.page.evaluate(() => window.__zzHost.lastRun!.scenario.start);
    assert.ok(m.point[0] > 0.5, 'moved right along w₃');
    assert.equal(m.point[1], 0, 'not along w₅');
    assert.deepEqual(start, [0, 0, m.point[0], 0, m.point[1], 0, 0, 0, 0, -0.25]);
  });

  it('the chain-rule strip states the sign pattern of all d components', async () => {
    // All-positive inputs, one example a step: every component shares the sign of dL/df.
    wp = await openWebview({
      scenario: { ...WIDE, inputs: { distribution: 'sigmoid', count: 64, dimension: 10 }, batchSize: 1 },
      state: { cursor: 3, playing: false },
    });
    assert.match(
      await text(wp, '[data-testid=chain-rule-fan-in]'),
      /^10 of the 10 gradient components share the sign of ∂L\/∂f \(every input is positive\), 0 have the other sign\. The update lies in one of the 2 all-positive or all-negative orthants of the 2¹⁰\.$/,
    );
    // Zero-centred inputs in a batch: the mean's components split by sign, counted from the run's records.
    await wp.runScenario({ ...WIDE, inputs: { distribution: 'tanh', count: 64, dimension: 10 }, batchSize: 8 });
    const signs = await wp.page.evaluate(() => Array.from(window.__zzHost.lastRun!.records!.gradientSigns!.slice(6, 8)));
    assert.equal(
      await text(wp, '[data-testid=chain-rule-fan-in]'),
      `Of the 10 components of the batch's gradient, ${signs[0]} ${signs[0] === 1 ? 'is' : 'are'} positive and ${signs[1]} negative${signs[0] + signs[1] < 10 ? `, ${10 - signs[0] - signs[1]} ${10 - signs[0] - signs[1] === 1 ? 'is' : 'are'} 0` : ''}.` +
        (signs[0] === 0 || signs[1] === 0
          ? ' The update lies in one of the 2 all-positive or all-negative orthants of the 2¹⁰.'
          : ' The update is not locked to the all-positive or all-negative orthant.'),
    );
  });

  it('the ledger gives the theory for full-batch gradient descent, and says where it does not apply', async () => {
    wp = await openWebview({ scenario: WIDE, state: { cursor: 0, playing: false } });
    const row = (key: string) => text(wp, `[data-ledger=${key}] dd`);
    const { ledger, metrics } = await hostRun(wp);
    assert.ok(ledger.prediction && ledger.best && ledger.conditionNumber !== null);
    assert.match(await row('kappa'), /^\d/);
    const prediction = await row('prediction');
    assert.match(
      prediction,
      /^slowest direction shrinks ×0\.\d+ a step \(max\|1 − ηλ\|, η = 0\.05\): within 5 % of the start's distance by [\d,]+ steps at the latest; measured: /,
    );
    const predicted = Number(/by ([\d,]+) steps/.exec(prediction)![1].replace(/,/g, ''));
    assert.equal(predicted, ledger.prediction.steps);
    assert.ok(prediction.endsWith(metrics.stepsToTarget === null ? 'not reached in 300 steps' : `step ${metrics.stepsToTarget}`));
    assert.match(await row('best'), /^η = 2\/\(λmax \+ λmin\) = [\d.]+: ×0\.\d+ a step \(\(κ−1\)\/\(κ\+1\)\), [\d,]+ steps to 5 %$/);
    assert.match(await row('momentum'), /^×0\.\d+ a step \(\(√κ−1\)\/\(√κ\+1\)\) with η = /);

    await wp.runScenario({ ...WIDE, batchSize: 1 });
    assert.equal(
      await row('prediction'),
      'Batches of 1 example, not all of the data: each step follows a sample of the gradient, so the full-batch prediction does not apply.',
    );
    assert.equal(await wp.page.locator('[data-ledger=prediction].is-not-applicable').count(), 1);
    await wp.runScenario({ ...WIDE, optimizer: { name: 'adam', lr: 0.05 } });
    assert.match(
      await row('prediction'),
      /^Adam divides each step by the gradient's running size, weight by weight: the theory of a fixed step does not apply\.$/,
    );
    await wp.runScenario({ ...WIDE, loss: 'logistic' });
    assert.match(await row('prediction'), /^The logistic loss is not a quadratic bowl: the theory holds only near w\*/);
    assert.match(await row('best'), /^The logistic loss is not a quadratic bowl/);
    assert.doesNotMatch(await wp.allVisibleStrings(), /NaN|Infinity/);
  });

  it('an exercise fixes and frees the fan-in and pair controls', async () => {
    wp = await openWebview({ view: 'file', scenario: WIDE, state: { cursor: 0, playing: false } });
    const names = ['dimension', 'axisAcross', 'axisUp', 'shift'];
    const disabled = () =>
      wp.page.evaluate((n) => n.filter((name) => document.querySelector<HTMLInputElement>(`.controls [name=${name}]`)!.disabled), names);
    const exercise = { title: 'T', task: 'Do it.', goals: [], predict: [] };
    await wp.send({ type: 'exercise', view: { exercise: { ...exercise, editable: ['optimizer'] }, answers: {}, problem: null } });
    await wp.page.locator('input[name=dimension]:disabled').waitFor();
    assert.deepEqual(await disabled(), names);
    // The pair is free, the fan-in is not: a new d also resizes the start.
    await wp.send({ type: 'exercise', view: { exercise: { ...exercise, editable: ['axes', 'inputs'] }, answers: {}, problem: null } });
    await wp.page.locator('input[name=axisAcross]:enabled').waitFor();
    assert.deepEqual(await disabled(), ['dimension']);
    assert.match((await wp.page.getAttribute('input[name=dimension]', 'title')) ?? '', /^Fixed by the exercise \(start, target\)/);
  });
});
