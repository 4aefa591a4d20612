// The spec's metrics for the run up to any step c: one O(K) pass builds prefix counts, then each
// query is O(1). The whole run's metrics are the same query at c = K, so there is one definition
// (built keeping only the counts that query reads: no O(K) memory for a 10,000,000-step CLI run).
import { hypot2 } from './hypot';
import type { Metrics, Vec2 } from './types';

export interface MetricsInput {
  /** w_0 … w_K interleaved; may be empty when the start diverged. */
  readonly trajectory: Float64Array;
  readonly loss: Float64Array;
  readonly target: Vec2 | null;
  readonly divergedAt: number | null;
  readonly conditionNumber: number | null;
  /** d > 2: the run's geometry, read instead of the trajectory (which then holds only the shown pair). */
  readonly geometry?: RunGeometry | null;
}

/**
 * What the metrics read of a run of d > 2 weights (the trajectory keeps only the shown pair), with the
 * spec's definitions for d > 2: per step t < K and per point t ≤ K.
 */
export interface RunGeometry {
  /** 1 when Δw_t has all its nonzero components of one sign (and some), else 0. */
  readonly locked: Uint32Array;
  /** Δw_t · Δw_{t−1} (0 at t = 0). */
  readonly turn: Float64Array;
  /** ‖Δw_t‖. */
  readonly stepLength: Float64Array;
  /** ‖w_t − w_0‖. */
  readonly fromStart: Float64Array;
  /** ‖w_t − w*‖², or null without w*. */
  readonly toTarget2: Float64Array | null;
}

/**
 * Metrics of the run truncated at w_c, for c = 0 … K (the spec's definitions applied to w_0 … w_c):
 * stepsToTarget is the whole run's when it is ≤ c, else null; reversals and pathEfficiency are taken
 * on the way to the target within w_0 … w_c; finalLoss = loss[c], finalDistance = ‖w_c − w*‖;
 * conditionNumber does not depend on c. A diverged run reports divergedAt (and no final loss or
 * distance) only at its last point c = K: every earlier prefix is a run that has not diverged.
 */
export class MetricsTimeline {
  /** Steps in the whole run: queries take c = 0 … steps. */
  readonly steps: number;
  /** Counts kept for every c, or only for the last step (and the step that reached the target). */
  private readonly everyStep: boolean;
  private readonly w: Float64Array;
  private readonly loss: Float64Array;
  private readonly target: Vec2 | null;
  private readonly divergedAt: number | null;
  private readonly conditionNumber: number | null;
  private readonly geometry: RunGeometry | null;
  /** Whole run's stepsToTarget (null: never within reach). */
  private readonly reachedAt: number | null;
  // Prefix counts at index c (every step), or at 0 = reachedAt and 1 = K (last step only; see slot).
  /** locked[c]: steps t < c whose update points into quadrant I or III. */
  private readonly locked: Uint32Array;
  /** reversals[c]: t with 1 ≤ t < c and Δw_t · Δw_{t−1} < 0. */
  private readonly reversals: Uint32Array;
  /** pathLength[c] = Σ_{t<c} ‖Δw_t‖, summed in order t = 0, 1, … */
  private readonly pathLength: Float64Array;

  /** The timeline of a finished run (or a RunView): divergedAt and conditionNumber from its metrics. */
  static ofRun(run: {
    readonly trajectory: Float64Array;
    readonly loss: Float64Array;
    readonly target: Vec2 | null;
    readonly metrics: Pick<Metrics, 'divergedAt' | 'conditionNumber'>;
    readonly geometry?: RunGeometry | null;
  }): MetricsTimeline {
    const { trajectory, loss, target, metrics, geometry } = run;
    return new MetricsTimeline({
      trajectory,
      loss,
      target,
      divergedAt: metrics.divergedAt,
      conditionNumber: metrics.conditionNumber,
      geometry: geometry ?? null,
    });
  }

