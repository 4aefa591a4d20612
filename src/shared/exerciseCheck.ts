// Whether a scenario file passes its exercise (docs/exercises.md, "Checking"): compared with the
// reference (the file as the course published it), the exercise is unchanged and every field the
// exercise fixes has the reference's value; every goal holds for the file's run; every prediction has
// an answer that passes. The exercise checked is the reference's, so editing one's own copy gains nothing.
import { scenarioToJson } from '../engine/scenario';
import { simulate } from '../engine/simulate';
import type { Metrics } from '../engine/types';
import { goalMet, isEditable, predictionPasses, type Exercise, type Goal, type Prediction } from './exercise';
import type { ExerciseFile } from './exerciseFile';

interface GoalResult {
  readonly goal: Goal;
  readonly actual: number | null;
  readonly passed: boolean;
}

interface PredictionResult {
  readonly prediction: Prediction;
  /** null when the file has no answer for it. */
  readonly answer: number | null;
  readonly actual: number | null;
  readonly passed: boolean;
}

export interface ExerciseResult {
  readonly passed: boolean;
  /** Dotted paths that differ from the reference: fixed scenario fields, and the exercise's own fields. */
  readonly changedFixedFields: readonly string[];
  readonly goals: readonly GoalResult[];
  readonly predictions: readonly PredictionResult[];
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameJson(a: Json, b: Json): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameJson(a[k], b[k]));
  }
  return a === b;
}

/** Paths below `path` where two JSON values differ: objects field by field, anything else whole. */
function differences(a: Json, b: Json, path: string, skip: (path: string, a: Json, b: Json) => boolean): string[] {
  if (skip(path, a, b) || sameJson(a, b)) return [];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences(a[k], b[k], path ? `${path}.${k}` : k, skip));
  }
  return [path];
}

/** Whether the JSON object `raw` holds a value at the dotted `path`. */
function written(raw: Json, path: string): boolean {
  let v = raw;
  for (const key of path.split('.')) {
    if (!isObject(v) || v[key] === undefined) return false;
    v = v[key];
  }
  return true;
}

/**
 * The fields where `file` differs from `reference` outside what the reference's exercise lets a student
 * change, by dotted path. Scenarios are compared with their defaults filled in, so a field left out equals
 * its default written out. A field both files leave out is equal even where its default follows another
 * field (optimizer.eps after an editable optimizer.name): the student did not touch it. (A field that one
 * run has and the other lacks, target.quadrant beside target.point, differs.)
 */
export function changedFixedFields(file: ExerciseFile, reference: ExerciseFile): string[] {
  const exercise = reference.exercise;
  if (exercise === null) throw new Error('the reference has no exercise');
  const fixedSkip = (path: string, a: Json, b: Json): boolean =>
    path !== '' &&
    (isEditable(exercise, path) || (a !== undefined && b !== undefined && !written(file.raw, path) && !written(reference.raw, path)));
  const exerciseChanges = differences(reference.exercise, file.exercise, 'exercise', () => false);
  const scenarioChanges = differences(scenarioToJson(reference.scenario), scenarioToJson(file.scenario), '', fixedSkip);
  // The same inputs.file with other contents is a change of the examples too (the JSON has the path only).
  if (!scenarioChanges.includes('inputs.file') && !isEditable(exercise, 'inputs.file') && dataChanged(file, reference)) {
    scenarioChanges.push('inputs.file');
  }
  return [...exerciseChanges, ...scenarioChanges];
}

/** Whether both runs read a data file and the two files' contents differ (the tables' digests). */
export function dataChanged(file: ExerciseFile, reference: ExerciseFile): boolean {
  const a = file.scenario.inputs.table;
  const b = reference.scenario.inputs.table;
  return a !== undefined && b !== undefined && a.digest !== b.digest;
}

function evaluate(exercise: Exercise, file: ExerciseFile, metrics: Metrics): Omit<ExerciseResult, 'passed' | 'changedFixedFields'> {
  return {
    goals: exercise.goals.map((goal) => {
      const actual = metrics[goal.metric];
      return { goal, actual, passed: goalMet(goal, actual) };
    }),
    predictions: exercise.predict.map((prediction) => {
      const answer = file.answers[prediction.id];
      const actual = metrics[prediction.metric];
      return { prediction, answer: answer ?? null, actual, passed: predictionPasses(prediction, answer, actual) };
    }),
  };
}

/**
 * Checks `file` against `reference` (null: the file is its own reference, and fixed fields are not
 * compared). `metrics` are the file's run's, when the caller has them; otherwise the run is computed.
 */
export function checkExercise(file: ExerciseFile, reference: ExerciseFile | null, metrics?: Metrics): ExerciseResult {
  const exercise = (reference ?? file).exercise;
  if (exercise === null) throw new Error(`${reference ? 'the reference' : 'the file'} has no exercise`);
  const changed = reference ? changedFixedFields(file, reference) : [];
  const { goals, predictions } = evaluate(exercise, file, metrics ?? simulate(file.scenario).metrics);
  const passed = changed.length === 0 && goals.every((g) => g.passed) && predictions.every((p) => p.passed);
  return { passed, changedFixedFields: changed, goals, predictions };
}
