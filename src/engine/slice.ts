// The loss on the plane the playground shows: the shown pair of weights (axes) through w*, every other
// weight at its value in w* (for d = 2 the whole plane, the same grid lossGrid gives).
import type { GridBounds, LossGrid } from './grid';
import { complete, type Pieces } from './pieces';
import type { Model } from './problem';
import type { Axes } from './types';

/** values[j·n + i]: the loss with w[axes[0]] = x0 + i·(x1 − x0)/(n − 1), w[axes[1]] = y0 + j·(y1 − y0)/(n − 1), the rest from base. */
export function lossSlice(model: Model, axes: Axes, base: ArrayLike<number>, b: GridBounds, n: number): LossGrid {
  return complete(lossSlicePieces(model, axes, base, b, n));
}

/** lossSlice in pieces (a cell, a row of cheap cells or a block of a pass over the data each). */
export function* lossSlicePieces(model: Model, axes: Axes, base: ArrayLike<number>, b: GridBounds, n: number): Pieces<LossGrid> {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`grid size must be an integer ≥ 2, got ${n}`);
  const values = new Float64Array(n * n);
  yield* model.sliceGrid(axes, base, b.x0, (b.x1 - b.x0) / (n - 1), b.y0, (b.y1 - b.y0) / (n - 1), n, values);
  return { ...b, n, values };
}
