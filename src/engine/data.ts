// The neuron's training data: seeded inputs x_n, optional centring and shift, and teacher labels y_n.
import { exactKey } from './exactKey';
import { MULTIPLY_ADDS_PER_PIECE, VALUES_PER_PIECE, complete, rowsOfWork, rowsPerPiece, type Pieces } from './pieces';
import { sigmoid, tanh } from './portableMath';
import { pairScoresPieces, type OffPairShare } from './pairScores';
import { Rng, Stream } from './rng';
import type { Inputs, LossName, Scenario, Weights } from './types';

export interface Dataset {
  readonly n: number;
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly y: Float64Array;
}

/** Inputs per the spec, a block at a time: z ~ Normal(mean, std²) per feature, x = act(z); uniform: x = mean + std·U(0,1). */
function* inputsPieces(inputs: Inputs, seed: number): Pieces<{ x1: Float64Array; x2: Float64Array }> {
  // The plane's neuron keeps its inputs as two columns: the d = 2 matrix, split.
  const x = yield* inputMatrixPieces(inputs, seed);
  const n = x.length / 2;
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = x[2 * i];
    x2[i] = x[2 * i + 1];
  }
  return { x1, x2 };
}

/**
 * The inputs as an N × d matrix, row-major (row i is example i): points or a data file's columns as
 * given, or drawn feature by feature, example by example, from the data stream; then centred and
 * shifted. Loops: N ≤ 100,000 rows of d ≤ 1024, N·d ≤ LIMITS.maxValues.
 */
export function generateInputMatrix(inputs: Inputs, seed: number): Float64Array {
  return complete(inputMatrixPieces(inputs, seed));
}

/** generateInputMatrix, the drawn values a block at a time. */
function* inputMatrixPieces(inputs: Inputs, seed: number): Pieces<Float64Array> {
  const d = inputs.dimension;
  if (inputs.distribution === 'points' && inputs.points) {
    const pts = inputs.points;
    const x = new Float64Array(pts.length * d);
    const rows = rowsOfWork(d);
    for (let from = 0; from < pts.length; from += rows) {
      for (let i = from; i < Math.min(pts.length, from + rows); i++) for (let j = 0; j < d; j++) x[i * d + j] = pts[i][j];
      yield 'examples';
    }
    return yield* finishInputsPieces(inputs, x);
  }
  if (inputs.distribution === 'file') {
    const table = inputs.table;
    if (!table) throw new RangeError(`inputs.file "${inputs.file}" was not read: resolve the scenario with its data`);
    const n = table.rows;
    const C = table.columns;
    const columns = inputs.columns ?? null;
    // The table's values are the matrix when every column is taken as it is and nothing is subtracted or
    // added in place: no copy (a fresh array of N·d doubles costs a page fault every 512 of them).
    const asGiven = C === d && (!columns || columns.every((c, j) => c === j));
    if (asGiven && !inputs.center && inputs.shift.every((c) => c === 0)) return table.values;
    const x = new Float64Array(n * d);
    const rows = rowsOfWork(d);
    for (let from = 0; from < n; from += rows) {
      copyColumns(table.values, C, columns, x, d, from, Math.min(n, from + rows));
      yield 'examples';
    }
    return yield* finishInputsPieces(inputs, x);
  }
  const n = inputs.count;
  const x = new Float64Array(n * d);
  const rng = new Rng(seed, Stream.Data);
  // Each block in a plain function: engines optimise a hot loop there better than inside a generator.
  for (let from = 0; from < n * d; from += VALUES_PER_PIECE) {
    drawValues(inputs, rng, x, from, Math.min(n * d, from + VALUES_PER_PIECE));
    yield 'examples';
  }
  return yield* finishInputsPieces(inputs, x);
}

/** Rows from … to − 1 of a data file's table into x: the chosen columns, or the first d. */
function copyColumns(
  values: Float64Array,
  C: number,
  columns: readonly number[] | null,
  x: Float64Array,
  d: number,
  from: number,
  to: number,
): void {
  // The first d columns of each row, or all C: one copy of the rows' span (a memcpy, not d reads a row).
  if (!columns && C === d) x.set(values.subarray(from * C, to * C), from * d);
  else if (!columns) for (let i = from; i < to; i++) x.set(values.subarray(i * C, i * C + d), i * d);
  else for (let i = from; i < to; i++) for (let j = 0; j < d; j++) x[i * d + j] = values[i * C + columns[j]];
}

