// The neuron with d > 2 inputs: the scenario fields, the run against a reference written from the spec's
// definitions (per-example gradients, the update rules, the full-data loss and every metric computed
// from the whole d-dimensional trajectory), the loss followed through Gram columns against the loss
// computed afresh, the slice the plane shows, and the fan-in code at d = 2 against the plane's neuron.
import * as assert from 'node:assert/strict';
import { BatchSchedule } from '../../src/engine/batches';
import { generateFanInData, generateInputMatrix, labelsOf, sigmoid } from '../../src/engine/data';
import { FanInNeuron } from '../../src/engine/fanIn';
import { LIMITS, ScenarioError, createModel, resolveScenario, simulate, targetOf, type Scenario } from '../../src/engine/index';
import { createOptimizer } from '../../src/engine/optimizers';
import { createProblem } from '../../src/engine/simulate';
import { lossSlice } from '../../src/engine/slice';
import { softplus } from '../../src/engine/portableMath';
import { complete } from '../../src/engine/pieces';
import { extremeEigenvalues, scaledGramPieces } from '../../src/engine/symmetric';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** Asserts resolving `input` fails naming `field` with a message matching `pattern`. */
function rejects(input: unknown, field: string, pattern: RegExp): void {
  assert.throws(
    () => resolveScenario(input),
    (e: unknown) => {
      assert.ok(e instanceof ScenarioError, String(e));
      assert.equal(e.field, field, e.message);
      assert.match(e.message, pattern);
      return true;
    },
  );
}

describe('fan-in: the scenario', () => {
  it('inputs.dimension gives d: start, shift and w* have d numbers; the target acts on the shown pair', () => {
    const s = resolveScenario({ inputs: { dimension: 5, shift: 0.5 }, axes: [3, 1], target: { quadrant: 'nw', distance: 2 } });
    assert.deepEqual(s.start, [0, 0, 0, 0, 0]);
    assert.deepEqual(s.inputs.shift, [0.5, 0.5, 0.5, 0.5, 0.5]);
    const w = targetOf(s)!;
    assert.deepEqual(w.slice(0, 3), [0, Math.SQRT2, 0]);
    assert.ok(Math.abs(w[3] + Math.SQRT2) < 1e-15 && w[4] === 0);
    const points = resolveScenario({ inputs: { distribution: 'points', points: [[1, 2, 3]] } });
    assert.equal(points.inputs.dimension, 3);
  });

  it('errors name the field and say what d wants', () => {
    rejects({ inputs: { dimension: 1 } }, 'inputs.dimension', /an integer from 2 to 1024, got 1/);
    rejects({ inputs: { dimension: 1025 } }, 'inputs.dimension', /an integer from 2 to 1024/);
    rejects({ inputs: { dimension: 3 }, start: [1, 2] }, 'start', /a list of 3 finite numbers \(one per input\)/);
    rejects({ inputs: { dimension: 3, shift: [1, 2] } }, 'inputs.shift', /a list of 3 finite numbers/);
    rejects({ inputs: { dimension: 3 }, target: { point: [1, 2] } }, 'target.point', /a list of 3 finite numbers/);
    rejects(
      { inputs: { distribution: 'points', points: [[1, 2, 3]], dimension: 4 } },
      'inputs.dimension',
      /is 4 but inputs.points has rows of 3 inputs/,
    );
    rejects(
      {
        inputs: {
          distribution: 'points',
          points: [
            [1, 2, 3],
            [1, 2],
          ],
        },
      },
      'inputs.points[1]',
      /a list of 3 finite numbers/,
    );
    rejects({ inputs: { dimension: 3 }, axes: [0, 3] }, 'axes', /two distinct weight numbers from 0 to 2/);
    rejects({ axes: [1, 1] }, 'axes', /two distinct weight numbers from 0 to 1/);
    rejects({ model: 'function', function: { preset: 'beale' }, axes: [0, 2] }, 'axes', /from 0 to 1/);
    rejects({ inputs: { dimension: 784, count: 100_000 } }, 'inputs.count', /78,400,000 numbers; the data may hold at most 16,777,216/);
    assert.equal(resolveScenario({ inputs: { dimension: 1024, count: Math.floor(LIMITS.maxValues / 1024) } }).inputs.dimension, 1024);
  });
});

