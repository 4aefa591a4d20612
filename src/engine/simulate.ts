// Runs a scenario: w_0 = start, w_{t+1} = optimizer step on g_t, recording the trajectory and the
// full-data loss, stopping at the first non-finite or exploding value (divergedAt).
import { type DatasetMemo, datasetKey, datasetPieces } from './data';
import { exactKey } from './exactKey';
import { FunctionProblem, functionTarget } from './functionModel';
import { computeMetrics } from './metrics';
import { summedBatchPeriod } from './mseBatches';
import { NeuronProblem } from './neuron';
import { createOptimizer, type Optimizer } from './optimizers';
import { complete, type Pieces } from './pieces';
import { conditionNumber, type Problem, type StepRecorder } from './problem';
import { batchSizeOf, exampleCount, quadrantVector } from './scenario';
import type { Metrics, Scenario, Vec2 } from './types';

/** A loss above this counts as divergence (the spec's threshold). */
export const DIVERGENCE_LOSS = 1e12;
/** Per-example gradients are recorded for batches up to this size. */
export const MAX_RECORDED_BATCH = 64;
/**
 * With records, each step's signs of dL/df are counted over its batch (the chain-rule view at batch > 1)
 * for batches up to MAX_RECORDED_BATCH, and beyond while the whole run visits at most this many examples
 * for it: an mse batch summed in O(1) visits its examples only for the count, so this bounds that cost.
 */
export const MAX_COUNTED_EXAMPLES = 1_000_000;

/** Whether a recorded run counts the signs of dL/df over each step's batch. */
export function countsSigns(batchSize: number, steps: number): boolean {
  return batchSize <= MAX_RECORDED_BATCH || batchSize * steps <= MAX_COUNTED_EXAMPLES;
}

export interface StepRecords extends StepRecorder {
  readonly batchSize: number;
}

export interface Run {
  readonly scenario: Scenario;
  readonly target: Vec2 | null;
  /** w_0 … w_K interleaved (w1, w2); K = stepsTaken. Empty when the start itself diverged. */
  readonly trajectory: Float64Array;
  /** Full-data loss at w_0 … w_K. */
  readonly loss: Float64Array;
  readonly stepsTaken: number;
  readonly metrics: Metrics;
  readonly records: StepRecords | null;
  readonly allPositive: boolean;
}

export interface SimulateOptions {
  /** Record per-step gradients and chain-rule factors for the UI. */
  readonly records?: boolean;
  /** Neuron gradients through the autodiff engine instead of the fused loop (tests compare the two). */
  readonly autodiff?: boolean;
  /** Reuse the dataset of an earlier run made from the same data (a preview session's changes). */
  readonly datasets?: DatasetMemo;
}

/**
 * Examples a neuron run touches per step, the unit of "how long will this take": the batch (or O(1) for
 * mse batch sums), the full data for the logistic loss, a shuffle's permutation spread over its batches,
 * and with records the examples they show.
 */
export function examplesPerStep(s: Scenario, records: boolean): number {
  const n = exampleCount(s.inputs);
  const B = batchSizeOf(s);
  const summed = s.loss === 'mse' && summedBatchPeriod(n, B, s.order, s.steps) !== null;
  const recorded = records ? (countsSigns(B, s.steps) ? B : 1) : 0;
  const visited = summed ? recorded : B; // the per-example loop records as it goes
  const shuffled = s.order === 'shuffle' && visited > 0 ? n / B : 0;
  return 1 + visited + shuffled + (s.loss === 'logistic' ? n : 0);
}

/** w* for the scenario: a quadrant and distance from start, a point, a preset's minimum, or none. */
export function targetOf(s: Scenario): Vec2 | null {
  const t = s.target;
  if (s.model === 'function') return functionTarget(s.function!, t && 'point' in t ? t.point : null);
  if (t === null) return null;
  if ('point' in t) return t.point;
  const u = quadrantVector(t.quadrant);
  return [s.start[0] + t.distance * u[0], s.start[1] + t.distance * u[1]];
}

/** The model behind a scenario. Throws ExpressionError for a bad function expression. */
export function createProblem(s: Scenario, options: SimulateOptions = {}): Problem {
  return complete(problemPieces(s, options));
}

