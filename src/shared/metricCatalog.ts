// The run's metrics as people read them: a label, one sentence of meaning and a format, for the CLI's
// table and the webview's metrics panel alike. The engine computes the values (docs/scenario-format.md, "Metrics");
// the meanings below follow its definitions. Typed per metric, so a new field of Metrics without an entry
// here (or an entry for a field that does not exist) is a compile error.
import { DIVERGENCE_BOUND } from '../engine/catalog/limits';
import type { Metrics } from '../engine/types';
import { formatInteger, formatNumber, formatPercent, formatPowerOfTen } from './format';

/** Where a metric is shown: everywhere, or not in the compact side panel, or only in the CLI and exports. */
type MetricTier = 'key' | 'detail' | 'data';

export interface MetricInfo<K extends keyof Metrics = keyof Metrics> {
  readonly key: K;
  /** Short name for people ("Locked steps"); the CLI prints the key itself. */
  readonly label: string;
  /** One plain sentence: what the number means. */
  readonly meaning: string;
  readonly tier: MetricTier;
  /** The value for people, never "NaN" (null reads as the metric's own word, e.g. "not reached"). */
  readonly format: (value: Metrics[K]) => string;
  /** True when the value is a warning sign (styled as one). */
  readonly alarming?: (value: Metrics[K]) => boolean;
  /**
   * What the value reads against, when a bare number misleads: a locked share of 49% is what directions
   * with no preference give, not "half locked".
   */
  readonly reference?: { readonly name: string; readonly value: Metrics[K] };
  /** A ratio over the updates made (a share, a path's straightness): it has no value before the first update. */
  readonly ofUpdates?: true;
}

/** Which part of a run metrics describe: the whole run, or w_0 … w_step of a run of `of` steps (step < of). */
export type MetricScope =
  { readonly kind: 'whole'; readonly of: number } | { readonly kind: 'upTo'; readonly step: number; readonly of: number };

type Catalog = { readonly [K in keyof Metrics]: Omit<MetricInfo<K>, 'key'> };

const CATALOG: Catalog = {
  lockedFraction: {
    label: 'Locked steps',
    meaning:
      'Share of updates that moved both weights the same way (north-east or south-west: quadrant I or III); directions with no preference do so half the time.',
    tier: 'key',
    format: formatPercent,
    reference: { name: 'chance', value: 0.5 },
    ofUpdates: true,
  },
  pathEfficiency: {
    label: 'Path efficiency',
    meaning: 'Straight-line distance ÷ path length, from the start to the step the target was reached (or the end); 1 (100%) is straight.',
    tier: 'key',
    format: formatPercent,
    ofUpdates: true,
  },
  reversals: {
    label: 'Reversals',
    meaning: 'Updates that turned back (more than 90°) against the one before, until the target was reached: the zig-zags.',
    tier: 'key',
    format: formatInteger,
  },
  stepsToTarget: {
    label: 'Steps to target',
    meaning: 'First step within 5% of the starting distance to the target w*.',
    tier: 'key',
    format: (v) => (v === null ? 'not reached' : formatInteger(v)),
  },
  finalLoss: {
    label: 'Final loss',
    meaning: 'Full-data loss after the last step; none after a divergence.',
    tier: 'data',
    format: (v) => formatNumber(v),
  },
  finalDistance: {
    label: 'Final distance',
    meaning: 'Distance to the target w* after the last step; none after a divergence.',
    tier: 'data',
    format: (v) => formatNumber(v),
  },
  conditionNumber: {
    label: 'Condition number',
    meaning: 'Steepest ÷ shallowest curvature of the loss at w* (λmax/λmin of its Hessian): large means a long, narrow valley.',
    tier: 'detail',
    format: (v) => formatNumber(v),
  },
  divergedAt: {
    label: 'Diverged at',
    meaning: `The step where a weight or the loss stopped being finite or grew past ±${formatPowerOfTen(DIVERGENCE_BOUND)}, if it did.`,
    tier: 'detail',
    format: (v) => (v === null ? 'never' : `step ${formatInteger(v)}`),
    alarming: (v) => v !== null,
  },
};

/**
 * Every metric, in the order tables and panels list them. (Each entry is typed for its own key above;
 * the list forgets which, so read values through formatMetric and isAlarming, which pair them up.)
 */
export const METRIC_CATALOG: readonly MetricInfo[] = (Object.keys(CATALOG) as (keyof Metrics)[]).map(
  (key) => ({ key, ...CATALOG[key] }) as MetricInfo,
);

/**
 * A metric's value as people read it. Of a run shown only up to a step, a metric with no value yet
 * (target not reached, no divergence) reads "not by step c": the rest of the run may still bring one;
 * at step 0 a ratio over the updates reads "no update yet" (0% locked of no update would be untrue).
 */
export function formatMetric(info: MetricInfo, metrics: Metrics, scope?: MetricScope): string {
  if (info.ofUpdates && scope?.kind === 'upTo' && scope.step === 0) return 'no update yet';
  const value = metrics[info.key];
  if (value === null && scope?.kind === 'upTo') return `not by step ${formatInteger(scope.step)}`;
  return info.format(value);
}

/** The reference a metric reads against, as people read it ("chance 50%"), or null. */
export function formatReference(info: MetricInfo): string | null {
  const r = info.reference;
  return r ? `${r.name} ${info.format(r.value)}` : null;
}

/** The scope of the metrics at an animation cursor over a run of `steps` steps. */
export function metricScope(cursor: number, steps: number): MetricScope {
  return cursor >= steps ? { kind: 'whole', of: steps } : { kind: 'upTo', step: cursor, of: steps };
}

/** What a metrics panel says it shows: "Whole run · 400 steps", "Up to step 37 of 400". */
export function describeScope(scope: MetricScope): string {
  const of = formatInteger(scope.of);
  if (scope.kind === 'whole') return `Whole run · ${of} ${scope.of === 1 ? 'step' : 'steps'}`;
  return `Up to step ${formatInteger(scope.step)} of ${of}`;
}

/** Whether a metric's value is a warning sign. */
export function isAlarming(info: MetricInfo, metrics: Metrics): boolean {
  return info.alarming?.(metrics[info.key]) ?? false;
}
