// Plain SGD on one example a step, taken in example space: the fan-in neuron's fast path for a run that
// follows its residuals (fanIn.ts). Every update is a multiple of one example, Δw_t = δ_t·x_i with
// δ_t = −η·dL/df, so the weights stay w_t = w_0 + Xᵀa with a an N-vector of coefficients, and what a
// step needs is the examples' Gram entries instead of a pass over the d weights:
// - the residual r_i = f_i − y_i is followed already (dL/df without the dot product x_i·w);
// - r and G·a move by δ·G_i, a column of the Gram matrix: N each;
// - ‖Δw‖² = δ²·G_ii, Δw_t·Δw_{t−1} = δ_t·δ_{t−1}·G_ij, ‖w_t − w_0‖² = aᵀGa (updated through G·a),
//   ‖w_t − w*‖² = ‖w_0 − w*‖² + 2·aᵀq + aᵀGa with q = X(w_0 − w*);
// - the update's signs are δ's times x_i's (kept per example), the shown pair moves by −η·(dL/df·x_i) on
//   the pair as SGD moves it.
// A step costs O(N) instead of O(d) passes over d; the d weights are made (N·d) only where needed: for the
// residuals' refresh every d steps (as the explicit path), at the end, and when the bound on the weights
// cannot be vouched for from ‖w_0‖∞ + ‖w_t − w_0‖ (then the trainer goes on the explicit way from there).
import { sigmoid, type FanInData } from './data';
import { DIVERGENCE_BOUND } from './catalog/limits';
import type { StepRecorder } from './problem';
import type { Axes, LossName } from './types';

/** What the fan-in neuron lends a run in example space: its data, followed residuals and Gram columns. */
export interface FollowedRun {
  readonly data: FanInData;
  readonly lossName: LossName;
  /** r = X·w − y, followed along the run (written here). */
  readonly r: Float64Array;
  /** The example of step t's batch of one. */
  example(t: number): number;
  /** Whether Gram column i is kept. */
  hasGramColumn(i: number): boolean;
  /** The Gram storage with column i (X·x_i, at i·N) filled: N·d when new. */
  gramColumn(i: number): Float64Array;
  /** The residuals X·w − y into out (N·d). */
  residuals(w: ArrayLike<number>, out: Float64Array): void;
  /** The full-data loss from the residuals (N). */
  lossOfResiduals(r: Float64Array): number;
}

/** What a step in example space gives the trainer. */
export interface ExampleStep {
  loss: number;
  /** w_{t+1} on the shown pair. */
  pair0: number;
  pair1: number;
  stepLength: number;
  turn: number;
  fromStart: number;
  toTarget2: number;
  locked: number;
  /** false: the bound on the weights could not be vouched for (the trainer checks w, made with `weights`). */
  vouched: boolean;
}

/** Below this |dL/df|, δ·x_ij could round to 0 where x_ij does not: the update's signs are counted on the d products. */
const TINY = 2 ** -900;

export class ExampleSpaceRun {
  private readonly n: number;
  private readonly w0: Float64Array;
  private readonly a: Float64Array;
  private readonly ga: Float64Array;
  private readonly q: Float64Array | null;
  private readonly start2: number;
  private readonly startMax: number;
  private fromStart2 = 0;
  private towards = 0;
  private lastExample = -1;
  private lastDelta = 0;
  /** a_i before the last step added its δ (to make the point before it). */
  private lastCoefficient = 0;
  private readonly out: ExampleStep = {
    loss: 0,
    pair0: 0,
    pair1: 0,
    stepLength: 0,
    turn: 0,
    fromStart: 0,
    toTarget2: 0,
    locked: 0,
    vouched: true,
  };

