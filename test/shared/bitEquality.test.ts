// src/shared/bitEquality.ts: equality bit for bit. Runs are checked field by field: two runs that differ in
// exactly one field, every field in turn (−0 against 0 among the values), are never the same run.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveScenario } from '../../src/engine/index';
import type { Ledger } from '../../src/engine/ledger';
import type { RunGeometry } from '../../src/engine/metrics';
import type { Axes, Metrics, Scenario, Vec2 } from '../../src/engine/types';
import { sameBits, sameData, sameRun } from '../../src/shared/bitEquality';
import type { ContourGrid, RunView } from '../../src/shared/runModel';
import type { StepRecords } from '../../src/engine/index';
import { identical } from '../webview/pages/identical';

/** Few values, so that two runs often hold the same one, or −0 where the other has 0. */
const number = fc.constantFrom(0, -0, 1, 0.1, Number.MIN_VALUE, NaN, Infinity);
const doubles = fc.array(number, { maxLength: 3 }).map((a) => Float64Array.from(a));
const counts = fc.array(fc.constantFrom(0, 1, 2 ** 32 - 1), { maxLength: 3 }).map((a) => Uint32Array.from(a));
const point: fc.Arbitrary<Vec2> = fc.tuple(number, number);
const coordinate = fc.constantFrom(0, -0, 1);

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    start: fc.tuple(coordinate, coordinate),
    target: fc.oneof(
      fc.record({ point: fc.tuple(coordinate, coordinate) }),
      fc.record({ quadrant: fc.constantFrom('nw', 'se'), distance: fc.constantFrom(1, 2) }),
    ),
    optimizer: fc.record({ lr: fc.constantFrom(0.1, 0.5) }),
    inputs: fc.record({ distribution: fc.constantFrom('sigmoid', 'tanh'), shift: fc.tuple(coordinate, coordinate) }),
    function: fc.constantFrom(undefined, { expression: 'w1*w1 + w2*w2' }),
  })
  .map(({ function: f, target, ...raw }) => resolveScenario(f ? { ...raw, model: 'function', function: f } : { ...raw, target }));

// Every field of each part of a run; `satisfies` makes the compiler ask for a new field here.
const metricsFields = {
  lockedFraction: number,
  pathEfficiency: number,
  reversals: number,
  stepsToTarget: fc.option(number),
  finalLoss: fc.option(number),
  finalDistance: fc.option(number),
  conditionNumber: fc.option(number),
  divergedAt: fc.option(number),
} satisfies { [K in keyof Metrics]-?: fc.Arbitrary<Metrics[K]> };
const recordsFields = {
  gradient: doubles,
  dLdf: fc.option(doubles),
  x: fc.option(doubles),
  perExample: fc.option(doubles),
  dLdfSigns: fc.option(counts),
  gradientSigns: fc.option(counts),
  batchSize: fc.constantFrom(1, 2),
} satisfies { [K in keyof StepRecords]-?: fc.Arbitrary<StepRecords[K]> };
const geometryFields = {
  locked: counts,
  turn: doubles,
  stepLength: doubles,
  fromStart: doubles,
  toTarget2: fc.option(doubles),
} satisfies { [K in keyof RunGeometry]-?: fc.Arbitrary<RunGeometry[K]> };
const ledgerFields = {
  lambdaMax: fc.option(number),
  lambdaMin: fc.option(number),
  conditionNumber: fc.option(number),
  best: fc.option(
    fc.record({
      learningRate: number,
      rate: number,
      steps: fc.option(number),
      momentumLearningRate: number,
      momentumMomentum: number,
      momentumRate: number,
    }),
  ),
  bestReason: fc.option(fc.constantFrom('not-quadratic' as const, 'batches' as const)),
  prediction: fc.option(fc.record({ contraction: number, steps: fc.option(number) })),
  predictionReason: fc.option(fc.constantFrom('adaptive' as const, 'momentum' as const)),
} satisfies { [K in keyof Ledger]-?: fc.Arbitrary<Ledger[K]> };
const gridFields = {
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  n: fc.constantFrom(1, 2),
  values: doubles,
} satisfies { [K in keyof ContourGrid]-?: fc.Arbitrary<ContourGrid[K]> };
const runFields = {
  scenario,
  trajectory: doubles,
  loss: doubles,
  target: fc.option(point),
  metrics: fc.record(metricsFields),
  records: fc.option(fc.record(recordsFields)),
  grid: fc.record(gridFields),
  allPositive: fc.boolean(),
  dimension: fc.constantFrom(2, 3),
  axes: fc.constantFrom<Axes>([0, 1], [1, 0]),
  geometry: fc.option(fc.record(geometryFields)),
  ledger: fc.record(ledgerFields),
} satisfies { [K in keyof RunView]-?: fc.Arbitrary<RunView[K]> };
const run: fc.Arbitrary<RunView> = fc.record(runFields);

