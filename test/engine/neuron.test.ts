// The neuron's specialised hot paths (fused gradient loop, mse batch sums, sufficient-statistics loss,
// the logistic product-of-exponentials grid) against the autodiff engine, plain sums and closed forms.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { OPTIMIZER_NAMES } from '../../src/engine/catalog/optimizers';
import { generateDataset } from '../../src/engine/data';
import { gridBounds, lossGrid, niceCeil } from '../../src/engine/grid';
import { BatchSchedule } from '../../src/engine/batches';
import { MAX_CACHED_BATCHES, MIN_SUMMED_BATCH, mseBatchSums } from '../../src/engine/mseBatches';
import { type NeuronProblem } from '../../src/engine/neuron';
import { createOptimizer } from '../../src/engine/optimizers';
import { batchSizeOf, resolveScenario } from '../../src/engine/scenario';
import type { Scenario } from '../../src/engine/types';
import { createProblem, simulate, targetOf } from '../../src/engine/simulate';

const relClose = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Random but valid neuron scenarios covering every distribution, loss, batch size and order. */
const neuronScenario = fc
  .record({
    inputs: fc.record({
      distribution: fc.constantFrom('sigmoid', 'tanh', 'relu', 'gaussian', 'uniform'),
      count: fc.integer({ min: 1, max: 80 }),
      mean: fc.double({ min: -2, max: 2, noNaN: true }),
      std: fc.double({ min: 0.1, max: 2, noNaN: true }),
      center: fc.boolean(),
    }),
    loss: fc.constantFrom('mse', 'logistic'),
    labelNoise: fc.constantFrom(0, 0.3),
    order: fc.constantFrom('cyclic', 'shuffle'),
    batchFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    optimizer: fc.record({
      name: fc.constantFrom(...OPTIMIZER_NAMES),
      lr: fc.constantFrom(0.05, 0.2),
    }),
    start: fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ batchFraction, ...r }) =>
    resolveScenario({
      ...r,
      steps: 60,
      batchSize: Math.max(1, Math.round(batchFraction * r.inputs.count)),
    }),
  );