  constructor(
    private readonly run: FollowedRun,
    private readonly lr: number,
    w0: Float64Array,
    target: Float64Array | null,
    private readonly axes: Axes,
  ) {
    const { x, d } = run.data;
    this.w0 = Float64Array.from(w0); // the caller's w moves on (weights() writes it)
    const n = run.data.n;
    this.n = n;
    this.a = new Float64Array(n);
    this.ga = new Float64Array(n);
    let startMax = 0;
    for (let j = 0; j < d; j++) startMax = Math.max(startMax, Math.abs(w0[j]));
    this.startMax = startMax;
    this.out.pair0 = w0[axes[0]];
    this.out.pair1 = w0[axes[1]];
    if (!target) {
      this.q = null;
      this.start2 = 0;
      return;
    }
    // q = X(w_0 − w*): over the components where they differ when few do (a target set by quadrant
    // differs on the pair only), else row by row.
    const e = new Float64Array(d);
    const differ: number[] = [];
    let start2 = 0;
    for (let j = 0; j < d; j++) {
      e[j] = w0[j] - target[j];
      start2 += e[j] * e[j];
      if (e[j] !== 0 && differ.length <= d / 8) differ.push(j);
    }
    const q = new Float64Array(n);
    if (differ.length <= d / 8) {
      for (const j of differ) for (let i = 0; i < n; i++) q[i] += x[i * d + j] * e[j];
    } else {
      for (let i = 0; i < n; i++) {
        const o = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += x[o + j] * e[j];
        q[i] = s;
      }
    }
    this.q = q;
    this.start2 = start2;
  }

  /** Computes step t's Gram column when it is not kept (N·d): whether it did. */
  prepare(t: number): boolean {
    const i = this.run.example(t);
    if (this.run.hasGramColumn(i)) return false;
    this.run.gramColumn(i);
    return true;
  }

  /** Step t (w_t → w_{t+1}): the loss after it and the geometry of the update; `record` as the explicit path writes it. */
  step(t: number, record: StepRecorder | null): ExampleStep {
    const run = this.run;
    const { x, y, d, derived } = run.data;
    const n = this.n;
    const r = run.r;
    const [a0, a1] = this.axes;
    const i = run.example(t);
    const o = i * d;
    const c = run.lossName === 'mse' ? r[i] : sigmoid(r[i] + y[i]) - y[i]; // dL/df
    const gram = run.gramColumn(i);
    const column = i * n;
    const lr = this.lr;
    const delta = -lr * c;
    // r and G·a along column i, and aᵀGa through the old (G·a)_i.
    const gaI = this.ga[i];
    const gii = gram[column + i];
    for (let m = 0; m < n; m++) {
      const gm = gram[column + m];
      r[m] -= lr * (c * gm); // as the explicit path's mirror: r −= η·(X·g)
      this.ga[m] += delta * gm;
    }
    this.lastCoefficient = this.a[i];
    this.a[i] += delta;
    this.fromStart2 += 2 * delta * gaI + delta * delta * gii;
    if (this.q) this.towards += delta * this.q[i];
    // The residuals afresh every d steps, as the explicit path (from the d weights, made here).
    if ((t + 1) % d === 0) {
      const w = new Float64Array(d);
      this.weights(w);
      run.residuals(w, r);
    }
    const out = this.out;
    out.loss = run.lossOfResiduals(r);
    out.pair0 -= lr * (c * x[o + a0]);
    out.pair1 -= lr * (c * x[o + a1]);
    out.stepLength = Math.abs(delta) * Math.sqrt(gii);
    out.turn = this.lastExample >= 0 ? delta * this.lastDelta * gram[column + this.lastExample] : 0;
    const fromStart2 = Math.max(0, this.fromStart2);
    out.fromStart = Math.sqrt(fromStart2);
    out.toTarget2 = Math.max(0, this.start2 + 2 * this.towards + fromStart2);
    const signs = exampleSigns(derived, x, d, n, i);
    const positive = signs[2 * i];
    const negative = signs[2 * i + 1];
    out.locked = delta !== 0 && ((positive > 0 && negative === 0) || (negative > 0 && positive === 0)) ? 1 : 0;
    // |w_j| ≤ ‖w_0‖∞ + ‖w − w_0‖ for every j.
    out.vouched = this.startMax + out.fromStart <= DIVERGENCE_BOUND;
    this.lastExample = i;
    this.lastDelta = delta;
    if (record) recordStep(record, t, c, x, o, a0, a1, positive, negative, d);
    return out;
  }

