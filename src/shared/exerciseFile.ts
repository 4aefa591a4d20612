// Reading a scenario file that may hold an exercise: the scenario through the engine's validator, the
// `exercise` object and the `answers` beside it through the rules of docs/exercises.md. Every error is a
// ScenarioError naming the field, as the scenario's own are
// (`exercise.goals[0].metric must be one of "lockedFraction", …, got "loss"`).
import { ScenarioError, resolveScenario } from '../engine/scenario';
import { scenarioSchema } from '../engine/scenarioSchema';
import type { ScenarioData } from '../engine/scenario';
import type { Scenario } from '../engine/types';
import {
  EXERCISE_LIMITS,
  GOAL_OPERATORS,
  METRIC_NAMES,
  PREDICTION_ID_PATTERN,
  TOLERANCE_KINDS,
  type Answers,
  type Exercise,
  type Goal,
  type MetricName,
  type Prediction,
} from './exercise';

/** A scenario file, validated: its run, its exercise (null when it has none) and the answers so far. */
export interface ExerciseFile {
  /** The file's JSON as written (fields left out stay out). */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly scenario: Scenario;
  readonly exercise: Exercise | null;
  readonly answers: Answers;
}

type Obj = Record<string, unknown>;
type Schema = { readonly properties?: Readonly<Record<string, Schema>> };

/** Fields of the file that are not scenario fields a student could change. */
const NOT_EDITABLE = new Set(['$schema', 'version', 'exercise', 'answers']);

function fieldPaths(properties: Readonly<Record<string, Schema>>, prefix: string): string[] {
  return Object.entries(properties).flatMap(([key, schema]) => {
    const path = prefix + key;
    return [path, ...(schema.properties ? fieldPaths(schema.properties, `${path}.`) : [])];
  });
}

/**
 * Every path `editable` may name: each scenario field and each field inside one ("inputs",
 * "inputs.center", …), derived from the scenario's JSON Schema, which lists the format's fields.
 */
export const EDITABLE_PATHS: readonly string[] = fieldPaths((scenarioSchema() as Schema).properties ?? {}, '').filter(
  (p) => !NOT_EDITABLE.has(p),
);

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

function fail(path: string, wanted: string, got: unknown): never {
  throw new ScenarioError(path, `${path} must be ${wanted}, got ${show(got)}`);
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (!isObject(v)) fail(path, 'a JSON object', v);
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) {
      throw new ScenarioError(`${path}.${key}`, `unknown field ${path}.${key} (allowed: ${allowed.join(', ')})`);
    }
  }
  return v;
}

function list(v: unknown, path: string, max: number, what: string): unknown[] {
  if (!Array.isArray(v) || v.length > max) fail(path, `a list of at most ${max} ${what}`, v);
  return v;
}

/** Control characters make text print other than it reads; a title is one line, a task may break lines. */
function hasControlCharacters(s: string, lineBreaks: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && !(lineBreaks && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
  }
  return false;
}

function codePoints(s: string, max: number): number {
  // A code point is one or two UTF-16 units: beyond 2·max units the text is surely too long, uncounted.
  return s.length > 2 * max ? Infinity : [...s].length;
}

function text(v: unknown, path: string, max: number, multiline: boolean): string {
  const ok = typeof v === 'string' && v.trim() !== '' && codePoints(v, max) <= max && !hasControlCharacters(v, multiline);
  if (!ok) fail(path, `plain text of 1 to ${max} characters${multiline ? '' : ' on one line'}`, v);
  return v;
}

function finite(v: unknown, path: string, min = -Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    fail(path, min === -Infinity ? 'a finite number' : `a finite number ≥ ${min}`, v);
  }
  return v;
}

function metric(v: unknown, path: string): MetricName {
  if (typeof v !== 'string' || !(METRIC_NAMES as readonly string[]).includes(v)) {
    fail(path, `one of ${METRIC_NAMES.map((m) => `"${m}"`).join(', ')}`, v);
  }
  return v as MetricName;
}

const has = (o: Obj, key: string): boolean => o[key] !== undefined;

/** The one key of `keys` that `o` has, or an error naming them. */
function exactlyOne<K extends string>(o: Obj, path: string, keys: readonly K[]): K {
  const present = keys.filter((k) => has(o, k));
  if (present.length !== 1) {
    throw new ScenarioError(
      path,
      `${path} takes exactly one of ${keys.join(', ')}${present.length ? `, not ${present.join(' and ')}` : ''}`,
    );
  }
  return present[0];
}

