// The current step's per-example update directions and their mean, read from RunView.records.
// We draw −g (where each example pushes w: the direction of −η·g) rather than g itself, so arrows
// point the way the path moves. Lengths are scaled together so the longest example arrow has a fixed
// on-screen length: the angles and relative sizes are exact, the absolute length is not (η·g can be
// a fraction of a pixel or far off-screen).
import type { RunView } from '../../src/shared/runModel';
import { clampCursor, pointCount } from './planeFrame';

export interface StepArrows {
  /** Step index t: the update from w_t to w_{t+1}. */
  readonly step: number;
  /** −g for each example of the batch, interleaved; empty when per-example gradients are not recorded. */
  readonly examples: Float64Array;
  /** −(mean gradient) = the direction of the plain-SGD step. */
  readonly mean: readonly [number, number];
}

/** The arrows for the step leaving the cursor's point, or null at the end of the run. */
export function stepArrows(run: RunView, cursor: number): StepArrows | null {
  const records = run.records;
  if (!records) return null;
  const t = clampCursor(run, cursor);
  if (t >= pointCount(run) - 1) return null;
  const g1 = records.gradient[2 * t];
  const g2 = records.gradient[2 * t + 1];
  if (!Number.isFinite(g1) || !Number.isFinite(g2)) return null;
  const b = records.batchSize;
  let examples = new Float64Array(0);
  if (records.perExample && records.perExample.length >= 2 * b * (t + 1)) {
    examples = new Float64Array(2 * b);
    for (let i = 0; i < 2 * b; i++) examples[i] = -records.perExample[2 * b * t + i];
  }
  return { step: t, examples, mean: [-g1, -g2] };
}

/** The factor that maps gradient units to pixels so the longest arrow is `lengthPx` long. */
export function arrowScale(arrows: StepArrows, lengthPx: number): number {
  let longest = Math.hypot(arrows.mean[0], arrows.mean[1]);
  for (let i = 0; i < arrows.examples.length; i += 2) {
    const len = Math.hypot(arrows.examples[i], arrows.examples[i + 1]);
    if (Number.isFinite(len) && len > longest) longest = len;
  }
  return longest > 0 && Number.isFinite(longest) ? lengthPx / longest : 0;
}
