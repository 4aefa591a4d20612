// What the trainer needs from a model: the loss surface, the step's batch gradient, the Hessian at w*.
// Model is any dimension d (w a Float64Array of d weights); Problem is a model of two weights (w1, w2),
// the plane's, with the two-weight forms its fast paths and tests use.
import type { ExampleSpaceRun } from './exampleSpace';
import type { Pieces } from './pieces';
import { hypot2 } from './portableMath';
import type { Axes, Vec2, Weights } from './types';

/** Per-step records for the UI, written by Problem.gradient at index t when asked for. */
export interface StepRecorder {
  /** Batch gradient g_t on the shown pair, interleaved (g1, g2): 2 per step. */
  readonly gradient: Float64Array;
  /** Neuron only: dL/df of the first example of the step's batch, 1 per step. */
  readonly dLdf: Float64Array | null;
  /** Neuron only: that example's inputs on the shown pair, interleaved: 2 per step. */
  readonly x: Float64Array | null;
  /** Neuron at batch ≤ MAX_RECORDED_BATCH only: per-example gradients, interleaved: 2·batchSize per step. */
  readonly perExample: Float64Array | null;
  /** Neuron, when countsSigns: how many of the batch's examples have dL/df > 0 and how many < 0 (2 per step). */
  readonly dLdfSigns: Uint32Array | null;
  /** d > 2: how many of the batch gradient's d components are > 0 and how many < 0 (2 per step). */
  readonly gradientSigns?: Uint32Array | null;
}

/** The extreme eigenvalues of a Hessian (NaN when it has an entry that is not finite). */
export interface Curvature {
  readonly max: number;
  readonly min: number;
}

/** A model in any dimension d: what the trainer, the metrics and the plane need from it. */
export interface Model {
  /** d, the number of weights. */
  readonly dimension: number;
  /** w*, or null when the scenario has none. */
  readonly target: Weights | null;
  /** Examples per step (1 for a function). */
  readonly batchSize: number;
  /** Every input of every example > 0 (always false for a function). */
  readonly allPositive: boolean;
  /** Full-data loss (or the objective) at w (d numbers). */
  lossAt(w: ArrayLike<number>): number;
  /** g_t, the gradient of step t's batch loss at w, into out (d numbers); optionally records the step. */
  gradientAt(t: number, w: Float64Array, out: Float64Array, record: StepRecorder | null): void;
  /** The loss at a run's start w_0; begins a run (a model may follow the run to price its loss cheaply). */
  startRun(w0: Float64Array): number;
  /** The loss at w = w_{t+1}, just after step t's update; called once per step, in order, after startRun. */
  lossAfterStep(t: number, w: Float64Array): number;
  /** The extreme eigenvalues of the loss's Hessian at w. */
  curvatureAt(w: ArrayLike<number>): Curvature;
  /**
   * A model whose start, steps or curvature can cost more than a piece (the fan-in neuron) gives them in
   * pieces too: the same bits as startRun, gradientAt, lossAfterStep and curvatureAt in one go.
   */
  startRunPieces?(w0: Float64Array): Pieces<number>;
  gradientPieces?(t: number, w: Float64Array, out: Float64Array, record: StepRecorder | null): Pieces<void>;
  lossAfterStepPieces?(t: number, w: Float64Array): Pieces<number>;
  curvaturePieces?(w: ArrayLike<number>): Pieces<Curvature>;
  /** A run whose steps can be taken without passes over the d weights (exampleSpace.ts), asked right after its start; else null. */
  exampleSpaceRun?(w0: Float64Array): ExampleSpaceRun | null;
  /**
   * The loss on the plane of the weights `axes` through `base` (every other weight at its value in base):
   * at w[axes[0]] = x0 + i·dx, w[axes[1]] = y0 + j·dy into out[j·n + i], i, j < n; a cell, a row of
   * cheap cells or a block of a pass over the data per piece.
   */
  sliceGrid(
    axes: Axes,
    base: ArrayLike<number>,
    x0: number,
    dx: number,
    y0: number,
    dy: number,
    n: number,
    out: Float64Array,
  ): Pieces<void>;
}