  constructor(m: MetricsInput, queries: 'every step' | 'last step' = 'every step') {
    const w = m.trajectory;
    const K = Math.max(w.length / 2 - 1, 0);
    const every = queries === 'every step';
    this.steps = K;
    this.everyStep = every;
    this.w = w;
    this.loss = m.loss;
    this.target = m.target;
    this.divergedAt = m.divergedAt;
    this.conditionNumber = m.conditionNumber;
    const geometry = m.geometry ?? null;
    this.geometry = geometry;
    this.reachedAt = geometry
      ? geometry.toTarget2 && K >= 1
        ? firstWithinReachOf(geometry.toTarget2, K)
        : null
      : m.target && w.length >= 4
        ? firstWithinReach(w, K, m.target)
        : null;
    const size = every ? K + 1 : 2;
    // One buffer for the three prefix arrays: a browser's typed-array allocation is dear (docs/architecture.md).
    const buffer = new ArrayBuffer(16 * size);
    const pathLength = new Float64Array(buffer, 0, size);
    const locked = new Uint32Array(buffer, 8 * size, size);
    const reversals = new Uint32Array(buffer, 12 * size, size);
    const reachedAt = this.reachedAt;
    let nLocked = 0;
    let nReversals = 0;
    let length = 0;
    let prev1 = 0;
    let prev2 = 0;
    for (let t = 0; t < K; t++) {
      if (geometry) {
        if (geometry.locked[t] === 1) nLocked++;
        if (t >= 1 && geometry.turn[t] < 0) nReversals++;
        length += geometry.stepLength[t];
      } else {
        const d1 = w[2 * t + 2] - w[2 * t];
        const d2 = w[2 * t + 3] - w[2 * t + 1];
        if (d1 * d2 > 0) nLocked++;
        if (t >= 1 && d1 * prev1 + d2 * prev2 < 0) nReversals++;
        length += Math.sqrt(d1 * d1 + d2 * d2); // not Math.hypot: slower, and its last bit varies by engine
        prev1 = d1;
        prev2 = d2;
      }
      const slot = every ? t + 1 : t + 1 === reachedAt ? 0 : -1;
      if (slot >= 0) {
        locked[slot] = nLocked;
        reversals[slot] = nReversals;
        pathLength[slot] = length;
      }
    }
    if (!every) {
      locked[1] = nLocked;
      reversals[1] = nReversals;
      pathLength[1] = length;
    }
    this.locked = locked;
    this.reversals = reversals;
    this.pathLength = pathLength;
  }

  /** The metrics of w_0 … w_c. Throws RangeError unless c is an integer in 0 … steps (only steps for 'last step'). */
  at(c: number): Metrics {
    if (!Number.isInteger(c) || c < 0 || c > this.steps) {
      throw new RangeError(`step must be an integer from 0 to ${this.steps}, got ${c}`);
    }
    if (!this.everyStep && c !== this.steps) {
      throw new RangeError(`this timeline keeps the last step (${this.steps}) only, got ${c}`);
    }
    const w = this.w;
    const empty = w.length === 0; // the start itself diverged
    const reached = this.reachedAt !== null && this.reachedAt <= c ? this.reachedAt : null;
    const s = reached ?? c; // "on the way to the target" ends at s
    const length = this.pathLength[this.slot(s)];
    const last = c === this.steps;
    const diverged = last && this.divergedAt !== null;
    const target = this.target;
    const geometry = this.geometry;
    if (geometry) {
      return {
        lockedFraction: c > 0 ? this.locked[this.slot(c)] / c : 0,
        pathEfficiency: length > 0 ? geometry.fromStart[s] / length : 1,
        reversals: this.reversals[this.slot(s)],
        stepsToTarget: reached,
        finalLoss: diverged || empty ? null : this.loss[c],
        finalDistance: diverged || empty || !geometry.toTarget2 ? null : Math.sqrt(geometry.toTarget2[c]),
        conditionNumber: this.conditionNumber,
        divergedAt: diverged ? this.divergedAt : null,
      };
    }
    return {
      lockedFraction: c > 0 ? this.locked[this.slot(c)] / c : 0,
      pathEfficiency: length > 0 ? hypot2(w[2 * s] - w[0], w[2 * s + 1] - w[1]) / length : 1,
      reversals: this.reversals[this.slot(s)],
      stepsToTarget: reached,
      finalLoss: diverged || empty ? null : this.loss[c],
      finalDistance: diverged || empty || !target ? null : hypot2(w[2 * c] - target[0], w[2 * c + 1] - target[1]),
      conditionNumber: this.conditionNumber,
      divergedAt: diverged ? this.divergedAt : null,
    };
  }

  /** Where the counts at step c are kept: c itself, or for the last step only, 1 for K and 0 for reachedAt. */
  private slot(c: number): number {
    return this.everyStep ? c : c === this.steps ? 1 : 0;
  }
}

/** The whole run's metrics (the spec's Metrics table): the timeline at its last step. */
export function computeMetrics(m: MetricsInput): Metrics {
  const timeline = new MetricsTimeline(m, 'last step');
  return timeline.at(timeline.steps);
}

/** firstWithinReach from the squared distances ‖w_t − w*‖² of d > 2. */
function firstWithinReachOf(toTarget2: Float64Array, K: number): number | null {
  const radius = 0.05 * Math.sqrt(toTarget2[0]);
  const r2 = radius * radius;
  for (let t = 1; t <= K; t++) if (toTarget2[t] <= r2) return t;
  return null;
}

/** Smallest t ≥ 1 with ‖w_t − w*‖ ≤ 0.05·‖w_0 − w*‖. */
function firstWithinReach(w: Float64Array, K: number, target: Vec2): number | null {
  const radius = 0.05 * hypot2(w[0] - target[0], w[1] - target[1]);
  const r2 = radius * radius;
  for (let t = 1; t <= K; t++) {
    const d1 = w[2 * t] - target[0];
    const d2 = w[2 * t + 1] - target[1];
    if (d1 * d1 + d2 * d2 <= r2) return t; // squared distances: no root per step
  }
  return null;
}
