// The run's metrics, each with one plain sentence saying what it means.
import type { Metrics } from '../src/engine/types';
import { formatInteger, formatNumber, formatPercent } from './format';

interface MetricRow {
  readonly key: keyof Metrics;
  readonly name: string;
  readonly value: (m: Metrics) => string;
  readonly explain: string;
}

const ROWS: readonly MetricRow[] = [
  {
    key: 'lockedFraction',
    name: 'Locked steps',
    value: (m) => formatPercent(m.lockedFraction),
    explain: 'Share of updates that moved both weights the same way (north-east or south-west).',
  },
  {
    key: 'pathEfficiency',
    name: 'Path efficiency',
    value: (m) => formatPercent(m.pathEfficiency),
    explain: 'Straight-line distance covered ÷ distance travelled; 100% is a straight path.',
  },
  {
    key: 'reversals',
    name: 'Reversals',
    value: (m) => formatInteger(m.reversals),
    explain: 'Updates that turned back (more than 90°) against the one before: the zig-zags.',
  },
  {
    key: 'stepsToTarget',
    name: 'Steps to target',
    value: (m) => (m.stepsToTarget === null ? 'not reached' : formatInteger(m.stepsToTarget)),
    explain: 'First step within 5% of the starting distance to the target w*.',
  },
  {
    key: 'conditionNumber',
    name: 'Condition number',
    value: (m) => formatNumber(m.conditionNumber),
    explain: 'Steepest ÷ shallowest curvature at w*; large means a long, narrow valley.',
  },
  {
    key: 'divergedAt',
    name: 'Diverged at',
    value: (m) => (m.divergedAt === null ? 'never' : `step ${formatInteger(m.divergedAt)}`),
    explain: 'The step where the loss blew up (overflow or above 10¹²), if it did.',
  },
];

const KEY_METRICS: ReadonlySet<keyof Metrics> = new Set(['lockedFraction', 'pathEfficiency', 'reversals', 'stepsToTarget']);

export function MetricsPanel({ metrics, compact }: { readonly metrics: Metrics; readonly compact: boolean }) {
  const rows = compact ? ROWS.filter((r) => KEY_METRICS.has(r.key)) : ROWS;
  return (
    <dl class={`metrics${compact ? ' is-compact' : ''}`}>
      {rows.map((r) => (
        <div
          class={`metric metric-${r.key}${r.key === 'divergedAt' && metrics.divergedAt !== null ? ' is-bad' : ''}`}
          key={r.key}
          data-metric={r.key}
        >
          <dt>{r.name}</dt>
          <dd>
            <span class="metric-value">{r.value(metrics)}</span>
            {!compact && <span class="metric-explain">{r.explain}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
