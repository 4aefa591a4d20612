// A scenario file's exercise in its playground, in headless Chromium under the real CSP: the task above
// the plot (as text), the goals checked against the run shown, fixed controls disabled with their reason
// (read from Chromium's accessibility tree), the plane refusing to move a fixed start, predictions that
// hide the run until they are in and are then marked against it. The host stand-in computes the runs with
// the engine; the test plays the host's part for the exercise (what src/host/exerciseDocument.ts sends),
// and every expected value comes from the stand-in's run, compared by the test's own arithmetic.
import assert from 'node:assert/strict';
import type { Metrics } from '../../src/engine/types';
import { EDITABLE_PATHS } from '../../src/shared/exerciseFile';
import type { ExerciseView, WebviewMessage } from '../../src/shared/protocol';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

const SCENARIO = {
  version: 1,
  inputs: { distribution: 'sigmoid', count: 64 },
  target: { quadrant: 'nw', distance: 3 },
  optimizer: { name: 'sgd', lr: 0.5 },
  batchSize: 1,
  steps: 200,
};

type Exercise = NonNullable<ExerciseView['exercise']>;
const exercise = (e: Partial<Exercise>): Exercise => ({ title: 'T', task: 'Do it.', editable: [], goals: [], predict: [], ...e });

async function showExercise(wp: WebviewPage, e: Exercise, answers: Record<string, number> = {}): Promise<void> {
  await wp.send({ type: 'exercise', view: { exercise: e, answers, problem: null } });
  await wp.page.locator('[data-testid=exercise]').waitFor();
}

async function hostMetrics(wp: WebviewPage): Promise<Metrics> {
  return wp.page.evaluate(() => window.__zzHost.lastRun!.metrics);
}

/** Chromium's accessibility node for the first element matching `selector`: its disabled state and description. */
async function accessibility(wp: WebviewPage, selector: string): Promise<{ disabled: boolean; description: string; name: string }> {
  const cdp = await wp.page.context().newCDPSession(wp.page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })) as { nodeId: number };
    assert.ok(nodeId, `no element ${selector}`);
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
      nodes: { name?: { value: string }; description?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[];
    };
    const node = nodes[0];
    return {
      disabled: node.properties?.some((p) => p.name === 'disabled' && p.value.value === true) ?? false,
      description: node.description?.value ?? '',
      name: node.name?.value ?? '',
    };
  } finally {
    await cdp.detach();
  }
}

async function planeBox(wp: WebviewPage) {
  const box = await wp.page.locator('.weight-plane .u-over').boundingBox();
  assert.ok(box, 'the plane has an input layer');
  return box;
}

const painted = (wp: WebviewPage) =>
  wp.page.evaluate(() => {
    const d = document.getElementById('root')!.dataset;
    return { start: d.paintedStart, end: d.paintedEnd, revision: Number(d.paintedRevision) };
  });

