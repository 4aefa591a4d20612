// The neuron with d > 2 inputs, f = w·x (scenario format's "Fan-in d"). Its data are an N × d matrix X.
//
// The full-data loss is recorded at every step, and computing it afresh costs N·d. A run follows the
// residuals r = X·w − y instead: the gradient of a batch is a combination of the batch's examples,
// g = Σ (r_k/B)·x_k, so X·g = Σ (r_k/B)·G_k with G_k = X·x_k, a column of the Gram matrix XXᵀ (kept once
// computed: N·d each, at most N of them). Gradient descent, momentum and Nesterov update w linearly in
// the gradients, so the same rule applied to r with X·g in place of g keeps r = X·w − y; the loss is
// then O(N) from r. Following r rather than X·w keeps the rounding relative to the residuals, which
// shrink as the run converges. Rounding still makes r drift, so every d steps it is computed from w
// again (N·d every d steps: N per step). The adaptive optimizers divide coordinate by coordinate, which
// X does not commute with: their runs, and batches of d or more examples, compute r afresh each step —
// unless there are at least as many examples as inputs and the loss is mse: then the loss is its exact
// quadratic about w*, L* + g*·δ + ½·δᵀHδ with δ = w − w* and H = XᵀX/N (d² a step instead of N·d; H is
// the Hessian the curvature needs anyway, kept with the inputs).
//
// Every loop is bounded by N ≤ 100,000, d ≤ 1024, N·d ≤ LIMITS.maxValues, the batch B ≤ N and, for the
// Gram columns, N ≤ MAX_GRAM_EXAMPLES. At those sizes a pass over X is 16.7 million multiply-adds and
// the Hessian's reduction billions, so the start, each step and the curvature also come in pieces
// (startRunPieces, gradientPieces, lossAfterStepPieces, curvaturePieces): rows of X, a Gram column, a
// tile of second moments or rows of a reflection per piece, in the same order as in one go.
import { BatchSchedule } from './batches';
import { optimizerInfo } from './catalog/optimizers';
import { allPositiveMatrix, sigmoid, type FanInData } from './data';
import { ExampleSpaceRun, type FollowedRun } from './exampleSpace';
import { logisticGrid, logisticGridIsSafe } from './neuron';
import { pairScoresPieces } from './pairScores';
import { createOptimizer, type Optimizer } from './optimizers';
import { VALUES_PER_PIECE, complete, rowsOfWork, type Pieces } from './pieces';
import { exp, log, pow } from './portableMath';
import type { Curvature, Model, StepRecorder } from './problem';
import { extremeEigenvaluesPieces, scaledGramPieces, secondMomentsPieces } from './symmetric';
import type { Axes, LossName, OptimizerSettings, Order, Weights } from './types';

/** Examples whose Gram columns a run may keep: N² doubles, 8 MB at most. */
export const MAX_GRAM_EXAMPLES = 1024;

/** An eigenvalue below this share of λmax·d is within the eigen-solver's rounding of 0: the Hessian is singular. */
const SINGULAR = 64 * 2 ** -52;

const LOG_SCALE = 576; // 2^576 ≈ 2.5e173: rescale products before they can overflow
const SCALE = pow(2, -LOG_SCALE); // exact

export class FanInNeuron implements Model {
  readonly dimension: number;
  readonly allPositive: boolean;
  readonly target: Weights;
  private readonly n: number;
  private readonly schedule: BatchSchedule;
  private readonly cyclic: boolean;
  /** Whether runs follow r = X·w − y (else the loss is computed afresh each step). */
  private readonly follows: boolean;
  /** mse with N ≥ d and no following: the loss as its quadratic about w* (see above), or null. */
  private quadratic: { readonly h: Float64Array; readonly g: Float64Array; readonly loss: number; readonly delta: Float64Array } | null =
    null;
  /** The optimizer's rule applied to p = X·w in this run; null once the run's steps came out of order. */
  private mirror: Optimizer | null = null;
  /** The residuals X·w − y along the run (N). */
  private readonly r: Float64Array;
  /** X·g of the step (N), and the step's examples with their r_k/B. */
  private readonly xg: Float64Array;
  private readonly batchIndex: Uint32Array;
  private readonly batchWeight: Float64Array;
  /** Examples whose Gram entries gramColumn sums together. */
  private readonly gramDue = new Uint32Array(4);
  /** The step whose examples batchIndex holds (−1: none). */
  private pendingStep = -1;
  /** A gradient's signs of dL/df so far (positive, negative) and the next cyclic example, across its pieces. */
  private readonly batchState = { positive: 0, negative: 0, next: 0 };

