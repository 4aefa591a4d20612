// The mse batch gradient in O(1) per step: g_B(w) = (S_B·w − b_B)/|B| with S_B = Σ x·xᵀ and
// b_B = Σ x·y over the batch, five sums per batch computed once and reused whenever the batch recurs.
//
// Taken about the teacher w*: g_B(w) = (S_B·(w − w*) + q_B)/|B| with q_B = Σ x·(x·w* − y), the batch
// gradient at w* summed example by example. S_B·w and b_B are each of the size of the data while their
// difference vanishes near the fit, so the plain form loses there the digits the per-example loop
// keeps; about w* the residuals are the loop's own, and each step's gradient agrees with the loop's to
// rounding of the terms summed.
//
// Which batches recur: the full batch every step, in either order (the sum does not depend on it);
// in cyclic order batch t starts at (t·B) mod N, so batches repeat with period P = N / gcd(N, B).
// Shuffled batches smaller than N are each drawn once per epoch and seldom recur: no sums for them.
//
// test/engine/neuron.test.ts holds the gradients, and SGD, momentum and Nesterov trajectories (to 1e-9),
// against the per-example sum. Node and browsers run this same code, so the contract's bit-for-bit
// promise between them still holds.
import type { Dataset } from './data';
import type { Order, Weights } from './types';

/** Below this batch size the per-example loop is as cheap as the sums, and exactly the definition. */
export const MIN_SUMMED_BATCH = 4;
/** Distinct batches kept at most (5 doubles each, 5 MB); P ≤ N ≤ 100,000 under format v1. */
export const MAX_CACHED_BATCHES = 1 << 17;

const gcd = (a: number, b: number): number => {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
};

/**
 * Per-batch sums for an mse neuron, or null when they would not pay: batches of a few examples, shuffled
 * batches smaller than N, or cyclic batches that do not recur within the run (period ≥ steps).
 */
export function mseBatchSums(data: Dataset, teacher: Weights, batchSize: number, order: Order, steps: number): MseBatchSums | null {
  const period = summedBatchPeriod(data.n, batchSize, order, steps);
  return period === null ? null : new MseBatchSums(data, teacher, Math.min(batchSize, data.n), period);
}

/** How many distinct batches an mse run of n examples keeps sums for, or null when it sums examples. */
export function summedBatchPeriod(n: number, batchSize: number, order: Order, steps: number): number | null {
  if (batchSize < MIN_SUMMED_BATCH) return null;
  if (batchSize >= n) return 1;
  if (order !== 'cyclic') return null;
  const period = n / gcd(n, batchSize);
  return period >= steps || period > MAX_CACHED_BATCHES ? null : period;
}

export class MseBatchSums {
  /** s11, s12, s22, q1, q2 of batch j at 5j … 5j + 4, filled on first use. */
  private readonly sums: Float64Array;
  private readonly filled: Uint8Array;

  constructor(
    private readonly data: Dataset,
    /** w*, the point the sums are taken about. */
    private readonly teacher: Weights,
    private readonly batchSize: number,
    /** Distinct batches: step t uses batch t mod period. */
    readonly period: number,
  ) {
    this.sums = new Float64Array(5 * period);
    this.filled = new Uint8Array(period);
  }

  /** g_t at w into out[0], out[1]. */
  gradient(t: number, w1: number, w2: number, out: Float64Array): void {
    const j = this.period === 1 ? 0 : t % this.period;
    if (this.filled[j] === 0) this.fill(j);
    const s = this.sums;
    const o = 5 * j;
    const B = this.batchSize;
    const d1 = w1 - this.teacher[0];
    const d2 = w2 - this.teacher[1];
    out[0] = (s[o] * d1 + s[o + 1] * d2 + s[o + 3]) / B;
    out[1] = (s[o + 1] * d1 + s[o + 2] * d2 + s[o + 4]) / B;
  }

  /** Batch j's sums, walking its examples in cyclic order from (j·B) mod N. */
  private fill(j: number): void {
    const { x1, x2, y, n } = this.data;
    const [c1, c2] = this.teacher;
    let i = (j * this.batchSize) % n; // j·B < N·B ≤ 10^10: exact
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    let q1 = 0;
    let q2 = 0;
    for (let k = 0; k < this.batchSize; k++) {
      const a = x1[i];
      const b = x2[i];
      const r = a * c1 + b * c2 - y[i]; // dl/df at w*, as the per-example loop computes it
      s11 += a * a;
      s12 += a * b;
      s22 += b * b;
      q1 += r * a;
      q2 += r * b;
      if (++i === n) i = 0;
    }
    const o = 5 * j;
    this.sums[o] = s11;
    this.sums[o + 1] = s12;
    this.sums[o + 2] = s22;
    this.sums[o + 3] = q1;
    this.sums[o + 4] = q2;
    this.filled[j] = 1;
  }
}