/**
 * The spec's run, written from its definitions with nothing shared but the data and the update rules:
 * per-example gradients summed over the batch, the full-data loss summed example by example, w kept whole.
 */
function reference(s: Scenario): { w: Float64Array[]; loss: number[] } {
  const d = s.inputs.dimension;
  const wStar = targetOf(s)!;
  const x = generateInputMatrix(s.inputs, s.seed);
  const y = labelsOf(x, d, s, wStar);
  const n = x.length / d;
  const B = s.batchSize === 'full' ? n : s.batchSize;
  const schedule = new BatchSchedule(n, B, s.order, s.seed);
  const f = (w: Float64Array, i: number): number => {
    let v = 0;
    for (let j = 0; j < d; j++) v += w[j] * x[i * d + j];
    return v;
  };
  const lossAt = (w: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = f(w, i);
      sum += s.loss === 'mse' ? 0.5 * (v - y[i]) ** 2 : softplus(v) - y[i] * v;
    }
    return sum / n;
  };
  const optimizer = createOptimizer(s.optimizer, d);
  const w = Float64Array.from(s.start);
  const out = { w: [Float64Array.from(w)], loss: [lossAt(w)] };
  const g = new Float64Array(d);
  for (let t = 0; t < s.steps; t++) {
    g.fill(0);
    for (let k = 0; k < B; k++) {
      const i = schedule.index(t, k);
      const v = f(w, i);
      const r = s.loss === 'mse' ? v - y[i] : sigmoid(v) - y[i];
      for (let j = 0; j < d; j++) g[j] += (r * x[i * d + j]) / B;
    }
    optimizer.step(w, g, t + 1);
    out.w.push(Float64Array.from(w));
    out.loss.push(lossAt(w));
  }
  return out;
}

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, j) => s + v * b[j], 0);
const norm = (a: Float64Array): number => Math.sqrt(dot(a, a));
const minus = (a: Float64Array, b: ArrayLike<number>): Float64Array => a.map((v, j) => v - b[j]);

/** The spec's metrics for d > 2 from the whole trajectory. */
function referenceMetrics(w: Float64Array[], wStar: Float64Array) {
  const K = w.length - 1;
  const steps = Array.from({ length: K }, (_, t) => minus(w[t + 1], w[t]));
  const radius = 0.05 * norm(minus(w[0], wStar));
  let reached: number | null = null;
  for (let t = 1; t <= K && reached === null; t++) if (norm(minus(w[t], wStar)) <= radius) reached = t;
  const s = reached ?? K;
  const locked = steps.filter((u) => {
    const nonzero = [...u].filter((v) => v !== 0);
    return nonzero.length > 0 && (nonzero.every((v) => v > 0) || nonzero.every((v) => v < 0));
  }).length;
  let reversals = 0;
  let length = 0;
  for (let t = 0; t < K; t++) {
    if (t >= 1 && t + 1 <= s && dot(steps[t], steps[t - 1]) < 0) reversals++;
    if (t < s) length += norm(steps[t]);
  }
  return {
    lockedFraction: K > 0 ? locked / K : 0,
    pathEfficiency: length > 0 ? norm(minus(w[s], w[0])) / length : 1,
    reversals,
    stepsToTarget: reached,
    finalDistance: norm(minus(w[K], wStar)),
  };
}