  constructor(
    readonly data: FanInData,
    readonly lossName: LossName,
    target: Weights,
    readonly batchSize: number,
    order: Order,
    seed: number,
    private readonly optimizer: OptimizerSettings,
    private readonly axes: Axes,
  ) {
    const { n, d, x } = data;
    this.n = n;
    this.dimension = d;
    this.target = target.slice();
    this.allPositive = data.derived.allPositive ?? allPositiveMatrix(x);
    this.schedule = new BatchSchedule(n, batchSize, order, seed);
    this.cyclic = order === 'cyclic';
    const follows = !optimizerInfo(optimizer.name).adaptive && batchSize < d && n <= MAX_GRAM_EXAMPLES;
    this.follows = follows;
    this.r = new Float64Array(n);
    this.xg = new Float64Array(follows ? n : 0);
    this.batchIndex = new Uint32Array(follows ? batchSize : 0);
    this.batchWeight = new Float64Array(follows ? batchSize : 0);
  }

  /** X·w into out (N). */
  private scores(w: ArrayLike<number>, out: Float64Array): void {
    this.scoreRows(w, out, 0, this.n);
  }

  /** Rows from … to − 1 of X·w into out. */
  private scoreRows(w: ArrayLike<number>, out: Float64Array, from: number, to: number): void {
    const { x, d } = this.data;
    for (let i = from; i < to; i++) {
      const o = i * d;
      let f = w[0] * x[o];
      for (let j = 1; j < d; j++) f += w[j] * x[o + j];
      out[i] = f;
    }
  }

  /** The residuals X·w − y into out (N). */
  private residuals(w: ArrayLike<number>, out: Float64Array): void {
    this.scores(w, out);
    const y = this.data.y;
    for (let i = 0; i < this.n; i++) out[i] -= y[i];
  }

  /** residuals() a block of rows at a time. */
  private *residualsPieces(w: ArrayLike<number>, out: Float64Array): Pieces<void> {
    const rows = rowsOfWork(this.dimension);
    for (let from = 0; from < this.n; from += rows) {
      this.scoreRows(w, out, from, Math.min(this.n, from + rows));
      yield 'examples';
    }
    const y = this.data.y;
    for (let i = 0; i < this.n; i++) out[i] -= y[i];
  }

  /** The full-data loss from the residuals r = X·w − y. */
  private lossOfResiduals(r: Float64Array): number {
    const y = this.data.y;
    const n = this.n;
    if (this.lossName === 'mse') {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += r[i] * r[i];
      return (0.5 * sum) / n;
    }
    // Σ softplus(f) = Σ max(f, 0) + log Π (1 + e^{−|f|}): one log per call (as the plane's neuron).
    let linear = 0;
    let prod = 1;
    let scaled = 0;
    for (let i = 0; i < n; i++) {
      const v = r[i] + y[i];
      linear += (v > 0 ? v : 0) - y[i] * v;
      prod *= 1 + exp(-Math.abs(v));
      if (prod > 1e150) {
        prod *= SCALE;
        scaled++;
      }
    }
    return (linear + (log(prod) + scaled * LOG_SCALE * Math.LN2)) / n;
  }

  lossAt(w: ArrayLike<number>): number {
    const r = new Float64Array(this.n);
    this.residuals(w, r);
    return this.lossOfResiduals(r);
  }

  startRun(w0: Float64Array): number {
    return complete(this.startRunPieces(w0));
  }

