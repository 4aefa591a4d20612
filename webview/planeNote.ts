// What the weight plane shows when the neuron has more than two weights, in one line: the plane is a
// pair of the d weights, the path is projected onto it and the contours are a slice of the loss. Pure.
import { formatInteger, formatPoint, weightName } from '../src/shared/format';
import type { RunView } from '../src/shared/runModel';

/** The plane's axis titles: the shown pair's names. */
export function axisNames(run: Pick<RunView, 'axes'> | null): readonly [string, string] {
  const [a, b] = run?.axes ?? [0, 1];
  return [weightName(a), weightName(b)];
}

/** The one line under the plane for d > 2 (null for d = 2: the plane is all of w). */
export function planeNote(run: Pick<RunView, 'axes' | 'dimension' | 'target'>): string | null {
  if (run.dimension <= 2) return null;
  const [x, y] = axisNames(run);
  const through = run.target
    ? `through w* (the other ${formatInteger(run.dimension - 2)} weights at their values in w*)`
    : 'through the start';
  return `${x} and ${y} of ${formatInteger(run.dimension)} weights: the path projected onto them, the contours a slice of the loss ${through}.`;
}

/** A point moved on the plane, named by the pair it lies in when the plane is a pair of d > 2 weights. */
export function pointOnPlane(run: Pick<RunView, 'axes' | 'dimension'>, p: readonly [number, number]): string {
  if (run.dimension <= 2) return formatPoint(p);
  const [x, y] = axisNames(run);
  return `(${x}, ${y}) = ${formatPoint(p)}`;
}
