// Contour lines of the loss surface from RunView.grid: marching squares (d3-contour) at log-spaced
// levels, converted from grid-cell coordinates to (w1, w2). Computed once per grid, drawn every frame;
// ContourCache recognises a grid it has seen (the host's windows snap, so a new learning rate or
// optimizer usually sends a bit-identical grid) and skips d3-contour entirely; for a new surface it can
// answer with a coarse pass at once and finish the full one level by level later, so contouring stays
// off the frame that shows a change.
import { contours } from 'd3-contour';
import { sameBits } from './bitEquality';
import { UI_LIMITS } from './uiLimits';
import type { ContourGrid } from './runModel';

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
    const x0 = ring[2 * k - 2],
      y0 = ring[2 * k - 1],
      x1 = ring[2 * k],
      y1 = ring[2 * k + 1];
    if (onEdge(x0, x1) || onEdge(y0, y1)) {
      if (k - 1 > start) lines.push(ring.slice(2 * start, 2 * k));
      start = k;
    }
  }
  if (count - 1 > start) lines.push(ring.slice(2 * start));
  return lines;
}

/**
 * `count` levels (at most UI_LIMITS.contourLevels.max) spaced evenly in log(loss) between the grid's
 * smallest positive value and its largest finite one. Loss landscapes span decades (a bowl's rim is 100× its floor), so linear spacing would put
 * every line on the rim.
 */
export function logLevels(values: Float64Array, count: number): number[] {
  // At most the UI's most levels, whatever the caller asks: each level is a pass over the grid.
  count = Math.min(count, UI_LIMITS.contourLevels.max);
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

/** Per level (ascending), the sample box [i0, i1] × [j0, j1] outside which every sample is above it. */
function levelBoxes(values: ArrayLike<number>, n: number, levels: readonly number[]): Int32Array {
  if (levels.length === 0) return new Int32Array(0);
  const count = levels.length;
  const box = new Int32Array(count * 4);
  for (let k = 0; k < count; k++) box.set([n, -1, n, -1], 4 * k);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = values[j * n + i];
      if (!(v <= levels[count - 1])) continue; // above every level (or not finite)
      // The lowest level at or above v: this sample is below that level and every higher one.
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (levels[mid] >= v) hi = mid;
        else lo = mid + 1;
      }
      const b = 4 * lo;
      if (i < box[b]) box[b] = i;
      if (i > box[b + 1]) box[b + 1] = i;
      if (j < box[b + 2]) box[b + 2] = j;
      if (j > box[b + 3]) box[b + 3] = j;
    }
  }
  for (let k = 1; k < count; k++) {
    const a = 4 * (k - 1);
    const b = 4 * k;
    box[b] = Math.min(box[b], box[a]);
    box[b + 1] = Math.max(box[b + 1], box[a + 1]);
    box[b + 2] = Math.min(box[b + 2], box[a + 2]);
    box[b + 3] = Math.max(box[b + 3], box[a + 3]);
  }
  return box;
}

/** The grid indices a pass at `stride` samples: 0, stride, 2·stride, … and always the last, n − 1. */
function strideIndices(n: number, stride: number): Int32Array {
  const count = Math.ceil((n - 1) / stride) + 1;
  const idx = new Int32Array(count);
  for (let k = 0; k < count; k++) idx[k] = Math.min(k * stride, n - 1);
  return idx;
}

/**
 * Traces contour levels of one grid, one level at a time (so the work can be spread over idle time).
 * With `stride` s > 1 it marches only every s-th sample in each direction (plus the last row and
 * column, so the lines still reach the window's edges): exact samples of the same surface at the same
 * levels, about 1/s² of the work, lines within a fraction of a coarse cell of the full pass.
 */
export class ContourTracer {
  /** The levels, ascending. */
  readonly levels: readonly number[];
  private readonly idx: Int32Array;
  private readonly m: number;
  private readonly values: Float64Array;
  private readonly boxes: Int32Array;