  *startRunPieces(w0: Float64Array): Pieces<number> {
    this.pendingStep = -1;
    if (!this.follows && this.lossName === 'mse' && this.n >= this.dimension) {
      this.quadratic ??= yield* this.quadraticAboutTarget();
      return this.quadraticLoss(w0);
    }
    this.mirror = this.follows ? createOptimizer(this.optimizer, this.n) : null;
    // The start shares its weights off the pair with w* (the labels' share, kept): N, not N·d.
    yield* pairScoresPieces(this.data.x, this.dimension, w0, this.axes, this.data.derived, this.r);
    const y = this.data.y;
    for (let i = 0; i < this.n; i++) this.r[i] -= y[i];
    return this.lossOfResiduals(this.r);
  }

  /**
   * Plain SGD on one example a step, following r: the run's steps in example space (exampleSpace.ts), each
   * O(N) instead of O(d); null for any other run. Asked right after startRun, before any step.
   */
  exampleSpaceRun(w0: Float64Array): ExampleSpaceRun | null {
    if (!this.mirror || this.optimizer.name !== 'sgd' || this.batchSize !== 1) return null;
    const followed: FollowedRun = {
      data: this.data,
      lossName: this.lossName,
      r: this.r,
      example: (t) => this.schedule.index(t, 0),
      hasGramColumn: (i) => this.data.derived.gramFilled?.[i] === 1,
      gramColumn: (i) => this.gramColumn(i),
      residuals: (w, out) => this.residuals(w, out),
      lossOfResiduals: (r) => this.lossOfResiduals(r),
    };
    return new ExampleSpaceRun(followed, this.optimizer.lr, w0, Float64Array.from(this.target), this.axes);
  }

  lossAfterStep(t: number, w: Float64Array): number {
    if (this.quadratic) return this.quadraticLoss(w);
    const mirror = this.mirror;
    if (mirror && this.pendingStep !== t) this.mirror = null; // a step missed: the mirror's state is lost
    if (!this.mirror) this.residuals(w, this.r);
    else this.followStep(t, w);
    this.pendingStep = -1;
    return this.lossOfResiduals(this.r);
  }

  /** lossAfterStep in pieces: the residuals a block of rows at a time, or the batch's new Gram columns one at a time. */
  *lossAfterStepPieces(t: number, w: Float64Array): Pieces<number> {
    if (this.quadratic) return this.quadraticLoss(w);
    const mirror = this.mirror;
    if (mirror && this.pendingStep !== t) this.mirror = null;
    if (!this.mirror) yield* this.residualsPieces(w, this.r);
    else {
      const derived = this.data.derived;
      for (let k = 0; k < this.batchSize; k++) {
        if (derived.gramFilled?.[this.batchIndex[k]] === 1) continue;
        this.gramColumn(this.batchIndex[k]);
        yield 'examples';
      }
      this.followStep(t, w);
    }
    this.pendingStep = -1;
    return this.lossOfResiduals(this.r);
  }

  /** r after step t through the batch's Gram columns (N·B, and N·d every d steps). */
  private followStep(t: number, w: Float64Array): void {
    const { xg, batchIndex, batchWeight } = this;
    const n = this.n;
    for (let k = 0; k < this.batchSize; k++) {
      const column = this.gramColumn(batchIndex[k]);
      const c = batchWeight[k];
      const o = batchIndex[k] * n;
      if (k === 0) for (let m = 0; m < n; m++) xg[m] = c * column[o + m];
      else for (let m = 0; m < n; m++) xg[m] += c * column[o + m];
    }
    this.mirror!.step(this.r, xg, t + 1);
    // Every d steps r afresh, so rounding cannot pile up (the mirror keeps its state).
    if ((t + 1) % this.dimension === 0) this.residuals(w, this.r);
  }

