// The cost model counts what costs (issue 17): the compiled expression by operation, the examples each
// step visits, batch sums filled once, records, the data and the loss grid's cells times the examples
// each sums. How well its weights match the clock is npm run bench:cost's to show, not a timed test's.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_KEPT, MAX_GRID_COST, MIN_GRID_SIZE } from '../../src/engine/cost';
import { DatasetMemo, type KeptWork } from '../../src/engine/data';
import { complete } from '../../src/engine/pieces';
import { trainerPieces } from '../../src/engine/simulate';
import { gridSizeFor, runCost, resolveScenario, type RunCost } from '../../src/engine/index';

const cost = (input: object, options: { records?: boolean; gridSize?: number } = {}): RunCost => runCost(resolveScenario(input), options);
const chain = (terms: number): string => Array.from({ length: terms }, () => 'w1').join('^');

describe('cost model: runCost', () => {
  it('its parts add up, are finite and ≥ 0, and no step costs more than maxStep (random scenarios)', () => {
    const scenario = fc.oneof(
      fc.record({
        inputs: fc.record({ count: fc.integer({ min: 1, max: 3000 }), distribution: fc.constantFrom('sigmoid', 'tanh', 'gaussian') }),
        loss: fc.constantFrom('mse', 'logistic'),
        order: fc.constantFrom('cyclic', 'shuffle'),
        batchSize: fc.oneof(fc.constant('full'), fc.integer({ min: 1, max: 3000 })),
        steps: fc.integer({ min: 1, max: 100_000 }),
      }),
      fc.record({
        model: fc.constant('function'),
        function: fc.oneof(
          fc.constantFrom('quadratic', 'rotated', 'rosenbrock', 'beale', 'himmelblau').map((preset) => ({ preset })),
          fc.constantFrom('w1^2 + w2^2', 'sin(w1)*cos(w2)', chain(100), 'exp(w1) + log(1 + w2^2)').map((expression) => ({ expression })),
        ),
        steps: fc.integer({ min: 1, max: 100_000 }),
      }),
    );
    fc.assert(
      fc.property(scenario, fc.boolean(), fc.constantFrom(0, 2, 96, 128), (input, records, gridSize) => {
        let s;
        try {
          s = resolveScenario(input);
        } catch {
          return; // a batch larger than N
        }
        const c = runCost(s, { records, gridSize });
        for (const v of Object.values(c)) assert.ok(Number.isFinite(v) && v >= 0, JSON.stringify(c));
        assert.equal(c.steps, s.steps);
        assert.equal(c.run, c.perStep * c.steps);
        assert.equal(c.total, c.setup + c.run + c.finish + c.grid);
        assert.ok(c.perStep <= c.maxStep, JSON.stringify(c));
        assert.equal(c.grid === 0, gridSize === 0);
      }),
      { numRuns: 400 },
    );
  });

  it('counts the compiled expression by operation: each power of a chain, dearer than arithmetic', () => {
    const step = (expression: string) => cost({ model: 'function', function: { expression } }).perStep;
    const arithmetic = step(Array.from({ length: 40 }, () => 'w1*w2').join('+'));
    const powers = step(Array.from({ length: 40 }, () => 'w1^w2').join('+'));
    assert.ok(powers > 5 * arithmetic, `${powers} vs ${arithmetic}`);
    // Linear in the chain's length: every ^ is one node, however deep.
    const d10 = step(chain(11)) - step(chain(1));
    const d40 = step(chain(41)) - step(chain(1));
    assert.ok(Math.abs(d40 / d10 - 4) < 1e-9, `${d40} / ${d10}`);
    // The 1,000 characters of chains in a 96×96 grid cost more than 1,000 classic demos.
    const demo = cost({}, { records: true, gridSize: 96 }).total;
    const chains = cost(
      { model: 'function', function: { expression: Array.from({ length: 8 }, () => chain(41)).join('+') } },
      { records: true, gridSize: 96 },
    );
    assert.ok(chains.grid > 1000 * demo, `${chains.grid} vs ${demo}`);
  });

  it('counts a grid’s cells, and for the logistic loss each cell’s examples', () => {
    const grid = (input: object, n: number) => cost(input, { gridSize: n }).grid;
    assert.equal(grid({}, 128) / grid({}, 64), 4);
    assert.ok(grid({ loss: 'logistic', inputs: { count: 2000 } }, 96) > 500 * grid({ inputs: { count: 2000 } }, 96));
    const n1000 = grid({ loss: 'logistic', inputs: { count: 1000 } }, 96);
    const n2000 = grid({ loss: 'logistic', inputs: { count: 2000 } }, 96);
    assert.ok(n2000 > 1.9 * n1000 && n2000 < 2.1 * n1000);
  });

  it('counts the examples a step visits: batches, a logistic loss’s full data, shuffling, records', () => {
    const step = (input: object, records = false) => cost(input, { records }).perStep;
    assert.ok(step({ loss: 'logistic', inputs: { count: 10_000 } }) > 10_000, 'the logistic loss at every step sums N');
    assert.ok(step({ order: 'shuffle', batchSize: 200 }) > 100 * step({ batchSize: 200 }), 'shuffled batches are not summed');
    assert.ok(step({ batchSize: 64 }, true) > 10 * step({ batchSize: 64 }), 'records visit the batch');
    // mse batches that recur are summed once: batch 256 of 256 costs a step what batch 8 costs.
    assert.ok(step({ batchSize: 'full', steps: 10_000 }) < 2 * step({ batchSize: 8, steps: 10_000 }));
  });

  it('batch sums filled once per distinct batch count: a period of 25,000 batches of 99,996 is billions, not O(1) a step', () => {
    // gcd(100,000, 99,996) = 4: 25,000 distinct cyclic batches recur within 30,000 steps, each summed once.
    const c = cost({ inputs: { count: 100_000 }, batchSize: 99_996, steps: 30_000 });
    assert.ok(c.run > 25_000 * 99_996 * 0.1, `run ${c.run}`);
    assert.ok(c.maxStep > 99_996 * 0.1, `maxStep ${c.maxStep}`);
    assert.ok(c.perStep < c.maxStep);
    const full = cost({ inputs: { count: 100_000 }, batchSize: 'full', steps: 30_000 });
    assert.ok(full.run < c.run / 1000);
  });

  it('counts the data: N examples generated, labelled and in the Hessian', () => {
    const data = (count: number): number => {
      const c = cost({ inputs: { count }, steps: 1 });
      return c.setup + c.finish;
    };
    assert.ok(data(100_000) - data(10) >= 10 * (100_000 - 10), 'ten units or more per example');
  });
});