describe('an exercise in its scenario file playground', function () {
  this.timeout(60_000);
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('shows the task above the plot as plain text, line breaks kept, markup not interpreted', async () => {
    wp = await openWebview({ view: 'file', scenario: SCENARIO });
    const task = 'Predict <b>first</b> & then run.\nSecond line: <img src=x onerror=alert(1)>';
    await showExercise(wp, exercise({ title: 'Lock <i>it</i>', task, editable: ['batchSize'] }));
    const shown = wp.page.locator('[data-testid=exercise-task]');
    assert.equal(await shown.textContent(), task);
    assert.equal(await wp.page.locator('.exercise b, .exercise img, .exercise i').count(), 0, 'no element made from the text');
    assert.equal(await shown.evaluate((el) => (el as HTMLElement).innerText.split('\n').length), 2, 'its line break is kept');
    assert.equal(await wp.page.locator('#exercise-title').textContent(), 'Exercise: Lock <i>it</i>');
    const taskBox = (await shown.boundingBox())!;
    const plane = await planeBox(wp);
    assert.ok(taskBox.y + taskBox.height <= plane.y, 'the task is above the plot');
  });

  it("checks the goals against the whole run's metrics, and follows the run when an editable field changes", async () => {
    wp = await openWebview({ view: 'file', scenario: SCENARIO, state: { cursor: 20, playing: false } });
    await showExercise(
      wp,
      exercise({
        editable: ['batchSize'],
        goals: [
          { metric: 'reversals', atMost: 10 },
          { metric: 'lockedFraction', atLeast: 0.9 },
          { metric: 'divergedAt', is: null },
        ],
      }),
    );
    const rows = wp.page.locator('.exercise-goals li');
    const check = async (what: string): Promise<void> => {
      const m = await hostMetrics(wp);
      const wanted = [m.reversals <= 10, m.lockedFraction >= 0.9, m.divergedAt === null].map(String);
      await wp.page.waitForFunction(
        (w) => [...document.querySelectorAll<HTMLElement>('.exercise-goals li')].map((li) => li.dataset.met).join() === w.join(),
        wanted,
      );
      const actual = await rows.locator('[data-testid=goal-actual]').allTextContents();
      assert.equal(actual[0], m.reversals.toLocaleString('en-US'), `${what}: reversals of the whole run`);
      assert.equal(Number(actual[1].split(' ')[0]), Number(m.lockedFraction.toPrecision(3)), `${what}: the locked share`);
      assert.equal(actual[2], 'never');
    };
    // The animation shows step 20, the checklist the whole run (and says so).
    await check('one example per step');
    assert.match((await wp.page.locator('[data-testid=goal-scope]').textContent()) ?? '', /whole run \(all 200 steps\)/);
    const first = await hostMetrics(wp);
    await wp.page.selectOption('select[name=batchSize]', '64');
    await wp.page.waitForFunction(() => window.__zzHost.lastRun?.scenario.batchSize === 64);
    await wp.waitPainted(await wp.hostRevision());
    assert.notEqual((await hostMetrics(wp)).reversals, first.reversals, 'the batch changes the run');
    await check('a batch of 64');
  });

  it('shows fixed controls disabled, with the reason on hover and in their accessible description', async () => {
    wp = await openWebview({ view: 'file', scenario: SCENARIO });
    await showExercise(wp, exercise({ editable: ['batchSize', 'optimizer.lr'] }));
    const note = await wp.page.locator('[data-testid=lock-note]').textContent();
    assert.equal(note, 'This exercise lets you change only batchSize, optimizer.lr. The greyed-out controls are fixed by the exercise.');
    for (const name of ['batchSize', 'lr']) {
      const a = await accessibility(wp, `[name=${name}]`);
      assert.equal(a.disabled, false, `${name} is editable`);
    }
    for (const selector of [
      'select[name=optimizer]',
      'select[name=distribution]',
      'input[name=center]',
      'input[name=steps]',
      'select[name=quadrant]',
      'button[name=reset]',
    ]) {
      const a = await accessibility(wp, selector);
      assert.equal(a.disabled, true, `${selector} is disabled`);
      assert.ok(a.description.includes(note!), `${selector}'s description gives the reason: ${a.description}`);
      const title = await wp.page.locator(selector).getAttribute('title');
      assert.ok(title && /exercise/.test(title), `${selector} has the reason as its tooltip: ${title}`);
    }
    assert.equal(
      await wp.page.locator('select[name=optimizer]').getAttribute('title'),
      'Fixed by the exercise (optimizer.name). This exercise lets you change only batchSize, optimizer.lr.',
    );
    // A click on a disabled control does nothing (the host would refuse the change anyway: exerciseGuard.ts).
    await wp.page.locator('select[name=optimizer]').click({ force: true });
    await wp.page.keyboard.press('ArrowDown');
    assert.equal((await wp.posted('patch')).length, 0);
    // Fail closed: an exercise that frees nothing fixes every control on the page; one that frees every
    // field the format has frees every control (so each control's fields, locks.ts CONTROL_FIELDS, are real).
    const controls = (state: 'enabled' | 'disabled') =>
      wp.page.evaluate(
        (st) =>
          [...document.querySelectorAll<HTMLInputElement>('.controls [name]')]
            .filter((e) => (st === 'disabled') === e.disabled)
            .map((e) => e.name),
        state,
      );
    await showExercise(wp, exercise({ editable: [] }));
    await wp.page.locator('select[name=batchSize]:disabled').waitFor();
    assert.deepEqual(await controls('enabled'), []);
    assert.ok((await controls('disabled')).length >= 12);
    await showExercise(wp, exercise({ editable: [...EDITABLE_PATHS] }));
    await wp.page.locator('select[name=optimizer]:enabled').waitFor();
    assert.deepEqual(await controls('disabled'), ['reset'], 'only Reset, which would remove the exercise');
    // An exercise the host cannot read: its message, and nothing may change.
    await wp.send({ type: 'exercise', view: { exercise: null, answers: {}, problem: 'ex.zigzag.json: exercise.title is required' } });
    await wp.page.locator('[data-testid=exercise-problem]').waitFor();
    assert.match((await wp.page.locator('[data-testid=exercise-problem]').textContent()) ?? '', /exercise\.title is required$/);
    assert.deepEqual(await controls('enabled'), []);
    // Without an exercise (the host says so) every control is back.
    await wp.send({ type: 'exercise', view: { exercise: null, answers: {}, problem: null } });
    await wp.page.locator('select[name=optimizer]:enabled').waitFor();
    assert.equal(await wp.page.locator('[data-testid=lock-note]').count(), 0);
  });

  it('refuses to move a fixed start (pointer and arrow keys) but moves an editable target', async () => {
    wp = await openWebview({ view: 'file', scenario: SCENARIO, state: { cursor: 0, playing: false } });
    await showExercise(wp, exercise({ editable: ['target'] }));
    const plane = wp.page.locator('.weight-plane');
    assert.match((await plane.getAttribute('title')) ?? '', /^Fixed by the exercise \(start\)\./);
    assert.match((await plane.getAttribute('aria-label')) ?? '', /drag the target to move it\. Fixed by the exercise \(start\)/);
    assert.doesNotMatch((await plane.getAttribute('aria-label')) ?? '', /set the starting point/);
    const before = await painted(wp);
    // A press away from the target and a drag: the start stays.
    const box = await planeBox(wp);
    const { mouse } = wp.page;
    await mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.8);
    await mouse.down();
    for (let i = 1; i <= 4; i++) await mouse.move(box.x + box.width * (0.8 - 0.1 * i), box.y + box.height * 0.8);
    await mouse.up();
    // The arrow keys move the target, the only marker this exercise lets move.
    await plane.focus();
    await wp.page.keyboard.press('ArrowLeft');
    const moved = (await wp.waitPosted('setTarget')) as Extract<WebviewMessage, { type: 'setTarget' }>;
    assert.equal((await wp.posted('setStart')).length, 0, 'no new start was sent');
    await wp.waitPainted(await wp.hostRevision());
    const after = await painted(wp);
    assert.equal(after.start, before.start, 'the start drawn is where it was');
    assert.ok(moved.point.every(Number.isFinite));

    // Nothing movable: the plane is a picture, and says why.
    await showExercise(wp, exercise({ editable: ['batchSize'] }));
    await wp.page.waitForFunction(() => document.querySelector('.weight-plane')?.getAttribute('role') === 'img');
    assert.equal(await plane.getAttribute('tabindex'), null, 'not in the tab order');
    await mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    assert.equal((await wp.posted('setStart')).length + (await wp.posted('setTarget')).length, 1, 'only the earlier target move');
  });

  it('hides the run until every prediction is entered, then marks each against the run', async () => {
    wp = await openWebview({ view: 'file', scenario: SCENARIO });
    const predict = [
      { id: 'locked', question: 'What share of the updates is locked?', metric: 'lockedFraction' as const, plusMinus: 0.05 },
      { id: 'reversals', question: 'How many reversals?', metric: 'reversals' as const, within: 0.1 },
    ];
    const e = exercise({ editable: ['batchSize'], goals: [{ metric: 'reversals', atMost: 10 }], predict });
    await showExercise(wp, e);
    const hidden = async (): Promise<void> => {
      await wp.page.locator('[data-testid=concealed-run]').waitFor();
      assert.equal(await wp.page.locator('.loss-chart, .metrics-panel, .playback, .chain-rule, [data-testid=plot-description]').count(), 0);
      assert.equal(await wp.page.locator('[data-testid=goal-actual]').count(), 0, 'no goal value');
      // The concealment repaints the plane in the next frame: wait for that paint, then read it.
      await wp.page
        .waitForFunction(
          () => {
            const d = document.getElementById('root')!.dataset;
            return d.paintedEnd === d.paintedStart;
          },
          undefined,
          { timeout: 10_000 },
        )
        .catch(() => undefined);
      const p = await painted(wp);
      assert.equal(p.end, p.start, 'the plane draws no path');
    };
    await hidden();

    // An empty or non-numeric answer is named and nothing is sent.
    await wp.page.fill('input[name=answer-locked]', '0.9');
    await wp.page.fill('input[name=answer-reversals]', '');
    await wp.page.click('.exercise-predict button[type=submit]');
    assert.equal(await wp.page.locator('input[name=answer-reversals]').getAttribute('aria-invalid'), 'true');
    assert.equal(await wp.page.locator('.exercise-answer[data-prediction=reversals] .invalid').textContent(), 'Enter a number.');
    assert.equal((await wp.posted('answers')).length, 0);
    await hidden();

    const m = await hostMetrics(wp);
    const goodReversals = Math.round(m.reversals * 1.05);
    await wp.page.fill('input[name=answer-reversals]', String(goodReversals));
    await wp.page.press('input[name=answer-reversals]', 'Enter');
    const sent = (await wp.waitPosted('answers')) as Extract<WebviewMessage, { type: 'answers' }>;
    assert.deepEqual(sent.answers, { locked: 0.9, reversals: goodReversals }, 'every answer in one message');
    await hidden();

    // The host writes them and says so: the run shows, each prediction marked against it.
    await showExercise(wp, e, sent.answers);
    await wp.page.locator('.metrics-panel').waitFor();
    await wp.page.locator('.loss-chart').waitFor();
    await wp.page.locator('.playback').waitFor();
    const p = await painted(wp);
    assert.notEqual(p.end, p.start, 'the path is drawn');
    const marks = async (): Promise<Record<string, string>> =>
      wp.page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLElement>('.exercise-marks li')].map((li): [string, string] => [
            li.dataset.prediction ?? '',
            li.dataset.passed ?? '',
          ]),
        ),
      );
    const expected = (metrics: Metrics) => ({
      locked: String(Math.abs(0.9 - metrics.lockedFraction) <= 0.05),
      reversals: String(Math.abs(goodReversals - metrics.reversals) <= 0.1 * Math.abs(metrics.reversals)),
    });
    assert.deepEqual(await marks(), expected(m));
    assert.equal(expected(m).reversals, 'true', 'within 10% of the true count');
    assert.equal(
      await wp.page.locator('.exercise-marks li[data-prediction=reversals] [data-testid=actual]').textContent(),
      m.reversals.toLocaleString('en-US'),
    );

    // A changed scenario hides nothing: the marks follow the new run.
    await wp.page.selectOption('select[name=batchSize]', '16');
    await wp.page.waitForFunction(() => window.__zzHost.lastRun?.scenario.batchSize === 16);
    await wp.waitPainted(await wp.hostRevision());
    const m16 = await hostMetrics(wp);
    await wp.page.waitForFunction(
      (r) => document.querySelector('.exercise-marks li[data-prediction=reversals] [data-testid=actual]')?.textContent === r,
      m16.reversals.toLocaleString('en-US'),
    );
    assert.deepEqual(await marks(), expected(m16));
    assert.equal(await wp.page.locator('[data-testid=concealed-run]').count(), 0);

    // Undo of the answers (the host's exercise without them) asks again.
    await showExercise(wp, e, {});
    await hidden();
  });
});
