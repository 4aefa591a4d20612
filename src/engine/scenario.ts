// Scenario format v1: defaults and validation. Every error names the field and says what it wanted,
// e.g. `optimizer.lr must be a finite number > 0, got -1`. Unknown fields are errors, so a typo is
// never silently ignored.
import type {
  Axes,
  FunctionSpec,
  HyperparameterName,
  InputTable,
  Inputs,
  ModelName,
  OptimizerSettings,
  Quadrant,
  Scenario,
  TargetSpec,
  Vec2,
  Weights,
} from './types';
import { DISTRIBUTIONS, LOSSES, MODELS, ORDERS, QUADRANTS } from './catalog/choices';
import { FUNCTION_PRESET_NAMES } from './catalog/functionPresets';
import { HYPERPARAMETERS, HYPERPARAMETER_NAMES, OPTIMIZER_NAMES, hyperparameterDefault, type Range } from './catalog/optimizers';
import { LIMITS } from './catalog/limits';
import { ExpressionError, parseExpression } from './expression';

export class ScenarioError extends Error {
  /** Dotted path of the offending field ('' for the scenario as a whole). */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ScenarioError';
    this.field = field;
  }
}

export { LIMITS };

/** What a scenario needs besides its JSON: the parsed contents of its data file, if it names one. */
export interface ScenarioData {
  /** inputs.file, read and parsed (src/shared/dataFiles.ts). */
  readonly inputFile?: InputTable;
}

/** Every hyperparameter of the catalog, each valued by `value`. */
function hyperparameterValues(value: (k: HyperparameterName) => number): Record<HyperparameterName, number> {
  const out = {} as Record<HyperparameterName, number>;
  for (const k of HYPERPARAMETER_NAMES) out[k] = value(k);
  return out;
}

/** The classic demo: sigmoid inputs, one example per step, target to the north-west. */
export const DEFAULT_SCENARIO: Scenario = {
  version: 1,
  model: 'neuron',
  inputs: { distribution: 'sigmoid', count: 256, dimension: 2, mean: 0, std: 1, center: false, shift: [0, 0] },
  start: [0, 0],
  axes: [0, 1],
  target: { quadrant: 'nw', distance: 3 },
  loss: 'mse',
  labelNoise: 0,
  optimizer: { name: 'sgd', ...hyperparameterValues((k) => hyperparameterDefault('sgd', k)) },
  batchSize: 1,
  order: 'cyclic',
  steps: 400,
  seed: 1,
};

type Obj = Record<string, unknown>;

const SHOWN_CHARS = 60;

/** JSON text of v cut at `room` characters; every level spends one, so depth and width are bounded by `room`. */
function clipped(v: unknown, room: number): string {
  if (room <= 0) return '';
  if (Array.isArray(v) || isObject(v)) {
    const list = Array.isArray(v);
    let out = list ? '[' : '{';
    for (const [k, item] of list ? v.entries() : Object.entries(v)) {
      if (out.length >= room) break;
      if (out.length > 1) out += ',';
      if (!list) out += `${JSON.stringify(k)}:`;
      out += clipped(item, room - out.length);
    }
    return (out.length < room ? out + (list ? ']' : '}') : out).slice(0, room);
  }
  return (JSON.stringify(v) ?? String(v)).slice(0, room);
}