/** Values from … to − 1 of the drawn inputs, in order from `rng`. */
function drawValues(inputs: Inputs, rng: Rng, x: Float64Array, from: number, to: number): void {
  const { mean, std } = inputs;
  const act = activation(inputs.distribution);
  const uniform = inputs.distribution === 'uniform';
  for (let k = from; k < to; k++) x[k] = uniform ? mean + std * rng.nextFloat() : act(mean + std * rng.nextNormal());
}

function activation(d: Inputs['distribution']): (z: number) => number {
  switch (d) {
    case 'sigmoid':
      return sigmoid;
    case 'tanh':
      return tanh;
    case 'relu':
      return (z) => (z > 0 ? z : 0);
    default:
      return (z) => z;
  }
}

/**
 * Centring (each column's mean, summed example by example) and the shift, in place, a block of columns
 * or values at a time (the same sums in the same order as in one go).
 */
function* finishInputsPieces(inputs: Inputs, x: Float64Array): Pieces<Float64Array> {
  const d = inputs.dimension;
  const n = x.length / d;
  if (inputs.center) {
    const means = new Float64Array(d);
    // A column's sum reads every d-th value: a quarter of a piece's multiply-adds per piece.
    const columns = Math.max(1, Math.floor(MULTIPLY_ADDS_PER_PIECE / 4 / n));
    for (let from = 0; from < d; from += columns) {
      columnMeans(x, n, d, means, from, Math.min(d, from + columns));
      yield 'examples';
    }
    for (let from = 0; from < x.length; from += MULTIPLY_ADDS_PER_PIECE) {
      const to = Math.min(x.length, from + MULTIPLY_ADDS_PER_PIECE);
      for (let k = from; k < to; k++) x[k] -= means[k % d];
      yield 'examples';
    }
  }
  // All components are added once any is nonzero (adding 0 turns −0 into 0: v1 did the same).
  const shift = inputs.shift;
  if (shift.some((c) => c !== 0)) {
    for (let from = 0; from < x.length; from += MULTIPLY_ADDS_PER_PIECE) {
      const to = Math.min(x.length, from + MULTIPLY_ADDS_PER_PIECE);
      for (let k = from; k < to; k++) x[k] += shift[k % d];
      yield 'examples';
    }
  }
  return x;
}

/** The means of columns from … to − 1 into means, each summed example by example. */
function columnMeans(x: Float64Array, n: number, d: number, means: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * d + j];
    means[j] = s / n;
  }
}

/** Labels, a block at a time: mse y = w*·x (+ Normal(0, labelNoise²)); logistic y = σ(w*·x), soft labels so w* minimises. */
function* labelPieces(
  x1: Float64Array,
  x2: Float64Array,
  wStar: Weights,
  loss: LossName,
  labelNoise: number,
  seed: number,
): Pieces<Float64Array> {
  const y = new Float64Array(x1.length);
  const rng = labelNoise > 0 && loss === 'mse' ? new Rng(seed, Stream.LabelNoise) : null;
  const rows = rowsPerPiece(2);
  for (let from = 0; from < y.length; from += rows) {
    label(x1, x2, wStar, loss, labelNoise, rng, y, from, Math.min(y.length, from + rows));
    yield 'examples';
  }
  return y;
}

/** Labels from … to − 1, drawing their noise in order from `rng`. */
function label(
  x1: Float64Array,
  x2: Float64Array,
  wStar: Weights,
  loss: LossName,
  labelNoise: number,
  rng: Rng | null,
  y: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const f = wStar[0] * x1[i] + wStar[1] * x2[i];
    y[i] = loss === 'mse' ? f + (rng ? labelNoise * rng.nextNormal() : 0) : sigmoid(f);
  }
}

export function generateDataset(s: Scenario, wStar: Weights): Dataset {
  return complete(datasetPieces(s, wStar));
}

/** generateDataset a block of values at a time. */
export function* datasetPieces(s: Scenario, wStar: Weights): Pieces<Dataset> {
  const { x1, x2 } = yield* inputsPieces(s.inputs, s.seed);
  return { n: x1.length, x1, x2, y: yield* labelPieces(x1, x2, wStar, s.loss, s.labelNoise, s.seed) };
}

/**
 * The neuron's data in d dimensions: x row-major (N × d), labels y, and what is derived from x alone
 * (kept with the inputs, so runs that share them share it too).
 */
export interface FanInData {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly derived: InputsDerived;
}