  /** H = XᵀX/N (kept with the inputs), and the loss and its gradient at w*, summed example by example; in pieces. */
  private *quadraticAboutTarget(): Pieces<{ h: Float64Array; g: Float64Array; loss: number; delta: Float64Array }> {
    const { x, d } = this.data;
    const n = this.n;
    const r = new Float64Array(n);
    yield* this.residualsPieces(this.target, r);
    const g = new Float64Array(d);
    let loss = 0;
    const rows = rowsOfWork(d);
    for (let from = 0; from < n; from += rows) {
      loss = gradientSums(x, d, r, g, from, Math.min(n, from + rows), loss);
      yield 'examples';
    }
    for (let j = 0; j < d; j++) g[j] /= n;
    return { h: yield* this.hessian(), g, loss: (0.5 * loss) / n, delta: new Float64Array(d) };
  }

  /** L* + g*·δ + ½·δᵀHδ: d² (never below 0: rounding, not a loss < 0). */
  private quadraticLoss(w: ArrayLike<number>): number {
    const { h, g, loss, delta } = this.quadratic!;
    const d = this.dimension;
    const target = this.target;
    for (let j = 0; j < d; j++) delta[j] = w[j] - target[j];
    let linear = 0;
    let curvature = 0;
    // Rows of H·δ four at a time: four independent sums keep the adder busy (each row's sum, and the
    // order the rows are added in, as one row at a time).
    let i = 0;
    for (; i + 3 < d; i += 4) {
      const r0 = i * d;
      const r1 = r0 + d;
      const r2 = r1 + d;
      const r3 = r2 + d;
      let h0 = 0;
      let h1 = 0;
      let h2 = 0;
      let h3 = 0;
      for (let j = 0; j < d; j++) {
        const dj = delta[j];
        h0 += h[r0 + j] * dj;
        h1 += h[r1 + j] * dj;
        h2 += h[r2 + j] * dj;
        h3 += h[r3 + j] * dj;
      }
      curvature += delta[i] * h0;
      linear += g[i] * delta[i];
      curvature += delta[i + 1] * h1;
      linear += g[i + 1] * delta[i + 1];
      curvature += delta[i + 2] * h2;
      linear += g[i + 2] * delta[i + 2];
      curvature += delta[i + 3] * h3;
      linear += g[i + 3] * delta[i + 3];
    }
    for (; i < d; i++) {
      const row = i * d;
      const di = delta[i];
      let hi = 0;
      for (let j = 0; j < d; j++) hi += h[row + j] * delta[j];
      curvature += di * hi;
      linear += g[i] * di;
    }
    return Math.max(0, loss + linear + 0.5 * curvature);
  }

  /** XᵀX/N, kept with the inputs (N·d²/2 once, in pieces). */
  private *hessian(): Pieces<Float64Array> {
    const derived = this.data.derived;
    derived.secondMoments ??= yield* secondMomentsPieces(this.data.x, this.n, this.dimension);
    return derived.secondMoments;
  }

  /** The Gram matrix's storage with column i (X·x_i, at i·N) filled. */
  private gramColumn(i: number): Float64Array {
    const derived = this.data.derived;
    const n = this.n;
    if (!derived.gram) {
      derived.gram = new Float64Array(n * n);
      derived.gramFilled = new Uint8Array(n);
    }
    const gram = derived.gram;
    const filled = derived.gramFilled!;
    if (filled[i] === 0) {
      const { x, d } = this.data;
      const oi = i * d;
      const column = i * n;
      // Entries to sum, four at a time: four independent sums share each load of x_i (each sum as alone).
      const due = this.gramDue;
      let count = 0;
      for (let m = 0; m < n; m++) {
        // G is symmetric, and x_m·x_i summed in the order j = 0, 1, … is x_i·x_m to the bit: a kept column gives it.
        if (filled[m] === 1) {
          gram[column + m] = gram[m * n + i];
          continue;
        }
        due[count++] = m;
        if (count === 4) {
          dots4(x, d, oi, due, gram, column);
          count = 0;
        }
      }
      for (let k = 0; k < count; k++) {
        const om = due[k] * d;
        let s = x[om] * x[oi];
        for (let j = 1; j < d; j++) s += x[om + j] * x[oi + j];
        gram[column + due[k]] = s;
      }
      filled[i] = 1;
    }
    return gram;
  }

