// Runs a scenario: w_0 = start, w_{t+1} = optimizer step on g_t, recording the trajectory and the
// full-data loss, stopping at the first non-finite value or one past the divergence bound (divergedAt).
import { DIVERGENCE_BOUND } from './catalog/limits';
import { type DatasetMemo, datasetKey, datasetPieces, fanInDataPieces } from './data';
import type { ExampleSpaceRun } from './exampleSpace';
import { exactKey } from './exactKey';
import { FanInNeuron } from './fanIn';
import { FunctionProblem, functionTarget } from './functionModel';
import { theoryLedger, type Ledger } from './ledger';
import { computeMetrics, type RunGeometry } from './metrics';
import { NeuronProblem } from './neuron';
import { createOptimizer, type Optimizer } from './optimizers';
import { complete, type Pieces } from './pieces';
import { curvatureRatio, curvaturePiecesOf, type Curvature, type Model, type Problem, type StepRecorder } from './problem';
import { batchSizeOf, dimensionOf, exampleCount, quadrantVector } from './scenario';
import type { Axes, Metrics, Scenario, Vec2, Weights } from './types';

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

/**
 * A recorded run's steps (index t = 0 … steps−1), as its model wrote them (StepRecorder). Per-example
 * gradients are kept for the neuron at batch ≤ MAX_RECORDED_BATCH; the playground drops longer ones (RunView).
 */
export interface StepRecords extends StepRecorder {
  readonly batchSize: number;
}

export interface Run {
  readonly scenario: Scenario;
  /** w* on the shown pair (w*[axes[0]], w*[axes[1]]), or null; for d = 2 and axes (0, 1) all of w*. */
  readonly target: Vec2 | null;
  /**
   * w_0 … w_K on the shown pair, interleaved (w[axes[0]], w[axes[1]]); for d = 2 and axes (0, 1) all of
   * w. K = stepsTaken. Empty when the start itself diverged.
   */
  readonly trajectory: Float64Array;
  /** Full-data loss at w_0 … w_K. */
  readonly loss: Float64Array;
  readonly stepsTaken: number;
  readonly metrics: Metrics;
  readonly records: StepRecords | null;
  readonly allPositive: boolean;
  /** d, the number of weights. */
  readonly dimension: number;
  /** The two weights the plane shows. */
  readonly axes: Axes;
  /** All of w*, or null. */
  readonly targetWeights: Float64Array | null;
  /** All of w at the run's last point w_K (w_0 when the start itself diverged). */
  readonly finalWeights: Float64Array;
  /** d > 2: what the metrics read of each step, d-dimensional (d = 2: they read the trajectory). */
  readonly geometry: RunGeometry | null;
  /** The loss bowl at w* and the theory's prediction beside the run. */
  readonly ledger: Ledger;
}

export interface SimulateOptions {
  /** Record per-step gradients and chain-rule factors for the UI. */
  readonly records?: boolean;
  /** Neuron gradients through the autodiff engine instead of the fused loop (tests compare the two). */
  readonly autodiff?: boolean;
  /** Reuse the dataset of an earlier run made from the same data (a preview session's changes). */
  readonly datasets?: DatasetMemo;
}

/** w* for the scenario: a quadrant and distance from start (in the shown pair), a point, a preset's minimum, or none. */
export function targetOf(s: Scenario): Weights | null {
  const t = s.target;
  if (s.model === 'function') return functionTarget(s.function!, t && 'point' in t ? (t.point as Vec2) : null);
  if (t === null) return null;
  if ('point' in t) return t.point;
  const u = quadrantVector(t.quadrant);
  const [a, b] = s.axes;
  const w = s.start.slice();
  w[a] = s.start[a] + t.distance * u[0];
  w[b] = s.start[b] + t.distance * u[1];
  return w;
}

/** The two-weight model behind a d = 2 scenario. Throws ExpressionError for a bad function expression, RangeError for d > 2. */
export function createProblem(s: Scenario, options: SimulateOptions = {}): Problem {
  return complete(problemPieces(s, options));
}

/** createProblem with its data generated a block of values at a time. */
function* problemPieces(s: Scenario, options: SimulateOptions): Pieces<Problem> {
  if (dimensionOf(s) !== 2) throw new RangeError(`createProblem takes two weights; this scenario has ${dimensionOf(s)} (use createModel)`);
  const target = targetOf(s) as Vec2 | null;
  if (s.model === 'function') return new FunctionProblem(s.function!, target);
  const data = yield* options.datasets ? options.datasets.datasetPieces(s, target!) : datasetPieces(s, target!);
  return new NeuronProblem(data, s.loss, target!, batchSizeOf(s), s.order, s.seed, { steps: s.steps, autodiff: options.autodiff });
}

