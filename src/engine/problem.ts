// What the trainer needs from a model: the loss surface, the step's batch gradient, the Hessian at w*.
import type { Pieces } from './pieces';
import { hypot2 } from './portableMath';
import type { Vec2 } from './types';

/** Per-step records for the UI, written by Problem.gradient at index t when asked for. */
export interface StepRecorder {
  readonly gradient: Float64Array; // 2 per step
  readonly dLdf: Float64Array | null; // 1 per step
  readonly x: Float64Array | null; // 2 per step
  readonly perExample: Float64Array | null; // 2·batchSize per step
  /** Neuron: how many of the batch's examples have dL/df > 0 and how many < 0 (2 per step). */
  readonly dLdfSigns: Uint32Array | null;
}

export interface Problem {
  /** w*, or null when the scenario has none. */
  readonly target: Vec2 | null;
  /** Examples per step (1 for a function). */
  readonly batchSize: number;
  /** Every input of every example > 0 (always false for a function). */
  readonly allPositive: boolean;
  /** Full-data loss (or the objective) at w. */
  loss(w1: number, w2: number): number;
  /** g_t, the gradient of step t's batch loss at w, into out[0], out[1]; optionally records the step. */
  gradient(t: number, w1: number, w2: number, out: Float64Array, record: StepRecorder | null): void;
  /** Symmetric Hessian of the loss at w as [h11, h12, h22]. */
  hessian(w: Vec2): readonly [number, number, number];
  /** Loss at every (x0 + i·dx, y0 + j·dy), i, j < n, into out[j·n + i], a cell (or a block of examples) per piece. */
  lossGrid(x0: number, dx: number, y0: number, dy: number, n: number, out: Float64Array): Pieces<void>;
}

/** The larger eigenvalue of a symmetric 2×2 matrix [h11, h12, h22] (NaN when an entry is not finite). */
export function largestEigenvalue([a, b, c]: readonly [number, number, number]): number {
  if (![a, b, c].every(Number.isFinite)) return NaN;
  return (a + c) / 2 + hypot2((a - c) / 2, b);
}

/** λmax / λmin of a symmetric 2×2 matrix, or null unless it is positive definite. */
export function conditionNumber([a, b, c]: readonly [number, number, number]): number | null {
  const max = largestEigenvalue([a, b, c]);
  if (!(max > 0)) return null;
  const min = (a * c - b * b) / max; // det / λmax: no cancellation when λmin ≪ λmax
  if (!(min > 0)) return null;
  return max / min;
}

/**
 * Fills a loss grid by calling loss() per cell: the reference every faster grid is tested against. A
 * piece is a cell, or a row where loss() costs O(1) (`rows`).
 */
export function* lossGridByPoints(
  p: Pick<Problem, 'loss'>,
  x0: number,
  dx: number,
  y0: number,
  dy: number,
  n: number,
  out: Float64Array,
  rows = false,
): Pieces<void> {
  for (let j = 0; j < n; j++) {
    const w2 = y0 + j * dy;
    for (let i = 0; i < n; i++) {
      out[j * n + i] = p.loss(x0 + i * dx, w2);
      if (!rows) yield 'cell';
    }
    if (rows) yield 'row';
  }
}
