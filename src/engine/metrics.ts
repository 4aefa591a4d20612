// The spec's metrics, computed from the recorded trajectory w_0 … w_K.
import { hypot2 } from './portableMath';
import type { Metrics, Vec2 } from './types';

export interface MetricsInput {
  /** w_0 … w_K interleaved; may be empty when the start diverged. */
  readonly trajectory: Float64Array;
  readonly loss: Float64Array;
  readonly target: Vec2 | null;
  readonly divergedAt: number | null;
  readonly conditionNumber: number | null;
}

export function computeMetrics(m: MetricsInput): Metrics {
  const w = m.trajectory;
  const K = w.length / 2 - 1; // steps taken
  let locked = 0;
  let reversals = 0;
  let pathLength = 0;
  let prev1 = 0;
  let prev2 = 0;
  for (let t = 0; t < K; t++) {
    const d1 = w[2 * t + 2] - w[2 * t];
    const d2 = w[2 * t + 3] - w[2 * t + 1];
    if (d1 * d2 > 0) locked++;
    if (t >= 1 && d1 * prev1 + d2 * prev2 < 0) reversals++;
    pathLength += Math.sqrt(d1 * d1 + d2 * d2); // not Math.hypot: slower, and its last bit varies by engine
    prev1 = d1;
    prev2 = d2;
  }
  const diverged = m.divergedAt !== null;
  const net = K > 0 ? hypot2(w[2 * K] - w[0], w[2 * K + 1] - w[1]) : 0;
  return {
    lockedFraction: K > 0 ? locked / K : 0,
    pathEfficiency: pathLength > 0 ? net / pathLength : 1,
    reversals,
    stepsToTarget: m.target && K >= 1 ? stepsToTarget(w, K, m.target) : null,
    finalLoss: diverged || K < 0 ? null : m.loss[K],
    finalDistance: diverged || !m.target || K < 0 ? null : hypot2(w[2 * K] - m.target[0], w[2 * K + 1] - m.target[1]),
    conditionNumber: m.conditionNumber,
    divergedAt: m.divergedAt,
  };
}

/** Smallest t ≥ 1 with ‖w_t − w*‖ ≤ 0.05·‖w_0 − w*‖. */
function stepsToTarget(w: Float64Array, K: number, target: Vec2): number | null {
  const radius = 0.05 * hypot2(w[0] - target[0], w[1] - target[1]);
  const r2 = radius * radius;
  for (let t = 1; t <= K; t++) {
    const d1 = w[2 * t] - target[0];
    const d2 = w[2 * t + 1] - target[1];
    if (d1 * d1 + d2 * d2 <= r2) return t; // squared distances: no root per step
  }
  return null;
}