describe('fan-in: runs against the spec’s definitions', () => {
  const cases: [string, object][] = [
    ['sgd, one example per step, sigmoid inputs', { inputs: { dimension: 6 }, steps: 300 }],
    [
      'momentum, batch 3, cyclic',
      { inputs: { dimension: 4, distribution: 'relu', count: 50 }, batchSize: 3, optimizer: { name: 'momentum', lr: 0.05 }, steps: 200 },
    ],
    [
      'nesterov, shuffled batches of 5',
      { inputs: { dimension: 8, count: 40 }, batchSize: 5, order: 'shuffle', optimizer: { name: 'nesterov', lr: 0.2 }, steps: 150 },
    ],
    [
      'adam, full batch, centred and shifted',
      {
        inputs: { dimension: 5, center: true, shift: [0.1, 0, -0.2, 0.3, 0] },
        batchSize: 'full',
        optimizer: { name: 'adam', lr: 0.05 },
        steps: 120,
      },
    ],
    ['adagrad, logistic', { inputs: { dimension: 3, count: 64 }, loss: 'logistic', optimizer: { name: 'adagrad', lr: 0.3 }, steps: 100 }],
    [
      'rmsprop, logistic, batch 7',
      {
        inputs: { dimension: 7, distribution: 'gaussian', count: 70 },
        loss: 'logistic',
        batchSize: 7,
        optimizer: { name: 'rmsprop', lr: 0.01 },
        steps: 100,
      },
    ],
    [
      'sgd, label noise, target point',
      { inputs: { dimension: 3, count: 30 }, labelNoise: 0.2, target: { point: [1, -2, 0.5] }, start: [0.5, 0.5, 0.5], steps: 300 },
    ],
    [
      'sgd, more inputs than examples',
      { inputs: { dimension: 40, count: 25, distribution: 'uniform' }, optimizer: { lr: 0.05 }, axes: [7, 2], steps: 400 },
    ],
  ];
  for (const [name, raw] of cases) {
    it(name, () => {
      const s = resolveScenario(raw);
      const run = simulate(s, { records: true });
      const ref = reference(s);
      const [a, b] = s.axes;
      assert.equal(run.stepsTaken, s.steps);
      for (let t = 0; t <= s.steps; t++) {
        assert.ok(
          rel(run.trajectory[2 * t], ref.w[t][a]) < 1e-9 && rel(run.trajectory[2 * t + 1], ref.w[t][b]) < 1e-9,
          `w_${t} on the pair`,
        );
        assert.ok(rel(run.loss[t], ref.loss[t]) < 1e-9, `loss[${t}] ${run.loss[t]} vs ${ref.loss[t]}`);
      }
      for (let j = 0; j < s.inputs.dimension; j++) assert.ok(rel(run.finalWeights[j], ref.w[s.steps][j]) < 1e-9, `final w_${j}`);
      const m = referenceMetrics(ref.w, Float64Array.from(targetOf(s)!));
      assert.equal(run.metrics.lockedFraction, m.lockedFraction);
      assert.equal(run.metrics.reversals, m.reversals);
      assert.equal(run.metrics.stepsToTarget, m.stepsToTarget);
      assert.ok(rel(run.metrics.pathEfficiency, m.pathEfficiency) < 1e-9);
      assert.ok(rel(run.metrics.finalDistance!, m.finalDistance) < 1e-9);
      // The chain-rule records: the pair's gradient, and the sign pattern over all d components.
      const r = run.records!;
      const signs = r.gradientSigns!;
      for (let t = 0; t < s.steps; t++) {
        const g = minus(ref.w[t], ref.w[t + 1]); // −Δw: for sgd the gradient's direction, scaled by η
        if (s.optimizer.name === 'sgd') {
          assert.equal(signs[2 * t], [...g].filter((v) => v > 0).length);
          assert.equal(signs[2 * t + 1], [...g].filter((v) => v < 0).length);
        }
        assert.ok(signs[2 * t] + signs[2 * t + 1] <= s.inputs.dimension);
      }
    });
  }

  it('all-positive inputs lock every single-example update into the all-positive or all-negative orthant', () => {
    const run = simulate(resolveScenario({ inputs: { dimension: 30, distribution: 'sigmoid' }, steps: 300, optimizer: { lr: 0.1 } }));
    assert.equal(run.allPositive, true);
    assert.equal(run.metrics.lockedFraction, 1);
    const tanh = simulate(resolveScenario({ inputs: { dimension: 30, distribution: 'tanh' }, steps: 300, optimizer: { lr: 0.1 } }));
    assert.ok(tanh.metrics.lockedFraction < 1e-6);
  });

  it('a diverging run stops where a weight or the loss explodes, and keeps the last good point', () => {
    const run = simulate(resolveScenario({ inputs: { dimension: 5 }, batchSize: 'full', optimizer: { lr: 80 }, steps: 400 }));
    assert.ok(run.metrics.divergedAt !== null && run.stepsTaken === run.metrics.divergedAt - 1);
    assert.equal(run.metrics.finalDistance, null);
    assert.equal(run.finalWeights[0], run.trajectory[2 * run.stepsTaken]);
  });
});

