// Plain SGD on one example a step, taken in example space (src/engine/exampleSpace.ts), against the same
// runs taken the explicit way (every update over all d weights, the geometry from the d-dimensional
// points): the same steps, losses, geometry, records and metrics within rounding; divergence at the same
// step with the same last good point; the explicit way taken from the step where the weights' bound can
// no longer be vouched for; and the run in pieces the same bits as in one go. (The runs against a
// reference written from the spec's definitions are test/engine/fanIn.test.ts's.)
import * as assert from 'node:assert/strict';
import { ExampleSpaceRun } from '../../src/engine/exampleSpace';
import { FanInNeuron } from '../../src/engine/fanIn';
import { complete, resolveScenario, simulate, trainerPieces, type Run, type Scenario } from '../../src/engine/index';

/** `s` run the explicit way: the model offers no run in example space. */
function explicitRun(s: Scenario): Run {
  const offered = Object.getOwnPropertyDescriptor(FanInNeuron.prototype, 'exampleSpaceRun')!;
  Object.defineProperty(FanInNeuron.prototype, 'exampleSpaceRun', { ...offered, value: () => null });
  try {
    return simulate(s, { records: true });
  } finally {
    Object.defineProperty(FanInNeuron.prototype, 'exampleSpaceRun', offered);
  }
}

/** Steps taken in example space while `run` runs. */
function stepsInExampleSpace(run: () => Run): { run: Run; steps: number } {
  const step = Object.getOwnPropertyDescriptor(ExampleSpaceRun.prototype, 'step')!;
  let steps = 0;
  Object.defineProperty(ExampleSpaceRun.prototype, 'step', {
    ...step,
    value(this: ExampleSpaceRun, ...args: Parameters<ExampleSpaceRun['step']>) {
      steps++;
      return (step.value as ExampleSpaceRun['step']).apply(this, args);
    },
  });
  try {
    return { run: run(), steps };
  } finally {
    Object.defineProperty(ExampleSpaceRun.prototype, 'step', step);
  }
}

/** Largest |a − b| / max(|a|, |b|, floor) over two arrays of the same length. */
function gap(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  assert.equal(a.length, b.length);
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i] - b[i]) / Math.max(floor, Math.abs(a[i]), Math.abs(b[i])));
  return most;
}

/** The two runs agree: integers exactly, numbers within `tolerance` (relative, or absolute below `floor`). */
function sameRun(ours: Run, explicit: Run, tolerance: number, floor = 1e-12): void {
  assert.equal(ours.stepsTaken, explicit.stepsTaken);
  assert.ok(gap(ours.trajectory, explicit.trajectory, floor) < tolerance, 'trajectory');
  assert.ok(gap(ours.loss, explicit.loss, floor) < tolerance, 'loss');
  assert.ok(gap(ours.finalWeights, explicit.finalWeights, floor) < tolerance, 'final weights');
  const g = ours.geometry!;
  const e = explicit.geometry!;
  assert.deepEqual(g.locked, e.locked, 'locked updates');
  // A step's length and its dot product with the last: the explicit way takes them from differences of
  // rounded points, each component off by up to an ulp of the point (|w| ≤ W), so they agree within
  // that rounding (√d·W·2⁻⁵¹ per update) besides the tolerance relative to the steps themselves.
  const d = explicit.finalWeights.length;
  const W = Math.max(1, ...explicit.finalWeights.map(Math.abs), ...explicit.trajectory.map(Math.abs));
  const rounding = 8 * Math.sqrt(d) * W * 2 ** -52;
  for (let t = 0; t < e.stepLength.length; t++) {
    const [L, before] = [e.stepLength[t], t > 0 ? e.stepLength[t - 1] : 0];
    assert.ok(Math.abs(g.stepLength[t] - L) <= tolerance * L + rounding, `step ${t}'s length: ${g.stepLength[t]} vs ${L}`);
    assert.ok(
      Math.abs(g.turn[t] - e.turn[t]) <= tolerance * L * before + rounding * (L + before),
      `step ${t}'s turn: ${g.turn[t]} vs ${e.turn[t]}`,
    );
  }
  assert.ok(gap(g.fromStart, e.fromStart, floor) < tolerance, 'distances from the start');
  if (e.toTarget2) assert.ok(gap(g.toTarget2!, e.toTarget2, Math.max(floor, 1e-9 * e.toTarget2[0])) < tolerance, 'distances to w*');
  const r = ours.records!;
  const x = explicit.records!;
  assert.deepEqual(r.gradientSigns, x.gradientSigns, "the gradient's sign pattern");
  assert.deepEqual(r.dLdfSigns, x.dLdfSigns, 'signs of dL/df');
  assert.ok(gap(r.gradient, x.gradient, floor) < tolerance, "the gradient's pair");
  assert.ok(gap(r.dLdf!, x.dLdf!, floor) < tolerance, 'dL/df');
  for (const k of ['lockedFraction', 'reversals', 'stepsToTarget', 'divergedAt', 'conditionNumber'] as const) {
    assert.equal(ours.metrics[k], explicit.metrics[k], k);
  }
  for (const k of ['pathEfficiency', 'finalLoss', 'finalDistance'] as const) {
    const [a, b] = [ours.metrics[k], explicit.metrics[k]];
    assert.ok(a === b || (a !== null && b !== null && Math.abs(a - b) <= tolerance * Math.max(Math.abs(b), 1e-9)), `${k}: ${a} vs ${b}`);
  }
}

