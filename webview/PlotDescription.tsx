// The weight plane in words, for screen readers: where the run is at the current step, where its last
// update went and how far w* still is. The plot points to it (aria-describedby); it is announced politely
// when the user steps or seeks, and kept quiet while the animation plays (it changes every frame then).
import { formatInteger, formatNumber, formatPoint } from '../src/shared/format';
import type { RunView } from '../src/shared/runModel';
import { describeHeading, headingOf } from '../src/shared/quadrants';
import { axisNames } from './planeNote';
import { clampCursor, pointAt, pointCount } from './plot/planeFrame';

/** "Step 12 of 400: w = (-0.31, 0.42); the last update headed north-east (quadrant I); 2.71 from the target w*." */
function describePlot(run: RunView, cursor: number): string {
  const last = pointCount(run) - 1;
  if (last < 0) return 'The run diverged at its start: there is no point to show.';
  const c = clampCursor(run, cursor);
  // d > 2: the plane holds one pair of the weights, and distances are on that pair.
  const wide = run.dimension > 2;
  const w = pointAt(run, c);
  const names = axisNames(run);
  const parts = [`Step ${formatInteger(c)} of ${formatInteger(last)}: ${wide ? `(${names.join(', ')})` : 'w'} = ${formatPoint(w)}`];
  if (c === 0) parts.push('the start, no update yet');
  else {
    const t = run.trajectory;
    const h = headingOf(t[2 * c] - t[2 * c - 2], t[2 * c + 1] - t[2 * c - 1]);
    if (h) parts.push(`the last update headed ${describeHeading(h)}`);
  }
  const target = run.target;
  if (target && w) {
    const where = wide ? ` on this pair, where w* is ${formatPoint(target)}` : ` ${formatPoint(target)}`;
    parts.push(`${formatNumber(Math.hypot(w[0] - target[0], w[1] - target[1]))} from the target w*${where}`);
  }
  const diverged = run.metrics.divergedAt;
  const end = c === last && diverged !== null ? ` The run diverged at step ${formatInteger(diverged)} and stops here.` : '';
  return `${parts.join('; ')}.${end}`;
}

export function PlotDescription({
  id,
  run,
  cursor,
  playing,
}: {
  readonly id: string;
  readonly run: RunView;
  readonly cursor: number;
  readonly playing: boolean;
}) {
  return (
    <p id={id} class="plot-description sr-only" aria-live={playing ? 'off' : 'polite'} data-testid="plot-description">
      {describePlot(run, cursor)}
    </p>
  );
}