  /**
   * XXᵀ/N from the kept Gram columns, the missing ones filled first (a column per piece): scaledGramPieces'
   * bits (the same products summed in the same order; + 0 gives its +0 where a sum of zeros is −0), and
   * the columns a run follows serve both.
   */
  private *scaledGramOfColumns(): Pieces<Float64Array> {
    const n = this.n;
    for (let i = 0; i < n; i++) {
      if (this.data.derived.gramFilled?.[i] === 1) continue;
      this.gramColumn(i);
      yield 'examples';
    }
    const gram = this.data.derived.gram!;
    const scaled = new Float64Array(n * n);
    for (let from = 0; from < n * n; from += VALUES_PER_PIECE) {
      const to = Math.min(n * n, from + VALUES_PER_PIECE);
      for (let k = from; k < to; k++) scaled[k] = (gram[k] + 0) / n;
      yield 'examples';
    }
    return scaled;
  }

  gradientAt(t: number, w: Float64Array, out: Float64Array, record: StepRecorder | null): void {
    this.startBatch(t);
    this.batchRows(t, w, out, record, 0, this.batchSize);
    this.endBatch(t, out, record);
  }

  /** gradientAt a block of the batch's examples at a time. */
  *gradientPieces(t: number, w: Float64Array, out: Float64Array, record: StepRecorder | null): Pieces<void> {
    this.startBatch(t);
    const B = this.batchSize;
    const rows = rowsOfWork(2 * this.dimension); // a dot product and an update per example
    for (let from = 0; from < B; from += rows) {
      this.batchRows(t, w, out, record, from, Math.min(B, from + rows));
      if (from + rows < B) yield 'examples';
    }
    this.endBatch(t, out, record);
  }

  private startBatch(t: number): void {
    const state = this.batchState;
    state.positive = 0;
    state.negative = 0;
    state.next = this.cyclic ? (t * this.batchSize) % this.n : 0; // t·B < 10^7·10^5: exact
  }

  /** Examples from … to − 1 of step t's batch: their dl/df·x summed into out, followed and recorded. */
  private batchRows(t: number, w: Float64Array, out: Float64Array, record: StepRecorder | null, from: number, to: number): void {
    const { x, y, d } = this.data;
    const n = this.n;
    const B = this.batchSize;
    const mse = this.lossName === 'mse';
    const follow = this.mirror !== null;
    const [a0, a1] = this.axes;
    const per = record?.perExample ?? null;
    const state = this.batchState;
    let next = state.next;
    let positive = state.positive;
    let negative = state.negative;
    for (let k = from; k < to; k++) {
      let i = next;
      if (this.cyclic) {
        if (++next === n) next = 0;
      } else i = this.schedule.index(t, k);
      const o = i * d;
      let f = w[0] * x[o];
      for (let j = 1; j < d; j++) f += w[j] * x[o + j];
      const r = mse ? f - y[i] : sigmoid(f) - y[i]; // dl_i/df
      if (k === 0) for (let j = 0; j < d; j++) out[j] = r * x[o + j];
      else for (let j = 0; j < d; j++) out[j] += r * x[o + j];
      if (follow) {
        this.batchIndex[k] = i;
        this.batchWeight[k] = r / B;
      }
      if (record) {
        if (k === 0) {
          if (record.dLdf) record.dLdf[t] = r;
          if (record.x) {
            record.x[2 * t] = x[o + a0];
            record.x[2 * t + 1] = x[o + a1];
          }
        }
        if (r > 0) positive++;
        else if (r < 0) negative++;
        if (per) {
          per[2 * (t * B + k)] = r * x[o + a0];
          per[2 * (t * B + k) + 1] = r * x[o + a1];
        }
      }
    }
    state.next = next;
    state.positive = positive;
    state.negative = negative;
  }

