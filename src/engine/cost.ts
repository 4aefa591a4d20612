// How much work a run is, before it is run: the one model every caller that decides "too much work"
// uses (the limits of plots in course material, the playground's previews, the host's chunking). It
// counts what costs: the compiled expression's nodes weighted by their operation (pow, exp, log, trig),
// the examples each step visits (batch, a logistic loss's full data, shuffling, records), the batch sums
// filled on first use, the data, and the loss grid's cells times the examples each sums. Its weights are
// measured by test/bench/cost.ts, which prints the model against the clock for a range of scenarios;
// docs/scenario-format.md says what the numbers mean. Meant to bound the work from above: where the cost
// depends on values (sin's argument, the logistic grid's window) it takes the dear case, and it counts
// every step, though a run that diverges stops sooner.
import type { OpName, ProgramProfile } from './autodiff';
import { FUNCTION_PRESETS } from './catalog/functionPresets';
import { optimizerInfo } from './catalog/optimizers';
import type { KeptWork } from './data';
import { MAX_GRAM_EXAMPLES } from './fanIn';
import { compileObjective, parseExpression } from './expression';
import { summedBatchPeriod } from './mseBatches';
import { batchSizeOf, exampleCount } from './scenario';
import { isShareOf, sameOffPair } from './pairScores';
import { MAX_RECORDED_BATCH, countsSigns, targetOf } from './simulate';
import type { FunctionSpec, Scenario } from './types';

/** Cost unit: one arithmetic node (+ − × ÷) of a compiled expression evaluated once, forward. */
export type CostUnits = number;

export interface CostOptions {
  /** Whether the run keeps the per-step records the playground draws (the CLI keeps none). */
  readonly records?: boolean;
  /** Side n of the n×n loss grid computed after the run; 0 or absent: no grid. */
  readonly gridSize?: number;
  /**
   * What earlier runs keep with the scenario's fan-in inputs (DatasetMemo.keptFor, or ALL_KEPT): not
   * counted again. Absent or null: nothing kept.
   */
  readonly kept?: KeptWork | null;
}

/**
 * Everything a run can keep with its inputs, kept: what a run costs once earlier ones made it all (but
 * the scores' share off the pair, which depends on the weights: not assumed).
 */
export const ALL_KEPT: KeptWork = { gramColumns: Infinity, secondMoments: true, mseCurvature: true, offPair: null };

/** A run's work in CostUnits, by phase; every number finite and ≥ 0. */
export interface RunCost {
  /** Before the first step: data, labels, the loss's statistics, the compiled expression. */
  readonly setup: CostUnits;
  /** One step on average: gradient, update, the loss at the new point, records, batch sums filled. */
  readonly perStep: CostUnits;
  /** The dearest single step (the first use of a summed batch fills its sums). */
  readonly maxStep: CostUnits;
  readonly steps: number;
  /** All the steps: perStep × steps. */
  readonly run: CostUnits;
  /** After the last step: the Hessian at w*, the metrics, the kept arrays handed over. */
  readonly finish: CostUnits;
  /** The loss grid, at its dearest (a logistic grid far from the origin takes an exp per cell and example). */
  readonly grid: CostUnits;
  readonly total: CostUnits;
}

// Weights in CostUnits, from npm run bench:cost (test/bench/cost.ts); sin and cos at their dearest
// (arguments past 2^20·π/2 need the long argument reduction), pow for a general exponent.
const FORWARD: Readonly<Record<OpName, number>> = {
  add: 1,
  sub: 1,
  mul: 1,
  div: 1,
  neg: 1,
  abs: 1,
  sqrt: 1,
  square: 1,
  mean: 1,
  sum: 1,
  exp: 2,
  log: 3,
  sigmoid: 3,
  softplus: 4,
  tanh: 5,
  pow: 11,
  sin: 37,
  cos: 37,
};
/** Differentiating a node: its local derivative (sin' is a cos, pow' a pow) and the accumulation. */
const BACKWARD: Readonly<Record<OpName, number>> = {
  add: 1.5,
  sub: 1.5,
  mul: 1.5,
  div: 1.5,
  neg: 1.5,
  abs: 1.5,
  sqrt: 1.5,
  square: 1.5,
  mean: 1.5,
  sum: 1.5,
  exp: 1.5,
  log: 1.5,
  sigmoid: 1.5,
  tanh: 1.5,
  softplus: 4.5,
  pow: 11,
  sin: 37,
  cos: 37,
};
/** The log a power's gradient takes when its exponent varies. */
const VARYING_EXPONENT = 3;

