// Symmetric matrices of the fan-in neuron: second moments (1/N)·Σ c_n·x_n·x_nᵀ and the extreme
// eigenvalues of a symmetric matrix. The eigenvalues come from Householder tridiagonalisation (d − 2
// reflections, 4d³/3 flops, backward stable: the tridiagonal matrix's eigenvalues are those of A + E with
// ‖E‖ a small multiple of d·ε·‖A‖) and Sturm-sequence bisection on the tridiagonal matrix, which finds
// the k-th eigenvalue by counting and so cannot miss one. Every loop has a fixed count: the matrix size,
// and MAX_BISECTIONS halvings (an interval of width ≤ 4‖A‖∞ reaches 2⁻⁵²·‖A‖∞ in 54).
import { MULTIPLY_ADDS_PER_PIECE, complete, copyPieces, zerosPieces, type Pieces } from './pieces';
import type { Curvature } from './problem';

/** Halvings of a bisection at most; each needs one Sturm count, O(d). */
const MAX_BISECTIONS = 128;

const EPS = 2 ** -52;

/** Columns per tile of secondMoments: a tile of sums, TILE² doubles, stays in the first-level cache. */
const TILE = 48;

/**
 * (1/N)·Σ_n c_n·x_n·x_nᵀ for the rows x_n of an N × d row-major matrix (c_n = 1 when weights is null),
 * as a full d × d row-major matrix. Tile by tile of the upper triangle (TILE × TILE sums kept in a small
 * buffer, four rows at a time), so the sums stay in cache while all N rows pass: N·d²/2 multiply-adds,
 * each tile's sums in the order n = 0, 1, …
 */
export function secondMoments(x: Float64Array, n: number, d: number, weights: Float64Array | null = null): Float64Array {
  return complete(secondMomentsPieces(x, n, d, weights));
}

/** secondMoments, a tile's rows about MULTIPLY_ADDS_PER_PIECE multiply-adds at a time (the same sums in the same order). */
export function* secondMomentsPieces(x: Float64Array, n: number, d: number, weights: Float64Array | null = null): Pieces<Float64Array> {
  const h = yield* zerosPieces(d * d);
  const acc = new Float64Array(TILE * TILE);
  const a = new Float64Array(4 * TILE);
  const quads = n - (n % 4); // rows taken four at a time
  for (let i0 = 0; i0 < d; i0 += TILE) {
    const ni = Math.min(TILE, d - i0);
    for (let j0 = i0; j0 < d; j0 += TILE) {
      const nj = Math.min(TILE, d - j0);
      acc.fill(0);
      const chunk = Math.max(4, Math.floor(MULTIPLY_ADDS_PER_PIECE / (ni * nj) / 4) * 4);
      for (let r = 0; r < quads; r += chunk) {
        tileQuads(x, d, weights, acc, a, i0, ni, j0, nj, r, Math.min(quads, r + chunk));
        yield 'examples';
      }
      for (let r = quads; r < n; r++) {
        const o = r * d;
        const c = weights ? weights[r] : 1;
        for (let i = 0; i < ni; i++) {
          const ai = c * x[o + i0 + i];
          const row = i * TILE;
          for (let j = i0 === j0 ? i : 0; j < nj; j++) acc[row + j] += ai * x[o + j0 + j];
        }
      }
      for (let i = 0; i < ni; i++) {
        for (let j = i0 === j0 ? i : 0; j < nj; j++) {
          const v = acc[i * TILE + j] / n;
          h[(i0 + i) * d + j0 + j] = v;
          h[(j0 + j) * d + i0 + i] = v;
        }
      }
    }
  }
  return h;
}

/** Rows from … to − 1 (a multiple of four apart) into a tile's sums, four rows at a time. */
function tileQuads(
  x: Float64Array,
  d: number,
  weights: Float64Array | null,
  acc: Float64Array,
  a: Float64Array,
  i0: number,
  ni: number,
  j0: number,
  nj: number,
  from: number,
  to: number,
): void {
  for (let r = from; r < to; r += 4) {
    const o0 = r * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    const c0 = weights ? weights[r] : 1;
    const c1 = weights ? weights[r + 1] : 1;
    const c2 = weights ? weights[r + 2] : 1;
    const c3 = weights ? weights[r + 3] : 1;
    for (let i = 0; i < ni; i++) {
      a[i] = c0 * x[o0 + i0 + i];
      a[TILE + i] = c1 * x[o1 + i0 + i];
      a[2 * TILE + i] = c2 * x[o2 + i0 + i];
      a[3 * TILE + i] = c3 * x[o3 + i0 + i];
    }
    // Two rows of sums at a time share each column's four loads of x (the sums and their order are
    // one row's). On a diagonal tile only j ≥ i is read (the lower half comes from the upper), so the
    // second row's one sum below the diagonal is wasted work, never used.
    let i = 0;
    for (; i + 1 < ni; i += 2) {
      const a0 = a[i];
      const a1 = a[TILE + i];
      const a2 = a[2 * TILE + i];
      const a3 = a[3 * TILE + i];
      const b0 = a[i + 1];
      const b1 = a[TILE + i + 1];
      const b2 = a[2 * TILE + i + 1];
      const b3 = a[3 * TILE + i + 1];
      // Eight zeros add ±0 to every sum of the two rows: each stays as it is (a sum from +0 is never −0; x finite).
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0 && b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0) continue;
      const row = i * TILE;
      for (let j = i0 === j0 ? i : 0; j < nj; j++) {
        const c = j0 + j;
        const x0 = x[o0 + c];
        const x1 = x[o1 + c];
        const x2 = x[o2 + c];
        const x3 = x[o3 + c];
        acc[row + j] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        acc[row + TILE + j] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
      }
    }
    for (; i < ni; i++) {
      const a0 = a[i];
      const a1 = a[TILE + i];
      const a2 = a[2 * TILE + i];
      const a3 = a[3 * TILE + i];
      const row = i * TILE;
      for (let j = i0 === j0 ? i : 0; j < nj; j++) {
        const c = j0 + j;
        acc[row + j] += a0 * x[o0 + c] + a1 * x[o1 + c] + a2 * x[o2 + c] + a3 * x[o3 + c];
      }
    }
  }
}

