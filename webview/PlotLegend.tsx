// What each mark on the weight plane means, including the cone argument and how arrows are scaled.
import type { RunView } from '../src/shared/protocol';
import { coneApplies } from './plot/conePlugin';

export function PlotLegend({ run }: { readonly run: RunView }) {
  const cone = coneApplies(run);
  return (
    <ul class="plot-legend" aria-label="Plot legend">
      <li>
        <span class="swatch swatch-start" aria-hidden="true" />
        start w₀
      </li>
      {run.target && (
        <li>
          <span class="swatch swatch-target" aria-hidden="true" />
          target w* (drag to move)
        </li>
      )}
      <li>
        <span class="swatch swatch-current" aria-hidden="true" />
        current point
      </li>
      <li>
        <span class="swatch swatch-trajectory" aria-hidden="true" />
        path, in step order
      </li>
      {run.records && (
        <li>
          <span class="swatch swatch-arrow" aria-hidden="true" />
          {run.records.perExample ? 'each example’s push −g (thin) and their mean (bold)' : 'the step’s push −g'}, scaled together to a
          fixed length: directions are exact
        </li>
      )}
      {cone && (
        <li>
          <span class="swatch swatch-cone" aria-hidden="true" />
          allowed updates: every input is positive, so each step moves both weights the same way (north-east or south-west)
        </li>
      )}
      <li>
        <span class="swatch swatch-contour" aria-hidden="true" />
        loss contours, log-spaced
      </li>
    </ul>
  );
}