  constructor(
    private readonly grid: ContourGrid,
    levels: readonly number[],
    stride = 1,
  ) {
    const n = grid.n;
    this.levels = [...levels].sort((a, b) => a - b);
    this.idx = n >= 2 ? strideIndices(n, Math.max(1, Math.floor(stride))) : new Int32Array(0);
    const m = (this.m = this.idx.length);
    this.values = new Float64Array(m * m);
    for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) this.values[j * m + i] = grid.values[this.idx[j] * n + this.idx[i]];
    // Log-spaced levels crowd around the minimum, where their rings are small: each level is marched
    // only over the box of samples below it, plus one sample all round (every crossing is inside).
    this.boxes = levelBoxes(this.values, m, this.levels);
  }

  get count(): number {
    return this.levels.length;
  }

  /** The share of the grid the k-th level is marched over (its box of samples below the level, plus one all round). */
  share(k: number): number {
    const { m, boxes } = this;
    const w = Math.min(m - 1, boxes[4 * k + 1] + 1) - Math.max(0, boxes[4 * k] - 1) + 1;
    const h = Math.min(m - 1, boxes[4 * k + 3] + 1) - Math.max(0, boxes[4 * k + 2] - 1) + 1;
    return w > 0 && h > 0 ? (w * h) / (m * m) : 0;
  }

  /** The k-th level (ascending) with its lines in data coordinates. */
  trace(k: number): ContourLevel {
    const { grid, idx, m, values, boxes } = this;
    const value = this.levels[k];
    const n = grid.n;
    const rings: Float64Array[] = [];
    if (n < 2 || grid.values.length < n * n) return { value, rings };
    const dx = (grid.x1 - grid.x0) / (n - 1);
    const dy = (grid.y1 - grid.y0) / (n - 1);
    const i0 = Math.max(0, boxes[4 * k] - 1);
    const i1 = Math.min(m - 1, boxes[4 * k + 1] + 1);
    const j0 = Math.max(0, boxes[4 * k + 2] - 1);
    const j1 = Math.min(m - 1, boxes[4 * k + 3] + 1);
    if (!(i1 > i0 && j1 > j0)) return { value, rings };
    const w = i1 - i0 + 1;
    const h = j1 - j0 + 1;
    // Negated, so d3-contour outlines the hole below a level, not the window around it: the same crossings
    // (the interpolation is symmetric) without tracing the window's border (docs/architecture.md).
    const box = new Array<number>(w * h);
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < w; i++) {
        const v = values[(j + j0) * m + i + i0];
        box[j * w + i] = Number.isFinite(v) ? -v : -Number.MAX_VALUE;
      }
    }
    // Marched-sample coordinate → grid index (piecewise linear: the last step may be shorter).
    const toIndex = (q: number): number => {
      const f = Math.min(Math.floor(q), m - 2);
      return idx[f] + (q - f) * (idx[f + 1] - idx[f]);
    };
    const generator = contours().size([w, h]).smooth(true);
    for (const polygon of generator.contour(box, -value).coordinates) {
      for (const ring of polygon) {
        const g = new Float64Array(ring.length * 2);
        for (let q = 0; q < ring.length; q++) {
          // d3-contour puts value i at cell coordinate i + 0.5; the outer boundary (0 and w) is clamped
          // onto the first/last sample so rings never leave the sampled square.
          g[2 * q] = toIndex(Math.min(Math.max(ring[q][0] - 0.5 + i0, 0), m - 1));
          g[2 * q + 1] = toIndex(Math.min(Math.max(ring[q][1] - 0.5 + j0, 0), m - 1));
        }
        for (const line of splitAtBorder(g, n - 1)) {
          for (let q = 0; q < line.length; q += 2) {
            line[q] = grid.x0 + line[q] * dx;
            line[q + 1] = grid.y0 + line[q + 1] * dy;
          }
          rings.push(line);
        }
      }
    }
    return { value, rings };
  }

  all(): ContourLevel[] {
    const out: ContourLevel[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.trace(k));
    return out;
  }
}

/**
 * Contour rings of `grid` at `levels` (every sample, or every `stride`-th); non-finite grid values are
 * treated as "above every level".
 */
export function contourLevels(grid: ContourGrid, levels: readonly number[], stride = 1): ContourLevel[] {
  if (grid.n < 2 || grid.values.length < grid.n * grid.n || levels.length === 0) return [];
  return new ContourTracer(grid, levels, stride).all();
}

/** A 32-bit FNV-1a-style hash of every bit of `values`: a cheap first test before comparing every bit. */
export function gridFingerprint(values: Float64Array): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return h >>> 0;
}

/** A contour set for a grid: every level, or a faster first pass while the full one is still to come. */
export interface ContourResult {
  readonly contours: readonly ContourLevel[];
  /** false: some levels come from the coarse pass; `refine` completes the full one. */
  readonly final: boolean;
  /** d3-contour ran in this call (on the caller's time). */
  readonly computed: boolean;
}

/** Grids larger than this (n) get a quick first pass when asked for one. */
const COARSE_ABOVE_N = 64;
/** The quick pass marches every second sample where a level spans much of the grid: a quarter of the work there. */
export const COARSE_STRIDE = 2;
/**
 * Levels marched over at most this share of the grid (the small rings around a minimum, where a coarse
 * pass would be least accurate and the full one costs little) are traced in full even in the quick pass.
 */
const EXACT_SHARE = 1 / 8;

interface CacheEntry {
  readonly grid: ContourGrid;
  readonly fingerprint: number;
  readonly count: number;
  /** The best contours so far, per level. */
  contours: readonly ContourLevel[];
  /** Levels still from the coarse pass, the full pass's tracer, and the levels it has traced. */
  refining: { readonly tracer: ContourTracer; readonly todo: readonly number[]; readonly done: ContourLevel[] } | null;
}

