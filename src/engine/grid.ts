// The loss on an n×n grid for contour plots, over a square window that encloses start, target and
// trajectory with a margin (square so an equal-aspect plot shows it without distortion).
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

export function gridBounds(points: readonly Vec2[], trajectory: Float64Array, margin = 0.15, minHalfWidth = 0.5): GridBounds {
  let lo1 = Infinity;
  let hi1 = -Infinity;
  let lo2 = Infinity;
  let hi2 = -Infinity;
  const take = (a: number, b: number): void => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    lo1 = Math.min(lo1, a); hi1 = Math.max(hi1, a);
    lo2 = Math.min(lo2, b); hi2 = Math.max(hi2, b);
  };
  for (const p of points) take(p[0], p[1]);
  for (let i = 0; i + 1 < trajectory.length; i += 2) take(trajectory[i], trajectory[i + 1]);
  if (lo1 > hi1) { lo1 = hi1 = 0; lo2 = hi2 = 0; }
  const half = Math.max((hi1 - lo1) / 2, (hi2 - lo2) / 2, minHalfWidth) * (1 + margin);
  const c1 = (lo1 + hi1) / 2;
  const c2 = (lo2 + hi2) / 2;
  return { x0: c1 - half, x1: c1 + half, y0: c2 - half, y1: c2 + half };
}

export function lossGrid(problem: Problem, b: GridBounds, n: number): LossGrid {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`grid size must be an integer ≥ 2, got ${n}`);
  const values = new Float64Array(n * n);
  problem.lossGrid(b.x0, (b.x1 - b.x0) / (n - 1), b.y0, (b.y1 - b.y0) / (n - 1), n, values);
  return { ...b, n, values };
}