  /** w_t = w_0 + Xᵀa, all d weights, into w (N·d); with `beforeLastStep` the point before the last step. */
  weights(w: Float64Array, beforeLastStep = false): void {
    const { x, d } = this.run.data;
    w.set(this.w0);
    for (let i = 0; i < this.n; i++) {
      const ai = beforeLastStep && i === this.lastExample ? this.lastCoefficient : this.a[i];
      if (ai === 0) continue;
      const o = i * d;
      for (let j = 0; j < d; j++) w[j] += ai * x[o + j];
    }
  }

  /** The last update Δw = δ·x_i into out (d); zeros before the first step. */
  lastUpdate(out: Float64Array): void {
    const { x, d } = this.run.data;
    out.fill(0);
    if (this.lastExample < 0) return;
    const o = this.lastExample * d;
    for (let j = 0; j < d; j++) out[j] = this.lastDelta * x[o + j];
  }
}

/** Per example, how many of its inputs are > 0 and < 0 (2 per example, kept with the inputs; d when first asked). */
function exampleSigns(derived: FanInData['derived'], x: Float64Array, d: number, n: number, i: number): Uint32Array {
  if (!derived.exampleSigns) {
    derived.exampleSigns = new Uint32Array(2 * n);
    derived.exampleSignsFilled = new Uint8Array(n);
  }
  const signs = derived.exampleSigns;
  if (derived.exampleSignsFilled![i] === 0) {
    let positive = 0;
    let negative = 0;
    for (let j = i * d, end = j + d; j < end; j++) {
      if (x[j] > 0) positive++;
      else if (x[j] < 0) negative++;
    }
    signs[2 * i] = positive;
    signs[2 * i + 1] = negative;
    derived.exampleSignsFilled![i] = 1;
  }
  return signs;
}

/** The step's records, as the explicit path writes them for a batch of one (FanInNeuron's batchRows and endBatch). */
function recordStep(
  record: StepRecorder,
  t: number,
  c: number,
  x: Float64Array,
  o: number,
  a0: number,
  a1: number,
  positive: number,
  negative: number,
  d: number,
): void {
  if (record.dLdf) record.dLdf[t] = c;
  if (record.x) {
    record.x[2 * t] = x[o + a0];
    record.x[2 * t + 1] = x[o + a1];
  }
  if (record.dLdfSigns) {
    record.dLdfSigns[2 * t] = c > 0 ? 1 : 0;
    record.dLdfSigns[2 * t + 1] = c < 0 ? 1 : 0;
  }
  if (record.perExample) {
    record.perExample[2 * t] = c * x[o + a0];
    record.perExample[2 * t + 1] = c * x[o + a1];
  }
  record.gradient[2 * t] = c * x[o + a0];
  record.gradient[2 * t + 1] = c * x[o + a1];
  if (!record.gradientSigns) return;
  let up: number;
  let down: number;
  if (Math.abs(c) >= TINY && Number.isFinite(c)) {
    up = c > 0 ? positive : negative;
    down = c > 0 ? negative : positive;
  } else {
    // dL/df tiny (products may round to 0), infinite or NaN: the d products themselves.
    up = 0;
    down = 0;
    for (let j = 0; j < d; j++) {
      const v = c * x[o + j];
      if (v > 0) up++;
      else if (v < 0) down++;
    }
  }
  record.gradientSigns[2 * t] = up;
  record.gradientSigns[2 * t + 1] = down;
}