  /** The batch's mean and the step's records. */
  private endBatch(t: number, out: Float64Array, record: StepRecorder | null): void {
    const d = this.dimension;
    const [a0, a1] = this.axes;
    if (this.batchSize > 1) for (let j = 0; j < d; j++) out[j] /= this.batchSize; // the mean (a batch of one is its own)
    this.pendingStep = this.mirror !== null ? t : -1;
    if (!record) return;
    record.gradient[2 * t] = out[a0];
    record.gradient[2 * t + 1] = out[a1];
    if (record.dLdfSigns) {
      record.dLdfSigns[2 * t] = this.batchState.positive;
      record.dLdfSigns[2 * t + 1] = this.batchState.negative;
    }
    if (record.gradientSigns) {
      let up = 0;
      let down = 0;
      for (let j = 0; j < d; j++) {
        if (out[j] > 0) up++;
        else if (out[j] < 0) down++;
      }
      record.gradientSigns[2 * t] = up;
      record.gradientSigns[2 * t + 1] = down;
    }
  }

  curvatureAt(w: ArrayLike<number>): Curvature {
    return complete(this.curvaturePieces(w));
  }

  /** The Hessian's extreme eigenvalues at w, its sums and its reduction a piece at a time. */
  *curvaturePieces(w: ArrayLike<number>): Pieces<Curvature> {
    const { x, d } = this.data;
    const n = this.n;
    if (this.lossName === 'mse') {
      const derived = this.data.derived;
      derived.mseCurvature ??=
        n < d ? yield* gramCurvature(yield* this.scaledGramOfColumns(), n) : yield* curvatureOfMatrix(yield* this.hessian(), d);
      return derived.mseCurvature;
    }
    // Logistic: H = (1/N) Σ σ'(f_n)·x_n·x_nᵀ at w.
    const f = new Float64Array(n);
    const rows = rowsOfWork(d);
    for (let from = 0; from < n; from += rows) {
      this.scoreRows(w, f, from, Math.min(n, from + rows));
      yield 'examples';
    }
    for (let i = 0; i < n; i++) {
      const s = sigmoid(f[i]);
      f[i] = s * (1 - s);
    }
    return yield* curvatureOf(x, n, d, f);
  }

  *sliceGrid(
    axes: Axes,
    base: ArrayLike<number>,
    x0: number,
    dx: number,
    y0: number,
    dy: number,
    n: number,
    out: Float64Array,
  ): Pieces<void> {
    const { x, y, d } = this.data;
    const N = this.n;
    const [a, b] = axes;
    const xa = new Float64Array(N);
    const xb = new Float64Array(N);
    // f at base, and the share of the weights off the plane: offset = f − base_a·x_a − base_b·x_b.
    const offset = new Float64Array(N);
    yield* pairScoresPieces(x, d, base, axes, this.data.derived, offset);
    for (let i = 0; i < N; i++) {
      xa[i] = x[i * d + a];
      xb[i] = x[i * d + b];
    }
    if (this.lossName === 'mse') return mseSlice(xa, xb, offset, y, base[a], base[b], x0, dx, y0, dy, n, out);
    for (let i = 0; i < N; i++) offset[i] -= base[a] * xa[i] + base[b] * xb[i];
    if (logisticGridIsSafe(xa, xb, offset, x0, dx, y0, dy, n)) return yield* logisticGrid(xa, xb, y, offset, x0, dx, y0, dy, n, out);
    // Far from the origin: each cell's scores f = offset + u·x_a + v·x_b (N, not N·d) and their loss.
    const r = new Float64Array(N);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const u = x0 + i * dx;
        const v = y0 + j * dy;
        for (let k = 0; k < N; k++) r[k] = offset[k] + u * xa[k] + v * xb[k] - y[k];
        out[j * n + i] = this.lossOfResiduals(r);
        yield 'cell';
      }
    }
  }
}

/**
 * The mse on the slice as its exact quadratic about base (as the plane's neuron takes it about w*):
 * L = L₀ + g·δ + ½δᵀSδ with δ the move in the pair, S and g summed example by example; O(1) per cell.
 */