/** The model behind a scenario of any dimension: the two-weight one for d = 2, the fan-in neuron beyond. */
export function createModel(s: Scenario, options: SimulateOptions = {}): Model {
  return complete(modelPieces(s, options));
}

/** createModel with its data generated a block of values at a time. */
export function* modelPieces(s: Scenario, options: SimulateOptions = {}): Pieces<Model> {
  if (dimensionOf(s) === 2) return yield* problemPieces(s, options);
  const target = targetOf(s)!;
  const data = yield* options.datasets ? options.datasets.fanInDataPieces(s, target) : fanInDataPieces(s, target);
  return new FanInNeuron(data, s.loss, target, batchSizeOf(s), s.order, s.seed, s.optimizer, s.axes);
}

/**
 * Everything the full-data loss L(w) is made of: equal keys, the same loss at every w, bit for bit (a
 * loss grid over the same window can be reused). How a run trains (optimizer, batch, order) is not in it.
 */
export function surfaceKey(s: Scenario): string {
  // Keys joined by newlines, which JSON never writes raw: a d = 784 dataset key is not escaped again.
  if (s.model === 'function') return `function\n${exactKey(s.function)}`;
  return `neuron\n${datasetKey(s, targetOf(s)!)}\n${exactKey(s.loss)}`;
}

/**
 * Weights and loss within ±DIVERGENCE_BOUND (so finite; NaN fails every comparison). Bounding the weights
 * too keeps a run whose loss stays small or runs to −∞ from carrying them to ±1e308, where the plot's
 * window and grid would overflow.
 */
function isSane(w: Float64Array, loss: number): boolean {
  for (let i = 0; i < w.length; i++) if (!(Math.abs(w[i]) <= DIVERGENCE_BOUND)) return false;
  return Math.abs(loss) <= DIVERGENCE_BOUND;
}

/** A run that can be advanced in chunks (the extension host keeps its event loop free between them). */
export class Trainer {
  readonly model: Model;
  private readonly optimizer: Optimizer;
  private readonly trajectory: Float64Array;
  private readonly lossTrace: Float64Array;
  private readonly records: StepRecords | null;
  private readonly geometry: GeometryRecorder | null;
  private readonly w: Float64Array;
  private readonly g: Float64Array;
  private readonly axes: Axes;
  private readonly target: Float64Array | null;
  /** The run's steps in example space, while it takes them so (the model's exampleSpaceRun). */
  private exampleSpace: ExampleSpaceRun | null = null;
  /** Index of the last recorded point w_t. */
  private t = 0;
  private divergedAt: number | null = null;

  constructor(
    readonly scenario: Scenario,
    options: SimulateOptions = {},
    /** The scenario's model when it was made already (in pieces: trainerPieces). */
    model?: Model,
    /** Whether the caller starts the run itself, in pieces (startPieces); else the constructor does. */
    startLater = false,
  ) {
    this.model = model ?? createModel(scenario, options);
    const d = this.model.dimension;
    this.optimizer = createOptimizer(scenario.optimizer, d);
    this.w = Float64Array.from(scenario.start);
    this.g = new Float64Array(d);
    this.axes = scenario.axes;
    const target = targetOf(scenario);
    this.target = target ? Float64Array.from(target) : null;
    const T = scenario.steps;
    const sizes = options.records ? recordSizes(scenario, this.model.batchSize) : null;
    const geometryDoubles = d > 2 ? 4 * T + 2 : 0;
    const buffer = new RunBuffer(3 * (T + 1) + (sizes?.doubles ?? 0) + geometryDoubles, (sizes?.words ?? 0) + (d > 2 ? T : 0));
    this.trajectory = buffer.f64(2 * (T + 1));
    this.lossTrace = buffer.f64(T + 1);
    const geometry = d > 2 ? { fromStart: buffer.f64(T + 1), stepLength: buffer.f64(T), turn: buffer.f64(T) } : null;
    const toTarget2 = d > 2 && this.target ? buffer.f64(T + 1) : null;
    this.records = sizes ? createRecords(sizes, this.model.batchSize, buffer) : null;
    this.geometry = geometry ? new GeometryRecorder(this.w, this.target, { ...geometry, toTarget2, locked: buffer.u32(T) }) : null;
    this.t = -1; // until the start is checked
    if (!startLater) this.recordStart(this.model.startRun(this.w));
  }