function resolveEditable(v: unknown): string[] {
  const paths = list(v, 'exercise.editable', EDITABLE_PATHS.length, 'field paths');
  return paths.map((p, i) => {
    const path = `exercise.editable[${i}]`;
    if (typeof p !== 'string' || !EDITABLE_PATHS.includes(p)) {
      fail(path, `a scenario field such as "inputs.center", "optimizer.lr", "start", "target" or "batchSize"`, p);
    }
    if (paths.indexOf(p) !== i) throw new ScenarioError(path, `${path} repeats "${p}"`);
    return p;
  });
}

function resolveGoal(v: unknown, path: string): Goal {
  const o = object(v, path, ['metric', ...GOAL_OPERATORS]);
  const m = metric(o.metric, `${path}.metric`);
  const op = exactlyOne(o, path, GOAL_OPERATORS);
  if (op === 'is') {
    if (o.is !== null) finite(o.is, `${path}.is`);
    return { metric: m, is: o.is as number | null };
  }
  const value = finite(o[op], `${path}.${op}`);
  return op === 'atMost' ? { metric: m, atMost: value } : { metric: m, atLeast: value };
}

function resolvePrediction(v: unknown, path: string, earlier: readonly Prediction[]): Prediction {
  const o = object(v, path, ['id', 'question', 'metric', ...TOLERANCE_KINDS]);
  const id = o.id;
  if (typeof id !== 'string' || id.length > EXERCISE_LIMITS.idLength || !new RegExp(PREDICTION_ID_PATTERN).test(id)) {
    fail(`${path}.id`, `a name of at most ${EXERCISE_LIMITS.idLength} letters, digits, - and _, starting with a letter`, id);
  }
  const clash = earlier.findIndex((p) => p.id === id);
  if (clash >= 0) throw new ScenarioError(`${path}.id`, `${path}.id "${id}" is already the id of exercise.predict[${clash}]`);
  const question = text(o.question, `${path}.question`, EXERCISE_LIMITS.questionLength, true);
  const m = metric(o.metric, `${path}.metric`);
  const kind = exactlyOne(o, path, TOLERANCE_KINDS);
  const tolerance = finite(o[kind], `${path}.${kind}`, 0);
  return kind === 'within' ? { id, question, metric: m, within: tolerance } : { id, question, metric: m, plusMinus: tolerance };
}

/** Validates an `exercise` object and fills in its defaults (nothing editable, no goals, no predictions). */
export function resolveExercise(v: unknown): Exercise {
  const o = object(v, 'exercise', ['title', 'task', 'editable', 'goals', 'predict']);
  for (const key of ['title', 'task']) {
    if (!has(o, key)) throw new ScenarioError(`exercise.${key}`, `exercise.${key} is required`);
  }
  const title = text(o.title, 'exercise.title', EXERCISE_LIMITS.titleLength, false);
  const task = text(o.task, 'exercise.task', EXERCISE_LIMITS.taskLength, true);
  const editable = has(o, 'editable') ? resolveEditable(o.editable) : [];
  const goals = list(has(o, 'goals') ? o.goals : [], 'exercise.goals', EXERCISE_LIMITS.goals, 'goals').map((g, i) =>
    resolveGoal(g, `exercise.goals[${i}]`),
  );
  const predict: Prediction[] = [];
  const predictions = list(has(o, 'predict') ? o.predict : [], 'exercise.predict', EXERCISE_LIMITS.predictions, 'predictions');
  predictions.forEach((p, i) => predict.push(resolvePrediction(p, `exercise.predict[${i}]`, predict)));
  return { title, task, editable, goals, predict };
}

/** Validates `answers`: a number for some of the exercise's predictions, by id. */
export function resolveAnswers(v: unknown, exercise: Exercise | null): Answers {
  if (exercise === null) throw new ScenarioError('answers', 'answers is only used with an exercise');
  if (!isObject(v)) fail('answers', 'a JSON object of numbers by prediction id', v);
  const ids = exercise.predict.map((p) => p.id);
  const out: Record<string, number> = {};
  for (const [id, answer] of Object.entries(v)) {
    if (!ids.includes(id)) {
      const which = ids.length === 0 ? 'the exercise asks for no prediction' : `predictions: ${ids.join(', ')}`;
      throw new ScenarioError(`answers.${id}`, `answers.${id} answers no prediction (${which})`);
    }
    out[id] = finite(answer, `answers.${id}`);
  }
  return out;
}

/**
 * Validates a scenario file as read from JSON: the scenario (resolveScenario's rules, with its data file's
 * table in `data`), then its exercise and answers. Throws ScenarioError naming the first offending field.
 */
export function resolveExerciseFile(json: unknown, data: ScenarioData = {}): ExerciseFile {
  const scenario = resolveScenario(json, data);
  const raw = json as Obj;
  const exercise = raw.exercise === undefined ? null : resolveExercise(raw.exercise);
  const answers = raw.answers === undefined ? {} : resolveAnswers(raw.answers, exercise);
  return { raw, scenario, exercise, answers };
}