/**
 * (1/N)·X·Xᵀ scaled by √c_n·√c_m (c = 1 when null): an N × N matrix with the same nonzero eigenvalues as
 * secondMoments, rows of about MULTIPLY_ADDS_PER_PIECE multiply-adds at a time.
 */
export function* scaledGramPieces(x: Float64Array, n: number, d: number, weights: Float64Array | null = null): Pieces<Float64Array> {
  const g = yield* zerosPieces(n * n); // each row writes a column too: every page at once
  let work = 0;
  for (let i = 0; i < n; i++) {
    gramRow(x, n, d, weights, g, i);
    work += (n - i) * d;
    if (work >= MULTIPLY_ADDS_PER_PIECE) {
      work = 0;
      yield 'examples';
    }
  }
  return g;
}

function gramRow(x: Float64Array, n: number, d: number, weights: Float64Array | null, g: Float64Array, i: number): void {
  const oi = i * d;
  for (let j = i; j < n; j++) {
    const oj = j * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += x[oi + k] * x[oj + k];
    const v = (weights ? Math.sqrt(weights[i] * weights[j]) * s : s) / n;
    g[i * n + j] = v;
    g[j * n + i] = v;
  }
}

/** The largest and smallest eigenvalue of a symmetric n × n matrix (row-major, full storage; not modified). */
export function extremeEigenvalues(matrix: Float64Array, n: number): Curvature {
  return complete(extremeEigenvaluesPieces(matrix, n));
}

/** extremeEigenvalues, the reduction a block of rows of a reflection at a time. */
export function* extremeEigenvaluesPieces(matrix: Float64Array, n: number): Pieces<Curvature> {
  if (!allFinite(matrix)) return { max: NaN, min: NaN };
  yield 'examples';
  if (n === 1) return { max: matrix[0], min: matrix[0] };
  const { diagonal, offDiagonal } = yield* tridiagonalizePieces(matrix, n);
  return { max: kthEigenvalue(diagonal, offDiagonal, n - 1), min: kthEigenvalue(diagonal, offDiagonal, 0) };
}

/** Every entry finite (a plain function: engines optimise its loop better than one inside a generator). */
function allFinite(matrix: Float64Array): boolean {
  for (let k = 0; k < matrix.length; k++) if (!Number.isFinite(matrix[k])) return false;
  return true;
}

/**
 * Householder reduction to tridiagonal form T = QᵀAQ (Q not kept): for k = 0 … n − 3 the reflection
 * H = I − 2vvᵀ/vᵀv that zeroes column k below its subdiagonal, applied on both sides to the trailing block.
 */
export function tridiagonalize(matrix: Float64Array, n: number): { diagonal: Float64Array; offDiagonal: Float64Array } {
  return complete(tridiagonalizePieces(matrix, n));
}

