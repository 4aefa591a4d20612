// Above a raw-against-centred pair: how the two learning rates were chosen and why (one sentence from
// src/shared/comparison.ts), a switch between the same η·λmax and the same η, and both runs' key numbers
// side by side (shown when the panes stack on a narrow panel, so neither run's numbers scroll away).
import { useMemo } from 'preact/hooks';
import { MetricsTimeline } from '../src/engine/metrics';
import type { StepSizeRule } from '../src/engine/catalog/stepSizeRules';
import { type StepSizeChoice, describeStepSizes } from '../src/shared/comparison';
import { METRIC_CATALOG, describeScope, formatMetric, metricScope } from '../src/shared/metricCatalog';
import type { RunView } from '../src/shared/runModel';

const KEY_METRICS = METRIC_CATALOG.filter((m) => m.tier === 'key');

export interface CompareHeaderProps {
  readonly runs: readonly [RunView, RunView];
  readonly labels: readonly [string, string];
  readonly stepSize: StepSizeChoice;
  readonly cursor: number;
  readonly onStepSize: (rule: StepSizeRule) => void;
}

export function CompareHeader({ runs, labels, stepSize, cursor, onStepSize }: CompareHeaderProps) {
  const timelines = useMemo(() => runs.map((r) => MetricsTimeline.ofRun(r)), [runs]);
  const why = describeStepSizes(stepSize, [runs[0].scenario.optimizer.lr, runs[1].scenario.optimizer.lr], runs[0].scenario.optimizer.name);
  const at = timelines.map((t) => Math.min(cursor, t.steps));
  const scopes = timelines.map((t, i) => metricScope(at[i], t.steps));
  const metrics = timelines.map((t, i) => t.at(at[i]));
  // The table is the header's sibling, not its child: a sticky element stays within its parent's box.
  return (
    <>
      <div class="compare-header">
        <p class="compare-why" data-testid="compare-why">
          {why}
        </p>
        <label class="field-checkbox compare-switch">
          <input
            type="checkbox"
            name="sameLr"
            checked={stepSize.requested === 'same'}
            onChange={(e) => onStepSize(e.currentTarget.checked ? 'same' : 'matched')}
          />
          Same η on both sides
        </label>
      </div>
      <table class="compare-numbers">
        <caption>{scopes[0].kind === scopes[1].kind ? describeScope(scopes[0]) : 'Up to the current step'}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{labels[0]}</th>
            <th scope="col">{labels[1]}</th>
          </tr>
        </thead>
        <tbody>
          {KEY_METRICS.map((m) => (
            <tr key={m.key} data-metric={m.key}>
              <th scope="row">{m.label}</th>
              <td>{formatMetric(m, metrics[0], scopes[0])}</td>
              <td>{formatMetric(m, metrics[1], scopes[1])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