const COST = {
  /** A step's own work: the trainer's loop, the update rule, the divergence check, the metrics' pass. */
  step: 5,
  /** A function's step calls its objective twice (gradient, then the loss at the new point). */
  objectiveCalls: 3,
  /** Building a trainer, the metrics, the run's arrays. */
  setup: 150,
  /** Parsing and compiling, per node of the compiled expression. */
  compileNode: 10,
  /** A value kept per step (trajectory, loss, records), written and handed over. */
  keptValue: 0.16,
  /** Per example: generating it (normal draws, the activation), its label, the loss's statistics. */
  dataExample: 12,
  /** Per example: its term of the Hessian at w* (a sigmoid for the logistic loss). */
  hessianExample: 3,
  /** Per example visited by a step's gradient. */
  mseExample: 0.4,
  logisticExample: 6,
  /** Per example visited in shuffled order: the permutation's lookup and its share of drawing it. */
  shuffledExample: 5,
  /** Per example a step records (its push, the sign of dL/df), visits of a summed batch included. */
  recordedExample: 0.9,
  /** Per example of the logistic loss at the new point, every step (an exp each). */
  logisticLossExample: 1.6,
  /** Per example of a summed batch, filled once. */
  batchSumExample: 0.15,
  /** Per grid cell: its loop and store; an mse cell is its closed form. */
  gridCell: 1,
  mseGridCell: 1.2,
  /** Per grid cell and example of a logistic grid, at its dearest (an exp each, far from the origin). */
  logisticGridExample: 1.7,
  /**
   * Fan-in (d > 2): per multiply-add of its loops over inputs or examples (dot products, updates, the
   * residuals, Gram columns, the Hessian and its reduction), tight loops over typed arrays.
   */
  fanInMultiplyAdd: 0.15,
} as const;

/** One forward() and one backward() of a compiled objective. */
interface ObjectiveCost {
  readonly nodes: number;
  readonly forward: number;
  readonly backward: number;
}

function objectiveCost(profile: ProgramProfile): ObjectiveCost {
  let nodes = 0;
  let forward = 0;
  let backward = profile.varyingExponents * VARYING_EXPONENT;
  for (const op of Object.keys(FORWARD) as OpName[]) {
    nodes += profile.forward[op];
    forward += profile.forward[op] * FORWARD[op];
    backward += profile.backward[op] * BACKWARD[op];
  }
  return { nodes, forward, backward };
}

/** The last expression costed: previews cost the same expression change after change. */
let lastObjective: { readonly text: string; readonly cost: ObjectiveCost } | null = null;

function functionObjectiveCost(spec: FunctionSpec): ObjectiveCost {
  const text = 'preset' in spec ? FUNCTION_PRESETS[spec.preset].expression : spec.expression;
  if (lastObjective?.text !== text) lastObjective = { text, cost: objectiveCost(compileObjective(parseExpression(text)).profile) };
  return lastObjective.cost;
}

function total(setup: number, perStep: number, maxStep: number, steps: number, finish: number, grid: number): RunCost {
  const run = perStep * steps;
  return { setup, perStep, maxStep, steps, run, finish, grid, total: setup + run + finish + grid };
}

function functionCost(s: Scenario, records: boolean, gridSize: number): RunCost {
  const f = functionObjectiveCost(s.function!);
  const kept = 3 + (records ? 2 : 0);
  // A step: the gradient (forward and backward), then the loss at the new point (forward).
  const perStep = COST.step + COST.objectiveCalls + 2 * f.forward + f.backward + kept * COST.keptValue;
  const hasTarget = s.target !== null || 'preset' in s.function!;
  // The Hessian at w*: central differences of the gradient, 8 gradients.
  const finish = hasTarget ? 8 * (f.forward + f.backward) : 0;
  const grid = gridCost(gridOf(s), gridSize);
  return total(COST.setup + f.nodes * COST.compileNode, perStep, perStep, s.steps, finish, grid);
}

