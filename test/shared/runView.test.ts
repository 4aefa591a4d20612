import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { OPTIMIZER_NAMES, resolveScenario } from '../../src/engine/index';
import type { RunView } from '../../src/shared/runModel';
import { LONG_RUN_WORK, RunViewJob, RunViewMemo, computeRunView, runWork } from '../../src/shared/runView';
import { mergeScenario, startPatch, targetPatch } from '../../src/shared/scenarioEdit';
import { identical } from '../webview/pages/identical';

describe('run cost estimate', () => {
  it('mse batches that recur cost O(1) per step: 50,000 full-batch steps on 100,000 examples are not a long run', () => {
    const full = resolveScenario({ inputs: { count: 100_000 }, batchSize: 'full', steps: 50_000 });
    assert.ok(runWork(full) <= LONG_RUN_WORK, `work ${runWork(full)}`);
    const cyclic = resolveScenario({ inputs: { count: 100_000 }, batchSize: 1000, steps: 50_000 });
    assert.ok(runWork(cyclic) <= LONG_RUN_WORK, `work ${runWork(cyclic)}`);
  });

  it('batch sums filled once per distinct batch count (issue 17): 25,000 distinct batches of 99,996 are a long run', () => {
    // gcd(100,000, 99,996) = 4, so 25,000 cyclic batches recur within 30,000 steps: 2.5·10⁹ example sums,
    // which took 17 s in one piece of the extension host when the estimate said 60,000 examples.
    const s = resolveScenario({ inputs: { count: 100_000 }, batchSize: 99_996, steps: 30_000 });
    assert.ok(runWork(s) > 50 * LONG_RUN_WORK, `work ${runWork(s)}`);
  });

  it('work that is still per example counts: the logistic loss, shuffled batches', () => {
    const logistic = resolveScenario({ loss: 'logistic', inputs: { count: 100_000 }, batchSize: 'full', steps: 400 });
    assert.ok(runWork(logistic) >= 400 * 100_000);
    const shuffled = resolveScenario({ order: 'shuffle', batchSize: 200, steps: 20_000 });
    assert.ok(runWork(shuffled) >= 20_000 * 200);
  });
});

describe('RunViewMemo: reusing the dataset and the loss grid changes no bit', () => {
  const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  /** Changes as a session makes them: most keep the data (η, batch, steps), some change the surface. */
  const patch = fc.oneof(
    { weight: 4, arbitrary: fc.record({ optimizer: fc.record({ lr: finite(0.01, 0.9) }) }) },
    { weight: 2, arbitrary: fc.record({ batchSize: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constant('full')) }) },
    { weight: 1, arbitrary: fc.record({ steps: fc.integer({ min: 1, max: 200 }) }) },
    { weight: 1, arbitrary: fc.record({ optimizer: fc.record({ name: fc.constantFrom(...OPTIMIZER_NAMES) }) }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(0, -0, 0.5, -1), fc.constantFrom(0, -0, 1)).map((p) => startPatch(p)) },
    {
      weight: 1,
      arbitrary: fc.record({
        target: fc.record({ quadrant: fc.constantFrom('nw', 'ne', 'sw', 'se'), distance: finite(0.5, 3), point: fc.constant(null) }),
      }),
    },
    { weight: 1, arbitrary: fc.tuple(finite(-2, 2), fc.constantFrom(0, -0, 1)).map((p) => targetPatch(p)) },
    { weight: 1, arbitrary: fc.record({ inputs: fc.record({ distribution: fc.constantFrom('sigmoid', 'tanh', 'relu', 'uniform') }) }) },
    {
      weight: 1,
      arbitrary: fc.record({ inputs: fc.record({ center: fc.boolean(), shift: fc.tuple(fc.constantFrom(0, -0, 0.5), finite(-1, 1)) }) }),
    },
    { weight: 1, arbitrary: fc.record({ inputs: fc.record({ count: fc.integer({ min: 2, max: 200 }) }) }) },
    { weight: 1, arbitrary: fc.record({ seed: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ loss: fc.constantFrom('mse', 'logistic') }) },
    { weight: 1, arbitrary: fc.record({ labelNoise: fc.constantFrom(0, 0.1, 0.5) }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Record<string, unknown>>(
        { model: 'function', function: { preset: 'rosenbrock', expression: null }, target: null },
        { model: 'function', function: { expression: 'w1^2 + 3*w2^2', preset: null }, target: null },
        { model: 'neuron', function: null, target: { quadrant: 'nw', distance: 2, point: null } },
      ),
    },
  );

  it('a session of random changes gives the same runs, bit for bit, with one memo as without', () => {
    let runs = 0;
    let gridsReused = 0;
    fc.assert(
      fc.property(fc.array(patch, { minLength: 2, maxLength: 12 }), (patches) => {
        const memo = new RunViewMemo();
        let raw: Record<string, unknown> = { inputs: { count: 60 }, steps: 60 };
        let previous: RunView | null = null;
        for (const p of patches) {
          let s;
          try {
            const next = mergeScenario(raw, p);
            s = resolveScenario(next);
            raw = next;
          } catch {
            continue; // a change the host would refuse (an invalid combination)
          }
          const fresh = computeRunView(s, { gridSize: 24 });
          const reused = computeRunView(s, { gridSize: 24, memo });
          assert.ok(identical(reused, fresh), `run ${runs} after ${JSON.stringify(p)} differs with the memo`);
          if (previous && reused.grid === previous.grid) gridsReused++;
          previous = reused;
          runs++;
        }
      }),
      { numRuns: 120, seed: 7 },
    );
    // The memo was really used: most η, batch and step changes keep the surface and its window.
    assert.ok(runs > 500 && gridsReused > runs / 5, `runs ${runs}, grids reused ${gridsReused}`);
  });
});

