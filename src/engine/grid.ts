// The loss on an n×n grid for contour plots, over a square window that encloses start, target and
// trajectory with a margin (square so an equal-aspect plot shows it without distortion).
import { complete, type Pieces } from './pieces';
import type { Problem } from './problem';
import type { Vec2 } from './types';

export interface GridBounds {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** values[j·n + i] is the loss at (x0 + i·(x1 − x0)/(n − 1), y0 + j·(y1 − y0)/(n − 1)). */
export interface LossGrid extends GridBounds {
  readonly n: number;
  readonly values: Float64Array;
}

/**
 * A window around the points and the trajectory, with a margin, `aspect` times as wide as it is tall
 * (1: square). Its half-height is rounded up to a "nice" number and its centre snapped to a quarter of
 * that, so small changes (another learning rate, a few more steps) give the very same window: the plot
 * does not jitter, and an unchanged loss surface gives a bit-identical grid the webview can recognise.
 */
export function gridBounds(points: readonly Vec2[], trajectory: Float64Array, margin = 0.15, minHalfWidth = 0.5, aspect = 1): GridBounds {
  let lo1 = Infinity;
  let hi1 = -Infinity;
  let lo2 = Infinity;
  let hi2 = -Infinity;
  const take = (a: number, b: number): void => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    lo1 = Math.min(lo1, a);
    hi1 = Math.max(hi1, a);
    lo2 = Math.min(lo2, b);
    hi2 = Math.max(hi2, b);
  };
  for (const p of points) take(p[0], p[1]);
  for (let i = 0; i + 1 < trajectory.length; i += 2) take(trajectory[i], trajectory[i + 1]);
  if (lo1 > hi1) {
    lo1 = hi1 = 0;
    lo2 = hi2 = 0;
  }
  const core = Math.max((hi1 - lo1) / 2 / aspect, (hi2 - lo2) / 2, minHalfWidth);
  // The margin around the content, in y units (× aspect in x), kept after the centre is snapped.
  const pad = core * margin;
  for (let half = niceCeil(core + pad); ; half = niceCeil(half * 1.0001)) {
    const q = half / 4;
    const halfX = half * aspect;
    const c1 = Math.round((lo1 + hi1) / 2 / q) * q;
    const c2 = Math.round((lo2 + hi2) / 2 / q) * q;
    // Snapping moved the centre by up to q/2: keep everything and its margin inside, else grow.
    if (c1 - halfX <= lo1 - pad * aspect && c1 + halfX >= hi1 + pad * aspect && c2 - half <= lo2 - pad && c2 + half >= hi2 + pad) {
      return { x0: c1 - halfX, x1: c1 + halfX, y0: c2 - half, y1: c2 + half };
    }
  }
}

const NICE = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest m·10^k ≥ x with m from NICE (exact decimal steps, so windows repeat exactly). */
export function niceCeil(x: number): number {
  // m·10^k as m·p or m/p with p = 10^|k| exact, so 0.3 comes out as 0.3 (not 3 × 0.1).
  let k = 0;
  while (x > 10 * pow10(k)) k++;
  while (x <= pow10(k)) k--;
  for (const m of NICE) {
    const v = k >= 0 ? m * pow10(k) : m / pow10(-k);
    if (v >= x) return v;
  }
  return k >= -1 ? 10 * pow10(k + 1) : 10 / pow10(-k - 1);
}

function pow10(k: number): number {
  if (k < 0) return 1 / pow10(-k);
  let p = 1;
  for (let i = 0; i < k; i++) p *= 10;
  return p;
}

export function lossGrid(problem: Problem, b: GridBounds, n: number): LossGrid {
  return complete(lossGridPieces(problem, b, n));
}

/** lossGrid a cell (or a block of examples) at a time. */
export function* lossGridPieces(problem: Problem, b: GridBounds, n: number): Pieces<LossGrid> {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`grid size must be an integer ≥ 2, got ${n}`);
  const values = new Float64Array(n * n);
  yield* problem.lossGrid(b.x0, (b.x1 - b.x0) / (n - 1), b.y0, (b.y1 - b.y0) / (n - 1), n, values);
  return { ...b, n, values };
}