  /** The loss at the start, in pieces where the model gives them; once, before any step. */
  *startPieces(): Pieces<void> {
    const model = this.model;
    this.recordStart(model.startRunPieces ? yield* model.startRunPieces(this.w) : model.startRun(this.w));
  }

  /** The two-weight model of a d = 2 run (RangeError for d > 2). */
  get problem(): Problem {
    if (this.model.dimension !== 2) throw new RangeError(`a run of ${this.model.dimension} weights has no two-weight problem`);
    return this.model as Problem;
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
    if (this.exampleSpace) {
      const end = Math.min(this.scenario.steps, this.t + maxSteps);
      while (this.exampleSpace && this.t < end && this.divergedAt === null) this.exampleSpaceStep();
      if (this.divergedAt !== null || this.t < end) return this.advance(end - this.t);
      return this.done;
    }
    const { model, optimizer, w, g, records, trajectory, lossTrace, geometry } = this;
    const [a0, a1] = this.axes;
    const end = Math.min(this.scenario.steps, this.t + maxSteps);
    let t = this.t;
    while (t < end) {
      model.gradientAt(t, w, g, records);
      optimizer.step(w, g, t + 1);
      const loss = model.lossAfterStep(t, w);
      t++;
      // d > 2: the geometry's one pass over w checks the weights too (and records nothing when one is not finite).
      if (geometry ? !(Math.abs(loss) <= DIVERGENCE_BOUND && geometry.step(t, w)) : !isSane(w, loss)) {
        this.divergedAt = t;
        break;
      }
      trajectory[2 * t] = w[a0];
      trajectory[2 * t + 1] = w[a1];
      lossTrace[t] = loss;
      this.t = t;
    }
    return this.done;
  }

  /**
   * The remaining steps, one piece each, or a step in pieces where the model gives them (a fan-in step
   * over thousands of examples): the same bits as advance() in one go.
   */
  *stepPieces(): Pieces<void> {
    const { model, optimizer, w, g, records, trajectory, lossTrace, geometry } = this;
    if (!model.gradientPieces || !model.lossAfterStepPieces) {
      while (!this.advance(1)) yield 'step';
      return;
    }
    const [a0, a1] = this.axes;
    while (this.exampleSpace && !this.done) {
      // A step's new Gram column is a piece of its own (N·d); the step itself is O(N).
      if (this.exampleSpace.prepare(this.t)) yield 'examples';
      this.exampleSpaceStep();
      if (!this.done) yield 'step';
    }
    while (!this.done) {
      const t = this.t;
      yield* model.gradientPieces(t, w, g, records);
      optimizer.step(w, g, t + 1);
      const loss = yield* model.lossAfterStepPieces(t, w);
      // As advance(): the geometry's pass checks the weights, a model with pieces being d > 2.
      if (geometry ? !(Math.abs(loss) <= DIVERGENCE_BOUND && geometry.step(t + 1, w)) : !isSane(w, loss)) {
        this.divergedAt = t + 1;
        return;
      }
      trajectory[2 * t + 2] = w[a0];
      trajectory[2 * t + 3] = w[a1];
      lossTrace[t + 1] = loss;
      this.t = t + 1;
      if (!this.done) yield 'step';
    }
  }

  private recordStart(loss: number): void {
    const w = this.w;
    if (!isSane(w, loss)) {
      this.divergedAt = 0;
      return;
    }
    this.trajectory[0] = w[this.axes[0]];
    this.trajectory[1] = w[this.axes[1]];
    this.lossTrace[0] = loss;
    this.geometry?.start(w);
    this.t = 0;
    if (this.geometry && this.scenario.steps > 0) this.exampleSpace = this.model.exampleSpaceRun?.(w) ?? null;
  }

  /** Step t in example space; the weights made and the explicit way taken when their bound is not vouched for. */
  private exampleSpaceStep(): void {
    const t = this.t;
    const space = this.exampleSpace!;
    const s = space.step(t, this.records);
    let diverged = !(Math.abs(s.loss) <= DIVERGENCE_BOUND);
    if (!diverged && !s.vouched) {
      // w_{t+1} made and checked as the explicit path checks it; the steps after go the explicit way.
      space.weights(this.w);
      diverged = !isSane(this.w, s.loss);
      if (!diverged) this.leaveExampleSpace(false);
    }
    if (diverged) {
      // As the explicit path: nothing recorded of w_{t+1}; the geometry's last point is w_t.
      this.leaveExampleSpace(true);
      this.divergedAt = t + 1;
      return;
    }
    this.geometry!.record(t + 1, s);
    this.trajectory[2 * t + 2] = s.pair0;
    this.trajectory[2 * t + 3] = s.pair1;
    this.lossTrace[t + 1] = s.loss;
    this.t = t + 1;
  }

