// The loss on an n×n grid for contour plots, over a square window that encloses start, target and
// trajectory with a margin (square so an equal-aspect plot shows it without distortion).
import { complete, type Pieces } from './pieces';
import type { Problem } from './problem';
import type { Weights } from './types';

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
 * Coordinates beyond ±GRID_EXTENT count as ±GRID_EXTENT: no run gets there (a run stops when a weight
 * passes the divergence bound, 1e12), and every window and every step of the fitting below stays finite.
 */
export const GRID_EXTENT = 1e15;
/** Tries of the window fitting below; two suffice in exact arithmetic (see the loop). */
const MAX_FITS = 16;

/**
 * A window around the points and the trajectory, with a margin, `aspect` times as wide as it is tall
 * (1: square). Its half-height is rounded up to a "nice" number and its centre snapped to a quarter of
 * that, so small changes (another learning rate, a few more steps) give the very same window: the plot
 * does not jitter, and an unchanged loss surface gives a bit-identical grid the webview can recognise.
 * Total: any doubles in, a finite window out; non-finite coordinates are skipped, huge ones held at
 * ±GRID_EXTENT. Throws RangeError for a shape it cannot fit (margin, half-width or aspect out of range).
 */
export function gridBounds(
  points: readonly Weights[],
  trajectory: Float64Array,
  margin = 0.15,
  minHalfWidth = 0.5,
  aspect = 1,
): GridBounds {
  if (!(margin >= 0 && margin <= 10)) throw new RangeError(`grid margin must be from 0 to 10, got ${margin}`);
  if (!(minHalfWidth > 0 && minHalfWidth <= GRID_EXTENT)) {
    throw new RangeError(`grid half-width must be > 0 and ≤ ${GRID_EXTENT}, got ${minHalfWidth}`);
  }
  // The centre snaps by up to a sixteenth of the height: a window narrower than a quarter of its height could never hold it.
  if (!(aspect >= 0.25 && aspect <= 4)) throw new RangeError(`grid aspect must be from 0.25 to 4, got ${aspect}`);
  let lo1 = Infinity;
  let hi1 = -Infinity;
  let lo2 = Infinity;
  let hi2 = -Infinity;
  const held = (v: number): number => (v > GRID_EXTENT ? GRID_EXTENT : v < -GRID_EXTENT ? -GRID_EXTENT : v);
  const take = (a: number, b: number): void => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    a = held(a);
    b = held(b);
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
  // Snapping moves the centre by at most q/2 = half/8, so a half-height of (8/7)·(core + pad) fits
  // (aspect ≥ 1; 2·(core + pad) at aspect 0.25), and every try grows half by a nice step, ≥ 1.2×.
  let half = niceCeil(core + pad);
  for (let fit = 0; fit < MAX_FITS; fit++, half = niceCeil(half * 1.0001)) {
    const q = half / 4;
    const halfX = half * aspect;
    const c1 = Math.round((lo1 + hi1) / 2 / q) * q;
    const c2 = Math.round((lo2 + hi2) / 2 / q) * q;
    // Snapping moved the centre by up to q/2: keep everything and its margin inside, else grow.
    if (c1 - halfX <= lo1 - pad * aspect && c1 + halfX >= hi1 + pad * aspect && c2 - half <= lo2 - pad && c2 + half >= hi2 + pad) {
      return { x0: c1 - halfX, x1: c1 + halfX, y0: c2 - half, y1: c2 + half };
    }
  }
  // Not reached in exact arithmetic; should rounding ever keep every try out, a window that is not snapped.
  const h = (core + pad) * 1.001;
  const m1 = (lo1 + hi1) / 2;
  const m2 = (lo2 + hi2) / 2;
  return { x0: m1 - h * aspect, x1: m1 + h * aspect, y0: m2 - h, y1: m2 + h };
}

const NICE = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
/** niceCeil's range: below it the smallest nice number it gives, above it no finite nice number is ≥ x. */
export const NICE_MIN = 1e-300;
/** 10^k for k = 0 … 308, each 10 times the one before (exact decimal steps, so windows repeat exactly). */
const POW10 = (() => {
  const p = new Float64Array(309);
  p[0] = 1;
  for (let k = 1; k <= 308; k++) p[k] = p[k - 1] * 10;
  return p;
})();
const pow10 = (k: number): number => (k > 308 ? Infinity : k >= 0 ? POW10[k] : 1 / POW10[-k]);
/** The largest nice number that is finite, 1.5·10^308. */
export const NICE_MAX = 1.5 * POW10[308];

/**
 * The smallest m·10^k ≥ x with m from NICE. Total: NaN for NaN, Infinity above NICE_MAX, and below
 * NICE_MIN (0, negatives, −Infinity, subnormals) niceCeil(NICE_MIN).
 */
export function niceCeil(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > NICE_MAX) return Infinity;
  if (x < NICE_MIN) x = NICE_MIN;
  // m·10^k as m·p or m/p with p = 10^|k| exact, so 0.3 comes out as 0.3 (not 3 × 0.1).
  // Within the range each search stops by itself: at most 308 steps up, then at most 609 down (k ≥ −301).
  let k = 0;
  while (k < 308 && x > 10 * pow10(k)) k++;
  while (k > -301 && x <= pow10(k)) k--;
  for (const m of NICE) {
    const v = k >= 0 ? m * pow10(k) : m / pow10(-k);
    if (v >= x) return v;
  }
  return k >= -1 ? 10 * pow10(k + 1) : 10 / pow10(-k - 1);
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