/** createProblem with its data generated a block of examples at a time. */
export function* problemPieces(s: Scenario, options: SimulateOptions = {}): Pieces<Problem> {
  const target = targetOf(s);
  if (s.model === 'function') return new FunctionProblem(s.function!, target);
  const data = yield* options.datasets ? options.datasets.datasetPieces(s, target!) : datasetPieces(s, target!);
  return new NeuronProblem(data, s.loss, target!, batchSizeOf(s), s.order, s.seed, { steps: s.steps, autodiff: options.autodiff });
}

/**
 * Everything the full-data loss L(w) is made of: equal keys, the same loss at every w, bit for bit (a
 * loss grid over the same window can be reused). How a run trains (optimizer, batch, order) is not in it.
 */
export function surfaceKey(s: Scenario): string {
  if (s.model === 'function') return exactKey(['function', s.function]);
  return exactKey(['neuron', datasetKey(s, targetOf(s)!), s.loss]);
}

/** Finite weights and a finite loss ≤ 1e12; written negated so NaN fails too. */
function isSane(w1: number, w2: number, loss: number): boolean {
  return w1 - w1 === 0 && w2 - w2 === 0 && loss <= DIVERGENCE_LOSS;
}

/** A run that can be advanced in chunks (the extension host keeps its event loop free between them). */
export class Trainer {
  readonly problem: Problem;
  private readonly optimizer: Optimizer;
  private readonly trajectory: Float64Array;
  private readonly lossTrace: Float64Array;
  private readonly records: StepRecords | null;
  private readonly w = new Float64Array(2);
  private readonly g = new Float64Array(2);
  /** Index of the last recorded point w_t. */
  private t = 0;
  private divergedAt: number | null = null;

  constructor(
    readonly scenario: Scenario,
    options: SimulateOptions = {},
    /** The scenario's problem when it was made already (in pieces: trainerPieces). */
    problem?: Problem,
  ) {
    this.problem = problem ?? createProblem(scenario, options);
    this.optimizer = createOptimizer(scenario.optimizer);
    const T = scenario.steps;
    const sizes = options.records ? recordSizes(scenario, this.problem.batchSize) : null;
    const buffer = new RunBuffer(3 * (T + 1) + (sizes?.doubles ?? 0), sizes?.words ?? 0);
    this.trajectory = buffer.f64(2 * (T + 1));
    this.lossTrace = buffer.f64(T + 1);
    this.records = sizes ? createRecords(sizes, this.problem.batchSize, buffer) : null;
    this.w[0] = scenario.start[0];
    this.w[1] = scenario.start[1];
    this.t = -1; // until the start is checked
    this.recordStart();
  }

  get done(): boolean {
    return this.divergedAt !== null || this.t >= this.scenario.steps;
  }

  /** Steps completed so far over steps requested. */
  get progress(): number {
    return this.done ? 1 : this.t / this.scenario.steps;
  }

  /** Takes up to maxSteps more steps; returns true when the run is over. */
  advance(maxSteps = Infinity): boolean {
    if (this.divergedAt !== null) return true;
    const { problem, optimizer, w, g, records, trajectory, lossTrace } = this;
    const end = Math.min(this.scenario.steps, this.t + maxSteps);
    let t = this.t;
    while (t < end) {
      problem.gradient(t, w[0], w[1], g, records);
      optimizer.step(w, g, t + 1);
      t++;
      const w1 = w[0];
      const w2 = w[1];
      const loss = problem.loss(w1, w2);
      if (!isSane(w1, w2, loss)) {
        this.divergedAt = t;
        break;
      }
      trajectory[2 * t] = w1;
      trajectory[2 * t + 1] = w2;
      lossTrace[t] = loss;
      this.t = t;
    }
    return this.done;
  }

  /** The remaining steps, one piece each: the same bits as advance() in one go. */
  *stepPieces(): Pieces<void> {
    while (!this.advance(1)) yield 'step';
  }

  private recordStart(): void {
    const [w1, w2] = this.scenario.start;
    const loss = this.problem.loss(w1, w2);
    if (!isSane(w1, w2, loss)) {
      this.divergedAt = 0;
      return;
    }
    this.trajectory[0] = w1;
    this.trajectory[1] = w2;
    this.lossTrace[0] = loss;
    this.t = 0;
  }