function mseSlice(
  xa: Float64Array,
  xb: Float64Array,
  fBase: Float64Array,
  y: Float64Array,
  ca: number,
  cb: number,
  x0: number,
  dx: number,
  y0: number,
  dy: number,
  n: number,
  out: Float64Array,
): void {
  const N = xa.length;
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let g1 = 0;
  let g2 = 0;
  let loss = 0;
  for (let i = 0; i < N; i++) {
    const r = fBase[i] - y[i];
    s11 += xa[i] * xa[i];
    s12 += xa[i] * xb[i];
    s22 += xb[i] * xb[i];
    g1 += r * xa[i];
    g2 += r * xb[i];
    loss += r * r;
  }
  s11 /= N;
  s12 /= N;
  s22 /= N;
  g1 /= N;
  g2 /= N;
  loss = (0.5 * loss) / N;
  const det = Math.max(0, s11 * s22 - s12 * s12);
  for (let j = 0; j < n; j++) {
    const d2 = y0 + j * dy - cb;
    for (let i = 0; i < n; i++) {
      const d1 = x0 + i * dx - ca;
      // dᵀSd as two squares, never negative (as NeuronProblem.loss).
      const e = d1 + (s12 / s11) * d2;
      const curvature = s11 > 0 ? s11 * e * e + (det / s11) * d2 * d2 : s22 * d2 * d2;
      out[j * n + i] = Math.max(0, loss + g1 * d1 + g2 * d2 + 0.5 * curvature);
    }
  }
}

/**
 * λmax and λmin of (1/N) Σ c_n·x_n·x_nᵀ: from the d × d matrix, or with fewer examples than inputs from
 * the N × N Gram matrix, which has the same nonzero eigenvalues (the Hessian then has rank ≤ N < d, so
 * λmin = 0). An eigenvalue within the solver's rounding of 0 is 0.
 */
function* curvatureOf(x: Float64Array, n: number, d: number, weights: Float64Array | null): Pieces<Curvature> {
  if (n < d) return yield* gramCurvature(yield* scaledGramPieces(x, n, d, weights), n);
  return yield* curvatureOfMatrix(yield* secondMomentsPieces(x, n, d, weights), d);
}

/** λmax and λmin of a Hessian of rank ≤ N < d from its N × N (scaled) Gram matrix: λmin = 0. */
function* gramCurvature(gram: Float64Array, n: number): Pieces<Curvature> {
  const { max } = yield* extremeEigenvaluesPieces(gram, n);
  return { max, min: Number.isFinite(max) ? 0 : NaN };
}

/** λmax and λmin of a d × d Hessian; an eigenvalue within the solver's rounding of 0 is 0. */
function* curvatureOfMatrix(h: Float64Array, d: number): Pieces<Curvature> {
  const { max, min } = yield* extremeEigenvaluesPieces(h, d);
  return { max, min: Math.abs(min) <= SINGULAR * d * Math.abs(max) ? 0 : min };
}

/** x_m·x_i (from o = i·d) for the four examples m in `due`, into gram[column + m]: each summed in the order j = 0, 1, … */
function dots4(x: Float64Array, d: number, o: number, due: Uint32Array, gram: Float64Array, column: number): void {
  const o0 = due[0] * d;
  const o1 = due[1] * d;
  const o2 = due[2] * d;
  const o3 = due[3] * d;
  const x0 = x[o];
  let s0 = x[o0] * x0;
  let s1 = x[o1] * x0;
  let s2 = x[o2] * x0;
  let s3 = x[o3] * x0;
  for (let j = 1; j < d; j++) {
    const xj = x[o + j];
    s0 += x[o0 + j] * xj;
    s1 += x[o1 + j] * xj;
    s2 += x[o2 + j] * xj;
    s3 += x[o3 + j] * xj;
  }
  gram[column + due[0]] = s0;
  gram[column + due[1]] = s1;
  gram[column + due[2]] = s2;
  gram[column + due[3]] = s3;
}

/** Rows from … to − 1: Σ r_i·x_i into g and loss plus Σ r_i² (returned), example by example. */
function gradientSums(x: Float64Array, d: number, r: Float64Array, g: Float64Array, from: number, to: number, loss: number): number {
  for (let i = from; i < to; i++) {
    const o = i * d;
    const ri = r[i];
    loss += ri * ri;
    for (let j = 0; j < d; j++) g[j] += ri * x[o + j];
  }
  return loss;
}
