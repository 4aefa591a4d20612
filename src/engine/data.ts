// The neuron's training data: seeded inputs x_n, optional centring and shift, and teacher labels y_n.
import { exactKey } from './exactKey';
import { EXAMPLES_PER_PIECE, complete, type Pieces } from './pieces';
import { sigmoid, tanh } from './portableMath';
import { Rng, Stream } from './rng';
import type { Inputs, LossName, Scenario, Vec2 } from './types';

export interface Dataset {
  readonly n: number;
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly y: Float64Array;
}

/** Inputs per the spec: z ~ Normal(mean, std²) per feature, x = act(z); uniform: x = mean + std·U(0,1). */
export function generateInputs(inputs: Inputs, seed: number): { x1: Float64Array; x2: Float64Array } {
  return complete(inputsPieces(inputs, seed));
}

/** generateInputs a block of examples at a time. */
function* inputsPieces(inputs: Inputs, seed: number): Pieces<{ x1: Float64Array; x2: Float64Array }> {
  if (inputs.distribution === 'points' && inputs.points) {
    const pts = inputs.points;
    const x1 = Float64Array.from(pts, (p) => p[0]);
    const x2 = Float64Array.from(pts, (p) => p[1]);
    return finishInputs(inputs, x1, x2);
  }
  const n = inputs.count;
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const rng = new Rng(seed, Stream.Data);
  // Each block in a plain function: engines optimise a hot loop there better than inside a generator.
  for (let from = 0; from < n; from += EXAMPLES_PER_PIECE) {
    drawInputs(inputs, rng, x1, x2, from, Math.min(n, from + EXAMPLES_PER_PIECE));
    yield 'examples';
  }
  return finishInputs(inputs, x1, x2);
}

/** Examples from … to − 1 of generateInputs, drawn in order from `rng`. */
function drawInputs(inputs: Inputs, rng: Rng, x1: Float64Array, x2: Float64Array, from: number, to: number): void {
  const { mean, std } = inputs;
  const act = activation(inputs.distribution);
  for (let i = from; i < to; i++) {
    if (inputs.distribution === 'uniform') {
      x1[i] = mean + std * rng.nextFloat();
      x2[i] = mean + std * rng.nextFloat();
    } else {
      x1[i] = act(mean + std * rng.nextNormal());
      x2[i] = act(mean + std * rng.nextNormal());
    }
  }
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

function finishInputs(inputs: Inputs, x1: Float64Array, x2: Float64Array): { x1: Float64Array; x2: Float64Array } {
  if (inputs.center) {
    const m1 = meanOf(x1);
    const m2 = meanOf(x2);
    for (let i = 0; i < x1.length; i++) {
      x1[i] -= m1;
      x2[i] -= m2;
    }
  }
  const [s1, s2] = inputs.shift;
  if (s1 !== 0 || s2 !== 0) {
    for (let i = 0; i < x1.length; i++) {
      x1[i] += s1;
      x2[i] += s2;
    }
  }
  return { x1, x2 };
}

function meanOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/** Labels: mse y = w*·x (+ Normal(0, labelNoise²)); logistic y = σ(w*·x), soft labels so w* minimises. */
export function labels(x1: Float64Array, x2: Float64Array, wStar: Vec2, loss: LossName, labelNoise: number, seed: number): Float64Array {
  return complete(labelPieces(x1, x2, wStar, loss, labelNoise, seed));
}

/** labels a block of examples at a time. */
function* labelPieces(
  x1: Float64Array,
  x2: Float64Array,
  wStar: Vec2,
  loss: LossName,
  labelNoise: number,
  seed: number,
): Pieces<Float64Array> {
  const y = new Float64Array(x1.length);
  const rng = labelNoise > 0 && loss === 'mse' ? new Rng(seed, Stream.LabelNoise) : null;
  for (let from = 0; from < y.length; from += EXAMPLES_PER_PIECE) {
    label(x1, x2, wStar, loss, labelNoise, rng, y, from, Math.min(y.length, from + EXAMPLES_PER_PIECE));
    yield 'examples';
  }
  return y;
}

/** Labels from … to − 1, drawing their noise in order from `rng`. */
function label(
  x1: Float64Array,
  x2: Float64Array,
  wStar: Vec2,
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

export function generateDataset(s: Scenario, wStar: Vec2): Dataset {
  return complete(datasetPieces(s, wStar));
}

/** generateDataset a block of examples at a time. */
export function* datasetPieces(s: Scenario, wStar: Vec2): Pieces<Dataset> {
  const { x1, x2 } = yield* inputsPieces(s.inputs, s.seed);
  return { n: x1.length, x1, x2, y: yield* labelPieces(x1, x2, wStar, s.loss, s.labelNoise, s.seed) };
}

/** Everything generateInputs reads. */
function inputsKey(s: Scenario): string {
  return exactKey([s.inputs, s.seed]);
}

/** Everything generateDataset reads: equal keys, bit-identical datasets. */
export function datasetKey(s: Scenario, wStar: Vec2): string {
  return exactKey([s.inputs, s.seed, wStar, s.loss, s.labelNoise]);
}

/**
 * The last inputs and dataset made, kept by what they are made of: runs that differ only in how they
 * train (η, optimizer, batch size, steps) share one dataset, and a moved target keeps its inputs and
 * only labels them again. The arrays are shared, which is safe because nothing writes to a dataset
 * once it is made.
 */
export class DatasetMemo {
  private inputs: { readonly key: string; readonly x1: Float64Array; readonly x2: Float64Array } | null = null;
  private last: { readonly key: string; readonly data: Dataset } | null = null;

  /** generateDataset(s, wStar), the same bits, made again only when what it reads has changed. */
  dataset(s: Scenario, wStar: Vec2): Dataset {
    return complete(this.datasetPieces(s, wStar));
  }

  /** dataset() a block of examples at a time; kept only once it is whole (work dropped halfway keeps nothing). */
  *datasetPieces(s: Scenario, wStar: Vec2): Pieces<Dataset> {
    const key = datasetKey(s, wStar);
    if (this.last?.key === key) return this.last.data;
    const ik = inputsKey(s);
    if (this.inputs?.key !== ik) this.inputs = { key: ik, ...(yield* inputsPieces(s.inputs, s.seed)) };
    const { x1, x2 } = this.inputs;
    const data = { n: x1.length, x1, x2, y: yield* labelPieces(x1, x2, wStar, s.loss, s.labelNoise, s.seed) };
    this.last = { key, data };
    return data;
  }
}

/** Every feature of every example is > 0: single-example gradients then share one sign. */
export function allPositive(d: Dataset): boolean {
  for (let i = 0; i < d.n; i++) if (!(d.x1[i] > 0 && d.x2[i] > 0)) return false;
  return true;
}

export { sigmoid };