function neuronCost(s: Scenario, records: boolean, gridSize: number): RunCost {
  const n = exampleCount(s.inputs);
  const B = batchSizeOf(s);
  const T = s.steps;
  const mse = s.loss === 'mse';
  const shuffled = s.order === 'shuffle';
  const period = mse ? summedBatchPeriod(n, B, s.order, T) : null;
  const perExample = (mse ? COST.mseExample : COST.logisticExample) + (shuffled ? COST.shuffledExample : 0);
  // A summed batch's gradient is O(1); its sums are filled the first time it comes round.
  const gradient = period === null ? B * perExample : 0;
  const fill = period === null ? 0 : B * COST.batchSumExample;
  const fills = period === null ? 0 : Math.min(period, T);
  // Records: the per-example loop records as it goes; a summed batch revisits the examples it shows.
  const recorded = records ? (countsSigns(B, T) ? B : 1) : 0;
  const recording = recorded * (COST.recordedExample + (period !== null && shuffled ? COST.shuffledExample : 0));
  const kept = 3 + (records ? 5 + (B <= MAX_RECORDED_BATCH ? 2 * B : 0) + 2 : 0);
  const loss = mse ? 0 : n * COST.logisticLossExample;
  const steady = COST.step + gradient + recording + loss + kept * COST.keptValue;
  const perStep = steady + (fills * fill) / T;
  const grid = gridCost(gridOf(s), gridSize);
  return total(COST.setup + n * COST.dataExample, perStep, steady + fill, T, n * COST.hessianExample, grid);
}

/** Multiply-adds of filling `k` more Gram columns of N when `f` are kept: a column computes the entries no kept column holds. */
function gramFill(n: number, d: number, f: number, k: number): number {
  return (k * (n - f) - (k * (k - 1)) / 2) * d;
}

/**
 * The fan-in neuron (fanIn.ts), d > 2: every Gram column, the Hessian and its reduction counted unless
 * `kept` from an earlier run on the same inputs says they are there already.
 */
function fanInCost(s: Scenario, records: boolean, gridSize: number, kept: KeptWork | null): RunCost {
  const n = exampleCount(s.inputs);
  const d = s.inputs.dimension;
  const B = batchSizeOf(s);
  const T = s.steps;
  const m = COST.fanInMultiplyAdd;
  const mse = s.loss === 'mse';
  const adaptive = optimizerInfo(s.optimizer.name).adaptive === true;
  const follows = !adaptive && B < d && n <= MAX_GRAM_EXAMPLES;
  const quadratic = !follows && mse && n >= d;
  const hessian = kept?.secondMoments ? 0 : (n * d * d) / 2;
  const small = Math.min(n, d);
  // Gram columns: those the run's batches visit (at most min(N, T·B) new ones), then, for the mse
  // curvature at N < d, the rest (XXᵀ/N is made from them).
  const filled = Math.min(n, kept?.gramColumns ?? 0);
  const fresh = follows ? Math.min(n - filled, T * B) : 0;
  const gramRun = gramFill(n, d, filled, fresh);
  const gramRest = gramFill(n, d, filled + fresh, n - filled - fresh);
  const curvatureKept = mse && kept?.mseCurvature === true;
  const reduction = curvatureKept ? 0 : (4 * small * small * small) / 3 + (n >= d ? hessian : mse ? gramRest : (n * n * d) / 2);
  // Scores at w* (labels), the start (residuals) and w* again (the slice): N·d for a share off the pair
  // not kept (pairScores.ts), N for one kept, as the start's is when it shares w*'s weights off the pair.
  const wStar = targetOf(s);
  const shared = wStar !== null && sameOffPair(s.start, wStar, s.axes);
  const labels = wStar !== null && kept?.offPair && isShareOf(kept.offPair, wStar, s.axes) ? n : n * d;
  const scores = labels + (shared ? n : n * d);
  // Data (drawn, labelled, the residuals at the start, the sign check; kept inputs are only labelled and
  // scored), then what the loss needs kept.
  const data = kept ? scores * m : n * COST.dataExample * (d / 2) + (scores + n * d) * m;
  const gram = gramRun * m;
  const setup = COST.setup + data + (quadratic ? (hessian + n * d) * m : 0);
  // Plain SGD on one example a step takes its steps in example space (exampleSpace.ts): O(N) a step,
  // the d weights made at the start's q pass, every d steps (the residuals' refresh) and at the end.
  const exampleSpace = follows && s.optimizer.name === 'sgd' && B === 1;
  const perExample = exampleSpace ? 0 : 2 * d * m + (mse ? 0 : 3) + (s.order === 'shuffle' ? COST.shuffledExample : 0);
  const update = exampleSpace ? 12 * m : d * m * (adaptive ? 4 : 1) + 7 * d * m; // the rule, then the geometry's pass over w
  const loss = exampleSpace
    ? 5 * n * m // r and G·a along a Gram column, the loss from r, the refresh's 2·N·d every d steps
    : follows
      ? (n * B + 3 * n) * m
      : quadratic
        ? (d * d + 2 * d) * m
        : n * d * m + n * (mse ? m : COST.logisticLossExample);
  const recording = records ? (exampleSpace ? 0 : d * m) + B * COST.recordedExample : 0;
  const keptValues = 3 + 4 + (records ? 5 + (B <= MAX_RECORDED_BATCH ? 2 * B : 0) + 4 : 0);
  const steady = COST.step + B * perExample + update + loss + recording + keptValues * COST.keptValue;
  const perStep = steady + gram / T;
  const made = exampleSpace ? 2 * n * d * m : 0; // q = X(w0 − w*), then w at the end
  const finish = (reduction + (mse ? 0 : n * d)) * m + made;
  const grid = gridCost(gridOf(s), gridSize);
  return total(setup, perStep, steady + (follows ? B * n * d * m : 0), T, finish, grid);
}