describe('cost model: what runs keep with fan-in inputs', () => {
  it('is not counted again: the inputs, the Gram columns a run fills and the mse curvature (DatasetMemo.keptFor)', () => {
    const s = resolveScenario({ inputs: { dimension: 300, count: 256 }, optimizer: { lr: 0.002 }, steps: 100 });
    const memo = new DatasetMemo();
    const at = (kept: KeptWork | null): number => runCost(s, { records: true, gridSize: 128, kept }).total;
    assert.equal(memo.keptFor(s), null);
    const cold = at(null);
    complete(trainerPieces(s, { records: true, datasets: memo })).finish();
    // 100 steps of batch 1 fill columns 0 … 99; the curvature (N < d) filled the rest.
    const kept = memo.keptFor(s)!;
    assert.deepEqual({ ...kept, offPair: null }, { gramColumns: 256, secondMoments: false, mseCurvature: true, offPair: null });
    const warm = at(kept);
    // The scores' share off the pair is kept too (pairScores.ts): labels N instead of N·d.
    assert.equal(at({ ...kept, offPair: null }), at(ALL_KEPT));
    assert.ok(warm < at(ALL_KEPT));
    // A start moved on the pair (a drag) keeps that share: the same cost.
    const moved = resolveScenario({ ...s, start: s.start.map((v, j) => (j === s.axes[0] ? v + 0.5 : v)) });
    assert.equal(runCost(moved, { records: true, gridSize: 128, kept }).total, warm);
    assert.ok(warm < cold / 5, `kept ${warm}, cold ${cold}`);
    // Half the columns kept: between the two, and dearer than all kept by at least the other half's work.
    const half = at({ gramColumns: 128, secondMoments: false, mseCurvature: false, offPair: null });
    assert.ok(warm < half && half < cold);
    // Other inputs keep nothing of these.
    assert.equal(memo.keptFor(resolveScenario({ inputs: { dimension: 300, count: 256 }, seed: 2 })), null);
  });
});

describe('cost model: the loss grid’s size', () => {
  it('gridSizeFor: the finest grid up to the one asked for whose cost stays within MAX_GRID_COST, never below MIN_GRID_SIZE', () => {
    for (const input of [
      {},
      { loss: 'logistic', inputs: { count: 2000 } },
      { loss: 'logistic', inputs: { count: 100_000 } },
      { loss: 'logistic', inputs: { dimension: 1024, count: 16_384 } },
      { inputs: { dimension: 1024, count: 16_384 } },
      { model: 'function', function: { expression: Array.from({ length: 60 }, () => 'sin(w1)*cos(w2)').join('+') } },
    ]) {
      const s = resolveScenario(input);
      for (const requested of [96, 128]) {
        const n = gridSizeFor(s, requested);
        const grid = (size: number) => runCost(s, { gridSize: size }).grid;
        assert.ok(n <= requested && n >= Math.min(requested, MIN_GRID_SIZE), `${JSON.stringify(input)}: ${n}`);
        if (n > MIN_GRID_SIZE) assert.ok(grid(n) <= MAX_GRID_COST, `${JSON.stringify(input)}: ${grid(n)} units at ${n}`);
        if (n < requested) assert.ok(grid(n + 1) > MAX_GRID_COST, `${JSON.stringify(input)}: ${n} + 1 still fits`);
      }
    }
    // Cheap cells keep the finest grid; a logistic grid over 100,000 examples gets the coarsest.
    assert.equal(gridSizeFor(resolveScenario({})), 128);
    assert.equal(gridSizeFor(resolveScenario({ loss: 'logistic', inputs: { count: 100_000 } })), MIN_GRID_SIZE);
  });
});
