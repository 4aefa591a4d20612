// Scenario format v1: defaults and validation. Every error names the field and says what it wanted,
// e.g. `optimizer.lr must be a finite number > 0, got -1`. Unknown fields are errors, so a typo is
// never silently ignored.
import type { FunctionSpec, HyperparameterName, Inputs, ModelName, OptimizerSettings, Quadrant, Scenario, TargetSpec, Vec2 } from './types';
import { DISTRIBUTIONS, LOSSES, MODELS, ORDERS, QUADRANTS } from './catalog/choices';
import { FUNCTION_PRESET_NAMES } from './catalog/functionPresets';
import { HYPERPARAMETERS, HYPERPARAMETER_NAMES, OPTIMIZER_NAMES, hyperparameterDefault, type Range } from './catalog/optimizers';
import { ExpressionError, MAX_EXPRESSION_LENGTH, parseExpression } from './expression';

export class ScenarioError extends Error {
  /** Dotted path of the offending field ('' for the scenario as a whole). */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ScenarioError';
    this.field = field;
  }
}

export const LIMITS = {
  maxCount: 100_000,
  maxSteps: 10_000_000,
  /** Start and target coordinates beyond this are surely a mistake (and would only overflow). */
  maxCoordinate: 1e6,
  /** Bound on input means, spreads, shifts and points, and on label noise. */
  maxMagnitude: 1e6,
  maxSeed: 4294967295,
  maxExpressionLength: MAX_EXPRESSION_LENGTH,
} as const;

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
  inputs: { distribution: 'sigmoid', count: 256, mean: 0, std: 1, center: false, shift: [0, 0] },
  start: [0, 0],
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

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
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

function finite(v: unknown, path: string, min = -Infinity, max = Infinity, minOpen = false, maxOpen = false): number {
  const ok = typeof v === 'number' && Number.isFinite(v) && (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
  if (!ok) {
    const parts: string[] = [];
    if (min !== -Infinity) parts.push(`${minOpen ? '>' : '≥'} ${min}`);
    if (max !== Infinity) parts.push(`${maxOpen ? '<' : '≤'} ${max}`);
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

function pair(v: unknown, path: string, bound = Infinity): Vec2 {
  const ok = Array.isArray(v) && v.length === 2 && v.every((c) => typeof c === 'number' && Number.isFinite(c) && Math.abs(c) <= bound);
  if (!ok) fail(path, `two finite numbers [w1, w2]${bound !== Infinity ? ` within ±${bound}` : ''}`, v);
  return [v[0], v[1]];
}

const has = (o: Obj, key: string): boolean => o[key] !== undefined;

function resolveInputs(v: unknown): Inputs {
  const d = DEFAULT_SCENARIO.inputs;
  const o = object(v === undefined ? {} : v, 'inputs', ['distribution', 'count', 'mean', 'std', 'points', 'center', 'shift']);
  const distribution = has(o, 'distribution') ? oneOf(o.distribution, 'inputs.distribution', DISTRIBUTIONS) : d.distribution;
  const inputs: Inputs = {
    distribution,
    count: has(o, 'count') ? integer(o.count, 'inputs.count', 1, LIMITS.maxCount) : d.count,
    mean: has(o, 'mean') ? finite(o.mean, 'inputs.mean', -LIMITS.maxMagnitude, LIMITS.maxMagnitude) : d.mean,
    std: has(o, 'std') ? finite(o.std, 'inputs.std', 0, LIMITS.maxMagnitude) : d.std,
    center: has(o, 'center') ? boolean(o.center, 'inputs.center') : d.center,
    shift: has(o, 'shift') ? pair(o.shift, 'inputs.shift', LIMITS.maxMagnitude) : d.shift,
  };
  if (distribution === 'points') {
    if (!has(o, 'points')) {
      throw new ScenarioError('inputs.points', 'inputs.points is required when inputs.distribution is "points"');
    }
    const points = o.points;
    if (!Array.isArray(points) || points.length < 1 || points.length > LIMITS.maxCount) {
      fail('inputs.points', `an array of 1 to ${LIMITS.maxCount} points [x1, x2]`, points);
    }
    return { ...inputs, points: points.map((p, i) => pair(p, `inputs.points[${i}]`, LIMITS.maxMagnitude)) };
  }
  if (has(o, 'points')) {
    throw new ScenarioError('inputs.points', 'inputs.points is only used when inputs.distribution is "points"');
  }
  return inputs;
}

function resolveTarget(v: unknown, model: ModelName): TargetSpec | null {
  if (v === undefined) return model === 'neuron' ? DEFAULT_SCENARIO.target : null;
  const o = object(v, 'target', ['quadrant', 'distance', 'point']);
  if (has(o, 'point')) {
    if (has(o, 'quadrant') || has(o, 'distance')) {
      throw new ScenarioError('target', 'target takes either point or quadrant/distance, not both');
    }
    return { point: pair(o.point, 'target.point', LIMITS.maxCoordinate) };
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
] as const;

/** Number of examples N the scenario's data will have. */
export function exampleCount(inputs: Inputs): number {
  return inputs.distribution === 'points' && inputs.points ? inputs.points.length : inputs.count;
}

/**
 * Validates a scenario as read from JSON and fills in every default. Throws ScenarioError naming the
 * first offending field. (Expressions are parsed later, by the function model, which reports positions.)
 */
export function resolveScenario(input: unknown): Scenario {
  const o = object(input, '', TOP_LEVEL);
  // "$schema" only points editors at the JSON Schema; it has no meaning for the run.
  if (has(o, '$schema') && typeof o.$schema !== 'string') fail('$schema', 'a string', o.$schema);
  if (has(o, 'version') && o.version !== 1) fail('version', '1', o.version);
  const model = has(o, 'model') ? oneOf(o.model, 'model', MODELS) : DEFAULT_SCENARIO.model;
  const inputs = resolveInputs(o.inputs);
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
    start: has(o, 'start') ? pair(o.start, 'start', LIMITS.maxCoordinate) : DEFAULT_SCENARIO.start,
    target: resolveTarget(o.target, model),
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

/** The resolved scenario as a plain JSON object in the file format; it re-validates to itself. */
export function scenarioToJson(s: Scenario): Obj {
  const json = JSON.parse(JSON.stringify(s)) as Obj;
  if (s.target === null) delete json.target; // "no w*" is written as an absent target
  return json;
}
