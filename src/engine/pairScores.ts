// The fan-in neuron's scores x_i·v for a v that moves only on the shown pair: a drag of the start moves
// the start and w* on the pair alone (off it w* takes the start's values), so the share of the other
// d − 2 inputs is the same from one run to the next. Each score is summed as that share (its inputs in
// order) plus the pair's two terms, the same order whether the share is kept or made afresh, so a run
// gives the same bits either way; labels, the start's residuals and the plane's slice use it (N·d once
// per drag, N a run after).
import type { InputsDerived } from './data';
import { rowsOfWork, type Pieces } from './pieces';
import type { Axes } from './types';

/** Σ over j off the pair of x_ij·v_j, per example, for the last v and pair asked for. */
export interface OffPairShare {
  readonly axes: Axes;
  /** v as it was asked for (its pair's two values are not read). */
  readonly v: Float64Array;
  readonly sums: Float64Array;
}

/** Whether u and v hold the same values (bit for bit) off the pair `axes`. */
export function sameOffPair(u: ArrayLike<number>, v: ArrayLike<number>, axes: Axes): boolean {
  const [a, b] = axes;
  if (u.length !== v.length) return false;
  for (let j = 0; j < v.length; j++) if (j !== a && j !== b && !Object.is(u[j], v[j])) return false;
  return true;
}

/** Whether `share` is the off-pair share of v on `axes`. */
export function isShareOf(share: OffPairShare, v: ArrayLike<number>, axes: Axes): boolean {
  return share.axes[0] === axes[0] && share.axes[1] === axes[1] && sameOffPair(share.v, v, axes);
}

/** The off-pair share for v: kept in `keep` (the inputs' derived arrays) when it matches, else made (N·d) and kept there. */
function* offPairPieces(x: Float64Array, d: number, v: ArrayLike<number>, axes: Axes, keep: InputsDerived | null): Pieces<Float64Array> {
  const kept = keep?.offPair;
  if (kept && isShareOf(kept, v, axes)) return kept.sums;
  const [a, b] = axes;
  const n = x.length / d;
  const sums = new Float64Array(n);
  const rows = rowsOfWork(d);
  for (let from = 0; from < n; from += rows) {
    const to = Math.min(n, from + rows);
    for (let i = from; i < to; i++) {
      const o = i * d;
      let f = 0;
      for (let j = 0; j < d; j++) if (j !== a && j !== b) f += v[j] * x[o + j];
      sums[i] = f;
    }
    yield 'examples';
  }
  if (keep) keep.offPair = { axes: [a, b], v: Float64Array.from(v), sums };
  return sums;
}

/** out[i] = x_i·v for every example, summed as the module says (N·d the first time for v's off-pair values, N after). */
export function* pairScoresPieces(
  x: Float64Array,
  d: number,
  v: ArrayLike<number>,
  axes: Axes,
  keep: InputsDerived | null,
  out: Float64Array,
): Pieces<void> {
  const sums = yield* offPairPieces(x, d, v, axes, keep);
  const [a, b] = axes;
  const va = v[a];
  const vb = v[b];
  for (let i = 0; i < sums.length; i++) out[i] = sums[i] + va * x[i * d + a] + vb * x[i * d + b];
}