describe('fan-in: the loss followed through Gram columns', () => {
  for (const [name, optimizer, B] of [
    ['sgd', { name: 'sgd', lr: 0.05 }, 1],
    ['momentum', { name: 'momentum', lr: 0.02 }, 3],
    ['nesterov', { name: 'nesterov', lr: 0.005 }, 1],
  ] as const) {
    it(`${name}, batch ${B}: the loss along 3,000 steps is the loss computed afresh (across several refreshes)`, () => {
      const s = resolveScenario({ inputs: { dimension: 50, count: 200, distribution: 'relu' }, batchSize: B, optimizer, steps: 3000 });
      const model = createModel(s) as FanInNeuron;
      const opt = createOptimizer(s.optimizer, 50);
      const w = Float64Array.from(s.start);
      const g = new Float64Array(50);
      const start = model.startRun(w);
      assert.equal(start, model.lossAt(w));
      // Both compute residuals x·w − y of size ~1 down to ~1e-9: each carries ~1e-16 of |y|, so near the
      // fit they agree to ~1e-15 of the starting loss, and to 1e-9 of the loss while it is well above that.
      for (let t = 0; t < s.steps; t++) {
        model.gradientAt(t, w, g, null);
        opt.step(w, g, t + 1);
        const followed = model.lossAfterStep(t, w);
        const fresh = model.lossAt(w);
        assert.ok(Math.abs(followed - fresh) <= 1e-9 * fresh + 1e-14 * start, `step ${t}: followed ${followed}, afresh ${fresh}`);
      }
      assert.ok(model.lossAt(w) < 1e-6 * start, 'the run converged (so the test reached the floor)');
    });
  }
});

describe('fan-in: the Gram matrix kept with the inputs', () => {
  const direct = (x: Float64Array, d: number, a: number, b: number): number => {
    let sum = x[a * d] * x[b * d];
    for (let j = 1; j < d; j++) sum += x[a * d + j] * x[b * d + j];
    return sum;
  };
  for (const distribution of ['relu', 'sigmoid'] as const) {
    it(`${distribution}: columns filled in shuffled order (each half copied from the other) and the curvature from them are the direct sums' bits`, () => {
      const s = resolveScenario({
        inputs: { dimension: 60, count: 40, distribution },
        order: 'shuffle',
        batchSize: 1,
        optimizer: { lr: 0.01 },
        steps: 25,
      });
      const [n, d] = [40, 60];
      // The curvature as it was computed before any column was kept: XXᵀ/N summed afresh.
      const expected = extremeEigenvalues(complete(scaledGramPieces((createModel(s) as FanInNeuron).data.x, n, d)), n).max;
      const model = createModel(s) as FanInNeuron;
      const w = Float64Array.from(s.start);
      const g = new Float64Array(d);
      const opt = createOptimizer(s.optimizer, d);
      model.startRun(w);
      for (let t = 0; t < s.steps; t++) {
        model.gradientAt(t, w, g, null);
        opt.step(w, g, t + 1);
        model.lossAfterStep(t, w);
      }
      const { x, derived } = model.data;
      const filled = derived.gramFilled!.reduce((a, v) => a + v, 0);
      assert.ok(filled > 5 && filled < n, `${filled} columns filled by the run`);
      for (let i = 0; i < n; i++) {
        if (derived.gramFilled![i] === 0) continue;
        for (let m = 0; m < n; m++) assert.ok(Object.is(derived.gram![i * n + m], direct(x, d, m, i)), `G[${m}, ${i}]`);
      }
      const curvature = model.curvatureAt(model.target);
      assert.ok(Object.is(curvature.max, expected), `λmax ${curvature.max} against ${expected}`);
      assert.equal(curvature.min, 0);
      assert.equal(
        derived.gramFilled!.reduce((a, v) => a + v, 0),
        n,
        'the curvature filled the rest',
      );
    });
  }
});