/** What depends on the inputs x alone, computed once when first asked for (fanIn.ts fills it). */
/** What is kept with fan-in inputs from earlier runs on them, the inputs themselves included (for runCost). */
export interface KeptWork {
  /** Gram columns filled (fanIn.ts). */
  readonly gramColumns: number;
  /** XᵀX/N. */
  readonly secondMoments: boolean;
  /** λmax, λmin of the mse Hessian. */
  readonly mseCurvature: boolean;
  /** The scores' share off the shown pair, for the weights it holds (pairScores.ts). */
  readonly offPair: OffPairShare | null;
}

export class InputsDerived {
  /** Every input of every example > 0, once found (derivedPieces finds it with the inputs). */
  allPositive: boolean | null = null;
  /** Gram columns X·x_i (N each), or null until asked for; see fanIn.ts. */
  gram: Float64Array | null = null;
  gramFilled: Uint8Array | null = null;
  /** XᵀX/N, the mse Hessian (d × d), once computed: only when N ≥ d (else the Gram matrix serves). */
  secondMoments: Float64Array | null = null;
  /** Per example, how many of its inputs are > 0 and < 0 (2 each), and which are counted (exampleSpace.ts). */
  exampleSigns: Uint32Array | null = null;
  exampleSignsFilled: Uint8Array | null = null;
  /** The scores' share off the shown pair for the last weights asked (pairScores.ts). */
  offPair: OffPairShare | null = null;
  /** λmax, λmin of XᵀX/N, once computed. */
  mseCurvature: { readonly max: number; readonly min: number } | null = null;
}

/** What labels are made of besides the inputs and w*. */
type LabelSpec = Pick<Scenario, 'axes' | 'loss' | 'labelNoise' | 'seed'>;

/**
 * Labels in d dimensions, as labels() for two: mse y = w*·x (+ noise), logistic y = σ(w*·x); w*·x summed
 * as pairScores.ts says for the shown pair `s.axes` (the share off the pair kept in `keep` when given).
 */
export function labelsOf(x: Float64Array, d: number, s: LabelSpec, wStar: Weights, keep: InputsDerived | null = null): Float64Array {
  return complete(labelsOfPieces(x, d, s, wStar, keep));
}

/** labelsOf a block of values at a time. */
function* labelsOfPieces(x: Float64Array, d: number, s: LabelSpec, wStar: Weights, keep: InputsDerived | null): Pieces<Float64Array> {
  const { axes, loss, labelNoise, seed } = s;
  const n = x.length / d;
  const y = new Float64Array(n);
  yield* pairScoresPieces(x, d, wStar, axes, keep, y);
  // The noise drawn in example order, after the scores: the same draws whatever the pair.
  const rng = labelNoise > 0 && loss === 'mse' ? new Rng(seed, Stream.LabelNoise) : null;
  for (let from = 0; from < n; from += VALUES_PER_PIECE) {
    const to = Math.min(n, from + VALUES_PER_PIECE);
    for (let i = from; i < to; i++) y[i] = loss === 'mse' ? y[i] + (rng ? labelNoise * rng.nextNormal() : 0) : sigmoid(y[i]);
    yield 'examples';
  }
  return y;
}

export function generateFanInData(s: Scenario, wStar: Weights): FanInData {
  return complete(fanInDataPieces(s, wStar));
}

/** generateFanInData a block of values at a time. */
export function* fanInDataPieces(s: Scenario, wStar: Weights): Pieces<FanInData> {
  const d = s.inputs.dimension;
  const x = yield* inputMatrixPieces(s.inputs, s.seed);
  const derived = yield* derivedPieces(x);
  return { n: x.length / d, d, x, y: yield* labelsOfPieces(x, d, s, wStar, derived), derived };
}

/** Everything the inputs are made of, a data file by its digest (never its values). */
function inputsIdentity(s: Scenario): unknown {
  return [{ ...s.inputs, table: s.inputs.table?.digest }, s.seed];
}

/** Everything generateInputs reads. */
function inputsKey(s: Scenario): string {
  return exactKey(inputsIdentity(s));
}

/** Everything generateDataset reads: equal keys, bit-identical datasets. */
export function datasetKey(s: Scenario, wStar: Weights): string {
  const rest = exactKey([inputsIdentity(s), s.axes, s.loss, s.labelNoise]);
  // A run asks twice (its data, its loss grid's key), and at d = 784 w* is 14 KB of JSON: the last kept.
  const last = lastDatasetKey;
  if (last && last.rest === rest && last.wStar.length === wStar.length && last.wStar.every((v, j) => Object.is(v, wStar[j])))
    return last.key;
  // Joined by a newline, which JSON never writes raw.
  const key = `${rest}\n${exactKey(wStar)}`;
  lastDatasetKey = { rest, wStar: Float64Array.from(wStar), key };
  return key;
}