describe('neuron: fused gradient loop against the autodiff engine', () => {
  it('whole trajectories and step records agree (random scenarios summed example by example)', () => {
    fc.assert(
      fc.property(neuronScenario, (s) => {
        // Runs on the mse batch sums are the next suite's: their check depends on the optimizer.
        fc.pre(
          s.loss === 'logistic' || mseBatchSums(generateDataset(s, targetOf(s)!), targetOf(s)!, batchSizeOf(s), s.order, s.steps) === null,
        );
        const fused = simulate(s, { records: true });
        const hottest = simulate(s); // without records mse/cyclic takes a branch-free loop of its own
        const reference = simulate(s, { records: true, autodiff: true });
        // The host records, the CLI does not: the same scenario must give the same bits either way.
        assert.deepStrictEqual(hottest.trajectory, fused.trajectory, 'with and without records');
        for (const run of [fused, hottest]) {
          assert.equal(run.trajectory.length, reference.trajectory.length);
          for (let i = 0; i < run.trajectory.length; i++) {
            assert.ok(
              relClose(run.trajectory[i], reference.trajectory[i], 1e-9),
              `w[${i}] ${run.trajectory[i]} vs ${reference.trajectory[i]}`,
            );
          }
        }
        const a = fused.records!;
        const b = reference.records!;
        for (const key of ['gradient', 'dLdf', 'x', 'perExample'] as const) {
          const x = a[key];
          const y = b[key];
          assert.equal(x === null, y === null, key);
          if (x && y) for (let i = 0; i < x.length; i++) assert.ok(relClose(x[i], y[i], 1e-9), `${key}[${i}] ${x[i]} vs ${y[i]}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('each step records how many of its examples have dL/df > 0 and < 0 (per-example loop, batch sums, logistic, shuffled)', () => {
    for (const input of [
      { batchSize: 8 }, // mse batch sums (cyclic batches of 8 recur every 32 steps)
      { batchSize: 3 }, // the per-example loop
      { batchSize: 'full', order: 'shuffle' }, // the full batch summed, in shuffled order
      { batchSize: 100, loss: 'logistic', order: 'shuffle', inputs: { distribution: 'tanh' } },
      { batchSize: 200, steps: 6000 }, // batch × steps over MAX_COUNTED_EXAMPLES: not counted
    ]) {
      const s = resolveScenario({ steps: 60, labelNoise: 0.2, ...input });
      const r = simulate(s, { records: true });
      const signs = r.records!.dLdfSigns;
      const B = batchSizeOf(s);
      if (B * s.steps > 1_000_000) {
        assert.equal(signs, null, `${JSON.stringify(input)}: counted`);
        continue;
      }
      assert.ok(signs, `${JSON.stringify(input)}: not counted`);
      // The count taken again here, from the dataset and the batch schedule, at each recorded w_t.
      const { x1, x2, y, n } = generateDataset(s, targetOf(s)!);
      const schedule = new BatchSchedule(n, B, s.order, s.seed);
      const w = r.trajectory;
      for (let t = 0; t < r.stepsTaken; t++) {
        let positive = 0;
        let negative = 0;
        for (let k = 0; k < B; k++) {
          const i = schedule.index(t, k);
          const f = w[2 * t] * x1[i] + w[2 * t + 1] * x2[i];
          const dLdf = s.loss === 'mse' ? f - y[i] : 1 / (1 + Math.exp(-f)) - y[i];
          // Only signs far from rounding are compared: the engine's sigmoid is fdlibm's, this is V8's.
          if (Math.abs(dLdf) < 1e-9) return assert.fail(`${JSON.stringify(input)}: dL/df ≈ 0 at step ${t}; pick another scenario`);
          if (dLdf > 0) positive++;
          else negative++;
        }
        assert.deepEqual([signs[2 * t], signs[2 * t + 1]], [positive, negative], `${JSON.stringify(input)}, step ${t}`);
      }
    }
  });

  it('the per-example gradients of a step average to the batch gradient', () => {
    const s = resolveScenario({ batchSize: 8, steps: 20 });
    const r = simulate(s, { records: true });
    const rec = r.records!;
    for (let t = 0; t < 20; t++) {
      let m1 = 0;
      let m2 = 0;
      for (let k = 0; k < 8; k++) {
        m1 += rec.perExample![2 * (8 * t + k)] / 8;
        m2 += rec.perExample![2 * (8 * t + k) + 1] / 8;
      }
      assert.ok(relClose(m1, rec.gradient[2 * t], 1e-12) && relClose(m2, rec.gradient[2 * t + 1], 1e-12));
    }
  });
});

/**
 * The per-example loop, for any optimizer: each step's dl/dw summed example by example in batch order
 * (or starting from the batch's example `rotate`). The loop the mse batch sums replace, written out here
 * as the tests' reference.
 */
function perExampleTrajectory(s: Scenario, rotate = 0): Float64Array {
  const { x1, x2, y, n } = generateDataset(s, targetOf(s)!);
  const B = batchSizeOf(s);
  const schedule = new BatchSchedule(n, B, s.order, s.seed);
  const optimizer = createOptimizer(s.optimizer);
  const w = Float64Array.from(s.start);
  const g = new Float64Array(2);
  const out = new Float64Array(2 * (s.steps + 1));
  out.set(w);
  for (let t = 0; t < s.steps; t++) {
    let g1 = 0;
    let g2 = 0;
    for (let k = 0; k < B; k++) {
      const i = schedule.index(t, (k + rotate) % B);
      const r = w[0] * x1[i] + w[1] * x2[i] - y[i];
      g1 += r * x1[i];
      g2 += r * x2[i];
    }
    g[0] = g1 / B;
    g[1] = g2 / B;
    optimizer.step(w, g, t + 1);
    out.set(w, 2 * t + 2);
  }
  return out;
}

/** First index t at which points w_t of a and b differ by more than tol relative (absolute below 1), or null. */
function firstDeparture(a: Float64Array, b: Float64Array, tol: number): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!relClose(a[i], b[i], tol)) return i >> 1;
  return a.length === b.length ? null : n >> 1;
}

describe('neuron: mse batch sums, O(1) per step', () => {
  it('are kept for batches that recur: the full batch, cyclic batches with period N/gcd(N, B) < steps', () => {
    const data = (count: number) => generateDataset(resolveScenario({ inputs: { count } }), [0, 0]);
    const w: [number, number] = [1, -1];
    assert.equal(mseBatchSums(data(256), w, 256, 'cyclic', 400)?.period, 1);
    assert.equal(mseBatchSums(data(256), w, 256, 'shuffle', 400)?.period, 1, 'the full batch does not depend on the order');
    assert.equal(mseBatchSums(data(256), w, 96, 'cyclic', 400)?.period, 8, 'gcd(256, 96) = 32');
    assert.equal(mseBatchSums(data(250), w, 96, 'cyclic', 400)?.period, 125);
    assert.equal(mseBatchSums(data(250), w, 96, 'cyclic', 125), null, 'no batch recurs within 125 steps');
    assert.equal(mseBatchSums(data(256), w, 96, 'shuffle', 400), null, 'shuffled batches are drawn once per epoch');
    assert.equal(mseBatchSums(data(256), w, MIN_SUMMED_BATCH - 1, 'cyclic', 400), null, 'a few examples are summed directly');
    assert.ok(MAX_CACHED_BATCHES >= 100_000, 'every period format v1 allows (P ≤ N ≤ 100,000) fits');
  });

  /** mse scenarios on the sums path: N < steps, so every cyclic batch of ≥ 4 recurs; shuffle with the full batch. */
  const summedScenario = (optimizers: readonly string[]) =>
    fc
      .record({
        inputs: fc.record({
          distribution: fc.constantFrom('sigmoid', 'tanh', 'relu', 'gaussian', 'uniform'),
          count: fc.integer({ min: MIN_SUMMED_BATCH, max: 150 }),
          mean: fc.double({ min: -2, max: 2, noNaN: true }),
          std: fc.double({ min: 0.1, max: 2, noNaN: true }),
          center: fc.boolean(),
        }),
        labelNoise: fc.constantFrom(0, 0.3),
        order: fc.constantFrom('cyclic', 'shuffle'),
        batchFraction: fc.double({ min: 0, max: 1, noNaN: true }),
        optimizer: fc.record({ name: fc.constantFrom(...optimizers), lr: fc.constantFrom(0.05, 0.2) }),
        start: fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })),
        steps: fc.integer({ min: 151, max: 400 }),
        seed: fc.integer({ min: 0, max: 1000 }),
      })
      .map(({ batchFraction, ...r }) => {
        const N = r.inputs.count;
        const B = r.order === 'shuffle' ? N : MIN_SUMMED_BATCH + Math.round(batchFraction * (N - MIN_SUMMED_BATCH));
        return resolveScenario({ ...r, loss: 'mse', batchSize: B === N && batchFraction < 0.5 ? 'full' : B });
      });
  const sumsOf = (s: Scenario) => mseBatchSums(generateDataset(s, targetOf(s)!), targetOf(s)!, batchSizeOf(s), s.order, s.steps);

  it('g_t from the sums equals the per-example gradient (autodiff) at every point of a run, every optimizer (random scenarios)', () => {
    fc.assert(
      fc.property(summedScenario(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']), (s) => {
        const sums = sumsOf(s);
        assert.ok(sums !== null, 'the scenario takes the sums path');
        const reference = simulate(s, { records: true, autodiff: true });
        assert.deepStrictEqual(simulate(s).trajectory, simulate(s, { records: true }).trajectory, 'with and without records');
        const { x1, x2, y, n } = generateDataset(s, targetOf(s)!);
        const B = batchSizeOf(s);
        const schedule = new BatchSchedule(n, B, s.order, s.seed);
        const w = reference.trajectory;
        const expected = reference.records!.gradient;
        const g = new Float64Array(2);
        for (let t = 0; t < reference.stepsTaken; t++) {
          const [w1, w2] = [w[2 * t], w[2 * t + 1]];
          sums.gradient(t, w1, w2, g);
          // Rounding is relative to the terms summed, not to their (possibly cancelling) sum.
          let scale = 0;
          for (let k = 0; k < B; k++) {
            const i = schedule.index(t, k);
            scale += Math.max(Math.abs(x1[i]), Math.abs(x2[i])) * (Math.abs(w1 * x1[i]) + Math.abs(w2 * x2[i]) + Math.abs(y[i]));
          }
          scale /= B;
          for (const c of [0, 1]) {
            const gap = Math.abs(g[c] - expected[2 * t + c]);
            assert.ok(gap <= 1e-12 * scale, `g_${t}[${c}] ${g[c]} vs ${expected[2 * t + c]} (terms of size ${scale})`);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('whole trajectories and step records within 1e-9 relative of the per-example sum (autodiff): sgd, momentum, nesterov (random scenarios)', () => {
    fc.assert(
      fc.property(summedScenario(['sgd', 'momentum', 'nesterov']), (s) => {
        assert.ok(sumsOf(s) !== null, 'the scenario takes the sums path');
        const recorded = simulate(s, { records: true });
        const reference = simulate(s, { records: true, autodiff: true });
        const departs = firstDeparture(recorded.trajectory, reference.trajectory, 1e-9);
        assert.equal(departs, null, `the sums leave the per-example run at step ${departs}`);
        const a = recorded.records!;
        const b = reference.records!;
        for (const key of ['gradient', 'dLdf', 'x', 'perExample'] as const) {
          const x = a[key];
          const y = b[key];
          assert.equal(x === null, y === null, key);
          if (x && y) for (let i = 0; i < x.length; i++) assert.ok(relClose(x[i], y[i], 1e-9), `${key}[${i}] ${x[i]} vs ${y[i]}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  // Adagrad, Adam and RMSprop divide the step by the gradient's running size, so where the inputs are
  // nearly collinear or the run circles w* they magnify rounding until the per-example loop disagrees
  // with itself summed in another order (next test); random scenarios check their gradients (above),
  // and these runs, like the presets', whole.
  it('whole trajectories within 1e-9 relative of the per-example sum: adagrad, adam, rmsprop', () => {
    for (const name of ['adagrad', 'adam', 'rmsprop'] as const) {
      for (const input of [
        { batchSize: 'full', optimizer: { lr: 0.05 } },
        { batchSize: 32, optimizer: { lr: 0.05 } },
        { batchSize: 'full', order: 'shuffle', inputs: { distribution: 'tanh' }, optimizer: { lr: 0.1 } },
        { batchSize: 10, inputs: { distribution: 'relu', count: 100 }, labelNoise: 0.3, optimizer: { lr: 0.02 }, start: [1, -1] },
      ]) {
        const s = resolveScenario({ ...input, optimizer: { ...input.optimizer, name } });
        assert.ok(sumsOf(s) !== null, 'the scenario takes the sums path');
        const departs = firstDeparture(simulate(s).trajectory, perExampleTrajectory(s), 1e-9);
        assert.equal(departs, null, `${name} ${JSON.stringify(input)}: the sums leave the per-example run at step ${departs}`);
      }
    }
  });

  it('why not every rmsprop run: on nearly collinear inputs two per-example summation orders part by more than 1e-9', () => {
    const s = resolveScenario({ inputs: { count: 8, std: 0.2 }, optimizer: { name: 'rmsprop', lr: 0.05 }, batchSize: 'full', steps: 400 });
    const parts = firstDeparture(perExampleTrajectory(s), perExampleTrajectory(s, 1), 1e-9);
    assert.ok(parts !== null && parts < 300, `the two orders part at step ${parts}`);
  });

  it('SGD with cyclic batches: within 1e-9 relative of the per-example loop, N = 20,000, 1,500 steps, full batch and batches of 16 … 5,000', () => {
    for (const batchSize of ['full', 16, 160, 5000] as const) {
      const s = resolveScenario({ inputs: { count: 20_000 }, batchSize, steps: 1500, optimizer: { lr: 1 }, labelNoise: 0.1 });
      assert.ok(sumsOf(s) !== null, `batch ${batchSize}: sums path`);
      assert.equal(firstDeparture(simulate(s).trajectory, perExampleTrajectory(s), 1e-9), null, `batch ${batchSize}`);
    }
  });

  it('full-batch gradient descent follows its closed form w_t = ŵ + (I − ηH)^t (w_0 − ŵ)', () => {
    for (const input of [
      { optimizer: { lr: 2 } },
      { inputs: { center: true }, optimizer: { lr: 16 } },
      { inputs: { distribution: 'gaussian', mean: 1, std: 2, count: 1000 }, labelNoise: 0.5, optimizer: { lr: 0.1 }, start: [2, -3] },
      { inputs: { distribution: 'uniform', mean: 0.5, std: 3, count: 5000 }, order: 'shuffle', optimizer: { lr: 0.05 } },
    ]) {
      const s = resolveScenario({ ...input, batchSize: 'full', steps: 500 });
      const { x1, x2, y, n } = generateDataset(s, targetOf(s)!);
      // H = mean x·xᵀ, c = mean x·y, ŵ = H⁻¹c (the least-squares fit; w* when there is no noise).
      let [h11, h12, h22, c1, c2] = [0, 0, 0, 0, 0];
      for (let i = 0; i < n; i++) {
        h11 += x1[i] * x1[i];
        h12 += x1[i] * x2[i];
        h22 += x2[i] * x2[i];
        c1 += x1[i] * y[i];
        c2 += x2[i] * y[i];
      }
      [h11, h12, h22, c1, c2] = [h11 / n, h12 / n, h22 / n, c1 / n, c2 / n];
      const det = h11 * h22 - h12 * h12;
      const fit = [(h22 * c1 - h12 * c2) / det, (h11 * c2 - h12 * c1) / det];
      const eta = s.optimizer.lr;
      const M = [1 - eta * h11, -eta * h12, -eta * h12, 1 - eta * h22]; // I − ηH, row-major
      const mul = (a: number[], b: number[]) => [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
      ];
      const power = (t: number): number[] => {
        let result = [1, 0, 0, 1];
        let base = M;
        for (let e = t; e > 0; e >>= 1) {
          if (e & 1) result = mul(result, base);
          base = mul(base, base);
        }
        return result;
      };
      const w = simulate(s).trajectory;
      assert.equal(w.length, 2 * (s.steps + 1));
      const e0 = [s.start[0] - fit[0], s.start[1] - fit[1]];
      for (let t = 0; t <= s.steps; t++) {
        const P = power(t);
        const expected = [fit[0] + P[0] * e0[0] + P[1] * e0[1], fit[1] + P[2] * e0[0] + P[3] * e0[1]];
        assert.ok(
          relClose(w[2 * t], expected[0], 1e-9) && relClose(w[2 * t + 1], expected[1], 1e-9),
          `${JSON.stringify(input)}: w_${t} = (${w[2 * t]}, ${w[2 * t + 1]}), closed form (${expected[0]}, ${expected[1]})`,
        );
      }
    }
  });
});

describe('neuron: loss surface', () => {
  it('mse from sufficient statistics equals the direct sum', () => {
    fc.assert(
      fc.property(
        neuronScenario,
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (s0, w1, w2) => {
          const s = resolveScenario({ ...s0, loss: 'mse' });
          const p = createProblem(s) as NeuronProblem;
          const fast = p.loss(w1, w2);
          const direct = p.directLoss(w1, w2);
          assert.ok(fast >= 0, `loss ${fast} < 0`);
          // Absolute scale: the loss's own size plus the data's (for the near-zero minimum).
          assert.ok(Math.abs(fast - direct) <= 1e-10 * (1 + direct), `${fast} vs ${direct}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('logistic loss (one log per evaluation) equals the per-example sum of softplus', () => {
    fc.assert(
      fc.property(
        neuronScenario,
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (s0, w1, w2) => {
          const s = resolveScenario({ ...s0, loss: 'logistic' });
          const p = createProblem(s) as NeuronProblem;
          const fast = p.loss(w1, w2);
          const direct = p.directLoss(w1, w2);
          assert.ok(Math.abs(fast - direct) <= 1e-13 * (1 + Math.abs(direct)), `${fast} vs ${direct}`);
        },
      ),
      { numRuns: 300 },
    );
    // Many examples: the running product is rescaled instead of overflowing.
    const p = createProblem(resolveScenario({ loss: 'logistic', inputs: { count: 5000 } })) as NeuronProblem;
    for (const [w1, w2] of [
      [0, 0],
      [3, -3],
      [-40, 25],
      [0.1, 0.2],
    ]) {
      const fast = p.loss(w1, w2);
      const direct = p.directLoss(w1, w2);
      assert.ok(Number.isFinite(fast) && Math.abs(fast - direct) <= 1e-12 * (1 + Math.abs(direct)), `${w1},${w2}: ${fast} vs ${direct}`);
    }
  });

  it('logistic grid (one log per cell) equals per-cell direct sums', () => {
    for (const distribution of ['sigmoid', 'tanh', 'gaussian'] as const) {
      const s = resolveScenario({ loss: 'logistic', inputs: { distribution, count: 97 } });
      const p = createProblem(s) as NeuronProblem;
      const g = lossGrid(p, { x0: -4, x1: 3, y0: -2, y1: 5 }, 33);
      for (let j = 0; j < 33; j++) {
        for (let i = 0; i < 33; i++) {
          const direct = p.directLoss(-4 + (i * 7) / 32, -2 + (j * 7) / 32);
          assert.ok(
            Math.abs(g.values[j * 33 + i] - direct) <= 1e-11 * (1 + direct),
            `cell ${i},${j}: ${g.values[j * 33 + i]} vs ${direct}`,
          );
        }
      }
    }
  });

  it('the Hessian at w* matches finite differences of the loss', () => {
    for (const loss of ['mse', 'logistic'] as const) {
      const s = resolveScenario({ loss, inputs: { distribution: 'tanh', count: 50 } });
      const p = createProblem(s);
      const w = targetOf(s)!;
      const [h11, h12, h22] = p.hessian(w);
      const h = 1e-4;
      const f = (a: number, b: number): number => p.loss(w[0] + a, w[1] + b);
      const fd11 = (f(h, 0) - 2 * f(0, 0) + f(-h, 0)) / (h * h);
      const fd22 = (f(0, h) - 2 * f(0, 0) + f(0, -h)) / (h * h);
      const fd12 = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h);
      assert.ok(
        relClose(h11, fd11, 1e-5) && relClose(h12, fd12, 1e-5) && relClose(h22, fd22, 1e-5),
        `${[h11, h12, h22]} vs ${[fd11, fd12, fd22]}`,
      );
    }
  });

  it('labels make w* the minimiser (gradient ~0 there, mse and logistic)', () => {
    for (const loss of ['mse', 'logistic'] as const) {
      const s = resolveScenario({ loss, batchSize: 'full' });
      const w = targetOf(s)!;
      const p = createProblem(s);
      const g = new Float64Array(2);
      p.gradient(0, w[0], w[1], g, null);
      assert.ok(Math.hypot(g[0], g[1]) < 1e-14, `|g| = ${Math.hypot(g[0], g[1])}`);
    }
  });
});

describe('data', () => {
  it('centring makes each feature mean zero; shift then moves it', () => {
    const s = resolveScenario({ inputs: { center: true, shift: [0.25, -1] } });
    const d = generateDataset(s, [0, 0]);
    const mean = (a: Float64Array): number => a.reduce((x, y) => x + y, 0) / a.length;
    assert.ok(Math.abs(mean(d.x1) - 0.25) < 1e-14 && Math.abs(mean(d.x2) + 1) < 1e-14);
  });

  it('each distribution has the range and moments its definition implies', () => {
    const stats = (distribution: string, mean = 0, std = 1): { lo: number; hi: number; m: number; v: number } => {
      const d = generateDataset(resolveScenario({ inputs: { distribution, count: 100000, mean, std } }), [0, 0]);
      const xs = [...d.x1, ...d.x2];
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
      return { lo: xs.reduce((a, b) => Math.min(a, b)), hi: xs.reduce((a, b) => Math.max(a, b)), m, v };
    };
    const g = stats('gaussian', 1, 2);
    assert.ok(Math.abs(g.m - 1) < 0.03 && Math.abs(g.v - 4) < 0.08, JSON.stringify(g));
    const sg = stats('sigmoid');
    assert.ok(sg.lo > 0 && sg.hi < 1 && Math.abs(sg.m - 0.5) < 0.005, JSON.stringify(sg));
    const th = stats('tanh');
    assert.ok(th.lo > -1 && th.hi < 1 && Math.abs(th.m) < 0.01, JSON.stringify(th));
    const re = stats('relu');
    assert.ok(re.lo === 0 && Math.abs(re.m - 1 / Math.sqrt(2 * Math.PI)) < 0.01, JSON.stringify(re));
    const u = stats('uniform', 2, 3);
    assert.ok(u.lo >= 2 && u.hi < 5 && Math.abs(u.m - 3.5) < 0.02 && Math.abs(u.v - 0.75) < 0.02, JSON.stringify(u));
  });

  it('label noise changes the labels but not the inputs (independent streams)', () => {
    const a = generateDataset(resolveScenario({}), [1, 1]);
    const b = generateDataset(resolveScenario({ labelNoise: 0.5 }), [1, 1]);
    assert.deepEqual(a.x1, b.x1);
    assert.notDeepEqual(a.y, b.y);
  });

  it('shuffle visits every example exactly once per epoch, differently each epoch', () => {
    const s = resolveScenario({ order: 'shuffle', inputs: { count: 10 }, steps: 30 });
    const r = simulate(s, { records: true });
    const d = generateDataset(s, targetOf(s)!);
    const epochOf = (e: number): number[] =>
      Array.from({ length: 10 }, (_, k) => {
        const t = 10 * e + k;
        return [...d.x1].indexOf(r.records!.x![2 * t]);
      });
    const e0 = epochOf(0);
    const e1 = epochOf(1);
    assert.deepEqual(
      [...e0].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.deepEqual(
      [...e1].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.notDeepEqual(e0, e1);
  });
});

describe('grid window', () => {
  it('encloses start, target and trajectory, square, and is stable under small changes', () => {
    const window = (input: object) => {
      const s = resolveScenario(input);
      const r = simulate(s);
      return gridBounds([s.start, targetOf(s)!], r.trajectory);
    };
    const wide = (() => {
      const s = resolveScenario({});
      return gridBounds([s.start, targetOf(s)!], simulate(s).trajectory, 0.15, 0.5, 1.5);
    })();
    assert.equal((wide.x1 - wide.x0) / (wide.y1 - wide.y0), 1.5, 'aspect 1.5 is 3:2');
    const a = window({ optimizer: { lr: 0.5 } });
    const b = window({ optimizer: { lr: 0.45 } });
    assert.deepEqual(a, b, 'a nearby learning rate keeps the window');
    assert.equal(a.x1 - a.x0, a.y1 - a.y0);
    fc.assert(
      fc.property(neuronScenario, (s) => {
        const r = simulate(s);
        const w = gridBounds([s.start, targetOf(s)!], r.trajectory);
        const inside = (x: number, y: number): boolean => x >= w.x0 && x <= w.x1 && y >= w.y0 && y <= w.y1;
        assert.ok(inside(s.start[0], s.start[1]) && inside(targetOf(s)![0], targetOf(s)![1]));
        for (let i = 0; i < r.trajectory.length; i += 2) assert.ok(inside(r.trajectory[i], r.trajectory[i + 1]));
      }),
      { numRuns: 50 },
    );
  });

  it('niceCeil rounds up to 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k', () => {
    assert.deepEqual([0.3, 1, 1.1, 2.6, 7, 9, 11, 0.0123].map(niceCeil), [0.3, 1, 1.25, 3, 8, 10, 12.5, 0.0125]);
  });
});