/** tridiagonalize, each reflection's two passes over the trailing block about MULTIPLY_ADDS_PER_PIECE at a time. */
function* tridiagonalizePieces(matrix: Float64Array, n: number): Pieces<{ diagonal: Float64Array; offDiagonal: Float64Array }> {
  const a = yield* copyPieces(matrix);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  let work = 0; // multiply-adds since the last piece ended
  for (let k = 0; k + 2 < n; k++) {
    // x = A[k+1 … n−1, k]; scaled by its largest entry so its norm cannot overflow or underflow.
    let scale = 0;
    for (let i = k + 1; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + k]));
    work += n - k;
    if (scale === 0) {
      offDiagonal[k] = 0;
      continue;
    }
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k] / scale;
      norm2 += v[i] * v[i];
    }
    const first = v[k + 1];
    const alpha = (first >= 0 ? -1 : 1) * Math.sqrt(norm2); // the sign that avoids cancellation in v
    v[k + 1] = first - alpha;
    const vv = 2 * (norm2 - alpha * first); // vᵀv = ‖x‖² − 2αx₁ + α², with α² = ‖x‖²
    offDiagonal[k] = alpha * scale;
    if (vv === 0) continue;
    // p = A·v·(2/vᵀv) over the trailing block, K = vᵀp/vᵀv, q = p − K·v, A ← A − v·qᵀ − q·vᵀ.
    const beta = 2 / vv;
    const size = n - k - 1;
    const rows = Math.max(1, Math.floor(MULTIPLY_ADDS_PER_PIECE / size));
    let vp = 0;
    for (let i = k + 1; i < n; i += rows) {
      vp = reflectRows(a, v, p, n, k, beta, i, Math.min(n, i + rows), vp);
      work += Math.min(rows, n - i) * size;
      if (work >= MULTIPLY_ADDS_PER_PIECE) {
        work = 0;
        yield 'examples';
      }
    }
    const K = (vp * beta) / 2;
    for (let i = k + 1; i < n; i++) p[i] -= K * v[i];
    for (let i = k + 1; i < n; i += rows) {
      updateRows(a, v, p, n, k, i, Math.min(n, i + rows));
      work += 2 * Math.min(rows, n - i) * size;
      if (work >= MULTIPLY_ADDS_PER_PIECE) {
        work = 0;
        yield 'examples';
      }
    }
  }
  for (let i = 0; i < n; i++) diagonal[i] = a[i * n + i];
  if (n >= 2) offDiagonal[n - 2] = a[(n - 1) * n + (n - 2)];
  return { diagonal, offDiagonal };
}

/** p_i = β·(A·v)_i for rows from … to − 1 of the trailing block; returns vp plus their terms of vᵀp, in row order. */
function reflectRows(
  a: Float64Array,
  v: Float64Array,
  p: Float64Array,
  n: number,
  k: number,
  beta: number,
  from: number,
  to: number,
  vp: number,
): number {
  // Four rows at a time: four independent sums keep the adder busy (each row's sum, and the order vᵀp
  // takes the rows in, as one row at a time).
  let i = from;
  for (; i + 3 < to; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = k + 1; j < n; j++) {
      const vj = v[j];
      s0 += a[r0 + j] * vj;
      s1 += a[r1 + j] * vj;
      s2 += a[r2 + j] * vj;
      s3 += a[r3 + j] * vj;
    }
    p[i] = beta * s0;
    vp += v[i] * p[i];
    p[i + 1] = beta * s1;
    vp += v[i + 1] * p[i + 1];
    p[i + 2] = beta * s2;
    vp += v[i + 2] * p[i + 2];
    p[i + 3] = beta * s3;
    vp += v[i + 3] * p[i + 3];
  }
  for (; i < to; i++) {
    let s = 0;
    const row = i * n;
    for (let j = k + 1; j < n; j++) s += a[row + j] * v[j];
    p[i] = beta * s;
    vp += v[i] * p[i];
  }
  return vp;
}

/** A ← A − v·qᵀ − q·vᵀ on rows from … to − 1 of the trailing block (q in p). */
function updateRows(a: Float64Array, v: Float64Array, p: Float64Array, n: number, k: number, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const row = i * n;
    const vi = v[i];
    const pi = p[i];
    for (let j = k + 1; j < n; j++) a[row + j] -= vi * p[j] + pi * v[j];
  }
}

/** How many eigenvalues of the tridiagonal matrix are < x (Sturm sequence of the LDLᵀ pivots). */
function countBelow(diagonal: Float64Array, offDiagonal: Float64Array, n: number, x: number, tiny: number): number {
  let count = 0;
  let q = diagonal[0] - x;
  for (let i = 0; ; i++) {
    if (q === 0) q = -tiny; // a zero pivot: perturb it by far less than the eigenvalues' accuracy
    if (q < 0) count++;
    if (i + 1 === n) return count;
    const b = offDiagonal[i];
    q = diagonal[i + 1] - x - (b * b) / q;
  }
}

/** The k-th smallest eigenvalue (k = 0 … n − 1) of a symmetric tridiagonal matrix, by bisection. */
export function kthEigenvalue(diagonal: Float64Array, offDiagonal: Float64Array, k: number): number {
  const n = diagonal.length;
  // Gershgorin's discs hold every eigenvalue.
  let lo = Infinity;
  let hi = -Infinity;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(offDiagonal[i - 1]) : 0) + (i + 1 < n ? Math.abs(offDiagonal[i]) : 0);
    lo = Math.min(lo, diagonal[i] - r);
    hi = Math.max(hi, diagonal[i] + r);
    norm = Math.max(norm, Math.abs(diagonal[i]) + r);
  }
  if (norm === 0) return 0;
  const tiny = EPS * norm * 1e-3;
  const absolute = 2 * EPS * norm;
  for (let step = 0; step < MAX_BISECTIONS; step++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi || hi - lo <= absolute + 2 * EPS * Math.abs(mid)) break;
    if (countBelow(diagonal, offDiagonal, n, mid, tiny) > k) hi = mid;
    else lo = mid;
  }
  return lo + (hi - lo) / 2;
}
