import * as assert from 'node:assert/strict';
import { createOptimizer } from '../../src/engine/optimizers';
import { pow } from '../../src/engine/portableMath';
import { DEFAULT_SCENARIO } from '../../src/engine/scenario';
import type { OptimizerName, OptimizerSettings } from '../../src/engine/types';

// Two steps from w0 = (0, 0) with lr 0.1 and the gradients g1 = (1, −2), g2 = (0.5, 4), worked out by
// hand from the update rules in the spec (eps tiny so it does not show at 1e-12).
//   sgd:      w1 = (−0.1, 0.2);  w2 = w1 − 0.1·g2 = (−0.15, −0.2)
//   momentum: v1 = g1, w1 = (−0.1, 0.2);  v2 = 0.9·v1 + g2 = (1.4, 2.2), w2 = (−0.24, −0.02)
//   nesterov: v1 = g1, w1 = −0.1·(g1 + 0.9·v1) = (−0.19, 0.38);  v2 = (1.4, 2.2),
//             w2 = w1 − 0.1·(g2 + 0.9·v2) = w1 − 0.1·(1.76, 5.98) = (−0.366, −0.218)
//   adagrad:  G1 = (1, 4), w1 = (−0.1, 0.1);  G2 = (1.25, 20), w2 = (−0.1 − 0.05/√1.25, 0.1 − 0.4/√20)
//   rmsprop:  s1 = 0.01·g1² = (0.01, 0.04), w1 = −0.1·(1/0.1, −2/0.2) = (−1, 1);
//             s2 = (0.0124, 0.1996), w2 = (−1 − 0.05/√0.0124, 1 − 0.4/√0.1996)
//   adam:     m1 = (0.1, −0.2), v1 = (0.001, 0.004), m̂ = (1, −2), v̂ = (1, 4), w1 = (−0.1, 0.1);
//             m2 = (0.14, 0.22), v2 = (0.001249, 0.019996), m̂ = m2/0.19, v̂ = v2/0.001999,
//             w2 = w1 − 0.1·m̂/√v̂ = (−0.19321796388, 0.06338964730)
const expected: Record<OptimizerName, [[number, number], [number, number]]> = {
  sgd: [
    [-0.1, 0.2],
    [-0.15, -0.2],
  ],
  momentum: [
    [-0.1, 0.2],
    [-0.24, -0.02],
  ],
  nesterov: [
    [-0.19, 0.38],
    [-0.366, -0.218],
  ],
  adagrad: [
    [-0.1, 0.1],
    [-0.1447213595499958, 0.010557280900008417],
  ],
  rmsprop: [
    [-1, 1],
    [-1.4490132550669372, 0.10467703792830951],
  ],
  adam: [
    [-0.1, 0.1],
    [-0.1932179638811403, 0.06338964729641569],
  ],
};

describe('optimizers: first two steps against hand-worked numbers', () => {
  for (const name of Object.keys(expected) as OptimizerName[]) {
    it(name, () => {
      const settings: OptimizerSettings = { ...DEFAULT_SCENARIO.optimizer, name, lr: 0.1, eps: 1e-15 };
      const opt = createOptimizer(settings);
      const w = new Float64Array(2);
      opt.step(w, Float64Array.of(1, -2), 1);
      assert.ok(
        Math.abs(w[0] - expected[name][0][0]) < 1e-12 && Math.abs(w[1] - expected[name][0][1]) < 1e-12,
        `step 1: got (${w[0]}, ${w[1]})`,
      );
      opt.step(w, Float64Array.of(0.5, 4), 2);
      assert.ok(
        Math.abs(w[0] - expected[name][1][0]) < 1e-12 && Math.abs(w[1] - expected[name][1][1]) < 1e-12,
        `step 2: got (${w[0]}, ${w[1]})`,
      );
    });
  }

  it('each optimizer keeps its own state (two instances do not interfere)', () => {
    const settings: OptimizerSettings = { ...DEFAULT_SCENARIO.optimizer, name: 'momentum', lr: 0.1 };
    const a = createOptimizer(settings);
    const b = createOptimizer(settings);
    const wa = new Float64Array(2);
    const wb = new Float64Array(2);
    a.step(wa, Float64Array.of(1, -2), 1);
    b.step(wb, Float64Array.of(1, -2), 1);
    a.step(wa, Float64Array.of(0.5, 4), 2);
    assert.deepEqual([...wb], [-0.1, 0.2]);
    assert.ok(Math.abs(wa[0] + 0.24) < 1e-12);
  });
});

describe('adam: skipping pow once β^k is negligible', () => {
  it('gives bit for bit the spec formula with 1 − pow(β, k) at every step', () => {
    for (const [beta1, beta2] of [
      [0.9, 0.999],
      [0.5, 0.99999],
      [0, 0.9],
      [0.999, 0.5],
      [1, 0.999],
      [0.9, 1],
    ]) {
      const o: OptimizerSettings = { ...DEFAULT_SCENARIO.optimizer, name: 'adam', lr: 0.01, beta1, beta2, eps: 1e-8 };
      const opt = createOptimizer(o);
      const w = new Float64Array(2);
      const m = [0, 0];
      const v = [0, 0];
      const ref = [0, 0];
      let seed = 7;
      for (let k = 1; k <= 45000; k++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        const g = Float64Array.of(seed / 2 ** 31 - 1, Math.sin(k));
        opt.step(w, g, k);
        const c1 = 1 - pow(beta1, k);
        const c2 = 1 - pow(beta2, k);
        for (let i = 0; i < 2; i++) {
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
          ref[i] -= (o.lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + o.eps);
        }
        if (!Object.is(w[0], ref[0]) || !Object.is(w[1], ref[1])) assert.fail(`β = (${beta1}, ${beta2}), k = ${k}: ${[...w]} vs ${ref}`);
      }
    }
  });
});
