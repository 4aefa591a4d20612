// The run's metrics, each with one plain sentence saying what it means (both from the shared metric
// catalog, which the CLI prints too). The compact side panel shows only the key metrics.
import type { Metrics } from '../src/engine/types';
import { METRIC_CATALOG, formatMetric, isAlarming, type MetricInfo } from '../src/shared/metricCatalog';

/** The editor panel: key and detail metrics (final loss and distance are read off the loss chart and the plot). */
const PANEL_ROWS: readonly MetricInfo[] = METRIC_CATALOG.filter((m) => m.tier !== 'data');
const COMPACT_ROWS: readonly MetricInfo[] = METRIC_CATALOG.filter((m) => m.tier === 'key');

export function MetricsPanel({ metrics, compact }: { readonly metrics: Metrics; readonly compact: boolean }) {
  const rows = compact ? COMPACT_ROWS : PANEL_ROWS;
  return (
    <dl class={`metrics${compact ? ' is-compact' : ''}`}>
      {rows.map((r) => (
        <div class={`metric metric-${r.key}${isAlarming(r, metrics) ? ' is-bad' : ''}`} key={r.key} data-metric={r.key}>
          <dt>{r.label}</dt>
          <dd>
            <span class="metric-value">{formatMetric(r, metrics)}</span>
            {!compact && <span class="metric-explain">{r.meaning}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