type Path = readonly (string | number)[];
type Node = Readonly<Record<string | number, unknown>>;

/** Is `v` an object or array to descend into (typed arrays are one field, compared whole). */
function isContainer(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v);
}

/** The path of every field of `v`, at every depth (an object's own fields, an array's elements). */
function fieldPaths(v: unknown, prefix: Path = []): Path[] {
  if (!isContainer(v)) return [];
  return Object.keys(v).flatMap((k) => {
    const key = Array.isArray(v) ? Number(k) : k;
    const path = [...prefix, key];
    return [path, ...fieldPaths(v[key], path)];
  });
}

function has(v: unknown, path: Path): boolean {
  let node = v;
  for (const k of path) {
    if (!isContainer(node) || !Object.prototype.hasOwnProperty.call(node, k)) return false;
    node = node[k];
  }
  return true;
}

function get(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, k) => (node as Node)[k], v);
}

/** `v` with the field at `path` replaced by `value`, every other field the same object. */
function replaced<T>(v: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [k, ...rest] = path;
  const node = v as Node;
  const copy = (Array.isArray(node) ? [...(node as unknown[])] : { ...node }) as Record<string | number, unknown>;
  copy[k] = replaced(node[k], rest, value);
  return copy as T;
}

/** A field's value in a failure message (-0 shown as such). */
function show(v: unknown): string {
  return Object.is(v, -0) ? '-0' : isContainer(v) ? '{…}' : String(v);
}

/** A field's name with array positions left out: `scenario.start.#`. */
function fieldName(path: Path): string {
  return path.map((k) => (typeof k === 'number' ? '#' : k)).join('.');
}

describe('bit equality', () => {
  it('sameBits tells −0 from 0 and compares every element', () => {
    assert.ok(sameBits(Float64Array.of(0, NaN, 1), Float64Array.of(0, NaN, 1)));
    assert.ok(!sameBits(Float64Array.of(0), Float64Array.of(-0)));
    assert.ok(!sameBits(Float64Array.of(1, 2), Float64Array.of(1)));
    assert.ok(!sameBits(Float64Array.of(1, 2), Float64Array.of(1, 3)));
    assert.ok(sameBits(null, null));
    assert.ok(!sameBits(Float64Array.of(), null));
    // A view into a larger buffer is compared on its own elements.
    assert.ok(sameBits(new Float64Array(Float64Array.of(9, 1, 2).buffer, 8), Float64Array.of(1, 2)));
    assert.ok(sameBits(Uint32Array.of(1, 2 ** 32 - 1), Uint32Array.of(1, 2 ** 32 - 1)));
    assert.ok(!sameBits(Uint32Array.of(1), Uint32Array.of(2)));
  });

  it('sameData: numbers by Object.is, typed arrays by kind and bits, objects field by field', () => {
    assert.ok(sameData({ a: [0, NaN], b: 'x', c: null }, { c: null, b: 'x', a: [0, NaN] }));
    assert.ok(!sameData({ a: 0 }, { a: -0 }));
    assert.ok(!sameData({ a: null }, { a: NaN }));
    assert.ok(!sameData({ a: Infinity }, { a: null }));
    assert.ok(!sameData({ a: 1 }, { a: 1, b: undefined }));
    assert.ok(!sameData([1], { 0: 1 }));
    assert.ok(!sameData(Float64Array.of(0), Uint32Array.of(0, 0)));
    assert.ok(!sameData(Uint8Array.of(1), Uint8Array.of(2)));
  });

  it('sameRun: a run equals its copy, and never a run that differs from it in exactly one field, every field in turn', () => {
    const tested = new Set<string>();
    fc.assert(
      fc.property(run, run, (a, b) => {
        assert.ok(sameRun(a, structuredClone(a)), 'a run and its copy');
        const missed: string[] = [];
        for (const path of fieldPaths(a)) {
          if (!has(b, path)) continue;
          const c = replaced(a, path, get(b, path));
          const differs = !identical(a, c);
          if (differs) tested.add(fieldName(path));
          if (sameRun(a, c) === differs) missed.push(`${fieldName(path)}: ${show(get(a, path))} / ${show(get(b, path))}`);
        }
        assert.deepEqual(missed, []);
      }),
      { numRuns: 300 },
    );
    // Each field of the type was among those that differed.
    const fields = [
      ...Object.keys(runFields),
      ...Object.keys(recordsFields).map((k) => `records.${k}`),
      ...Object.keys(gridFields).map((k) => `grid.${k}`),
      ...Object.keys(metricsFields).map((k) => `metrics.${k}`),
      'target.#',
      'scenario.start.#',
    ];
    assert.deepEqual(
      fields.filter((f) => !tested.has(f)),
      [],
    );
  });
});