/**
 * Contours per (grid window, size, values, level count), most recently used first. A hit needs the
 * same bounds and n, the same fingerprint and then the same bits, so it is never a near miss. Holds a
 * few surfaces so switching back and forth (sigmoid ↔ tanh, compare mode's two panes) stays cheap.
 * Asked for a quick answer (`progressive`), a new large grid gets a quick pass at once (small rings in
 * full, wide ones from every second sample: within a fraction of a cell of the full lines) and its
 * full pass later, level by level, through `refine` (the webview calls it in idle time).
 */
export class ContourCache {
  private entries: CacheEntry[] = [];
  /** d3-contour passes run inside `get` so far (tests and the benchmark read it). */
  computed = 0;

  constructor(private readonly capacity = 6) {}

  private find(grid: ContourGrid, count: number, fingerprint = gridFingerprint(grid.values)): number {
    return this.entries.findIndex(
      (e) =>
        e.count === count &&
        e.fingerprint === fingerprint &&
        e.grid.n === grid.n &&
        e.grid.x0 === grid.x0 &&
        e.grid.x1 === grid.x1 &&
        e.grid.y0 === grid.y0 &&
        e.grid.y1 === grid.y1 &&
        sameBits(e.grid.values, grid.values),
    );
  }

  /** The cached contours of `grid` at `count` levels (full, or the quick pass while refining), or null: never computes. */
  peek(grid: ContourGrid, count: number): Omit<ContourResult, 'computed'> | null {
    const i = this.find(grid, count);
    if (i < 0) return null;
    const [hit] = this.entries.splice(i, 1);
    this.entries.unshift(hit);
    return { contours: hit.contours, final: hit.refining === null };
  }

  /** The contours of `grid` at `count` log-spaced levels: the full set, or with `progressive` possibly the quick pass first. */
  get(grid: ContourGrid, count: number, options: { readonly progressive?: boolean } = {}): ContourResult {
    const fingerprint = gridFingerprint(grid.values);
    const i = this.find(grid, count, fingerprint);
    if (i >= 0) {
      const [hit] = this.entries.splice(i, 1);
      this.entries.unshift(hit);
      if (hit.refining && !options.progressive) {
        this.computed += 1;
        this.finish(hit);
        return { contours: hit.contours, final: true, computed: true };
      }
      return { contours: hit.contours, final: hit.refining === null, computed: false };
    }
    const levels = logLevels(grid.values, count);
    this.computed += 1;
    // Keep our own reference to the values: the caller's grid object may be dropped or replaced.
    const own = { ...grid };
    const tracer = new ContourTracer(own, levels);
    let entry: CacheEntry;
    if (options.progressive && grid.n > COARSE_ABOVE_N) {
      const coarse = new ContourTracer(own, levels, COARSE_STRIDE);
      const todo: number[] = [];
      const contours = tracer.levels.map((_, k) => {
        if (tracer.share(k) <= EXACT_SHARE) return tracer.trace(k);
        todo.push(k);
        return coarse.trace(k);
      });
      entry = { grid: own, fingerprint, count, contours, refining: todo.length > 0 ? { tracer, todo, done: [] } : null };
    } else {
      entry = { grid: own, fingerprint, count, contours: tracer.all(), refining: null };
    }
    this.entries.unshift(entry);
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
    return { contours: entry.contours, final: entry.refining === null, computed: true };
  }

  /**
   * Continues the full pass of `grid`'s contours one level at a time while `timeLeft()` (ms) stays
   * above `sliceMs`; at least one level per call. Returns the full set once complete (all its levels
   * replaced at once), 'more' while levels remain, null when the grid is no longer cached (ask `get`).
   */
  refine(grid: ContourGrid, count: number, timeLeft: () => number, sliceMs = 2): readonly ContourLevel[] | 'more' | null {
    const i = this.find(grid, count);
    if (i < 0) return null;
    const entry = this.entries[i];
    const r = entry.refining;
    if (!r) return entry.contours;
    do {
      r.done.push(r.tracer.trace(r.todo[r.done.length]));
    } while (r.done.length < r.todo.length && timeLeft() > sliceMs);
    if (r.done.length < r.todo.length) return 'more';
    this.finish(entry);
    return entry.contours;
  }

  private finish(entry: CacheEntry): void {
    const r = entry.refining;
    if (!r) return;
    while (r.done.length < r.todo.length) r.done.push(r.tracer.trace(r.todo[r.done.length]));
    const contours = entry.contours.slice();
    r.todo.forEach((k, j) => (contours[k] = r.done[j]));
    entry.contours = contours;
    entry.refining = null;
  }
}