describe('fan-in SGD on one example a step, in example space', () => {
  const cases: [string, Record<string, unknown>][] = [
    ["issue 21's drag: d = 784, N = 256, sigmoid", { inputs: { dimension: 784, count: 256 }, optimizer: { lr: 0.002 }, steps: 400 }],
    [
      'logistic loss, ReLU inputs',
      { inputs: { dimension: 60, count: 90, distribution: 'relu' }, loss: 'logistic', optimizer: { lr: 0.05 }, steps: 300 },
    ],
    [
      'cyclic order, more steps than inputs (r afresh every d steps)',
      { inputs: { dimension: 20, count: 100, distribution: 'uniform' }, order: 'cyclic', optimizer: { lr: 0.05 }, steps: 500 },
    ],
    [
      'centred tanh inputs: updates in many orthants, w* reached',
      { inputs: { dimension: 10, count: 50, distribution: 'tanh' }, optimizer: { lr: 0.1 }, steps: 300 },
    ],
    [
      'a target point off the pair, label noise, a zero input',
      {
        inputs: {
          distribution: 'points',
          points: [
            [1, 0, 2, 0.5],
            [0.3, 0.1, 0, 1],
            [0, 0, 0, 0],
            [2, 1, 1, 1],
            [0.5, 0.2, 0.7, 0.1],
          ],
        },
        labelNoise: 0.1,
        target: { point: [1, -1, 0.5, 2] },
        axes: [2, 0],
        steps: 200,
        optimizer: { lr: 0.1 },
      },
    ],
  ];
  for (const [name, input] of cases) {
    it(`${name}: the run the explicit way gives, within rounding`, () => {
      const s = resolveScenario(input);
      const { run, steps } = stepsInExampleSpace(() => simulate(s, { records: true }));
      assert.equal(steps, s.steps, 'every step in example space');
      sameRun(run, explicitRun(s), 1e-9);
    });
  }

  it('a diverging run stops at the same step and keeps the same last good point', () => {
    const s = resolveScenario({ inputs: { dimension: 30, count: 64 }, optimizer: { lr: 3 }, steps: 200 });
    const { run, steps } = stepsInExampleSpace(() => simulate(s, { records: true }));
    const explicit = explicitRun(s);
    assert.ok(explicit.metrics.divergedAt !== null && steps === explicit.metrics.divergedAt, 'it diverged in example space');
    sameRun(run, explicit, 1e-9);
  });

  it('a step whose weights’ bound it cannot vouch for (‖w₀‖∞ + ‖w − w₀‖ over it): the explicit way from there', () => {
    // A valid start is within ±10⁶ and the loss within its own bound long before ‖w − w₀‖ nears 10¹², so
    // the case is made by the step's answer: from step 40 on, no longer vouched for.
    const s = resolveScenario({ inputs: { dimension: 40, count: 60 }, optimizer: { lr: 0.05 }, steps: 150 });
    const step = Object.getOwnPropertyDescriptor(ExampleSpaceRun.prototype, 'step')!;
    Object.defineProperty(ExampleSpaceRun.prototype, 'step', {
      ...step,
      value(this: ExampleSpaceRun, t: number, record: Parameters<ExampleSpaceRun['step']>[1]) {
        const answer = (step.value as ExampleSpaceRun['step']).call(this, t, record);
        if (t >= 40) answer.vouched = false;
        return answer;
      },
    });
    let outcome: { run: Run; steps: number };
    try {
      outcome = stepsInExampleSpace(() => simulate(s, { records: true }));
    } finally {
      Object.defineProperty(ExampleSpaceRun.prototype, 'step', step);
    }
    assert.equal(outcome.steps, 41, 'steps 0 … 40 in example space, the rest the explicit way');
    sameRun(outcome.run, explicitRun(s), 1e-9);
  });

  it('in pieces (a new Gram column a piece of its own): the same bits as in one go', () => {
    const s = resolveScenario({ inputs: { dimension: 50, count: 30 }, loss: 'logistic', optimizer: { lr: 0.1 }, steps: 120 });
    const oneGo = simulate(s, { records: true });
    const trainer = complete(trainerPieces(s, { records: true }));
    const inPieces = complete(trainer.finishPieces());
    assert.deepEqual(inPieces.trajectory, oneGo.trajectory);
    assert.deepEqual(inPieces.loss, oneGo.loss);
    assert.deepEqual(inPieces.geometry, oneGo.geometry);
    assert.deepEqual(inPieces.records, oneGo.records);
    assert.deepEqual(inPieces.finalWeights, oneGo.finalWeights);
  });
});