describe('fan-in: the mse loss as its quadratic about w*', () => {
  for (const d of [7, 50]) {
    it(`d = ${d}: L* + g*·δ + ½·δᵀHδ, H·δ a row at a time, to the bit`, () => {
      // Adagrad: the run does not follow residuals, and N ≥ d, so its loss is the quadratic.
      const s = resolveScenario({
        inputs: { dimension: d, count: 300, distribution: 'relu' },
        optimizer: { name: 'adagrad', lr: 0.1 },
        steps: 5,
      });
      const model = createModel(s) as FanInNeuron;
      const { x, y, n } = model.data;
      const target = model.target;
      // The statistics at w*, example by example, as the model sums them.
      const g = new Float64Array(d);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        let f = target[0] * x[i * d];
        for (let j = 1; j < d; j++) f += target[j] * x[i * d + j];
        const r = f - y[i];
        sum += r * r;
        for (let j = 0; j < d; j++) g[j] += r * x[i * d + j];
      }
      for (let j = 0; j < d; j++) g[j] /= n;
      const lossAtTarget = (0.5 * sum) / n;
      const w = Float64Array.from(s.start);
      model.startRun(w);
      const h = model.data.derived.secondMoments!;
      for (let t = 0; t < 5; t++) {
        for (let j = 0; j < d; j++) w[j] = Math.sin(7 * t + j) * (t + 1);
        let linear = 0;
        let curvature = 0;
        for (let i = 0; i < d; i++) {
          let hi = 0;
          for (let j = 0; j < d; j++) hi += h[i * d + j] * (w[j] - target[j]);
          curvature += (w[i] - target[i]) * hi;
          linear += g[i] * (w[i] - target[i]);
        }
        const expected = Math.max(0, lossAtTarget + linear + 0.5 * curvature);
        const got = model.lossAfterStep(t, w);
        assert.ok(Object.is(got, expected), `${got} against ${expected}`);
      }
    });
  }
});

describe('fan-in: the plane’s slice and the fan-in code at d = 2', () => {
  for (const loss of ['mse', 'logistic'] as const) {
    it(`${loss}: the slice through w* on the shown pair is the loss with the other weights at w*`, () => {
      const s = resolveScenario({ inputs: { dimension: 6, count: 80 }, loss, axes: [4, 1] });
      const model = createModel(s);
      const base = Float64Array.from(model.target!);
      const grid = lossSlice(model, s.axes, base, { x0: -2, x1: 3, y0: -1, y1: 2 }, 9);
      for (let j = 0; j < 9; j++) {
        for (let i = 0; i < 9; i++) {
          const w = Float64Array.from(base);
          w[4] = -2 + (i * 5) / 8;
          w[1] = -1 + (j * 3) / 8;
          assert.ok(rel(grid.values[j * 9 + i], model.lossAt(w)) < 1e-10, `cell ${i}, ${j}`);
        }
      }
    });
  }

  for (const raw of [
    {},
    { loss: 'logistic', batchSize: 8 },
    { optimizer: { name: 'adam', lr: 0.05 }, batchSize: 'full' },
    { inputs: { count: 30 }, order: 'shuffle', batchSize: 4 },
  ]) {
    it(`${JSON.stringify(raw)}: the fan-in neuron at d = 2 runs the plane's neuron's run`, () => {
      const s = resolveScenario({ steps: 300, ...raw });
      const plane = simulate(s);
      const fanIn = new FanInNeuron(
        generateFanInData(s, targetOf(s)!),
        s.loss,
        targetOf(s)!,
        plane.records?.batchSize ?? (s.batchSize === 'full' ? s.inputs.count : s.batchSize),
        s.order,
        s.seed,
        s.optimizer,
        s.axes,
      );
      const opt = createOptimizer(s.optimizer, 2);
      const w = Float64Array.from(s.start);
      const g = new Float64Array(2);
      const p = createProblem(s);
      assert.ok(rel(fanIn.startRun(w), plane.loss[0]) < 1e-12);
      for (let t = 0; t < s.steps; t++) {
        fanIn.gradientAt(t, w, g, null);
        opt.step(w, g, t + 1);
        const loss = fanIn.lossAfterStep(t, w);
        assert.ok(rel(w[0], plane.trajectory[2 * t + 2]) < 1e-9 && rel(w[1], plane.trajectory[2 * t + 3]) < 1e-9, `w_${t + 1}`);
        assert.ok(rel(loss, plane.loss[t + 1]) < 1e-9, `loss[${t + 1}]`);
      }
      const [c1, c2] = [fanIn.curvatureAt(targetOf(s)!), p.curvatureAt(targetOf(s)!)];
      assert.ok(rel(c1.max, c2.max) < 1e-12 && rel(c1.min, c2.min) < 1e-9);
    });
  }
});
