// An exercise's goals and predictions in words, from the metric catalog: what a goal asks, a metric's
// value in the units a prediction is written in, a tolerance, and what kind of number an answer is.
// Pure (no DOM), shared by the playground and the embedded plots.
import type { Metrics } from '../../src/engine/types';
import { goalOperator, goalValue, type Goal, type MetricName, type Prediction } from '../../src/shared/exercise';
import { formatInteger, formatNumber, formatPercent } from '../../src/shared/format';
import { METRIC_CATALOG, type MetricInfo } from '../../src/shared/metricCatalog';

/** What kind of number an answer about a metric is: a share (0 to 1), a count of steps or updates, or any number. */
export type AnswerKind = 'share' | 'count' | 'number';

/** Each metric's kind: a Record, so a new metric asks for one. */
export const ANSWER_KINDS: Readonly<Record<MetricName, AnswerKind>> = {
  lockedFraction: 'share',
  pathEfficiency: 'share',
  reversals: 'count',
  stepsToTarget: 'count',
  finalLoss: 'number',
  finalDistance: 'number',
  conditionNumber: 'number',
  divergedAt: 'count',
};

/** The answer's input: a hint of its unit and the attributes of a number field. */
export const ANSWER_INPUTS: Readonly<
  Record<AnswerKind, { readonly unit: string; readonly min?: number; readonly max?: number; readonly step: number | 'any' }>
> = {
  share: { unit: 'a share from 0 to 1 (0.25 is 25%)', min: 0, max: 1, step: 'any' },
  count: { unit: 'a whole number', min: 0, step: 1 },
  number: { unit: 'a number', step: 'any' },
};

export function metricInfo(metric: MetricName): MetricInfo {
  return METRIC_CATALOG.find((m) => m.key === metric)!;
}

/**
 * A metric's value as predictions are written (a share as 0.513, not 51%), with the catalog's reading
 * beside it where that differs ("0.513 (51.3%)"); a metric without a value reads as the catalog says
 * ("not reached", "never").
 */
export function formatValue(metric: MetricName, v: number | null): string {
  const info = metricInfo(metric);
  if (v === null) return info.format(null);
  switch (ANSWER_KINDS[metric]) {
    case 'share':
      return `${formatNumber(v)} (${formatPercent(v)})`;
    case 'count':
      return formatInteger(v);
    case 'number':
      return formatNumber(v);
  }
}

const SYMBOLS = { atMost: '≤', atLeast: '≥', is: '=' } as const;

/** "Steps to target ≤ 15", "Diverged at = never". */
export function describeGoal(goal: Goal): string {
  return `${metricInfo(goal.metric).label} ${SYMBOLS[goalOperator(goal)]} ${formatValue(goal.metric, goalValue(goal))}`;
}

/**
 * The run's value for a goal; when it reads the same as the goal's value although it is not that value
 * (0.7496 against ≥ 0.75), with more digits, so the checklist never reads "75% ≥ 75%: not met".
 */
export function describeActual(goal: Goal, metrics: Metrics): string {
  const actual = metrics[goal.metric];
  const wanted = goalValue(goal);
  const text = formatValue(goal.metric, actual);
  return actual !== null && actual !== wanted && text === formatValue(goal.metric, wanted) ? formatNumber(actual, 8) : text;
}

/** "within ±0.05", "within 10% of the true value". */
export function describeTolerance(p: Prediction): string {
  return 'within' in p ? `within ${formatPercent(p.within)} of the true value` : `within ±${formatNumber(p.plusMinus)} of the true value`;
}

/** The number in an answer field, or why it is not one. */
export function parseAnswer(
  text: string,
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string } {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter a number.' };
  const v = Number(t);
  return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, message: `“${t.slice(0, 40)}” is not a number.` };
}
