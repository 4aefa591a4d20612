// The fan-in neuron's symmetric matrices (src/engine/symmetric.ts): second moments tile by tile against
// the sums written out entry by entry, to the bit, for sizes that leave every kind of edge (a tile's odd
// row, a last partial tile, rows left over after the quads, weights); and the extreme eigenvalues pinned
// to the bits they had before the reduction's rows were taken four at a time (their accuracy is
// test/engine/ledger.test.ts's, against an independent eigen-decomposition).
import * as assert from 'node:assert/strict';
import { extremeEigenvalues, secondMoments } from '../../src/engine/symmetric';

/** (1/N)·Σ c_n·x_n·x_nᵀ entry by entry, in the order the contract's code promises: rows four at a time, then one by one. */
function reference(x: Float64Array, n: number, d: number, weights: Float64Array | null): Float64Array {
  const h = new Float64Array(d * d);
  const c = (r: number): number => (weights ? weights[r] : 1);
  const quads = n - (n % 4);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let r = 0; r < quads; r += 4) {
        const o = r * d;
        s +=
          c(r) * x[o + i] * x[o + j] +
          c(r + 1) * x[o + d + i] * x[o + d + j] +
          c(r + 2) * x[o + 2 * d + i] * x[o + 2 * d + j] +
          c(r + 3) * x[o + 3 * d + i] * x[o + 3 * d + j];
      }
      for (let r = quads; r < n; r++) s += c(r) * x[r * d + i] * x[r * d + j];
      h[i * d + j] = h[j * d + i] = s / n;
    }
  }
  return h;
}

describe('symmetric: second moments', () => {
  // (The last two mostly zeros, as dark pixels and dead ReLUs are: pairs of rows whose values are all zero are skipped.)
  for (const [n, d, weighted, zeros] of [
    [203, 7, true, 0.3],
    [37, 50, false, 0.3],
    [101, 97, true, 0.3],
    [8, 145, false, 0.3],
    [150, 61, false, 0.9],
    [97, 53, true, 0.8],
  ] as const) {
    it(`N = ${n}, d = ${d}${weighted ? ', weighted' : ''}, ${zeros * 100} % zeros: every entry the sum written out, bit for bit`, () => {
      let state = 7;
      const random = (): number => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
      };
      const x = Float64Array.from({ length: n * d }, () => (random() < zeros ? 0 : random() - 0.3));
      const weights = weighted ? Float64Array.from({ length: n }, () => random()) : null;
      const h = secondMoments(x, n, d, weights);
      const expected = reference(x, n, d, weights);
      for (let k = 0; k < d * d; k++)
        assert.ok(Object.is(h[k], expected[k]), `entry (${Math.floor(k / d)}, ${k % d}): ${h[k]} against ${expected[k]}`);
    });
  }
});

describe('symmetric: extreme eigenvalues', () => {
  for (const [n, d, max, min] of [
    [300, 7, 1.0525347458128134, 0.0547428579496601],
    [200, 61, 8.556272306161564, 0.013555915193999592],
    [900, 130, 20.366303426411477, 0.020441619625146613],
  ] as const) {
    it(`second moments of ${n} × ${d}: λmax and λmin the same bits as before`, () => {
      let state = 3;
      const x = Float64Array.from({ length: n * d }, () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state % 4 === 0 ? 0 : state / 2 ** 32;
      });
      const e = extremeEigenvalues(secondMoments(x, n, d), d);
      assert.ok(Object.is(e.max, max) && Object.is(e.min, min), `${e.max}, ${e.min}`);
    });
  }
});
