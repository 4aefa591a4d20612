// What each mark on the weight plane means, each entry's swatch in the colour the mark is drawn with
// (the same --zz-* variables the canvas reads; data-mark names the palette entry, for the tests). Only
// the marks this run draws are listed: one example per step draws a single bold arrow, a batch thin
// arrows per example and their bold mean.
import type { RunView } from '../src/shared/runModel';
import { coneApplies } from './plot/drawCone';
import type { Palette } from './theme';

/** The palette entry a mark is drawn in ('trajectoryFuture' is the trajectory's colour, faint). */
type LegendMark =
  keyof Pick<Palette, 'start' | 'target' | 'current' | 'trajectory' | 'arrow' | 'arrowMean' | 'cone' | 'contour'> | 'trajectoryFuture';

export interface LegendEntry {
  readonly mark: LegendMark;
  readonly text: string;
}

/** The legend of a run: full sentences for the editor panel, a word or two for the side view. */
export function legendEntries(run: RunView, compact: boolean, canMoveTarget: boolean, lossChart = !compact): LegendEntry[] {
  const entries: LegendEntry[] = [{ mark: 'start', text: compact ? 'start' : 'start w₀' }];
  if (run.target) {
    const how = canMoveTarget && !compact ? ' (drag it; or focus the plot, press T, then arrow keys)' : '';
    entries.push({ mark: 'target', text: `target w*${how}` });
  }
  entries.push(
    { mark: 'current', text: compact ? 'now' : lossChart ? 'current step (also the line on the loss chart)' : 'current step' },
    { mark: 'trajectory', text: compact ? 'path' : 'path so far' },
    { mark: 'trajectoryFuture', text: compact ? 'still to come' : 'path still to come' },
  );
  const r = run.records;
  if (r) {
    const scaled = compact ? '' : ', arrows scaled together (directions exact, lengths not)';
    if (r.perExample && r.batchSize > 1) {
      entries.push(
        { mark: 'arrow', text: compact ? 'each example’s push' : 'each example’s push −gᵢ' },
        { mark: 'arrowMean', text: compact ? 'their mean' : `their mean −ḡ, where plain gradient descent steps${scaled}` },
      );
    } else {
      const what = r.batchSize > 1 ? 'the batch’s mean push −ḡ' : 'the push −g';
      entries.push({ mark: 'arrowMean', text: compact ? 'push −g' : `${what}, where plain gradient descent steps${scaled}` });
    }
  }
  if (coneApplies(run)) {
    entries.push({
      mark: 'cone',
      text: compact
        ? 'allowed updates'
        : 'allowed updates: every input is positive, so each step moves both weights the same way (north-east or south-west)',
    });
  }
  entries.push({ mark: 'contour', text: compact ? 'loss contours' : 'loss contours, log-spaced' });
  return entries;
}

const SWATCH_CLASS: Readonly<Record<LegendMark, string>> = {
  start: 'swatch-start',
  target: 'swatch-target',
  current: 'swatch-current',
  trajectory: 'swatch-trajectory',
  trajectoryFuture: 'swatch-future',
  arrow: 'swatch-arrow',
  arrowMean: 'swatch-arrow-mean',
  cone: 'swatch-cone',
  contour: 'swatch-contour',
};

export function PlotLegend({
  run,
  compact = false,
  canMoveTarget = true,
  lossChart,
}: {
  readonly run: RunView;
  readonly compact?: boolean;
  readonly canMoveTarget?: boolean;
  /** A loss chart is shown beside the plot (default: in the full layout), so the legend may point to it. */
  readonly lossChart?: boolean;
}) {
  return (
    <ul class={`plot-legend${compact ? ' is-compact' : ''}`}>
      {legendEntries(run, compact, canMoveTarget, lossChart).map((e) => (
        <li key={e.mark} data-mark={e.mark}>
          <span class={`swatch ${SWATCH_CLASS[e.mark]}`} aria-hidden="true" />
          {e.text}
        </li>
      ))}
    </ul>
  );
}
