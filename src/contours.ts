// Contour lines of the loss surface from RunView.grid: marching squares (d3-contour) at log-spaced
// levels, converted from grid-cell coordinates to (w1, w2). Computed once per run, drawn every frame.
import { contours } from 'd3-contour';
import type { ContourGrid } from './protocol';

/**
 * One level: its loss value and its lines in data coordinates, each interleaved (w1, w2). Rings are cut
 * where they run along the edge of the sampled square: that edge is where the grid ends, not a contour.
 */
export interface ContourLevel {
  readonly value: number;
  readonly rings: readonly Float64Array[];
}

/** Splits a ring (grid coordinates, interleaved) into polylines that skip segments on the grid's border. */
function splitAtBorder(ring: Float64Array, last: number): Float64Array[] {
  const onEdge = (a: number, b: number): boolean => (a === 0 && b === 0) || (a === last && b === last);
  const lines: Float64Array[] = [];
  let start = 0;
  const count = ring.length / 2;
  for (let k = 1; k < count; k++) {
    const x0 = ring[2 * k - 2], y0 = ring[2 * k - 1], x1 = ring[2 * k], y1 = ring[2 * k + 1];
    if (onEdge(x0, x1) || onEdge(y0, y1)) {
      if (k - 1 > start) lines.push(ring.slice(2 * start, 2 * k));
      start = k;
    }
  }
  if (count - 1 > start) lines.push(ring.slice(2 * start));
  return lines;
}

/**
 * `count` levels spaced evenly in log(loss) between the grid's smallest positive value and its largest
 * finite one. Loss landscapes span decades (a bowl's rim is 100× its floor), so linear spacing would put
 * every line on the rim.
 */
export function logLevels(values: Float64Array, count: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v > 0 && v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > 0) || !Number.isFinite(lo) || count < 1) return [];
  if (hi <= lo) return [lo];
  // Start just above the floor so the minimum shows as a small closed ring, not a single point.
  const a = Math.log(lo);
  const b = Math.log(hi);
  const levels: number[] = [];
  for (let k = 1; k <= count; k++) levels.push(Math.exp(a + ((b - a) * k) / (count + 1)));
  return levels;
}

/** Contour rings of `grid` at `levels`; non-finite grid values are treated as "above every level". */
export function contourLevels(grid: ContourGrid, levels: readonly number[]): ContourLevel[] {
  const n = grid.n;
  if (n < 2 || grid.values.length < n * n || levels.length === 0) return [];
  const dx = (grid.x1 - grid.x0) / (n - 1);
  const dy = (grid.y1 - grid.y0) / (n - 1);
  const values = new Array<number>(n * n);
  for (let i = 0; i < n * n; i++) {
    const v = grid.values[i];
    values[i] = Number.isFinite(v) ? v : Number.MAX_VALUE;
  }
  const generator = contours().size([n, n]).thresholds(levels as number[]).smooth(true);
  const result: ContourLevel[] = [];
  for (const mp of generator(values)) {
    const rings: Float64Array[] = [];
    for (const polygon of mp.coordinates) {
      for (const ring of polygon) {
        const g = new Float64Array(ring.length * 2);
        for (let k = 0; k < ring.length; k++) {
          // d3-contour puts value i at cell coordinate i + 0.5; the grid's outer boundary (0 and n)
          // is clamped onto the first/last sample so rings never leave the sampled square.
          g[2 * k] = Math.min(Math.max(ring[k][0] - 0.5, 0), n - 1);
          g[2 * k + 1] = Math.min(Math.max(ring[k][1] - 0.5, 0), n - 1);
        }
        for (const line of splitAtBorder(g, n - 1)) {
          for (let k = 0; k < line.length; k += 2) {
            line[k] = grid.x0 + line[k] * dx;
            line[k + 1] = grid.y0 + line[k + 1] * dy;
          }
          rings.push(line);
        }
      }
    }
    result.push({ value: mp.value, rings });
  }
  return result;
}