  finish(): Run {
    this.advance();
    const K = this.t; // last good point; -1 when the start itself diverged
    const points = K + 1;
    const trajectory = this.trajectory.subarray(0, 2 * points);
    const loss = this.lossTrace.subarray(0, points);
    const target = this.problem.target;
    const stepsTaken = Math.max(K, 0);
    return {
      scenario: this.scenario,
      target,
      trajectory,
      loss,
      stepsTaken,
      metrics: computeMetrics({
        trajectory,
        loss,
        target,
        divergedAt: this.divergedAt,
        conditionNumber: target ? conditionNumber(this.problem.hessian(target)) : null,
      }),
      records: this.records && trimRecords(this.records, stepsTaken),
      allPositive: this.problem.allPositive,
    };
  }
}

/**
 * A run's arrays carved from one ArrayBuffer. A browser pays tens to hundreds of microseconds for each
 * typed array it allocates (Chromium, where the playground previews a change within the frame that
 * shows it); views of one buffer cost one allocation. A view's buffer holds the run's other arrays too:
 * a run to be posted is copied array by array (src/shared/runView.ts).
 */
class RunBuffer {
  private readonly buffer: ArrayBuffer;
  private offset = 0;

  constructor(doubles: number, words: number) {
    this.buffer = new ArrayBuffer(8 * doubles + 4 * words);
  }

  /** The next n doubles (all taken before any words, so every view is aligned). */
  f64(n: number): Float64Array {
    const a = new Float64Array(this.buffer, this.offset, n);
    this.offset += 8 * n;
    return a;
  }

  u32(n: number): Uint32Array {
    const a = new Uint32Array(this.buffer, this.offset, n);
    this.offset += 4 * n;
    return a;
  }
}

/** The lengths of a run's records; null: not recorded. */
interface RecordSizes {
  readonly gradient: number;
  readonly dLdf: number | null;
  readonly x: number | null;
  readonly perExample: number | null;
  readonly signs: number | null;
  /** Doubles and 32-bit words in all. */
  readonly doubles: number;
  readonly words: number;
}

function recordSizes(s: Scenario, batchSize: number): RecordSizes {
  const T = s.steps;
  const neuron = s.model === 'neuron';
  const dLdf = neuron ? T : null;
  const x = neuron ? 2 * T : null;
  const perExample = neuron && batchSize <= MAX_RECORDED_BATCH ? 2 * batchSize * T : null;
  const signs = neuron && countsSigns(batchSize, T) ? 2 * T : null;
  const doubles = 2 * T + (dLdf ?? 0) + (x ?? 0) + (perExample ?? 0);
  return { gradient: 2 * T, dLdf, x, perExample, signs, doubles, words: signs ?? 0 };
}

function createRecords(sizes: RecordSizes, batchSize: number, buffer: RunBuffer): StepRecords {
  return {
    batchSize,
    gradient: buffer.f64(sizes.gradient),
    dLdf: sizes.dLdf === null ? null : buffer.f64(sizes.dLdf),
    x: sizes.x === null ? null : buffer.f64(sizes.x),
    perExample: sizes.perExample === null ? null : buffer.f64(sizes.perExample),
    dLdfSigns: sizes.signs === null ? null : buffer.u32(sizes.signs),
  };
}

function trimRecords(r: StepRecords, steps: number): StepRecords {
  return {
    batchSize: r.batchSize,
    gradient: r.gradient.subarray(0, 2 * steps),
    dLdf: r.dLdf && r.dLdf.subarray(0, steps),
    x: r.x && r.x.subarray(0, 2 * steps),
    perExample: r.perExample && r.perExample.subarray(0, 2 * r.batchSize * steps),
    dLdfSigns: r.dLdfSigns && r.dLdfSigns.subarray(0, 2 * steps),
  };
}

/** A trainer whose problem is made in pieces; its steps then go one piece each (Trainer.advance(1)). */
export function* trainerPieces(s: Scenario, options: SimulateOptions = {}): Pieces<Trainer> {
  return new Trainer(s, options, yield* problemPieces(s, options));
}

export function simulate(s: Scenario, options: SimulateOptions = {}): Run {
  return new Trainer(s, options).finish();
}
