// An exercise in a scenario file (docs/exercises.md): the task, the fields a student may change, goals on
// the run's metrics, and predictions made before seeing the run. This module is the exercise as data and
// its rules, with no engine behind it, so every layer (the webview included) may use it; reading a file
// is exerciseFile.ts, checking one against its reference is exerciseCheck.ts.
import type { Metrics } from '../engine/types';
import { METRIC_CATALOG } from './metricCatalog';

export type MetricName = keyof Metrics;

/** The metrics a goal or a prediction may name: the metric catalog's, in its order. */
export const METRIC_NAMES: readonly MetricName[] = METRIC_CATALOG.map((m) => m.key);

/** How a goal compares the run's metric m with its value v: m ≤ v, m ≥ v, m = v (v may be null). */
export const GOAL_OPERATORS = ['atMost', 'atLeast', 'is'] as const;
export type GoalOperator = (typeof GOAL_OPERATORS)[number];

export type Goal =
  | { readonly metric: MetricName; readonly atMost: number }
  | { readonly metric: MetricName; readonly atLeast: number }
  | { readonly metric: MetricName; readonly is: number | null };

/** How close a prediction p must come to the run's metric m: |p − m| ≤ r·|m|, or |p − m| ≤ a. */
export const TOLERANCE_KINDS = ['within', 'plusMinus'] as const;

export type Prediction = { readonly id: string; readonly question: string; readonly metric: MetricName } & (
  { readonly within: number } | { readonly plusMinus: number }
);

export interface Exercise {
  readonly title: string;
  readonly task: string;
  /** Dotted field paths the student may change; each covers everything below it. */
  readonly editable: readonly string[];
  readonly goals: readonly Goal[];
  readonly predict: readonly Prediction[];
}

/** The student's answers, by prediction id. */
export type Answers = Readonly<Record<string, number>>;

/** Sizes of an exercise's parts (characters are Unicode code points, as JSON Schema counts them). */
export const EXERCISE_LIMITS = {
  titleLength: 120,
  taskLength: 2000,
  questionLength: 500,
  idLength: 40,
  goals: 50,
  predictions: 50,
} as const;

/** A prediction's id: a name that reads well in a file and on a command line ("locked", "steps-1"). */
export const PREDICTION_ID_PATTERN = '^[A-Za-z][A-Za-z0-9_-]*$';

export function goalOperator(goal: Goal): GoalOperator {
  return 'atMost' in goal ? 'atMost' : 'atLeast' in goal ? 'atLeast' : 'is';
}

/** The value a goal compares the metric with. */
export function goalValue(goal: Goal): number | null {
  return 'atMost' in goal ? goal.atMost : 'atLeast' in goal ? goal.atLeast : goal.is;
}

/** Whether a run's metric meets the goal. A metric without a value (null) meets only `is: null`. */
export function goalMet(goal: Goal, actual: number | null): boolean {
  if ('atMost' in goal) return actual !== null && actual <= goal.atMost;
  if ('atLeast' in goal) return actual !== null && actual >= goal.atLeast;
  return actual === goal.is;
}

/**
 * Whether an answer passes: relative, |p − m| ≤ within·|m|; absolute, |p − m| ≤ plusMinus. No answer
 * never passes, and neither does any answer when the metric has no value in the run.
 */
export function predictionPasses(p: Prediction, answer: number | undefined, actual: number | null): boolean {
  if (answer === undefined || actual === null) return false;
  const allowed = 'within' in p ? p.within * Math.abs(actual) : p.plusMinus;
  return Math.abs(answer - actual) <= allowed;
}

/** Whether the exercise lets the student change the field at `path` ("optimizer.lr" is covered by "optimizer"). */
export function isEditable(exercise: Pick<Exercise, 'editable'>, path: string): boolean {
  return exercise.editable.some((e) => path === e || path.startsWith(`${e}.`));
}