/** A model of two weights (w1, w2). */
export interface Problem extends Model {
  /** w* on the plane, or null when the scenario has none. */
  readonly target: Vec2 | null;
  /** Full-data loss (or the objective) at w. */
  loss(w1: number, w2: number): number;
  /** g_t, the gradient of step t's batch loss at w, into out[0], out[1]; optionally records the step. */
  gradient(t: number, w1: number, w2: number, out: Float64Array, record: StepRecorder | null): void;
  /** Symmetric Hessian of the loss at w as [h11, h12, h22]. */
  hessian(w: Weights): readonly [number, number, number];
  /** Loss at every (x0 + i·dx, y0 + j·dy), i, j < n, into out[j·n + i], in pieces as sliceGrid. */
  lossGrid(x0: number, dx: number, y0: number, dy: number, n: number, out: Float64Array): Pieces<void>;
}

/** model.curvatureAt(w), in pieces where the model gives them. */
export function* curvaturePiecesOf(model: Model, w: ArrayLike<number>): Pieces<Curvature> {
  return model.curvaturePieces ? yield* model.curvaturePieces(w) : model.curvatureAt(w);
}

/** The larger eigenvalue of a symmetric 2×2 matrix [h11, h12, h22] (NaN when an entry is not finite). */
function largestEigenvalue([a, b, c]: readonly [number, number, number]): number {
  if (![a, b, c].every(Number.isFinite)) return NaN;
  return (a + c) / 2 + hypot2((a - c) / 2, b);
}

/** The eigenvalues of a symmetric 2×2 matrix; λmin as det / λmax: no cancellation when λmin ≪ λmax. */
function curvature2([a, b, c]: readonly [number, number, number]): Curvature {
  const max = largestEigenvalue([a, b, c]);
  return { max, min: (a * c - b * b) / max };
}

/** λmax / λmin, or null unless both are > 0 (positive definite). */
export function curvatureRatio({ max, min }: Curvature): number | null {
  if (!(max > 0)) return null;
  if (!(min > 0)) return null;
  return max / min;
}

/** A Problem's d-dimensional side, read off its two-weight loss, gradient and Hessian: what both two-weight models share. */
export abstract class PlaneProblem implements Problem {
  readonly dimension = 2;
  abstract readonly target: Vec2 | null;
  abstract readonly batchSize: number;
  abstract readonly allPositive: boolean;
  abstract loss(w1: number, w2: number): number;
  abstract gradient(t: number, w1: number, w2: number, out: Float64Array, record: StepRecorder | null): void;
  abstract hessian(w: Weights): readonly [number, number, number];
  abstract lossGrid(x0: number, dx: number, y0: number, dy: number, n: number, out: Float64Array): Pieces<void>;

  lossAt(w: ArrayLike<number>): number {
    return this.loss(w[0], w[1]);
  }

  startRun(w0: Float64Array): number {
    return this.loss(w0[0], w0[1]);
  }

  lossAfterStep(_t: number, w: Float64Array): number {
    return this.loss(w[0], w[1]);
  }

  gradientAt(t: number, w: Float64Array, out: Float64Array, record: StepRecorder | null): void {
    this.gradient(t, w[0], w[1], out, record);
  }

  curvatureAt(w: ArrayLike<number>): Curvature {
    return curvature2(this.hessian([w[0], w[1]]));
  }

  /** Its own grid for axes (0, 1); for (1, 0) the transposed one, a cell per piece. */
  *sliceGrid(
    axes: Axes,
    _base: ArrayLike<number>,
    x0: number,
    dx: number,
    y0: number,
    dy: number,
    n: number,
    out: Float64Array,
  ): Pieces<void> {
    if (axes[0] === 0) return yield* this.lossGrid(x0, dx, y0, dy, n, out);
    for (let j = 0; j < n; j++) {
      const w1 = y0 + j * dy;
      for (let i = 0; i < n; i++) {
        out[j * n + i] = this.loss(w1, x0 + i * dx);
        yield 'cell';
      }
    }
  }
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