  /**
   * w and the geometry's last point and update made from example space (N·d), the point before the last
   * step when that step diverged; the explicit way from here.
   */
  private leaveExampleSpace(beforeLastStep: boolean): void {
    const space = this.exampleSpace!;
    this.exampleSpace = null;
    space.weights(this.w, beforeLastStep);
    this.geometry!.resume(this.w, (update) => space.lastUpdate(update));
  }

  finish(): Run {
    this.advance();
    return this.result(this.target ? this.model.curvatureAt(this.target) : null);
  }

  /** finish() with the remaining steps and the curvature at w* in pieces. */
  *finishPieces(): Pieces<Run> {
    yield* this.stepPieces();
    return this.result(this.target ? yield* curvaturePiecesOf(this.model, this.target) : null);
  }

  /** The finished run, given the curvature at w* (null without w*). */
  private result(curvature: Curvature | null): Run {
    const K = this.t; // last good point; -1 when the start itself diverged
    const points = K + 1;
    const trajectory = this.trajectory.subarray(0, 2 * points);
    const loss = this.lossTrace.subarray(0, points);
    const targetWeights = this.target;
    const [a0, a1] = this.axes;
    const target: Vec2 | null = targetWeights ? [targetWeights[a0], targetWeights[a1]] : null;
    const stepsTaken = Math.max(K, 0);
    const geometry = this.geometry && points > 0 ? this.geometry.trimmed(points) : null;
    // All d weights of a run that ends in example space are made (N·d) when first read, if ever.
    let finalWeights: Float64Array | null = null;
    const lastPoint = (): Float64Array => (finalWeights ??= this.lastPoint(K));
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
        conditionNumber: curvature ? curvatureRatio(curvature) : null,
        geometry,
      }),
      records: this.records && trimRecords(this.records, stepsTaken),
      allPositive: this.model.allPositive,
      dimension: this.model.dimension,
      axes: this.axes,
      targetWeights,
      get finalWeights() {
        return lastPoint();
      },
      geometry,
      ledger: theoryLedger(this.scenario, curvature, this.scenario.model === 'neuron' ? exampleCount(this.scenario.inputs) : 1),
    };
  }

  /**
   * All of w_K, the last good point (w itself may hold the diverged w_{K+1}): the geometry's last point
   * for d > 2, the trajectory for d = 2 (whose pair is all of w), the start when it diverged at once.
   */
  private lastPoint(K: number): Float64Array {
    if (K < 0) return Float64Array.from(this.scenario.start);
    if (this.exampleSpace) this.leaveExampleSpace(false); // the run ended there (a divergence leaves it at once)
    if (this.geometry) return this.geometry.last();
    const w = new Float64Array(2);
    w[this.axes[0]] = this.trajectory[2 * K];
    w[this.axes[1]] = this.trajectory[2 * K + 1];
    return w;
  }
}

/**
 * What the metrics read of a run of d > 2 weights, step by step, as the spec defines it for d > 2:
 * each update's sign pattern (locked: every nonzero component of one sign), its length and its dot
 * product with the previous update, and the distances of each point to the start and to w*. O(d) a step.
 */
class GeometryRecorder {
  private readonly w0: Float64Array;
  private readonly previous: Float64Array;
  /** Δw of the last step recorded, and room for the next one's (swapped when it is recorded). */
  private lastStep: Float64Array;
  private nextStep: Float64Array;

  constructor(
    w: Float64Array,
    private readonly target: Float64Array | null,
    private readonly arrays: {
      readonly fromStart: Float64Array;
      readonly toTarget2: Float64Array | null;
      readonly stepLength: Float64Array;
      readonly turn: Float64Array;
      readonly locked: Uint32Array;
    },
  ) {
    this.w0 = new Float64Array(w.length);
    this.previous = new Float64Array(w.length);
    this.lastStep = new Float64Array(w.length);
    this.nextStep = new Float64Array(w.length);
  }

  start(w: Float64Array): void {
    this.w0.set(w);
    this.previous.set(w);
    this.arrays.fromStart[0] = 0;
    if (this.arrays.toTarget2) this.arrays.toTarget2[0] = squaredDistance(w, this.target!);
  }