let lastDatasetKey: { readonly rest: string; readonly wStar: Float64Array; readonly key: string } | null = null;

/**
 * The last inputs and dataset made, kept by what they are made of: runs that differ only in how they
 * train (η, optimizer, batch size, steps) share one dataset, and a moved target keeps its inputs and
 * only labels them again. The arrays are shared, which is safe because nothing writes to a dataset
 * once it is made.
 */
export class DatasetMemo {
  private inputs: { readonly key: string; readonly x1: Float64Array; readonly x2: Float64Array } | null = null;
  private last: { readonly key: string; readonly data: Dataset } | null = null;
  private matrix: { readonly key: string; readonly x: Float64Array; readonly derived: InputsDerived } | null = null;
  private lastFanIn: { readonly key: string; readonly data: FanInData } | null = null;

  /** generateDataset(s, wStar), the same bits, made again only when what it reads has changed. */
  dataset(s: Scenario, wStar: Weights): Dataset {
    return complete(this.datasetPieces(s, wStar));
  }

  /** dataset() a block of values at a time; kept only once whole (work dropped halfway keeps nothing). */
  *datasetPieces(s: Scenario, wStar: Weights): Pieces<Dataset> {
    const key = datasetKey(s, wStar);
    if (this.last?.key === key) return this.last.data;
    const ik = inputsKey(s);
    if (this.inputs?.key !== ik) this.inputs = { key: ik, ...(yield* inputsPieces(s.inputs, s.seed)) };
    const { x1, x2 } = this.inputs;
    const data = { n: x1.length, x1, x2, y: yield* labelPieces(x1, x2, wStar, s.loss, s.labelNoise, s.seed) };
    this.last = { key, data };
    return data;
  }

  /** generateFanInData(s, wStar), the same bits; the inputs (and what is derived from them) kept while they stay. */
  fanInData(s: Scenario, wStar: Weights): FanInData {
    return complete(this.fanInDataPieces(s, wStar));
  }

  /** What is kept with `s`'s fan-in inputs (they among them), for runCost; null when other inputs or none are kept. */
  keptFor(s: Scenario): KeptWork | null {
    if (this.matrix === null || s.inputs.dimension <= 2 || this.matrix.key !== inputsKey(s)) return null;
    const { gramFilled, secondMoments, mseCurvature, offPair } = this.matrix.derived;
    let gramColumns = 0;
    if (gramFilled) for (let i = 0; i < gramFilled.length; i++) gramColumns += gramFilled[i];
    return { gramColumns, secondMoments: secondMoments !== null, mseCurvature: mseCurvature !== null, offPair };
  }

  /** fanInData() a block of values at a time; kept only once whole. */
  *fanInDataPieces(s: Scenario, wStar: Weights): Pieces<FanInData> {
    const key = datasetKey(s, wStar);
    if (this.lastFanIn?.key === key) return this.lastFanIn.data;
    const ik = inputsKey(s);
    if (this.matrix?.key !== ik) {
      const x = yield* inputMatrixPieces(s.inputs, s.seed);
      this.matrix = { key: ik, x, derived: yield* derivedPieces(x) };
    }
    const { x, derived } = this.matrix;
    const d = s.inputs.dimension;
    const data = { n: x.length / d, d, x, y: yield* labelsOfPieces(x, d, s, wStar, derived), derived };
    this.lastFanIn = { key, data };
    return data;
  }
}

/** Every feature of every example is > 0: single-example gradients then share one sign. */
export function allPositive(d: Dataset): boolean {
  for (let i = 0; i < d.n; i++) if (!(d.x1[i] > 0 && d.x2[i] > 0)) return false;
  return true;
}

/** allPositive for a matrix of inputs. */
export function allPositiveMatrix(x: Float64Array): boolean {
  for (let k = 0; k < x.length; k++) if (!(x[k] > 0)) return false;
  return true;
}

/** What is derived from new inputs x, with allPositive found a block of values at a time. */
function* derivedPieces(x: Float64Array): Pieces<InputsDerived> {
  const derived = new InputsDerived();
  derived.allPositive = true;
  for (let from = 0; from < x.length; from += MULTIPLY_ADDS_PER_PIECE) {
    if (!allPositiveMatrix(x.subarray(from, Math.min(x.length, from + MULTIPLY_ADDS_PER_PIECE)))) {
      derived.allPositive = false;
      break;
    }
    yield 'examples';
  }
  return derived;
}

export { sigmoid };