/** Whether the start holds w*'s weights off the shown pair: then one share off the pair serves labels, start and slice. */
function startSharesTarget(s: Scenario): boolean {
  const wStar = targetOf(s);
  return wStar !== null && sameOffPair(s.start, wStar, s.axes);
}

/** A loss grid's work: once per grid (a fan-in slice's pass over the data), then per cell. */
interface GridWork {
  readonly fixed: CostUnits;
  readonly perCell: CostUnits;
}

/** A function's cell evaluates the expression; an mse cell is its closed form; a logistic cell sums its N examples, at its dearest. */
function gridOf(s: Scenario): GridWork {
  if (s.model === 'function') return { fixed: 0, perCell: COST.gridCell + functionObjectiveCost(s.function!).forward };
  const n = exampleCount(s.inputs);
  const d = s.inputs.dimension;
  const perCell = s.loss === 'mse' ? COST.mseGridCell : COST.gridCell + n * COST.logisticGridExample;
  // A fan-in slice scores w* (pairScores.ts): N once the labels made its share, N·d when the start's replaced it.
  return { fixed: d > 2 ? (startSharesTarget(s) ? n : n * d) * COST.fanInMultiplyAdd : 0, perCell };
}

function gridCost(g: GridWork, gridSize: number): CostUnits {
  return gridSize === 0 ? 0 : g.fixed + gridSize * gridSize * g.perCell;
}

/** The playground's loss grid at its finest, n × n. */
const GRID_SIZE = 128;
/** The coarsest grid the playground draws, whatever a cell costs. */
export const MIN_GRID_SIZE = 32;
/**
 * The most a loss grid may cost, in CostUnits (docs/scenario-format.md): a grid whose cells are dear (a logistic
 * loss over many examples, a dear expression) gets fewer of them.
 */
export const MAX_GRID_COST = 68_000_000;

/**
 * The side of the loss grid for `s`: the finest up to `requested` whose cost (runCost's grid) stays within
 * MAX_GRID_COST, never below MIN_GRID_SIZE (nor above `requested`). The one rule for every view's grid.
 */
export function gridSizeFor(s: Scenario, requested: number = GRID_SIZE): number {
  const g = gridOf(s);
  const fits = Math.floor(Math.sqrt(Math.max(0, MAX_GRID_COST - g.fixed) / g.perCell));
  return Math.min(requested, Math.max(MIN_GRID_SIZE, fits));
}

/** The work of running `s` (with records and a grid when asked), in CostUnits. */
export function runCost(s: Scenario, options: CostOptions = {}): RunCost {
  const records = options.records ?? false;
  const gridSize = options.gridSize ?? 0;
  const kept = options.kept ?? null;
  if (!(Number.isInteger(gridSize) && gridSize >= 0)) throw new RangeError(`grid size must be an integer ≥ 0, got ${gridSize}`);
  if (s.model === 'function') return functionCost(s, records, gridSize);
  return s.inputs.dimension > 2 ? fanInCost(s, records, gridSize, kept) : neuronCost(s, records, gridSize);
}