  /**
   * Point t = w, reached by step t − 1, in one pass over w. Returns false, recording nothing, when a
   * weight is beyond ±DIVERGENCE_BOUND or not finite (the run diverged there).
   */
  step(t: number, w: Float64Array): boolean {
    const { previous, lastStep, nextStep, w0 } = this;
    const target = this.target ?? w0;
    let positive = 0;
    let negative = 0;
    let dot = 0;
    let length2 = 0;
    let fromStart2 = 0;
    let toTarget2 = 0;
    let outside = false;
    for (let j = 0; j < w.length; j++) {
      const wj = w[j];
      const delta = wj - previous[j];
      if (delta > 0) positive++;
      else if (delta < 0) negative++;
      dot += delta * lastStep[j];
      length2 += delta * delta;
      const s = wj - w0[j];
      fromStart2 += s * s;
      const e = wj - target[j];
      toTarget2 += e * e;
      if (!(Math.abs(wj) <= DIVERGENCE_BOUND)) outside = true;
      nextStep[j] = delta;
    }
    if (outside) return false;
    previous.set(w);
    this.nextStep = lastStep;
    this.lastStep = nextStep;
    const a = this.arrays;
    a.locked[t - 1] = (positive > 0 && negative === 0) || (negative > 0 && positive === 0) ? 1 : 0;
    a.turn[t - 1] = t >= 2 ? dot : 0;
    a.stepLength[t - 1] = Math.sqrt(length2);
    a.fromStart[t] = Math.sqrt(fromStart2);
    if (a.toTarget2) a.toTarget2[t] = toTarget2;
    return true;
  }

  /** Point t's entries computed elsewhere (a run in example space: exampleSpace.ts). */
  record(t: number, s: { stepLength: number; turn: number; fromStart: number; toTarget2: number; locked: number }): void {
    const a = this.arrays;
    a.locked[t - 1] = s.locked;
    a.turn[t - 1] = t >= 2 ? s.turn : 0;
    a.stepLength[t - 1] = s.stepLength;
    a.fromStart[t] = s.fromStart;
    if (a.toTarget2) a.toTarget2[t] = s.toTarget2;
  }

  /** Recording goes on from point w, reached by the update `lastUpdate` writes (after record()s). */
  resume(w: Float64Array, lastUpdate: (out: Float64Array) => void): void {
    this.previous.set(w);
    lastUpdate(this.lastStep);
  }

  /** The last point recorded. */
  last(): Float64Array {
    return Float64Array.from(this.previous);
  }

  /** The arrays for points 0 … points − 1. */
  trimmed(points: number): RunGeometry {
    const a = this.arrays;
    return {
      locked: a.locked.subarray(0, points - 1),
      turn: a.turn.subarray(0, points - 1),
      stepLength: a.stepLength.subarray(0, points - 1),
      fromStart: a.fromStart.subarray(0, points),
      toTarget2: a.toTarget2 && a.toTarget2.subarray(0, points),
    };
  }
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) {
    const e = a[j] - b[j];
    s += e * e;
  }
  return s;
}

/**
 * A run's arrays carved from one ArrayBuffer: one allocation, where each typed array costs a browser dearly
 * (docs/architecture.md). A view's buffer holds the run's other arrays too: a posted run is copied (runView.ts).
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
  readonly gradientSigns: number | null;
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
  const gradientSigns = neuron && s.inputs.dimension > 2 ? 2 * T : null;
  const doubles = 2 * T + (dLdf ?? 0) + (x ?? 0) + (perExample ?? 0);
  return { gradient: 2 * T, dLdf, x, perExample, signs, gradientSigns, doubles, words: (signs ?? 0) + (gradientSigns ?? 0) };
}

function createRecords(sizes: RecordSizes, batchSize: number, buffer: RunBuffer): StepRecords {
  return {
    batchSize,
    gradient: buffer.f64(sizes.gradient),
    dLdf: sizes.dLdf === null ? null : buffer.f64(sizes.dLdf),
    x: sizes.x === null ? null : buffer.f64(sizes.x),
    perExample: sizes.perExample === null ? null : buffer.f64(sizes.perExample),
    dLdfSigns: sizes.signs === null ? null : buffer.u32(sizes.signs),
    gradientSigns: sizes.gradientSigns === null ? null : buffer.u32(sizes.gradientSigns),
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
    gradientSigns: r.gradientSigns ? r.gradientSigns.subarray(0, 2 * steps) : null,
  };
}

/** A trainer whose model is made in pieces; its steps then go one piece each (Trainer.stepPieces). */
export function* trainerPieces(s: Scenario, options: SimulateOptions = {}): Pieces<Trainer> {
  const trainer = new Trainer(s, options, yield* modelPieces(s, options), true);
  yield* trainer.startPieces();
  return trainer;
}

export function simulate(s: Scenario, options: SimulateOptions = {}): Run {
  return new Trainer(s, options).finish();
}
