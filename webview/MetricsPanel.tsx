// The run's metrics, each with one plain sentence saying what it means (both from the shared metric
// catalog, which the CLI prints too). Given a scope, the panel says which part of the run they describe:
// while the animation plays or the user scrubs, the run up to the current step; at the end, the whole run.
// The compact side panel shows only the key metrics.
import type { Metrics } from '../src/engine/types';
import {
  METRIC_CATALOG,
  type MetricInfo,
  type MetricScope,
  describeScope,
  formatMetric,
  formatReference,
  isAlarming,
} from '../src/shared/metricCatalog';

/** The editor panel: key and detail metrics (final loss and distance are read off the loss chart and the plot). */
const PANEL_ROWS: readonly MetricInfo[] = METRIC_CATALOG.filter((m) => m.tier !== 'data');
const COMPACT_ROWS: readonly MetricInfo[] = METRIC_CATALOG.filter((m) => m.tier === 'key');

export function MetricsPanel({
  metrics,
  compact,
  scope,
}: {
  readonly metrics: Metrics;
  readonly compact: boolean;
  /** Which part of the run `metrics` describe; without it the panel says nothing about it. */
  readonly scope?: MetricScope;
}) {
  const rows = compact ? COMPACT_ROWS : PANEL_ROWS;
  return (
    <div class={`metrics-panel${compact ? ' is-compact' : ''}`}>
      {scope && (
        <p class="metrics-scope" data-scope={scope.kind}>
          {describeScope(scope)}
        </p>
      )}
      <dl class={`metrics${compact ? ' is-compact' : ''}`}>
        {rows.map((r) => {
          const reference = formatReference(r);
          return (
            <div class={`metric metric-${r.key} is-${r.tier}${isAlarming(r, metrics) ? ' is-bad' : ''}`} key={r.key} data-metric={r.key}>
              <dt>{r.label}</dt>
              <dd>
                <span class="metric-line">
                  <span class="metric-value">{formatMetric(r, metrics, scope)}</span>
                  {reference && <span class="metric-reference">{reference}</span>}
                </span>
                {!compact && <span class="metric-explain">{r.meaning}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