// Bounded so a hostile value (nested thousands deep, or megabytes long) costs a message, not the stack.
const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const s = clipped(v, SHOWN_CHARS + 1);
  return s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 3)}...` : s;
};

function fail(path: string, wanted: string, got: unknown): never {
  throw new ScenarioError(path, `${path} must be ${wanted}, got ${show(got)}`);
}

const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (!isObject(v)) throw new ScenarioError(path, `${path || 'scenario'} must be a JSON object, got ${show(v)}`);
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) {
      throw new ScenarioError(join(path, key), `unknown field ${join(path, key)} (allowed: ${allowed.join(', ')})`);
    }
  }
  return v;
}

/**
 * A number within [min, max] (ends open where asked). The message states the bound a number broke, or
 * every bound when the value is not a finite number at all.
 */
function finite(v: unknown, path: string, min = -Infinity, max = Infinity, minOpen = false, maxOpen = false): number {
  const isNumber = typeof v === 'number' && Number.isFinite(v);
  const low = isNumber && (minOpen ? v <= min : v < min);
  const high = isNumber && (maxOpen ? v >= max : v > max);
  if (!isNumber || low || high) {
    const parts: string[] = [];
    if (min !== -Infinity && !high) parts.push(`${minOpen ? '>' : '≥'} ${min}`);
    if (max !== Infinity && !low) parts.push(`${maxOpen ? '<' : '≤'} ${max}`);
    fail(path, `a finite number${parts.length ? ' ' + parts.join(' and ') : ''}`, v);
  }
  return v;
}

function integer(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(path, `an integer from ${min} to ${max}`, v);
  }
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    fail(path, `one of ${values.map((x) => `"${x}"`).join(', ')}`, v);
  }
  return v as T;
}

function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'true or false', v);
  return v;
}

/** Two finite numbers within ±bound; a bad component is named by its index (start[0]), the shape by the field. */
function pair(v: unknown, path: string, bound: number): Vec2 {
  if (!Array.isArray(v) || v.length !== 2) fail(path, `two finite numbers [w1, w2] within ±${bound}`, v);
  v.forEach((c, i) => {
    if (!(typeof c === 'number' && Number.isFinite(c) && Math.abs(c) <= bound))
      fail(`${path}[${i}]`, `a finite number within ±${bound}`, c);
  });
  return [v[0] as number, v[1] as number];
}

/** d finite numbers within ±bound; where d = 2 is certain (not read off the data), the v1 pair and its message. */
function weights(v: unknown, path: string, d: number, bound: number, dFromData = false): Weights {
  if (d === 2 && !dFromData) return pair(v, path, bound);
  if (!Array.isArray(v) || v.length !== d) fail(path, `a list of ${d} finite numbers (one per input) within ±${bound}`, v);
  v.forEach((c, i) => {
    if (!(typeof c === 'number' && Number.isFinite(c) && Math.abs(c) <= bound))
      fail(`${path}[${i}]`, `a finite number within ±${bound}`, c);
  });
  return (v as number[]).slice();
}

const zeros = (d: number): Weights => new Array<number>(d).fill(0);

const has = (o: Obj, key: string): boolean => o[key] !== undefined;

const INPUT_FIELDS = ['distribution', 'count', 'dimension', 'mean', 'std', 'points', 'file', 'columns', 'center', 'shift'];

function resolveInputs(v: unknown, data: ScenarioData): Inputs {
  const d = DEFAULT_SCENARIO.inputs;
  const o = object(v === undefined ? {} : v, 'inputs', INPUT_FIELDS);
  const distribution = has(o, 'distribution') ? oneOf(o.distribution, 'inputs.distribution', DISTRIBUTIONS) : d.distribution;
  const given = has(o, 'dimension') ? integer(o.dimension, 'inputs.dimension', LIMITS.minDimension, LIMITS.maxDimension) : null;
  for (const [field, owner] of [
    ['points', 'points'],
    ['file', 'file'],
    ['columns', 'file'],
  ] as const) {
    if (has(o, field) && distribution !== owner) {
      throw new ScenarioError(`inputs.${field}`, `inputs.${field} is only used when inputs.distribution is "${owner}"`);
    }
  }
  const inputs = {
    distribution,
    count: has(o, 'count') ? integer(o.count, 'inputs.count', 1, LIMITS.maxCount) : d.count,
    mean: has(o, 'mean') ? finite(o.mean, 'inputs.mean', -LIMITS.maxMagnitude, LIMITS.maxMagnitude) : d.mean,
    std: has(o, 'std') ? finite(o.std, 'inputs.std', 0, LIMITS.maxMagnitude) : d.std,
    center: has(o, 'center') ? boolean(o.center, 'inputs.center') : d.center,
  };
  /** The inputs with d known: shift resolved against it, and d agreeing with inputs.dimension. */
  const withDimension = (dimension: number, source: string, rest: Partial<Inputs>): Inputs => {
    if (given !== null && given !== dimension) {
      throw new ScenarioError('inputs.dimension', `inputs.dimension is ${given} but ${source} ${dimension} inputs`);
    }
    const shift = !has(o, 'shift')
      ? zeros(dimension)
      : typeof o.shift === 'number'
        ? new Array<number>(dimension).fill(finite(o.shift, 'inputs.shift', -LIMITS.maxMagnitude, LIMITS.maxMagnitude))
        : weights(o.shift, 'inputs.shift', dimension, LIMITS.maxMagnitude, source !== '' || given !== null);
    return { ...inputs, dimension, shift, ...rest };
  };
  if (distribution === 'points') {
    if (!has(o, 'points')) {
      throw new ScenarioError('inputs.points', 'inputs.points is required when inputs.distribution is "points"');
    }
    const points = o.points;
    if (!Array.isArray(points) || points.length < 1 || points.length > LIMITS.maxCount) {
      fail('inputs.points', `an array of 1 to ${LIMITS.maxCount} points [x1, x2]`, points);
    }
    // d is the rows' length (the first row's, when it is a plausible one; v1's message otherwise).
    const first: unknown = points[0];
    const rowLength = Array.isArray(first) && first.length >= LIMITS.minDimension && first.length <= LIMITS.maxDimension ? first.length : 2;
    if (given !== null && Array.isArray(first) && first.length !== given && first.length === rowLength) {
      throw new ScenarioError('inputs.dimension', `inputs.dimension is ${given} but inputs.points has rows of ${rowLength} inputs`);
    }
    const dimension = given ?? rowLength;
    checkValues(points.length, dimension, 'inputs.points');
    const rows = points.map((p, i) => weights(p, `inputs.points[${i}]`, dimension, LIMITS.maxMagnitude));
    return withDimension(dimension, 'inputs.points has rows of', { points: rows });
  }
  if (distribution === 'file') return withDimension(...fileInputs(o, data));
  const dimension = given ?? d.dimension;
  checkValues(inputs.count, dimension, 'inputs.count');
  return withDimension(dimension, '', {});
}

/** N × d within LIMITS.maxValues. */
function checkValues(n: number, dimension: number, field: string): void {
  if (n * dimension > LIMITS.maxValues) {
    const f = (x: number): string => x.toLocaleString('en-US');
    throw new ScenarioError(
      field,
      `${field} gives ${f(n)} examples of ${f(dimension)} inputs, ${f(n * dimension)} numbers; the data may hold at most ${f(LIMITS.maxValues)}`,
    );
  }
}

/** A data file's path as written: relative, inside the scenario's folder tree, .csv or .npy. */
function filePath(v: unknown): string {
  const wanted = `a relative path to a .csv or .npy file (at most ${LIMITS.maxPathLength} characters, no ".." and no backslashes)`;
  if (typeof v !== 'string' || v.length === 0 || v.length > LIMITS.maxPathLength) fail('inputs.file', wanted, v);
  const segments = v.split('/');
  const absolute = v.startsWith('/') || /^[a-zA-Z]:/.test(v) || v.includes('\\') || v.includes('\0');
  if (absolute || segments.some((p) => p === '..' || p === '') || !/\.(csv|npy)$/i.test(v)) fail('inputs.file', wanted, v);
  return v;
}

/** The file's inputs: its table (read by the caller), the columns used, and d. */
function fileInputs(o: Obj, data: ScenarioData): [number, string, Partial<Inputs>] {
  if (!has(o, 'file')) throw new ScenarioError('inputs.file', 'inputs.file is required when inputs.distribution is "file"');
  const file = filePath(o.file);
  const table = data.inputFile;
  if (!table) {
    throw new ScenarioError('inputs.file', `inputs.file "${file}" must be read before the scenario can run (its data is not here)`);
  }
  let columns: number[] | undefined;
  if (has(o, 'columns')) {
    const c = o.columns;
    const ok =
      Array.isArray(c) &&
      c.length >= LIMITS.minDimension &&
      c.length <= LIMITS.maxDimension &&
      c.every((k) => typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < table.columns) &&
      new Set(c).size === c.length;
    if (!ok) {
      fail(
        'inputs.columns',
        `${LIMITS.minDimension} to ${LIMITS.maxDimension} distinct column numbers from 0 to ${table.columns - 1} (the file has ${table.columns})`,
        c,
      );
    }
    columns = (c as number[]).slice();
  }
  const dimension = columns ? columns.length : table.columns;
  if (dimension < LIMITS.minDimension || dimension > LIMITS.maxDimension) {
    throw new ScenarioError(
      'inputs.file',
      `inputs.file "${file}" has ${table.columns} columns; a neuron takes ${LIMITS.minDimension} to ${LIMITS.maxDimension} inputs`,
    );
  }
  if (table.rows < 1 || table.rows > LIMITS.maxCount) {
    throw new ScenarioError('inputs.file', `inputs.file "${file}" has ${table.rows} rows; it must have 1 to ${LIMITS.maxCount}`);
  }
  checkValues(table.rows, dimension, 'inputs.file');
  const selection = columns ? `inputs.columns selects` : `inputs.file "${file}" has`;
  return [dimension, selection, { file, ...(columns ? { columns } : {}), table }];
}

function resolveTarget(v: unknown, model: ModelName, dimension: number, dFromData: boolean): TargetSpec | null {
  if (v === undefined) return model === 'neuron' ? DEFAULT_SCENARIO.target : null;
  const o = object(v, 'target', ['quadrant', 'distance', 'point']);
  if (has(o, 'point')) {
    if (has(o, 'quadrant') || has(o, 'distance')) {
      throw new ScenarioError('target', 'target takes either point or quadrant/distance, not both');
    }
    return { point: weights(o.point, 'target.point', dimension, LIMITS.maxCoordinate, dFromData) };
  }
  if (model === 'function' && (has(o, 'quadrant') || has(o, 'distance'))) {
    const field = has(o, 'quadrant') ? 'target.quadrant' : 'target.distance';
    throw new ScenarioError(field, `${field} is not used with model "function" (use target.point)`);
  }
  if (model === 'function') return null;
  const d = DEFAULT_SCENARIO.target as { quadrant: Quadrant; distance: number };
  return {
    quadrant: has(o, 'quadrant') ? oneOf(o.quadrant, 'target.quadrant', QUADRANTS) : d.quadrant,
    distance: has(o, 'distance') ? finite(o.distance, 'target.distance', 0, LIMITS.maxCoordinate, true) : d.distance,
  };
}

function inRange(v: unknown, path: string, r: Range): number {
  return finite(v, path, r.min, r.max, r.minOpen, r.maxOpen);
}

function resolveOptimizer(v: unknown): OptimizerSettings {
  const o = object(v === undefined ? {} : v, 'optimizer', ['name', ...HYPERPARAMETER_NAMES]);
  const name = has(o, 'name') ? oneOf(o.name, 'optimizer.name', OPTIMIZER_NAMES) : DEFAULT_SCENARIO.optimizer.name;
  return {
    name,
    ...hyperparameterValues((k) =>
      has(o, k) ? inRange(o[k], `optimizer.${k}`, HYPERPARAMETERS[k].range) : hyperparameterDefault(name, k),
    ),
  };
}

function resolveFunction(v: unknown, model: ModelName): FunctionSpec | undefined {
  if (v === undefined) {
    if (model === 'function') {
      throw new ScenarioError('function', 'function.expression or function.preset is required when model is "function"');
    }
    return undefined;
  }
  if (model !== 'function') {
    throw new ScenarioError('function', 'function is only used when model is "function"');
  }
  const o = object(v, 'function', ['expression', 'preset']);
  if (has(o, 'expression') === has(o, 'preset')) {
    throw new ScenarioError('function', 'function takes exactly one of expression or preset');
  }
  if (has(o, 'preset')) return { preset: oneOf(o.preset, 'function.preset', FUNCTION_PRESET_NAMES) };
  const e = o.expression;
  if (typeof e !== 'string' || e.trim() === '' || e.length > LIMITS.maxExpressionLength) {
    fail('function.expression', `a non-empty string of at most ${LIMITS.maxExpressionLength} characters`, e);
  }
  try {
    parseExpression(e);
  } catch (err) {
    if (err instanceof ExpressionError) throw new ScenarioError('function.expression', `function.expression: ${err.message}`);
    throw err;
  }
  return { expression: e };
}

const TOP_LEVEL = [
  '$schema',
  'version',
  'model',
  'inputs',
  'start',
  'target',
  'loss',
  'labelNoise',
  'optimizer',
  'batchSize',
  'order',
  'steps',
  'seed',
  'function',
  // An exercise and the student's answers to it live in the same file but do not change the run:
  // src/shared/exerciseFile.ts validates them.
  'exercise',
  'answers',
  'axes',
] as const;

/** Number of examples N the scenario's data will have. */
export function exampleCount(inputs: Inputs): number {
  if (inputs.distribution === 'points' && inputs.points) return inputs.points.length;
  if (inputs.distribution === 'file' && inputs.table) return inputs.table.rows;
  return inputs.count;
}

/** d: the number of weights (the neuron's inputs; 2 for a function of w1, w2). */
export function dimensionOf(s: Scenario): number {
  return s.model === 'function' ? 2 : s.inputs.dimension;
}

/** Two distinct weight indices below d. */
function resolveAxes(v: unknown, dimension: number): Axes {
  const ok = Array.isArray(v) && v.length === 2 && v.every((k) => Number.isInteger(k) && k >= 0 && k < dimension) && v[0] !== v[1];
  if (!ok) fail('axes', `two distinct weight numbers from 0 to ${dimension - 1} (0-based)`, v);
  return [v[0] as number, v[1] as number];
}

/** The data file a scenario as written names (inputs.file with distribution "file"), to be read before resolving it; null when none. */
export function inputFileOf(input: unknown): string | null {
  if (!isObject(input) || !isObject(input.inputs)) return null;
  const i = input.inputs;
  return i.distribution === 'file' && typeof i.file === 'string' ? filePath(i.file) : null;
}

/**
 * Validates a scenario as read from JSON and fills in every default. Throws ScenarioError naming the
 * first offending field. (Expressions are parsed later, by the function model, which reports positions.)
 */
export function resolveScenario(input: unknown, data: ScenarioData = {}): Scenario {
  const o = object(input, '', TOP_LEVEL);
  // "$schema" only points editors at the JSON Schema; it has no meaning for the run.
  if (has(o, '$schema') && typeof o.$schema !== 'string') fail('$schema', 'a string', o.$schema);
  if (has(o, 'version') && o.version !== 1) fail('version', '1', o.version);
  const model = has(o, 'model') ? oneOf(o.model, 'model', MODELS) : DEFAULT_SCENARIO.model;
  const inputs = resolveInputs(o.inputs, data);
  const dimension = model === 'function' ? 2 : inputs.dimension;
  // As the schema's INPUTS_OF_TWO: d read off inputs.dimension, the points or a file is a cross-field rule.
  const dFromData =
    model !== 'function' &&
    isObject(o.inputs) &&
    (has(o.inputs, 'dimension') || o.inputs.distribution === 'points' || o.inputs.distribution === 'file');
  const n = exampleCount(inputs);
  let batchSize: number | 'full' = DEFAULT_SCENARIO.batchSize;
  if (has(o, 'batchSize')) {
    if (o.batchSize === 'full') batchSize = 'full';
    else if (typeof o.batchSize !== 'number' || !Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > n) {
      fail('batchSize', `an integer from 1 to ${n} (the number of examples) or "full"`, o.batchSize);
    } else batchSize = o.batchSize;
  }
  const fn = resolveFunction(o.function, model);
  const scenario: Scenario = {
    version: 1,
    model,
    inputs,
    start: has(o, 'start') ? weights(o.start, 'start', dimension, LIMITS.maxCoordinate, dFromData) : zeros(dimension),
    axes: has(o, 'axes') ? resolveAxes(o.axes, dimension) : DEFAULT_SCENARIO.axes,
    target: resolveTarget(o.target, model, dimension, dFromData),
    loss: has(o, 'loss') ? oneOf(o.loss, 'loss', LOSSES) : DEFAULT_SCENARIO.loss,
    labelNoise: has(o, 'labelNoise') ? finite(o.labelNoise, 'labelNoise', 0, LIMITS.maxMagnitude) : DEFAULT_SCENARIO.labelNoise,
    optimizer: resolveOptimizer(o.optimizer),
    batchSize,
    order: has(o, 'order') ? oneOf(o.order, 'order', ORDERS) : DEFAULT_SCENARIO.order,
    steps: has(o, 'steps') ? integer(o.steps, 'steps', 1, LIMITS.maxSteps) : DEFAULT_SCENARIO.steps,
    seed: has(o, 'seed') ? integer(o.seed, 'seed', 0, LIMITS.maxSeed) : DEFAULT_SCENARIO.seed,
  };
  return fn ? { ...scenario, function: fn } : scenario;
}

/** The quadrant's unit vector u(q). */
export function quadrantVector(q: Quadrant): Vec2 {
  const r = Math.SQRT1_2;
  switch (q) {
    case 'ne':
      return [r, r];
    case 'nw':
      return [-r, r];
    case 'sw':
      return [-r, -r];
    case 'se':
      return [r, -r];
  }
}

/** Batch size as a number of examples. */
export function batchSizeOf(s: Scenario): number {
  return s.batchSize === 'full' ? exampleCount(s.inputs) : s.batchSize;
}

/**
 * The resolved scenario as a plain JSON object in the file format; it re-validates to itself (given its
 * data file's table again: the table is data, never written into the scenario).
 */
export function scenarioToJson(s: Scenario): Obj {
  const json = JSON.parse(JSON.stringify({ ...s, inputs: { ...s.inputs, table: undefined } })) as Obj;
  if (s.target === null) delete json.target; // "no w*" is written as an absent target
  return json;
}
