// Loss values as a log-scale chart can show them: non-positive or non-finite values become gaps.

export interface LossSeries {
  readonly steps: Float64Array;
  readonly values: (number | null)[];
  /** Log-scale range covering every shown value, in whole decades. */
  readonly range: [number, number];
}

/** 0, 1, …, n − 1, shared by the series of runs of one length (uPlot only reads its data). */
let stepsShared = new Float64Array(0);
function stepsOf(n: number): Float64Array {
  if (stepsShared.length !== n) {
    stepsShared = new Float64Array(n);
    for (let t = 0; t < n; t++) stepsShared[t] = t;
  }
  return stepsShared;
}

export function lossSeries(loss: Float64Array): LossSeries {
  const steps = stepsOf(loss.length);
  const values = new Array<number | null>(loss.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < loss.length; t++) {
    const v = loss[t];
    if (Number.isFinite(v) && v > 0) {
      values[t] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    } else {
      values[t] = null;
    }
  }
  if (!Number.isFinite(lo)) return { steps, values, range: [0.1, 10] };
  let a = Math.floor(Math.log10(lo));
  let b = Math.ceil(Math.log10(hi));
  if (b <= a) b = a + 1;
  // A range of hundreds of decades (underflowing losses) would squash the interesting part.
  if (b - a > 40) a = b - 40;
  return { steps, values, range: [10 ** a, 10 ** b] };
}

/** Decade ticks for the log axis, thinned so at most `maxTicks` are labelled. */
export function decadeSplits(range: readonly [number, number], maxTicks: number): number[] {
  const a = Math.round(Math.log10(range[0]));
  const b = Math.round(Math.log10(range[1]));
  const every = Math.max(1, Math.ceil((b - a) / Math.max(1, maxTicks - 1)));
  const out: number[] = [];
  for (let e = b; e >= a; e -= every) out.push(10 ** e);
  return out.reverse();
}

/** A decade tick as 1, 10, 0.1 or 1e-5 (plain ASCII: superscript glyphs are missing from many canvas fonts). */
export function decadeLabel(v: number | null): string {
  if (v === null || !(v > 0) || !Number.isFinite(v)) return '';
  const e = Math.round(Math.log10(v));
  if (e >= -2 && e <= 3) return e >= 0 ? String(10 ** e) : (10 ** e).toFixed(-e);
  return `1e${e}`;
}