describe('RunView arrays', () => {
  // postMessage clones the whole buffer behind a typed array: a view of part of one would carry the rest.
  const whole = (a: Float64Array | Uint32Array | null): boolean =>
    a === null || (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength);
  const arrays = (r: RunView) => [
    r.trajectory,
    r.loss,
    r.records?.gradient ?? null,
    r.records?.dLdf ?? null,
    r.records?.x ?? null,
    r.records?.perExample ?? null,
    r.records?.dLdfSigns ?? null,
  ];
  const full = resolveScenario({ steps: 50 });
  const diverging = resolveScenario({ steps: 400, optimizer: { lr: 1e6 } });

  it('a run to be posted: each array fills its own buffer, for a run that went the distance and for one that diverged early', () => {
    const a = computeRunView(full);
    assert.equal(a.trajectory.length, 2 * 51);
    const b = computeRunView(diverging);
    assert.ok(b.trajectory.length < 2 * 401, `diverged after ${b.trajectory.length / 2} points`);
    for (const r of [a, b])
      for (const x of arrays(r)) assert.ok(whole(x), `an array of ${x?.length} is a view of ${x?.buffer.byteLength} bytes`);
  });

  it('a run to be posted at the playground’s limits (20 MB of arrays) is copied out a block per piece, the same bits (one piece of 70–80 ms of CPU before)', function () {
    this.timeout(60_000);
    const s = resolveScenario({ steps: 50_000, batchSize: 20, inputs: { count: 2000 } });
    const job = new RunViewJob(s);
    let copies = 0;
    let r = job.pieces.next();
    for (; !r.done; r = job.pieces.next()) if (r.value === 'copy') copies++;
    const posted = r.value;
    const values = [...arrays(posted), posted.records?.gradientSigns ?? null].reduce((n, a) => n + (a?.length ?? 0), 0);
    assert.ok(values > 2_500_000, `${values} values`);
    const blocks = [...arrays(posted), posted.records?.gradientSigns ?? null].reduce(
      (n, a) => n + Math.ceil((a?.length ?? 0) / (1 << 16)),
      0,
    );
    assert.equal(copies, blocks, 'one piece per block of 65,536 values');
    assert.ok(identical(posted, computeRunView(s, { inPage: true })), 'the same run as the page’s views');
  });

  it('a run that stays in the page: views of the trainer’s one buffer (one allocation), the same bits', () => {
    for (const s of [full, diverging]) {
      const posted = computeRunView(s);
      const kept = computeRunView(s, { inPage: true });
      const buffers = new Set(arrays(kept).flatMap((x) => (x ? [x.buffer] : [])));
      assert.equal(buffers.size, 1, 'one buffer behind every array');
      assert.ok(identical(kept, posted), 'the same run');
    }
  });
});
