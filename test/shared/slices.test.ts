import * as assert from 'node:assert/strict';
import { Trainer, resolveScenario, simulate, type Pieces } from '../../src/engine/index';
import { runStringPieces, runToString } from '../../src/shared/runExport';
import { RunViewJob, RunViewMemo, computeRunView } from '../../src/shared/runView';
import { SLICE_MS, runInSlices, type SliceClock } from '../../src/shared/slices';
import { identical } from '../webview/pages/identical';

/**
 * A clock in simulated time: every piece "costs" what `cost` says of the kind it yielded, so slice
 * lengths are exact and the test does not depend on the machine's speed or load.
 */
class SimulatedClock implements SliceClock {
  time = 0;
  pauses = 0;
  /** Simulated milliseconds between consecutive pauses. */
  readonly slices: number[] = [];
  private sliceStart = 0;
  now(): number {
    return this.time;
  }
  pause(): Promise<void> {
    this.pauses++;
    this.slices.push(this.time - this.sliceStart);
    this.sliceStart = this.time;
    return Promise.resolve();
  }
}

/** Pieces that advance the simulated clock by their own cost. */
function* costed(clock: SimulatedClock, plan: readonly { kind: string; count: number; ms: number }[]): Pieces<number, string> {
  let n = 0;
  for (const { kind, count, ms } of plan) {
    for (let i = 0; i < count; i++) {
      clock.time += ms;
      n++;
      yield kind;
    }
  }
  return n;
}

/** A clock that asks for a pause at every reading: the most interleaving a run can meet. */
function pauseEveryTime(other?: () => void): SliceClock {
  let t = 0;
  return {
    now: () => (t += SLICE_MS),
    pause: () => {
      other?.();
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const SCENARIOS: Record<string, unknown>[] = [
  {},
  {
    inputs: { distribution: 'tanh', center: true, count: 5000 },
    order: 'shuffle',
    batchSize: 7,
    optimizer: { name: 'adam', lr: 0.05 },
    labelNoise: 0.2,
  },
  { loss: 'logistic', inputs: { distribution: 'relu', mean: 0.5, count: 9000 }, steps: 60, optimizer: { name: 'rmsprop', lr: 0.01 } },
  // Logistic far from the origin: the grid takes the per-cell path instead of the running products.
  { loss: 'logistic', start: [40, -40], target: { point: [60, -30] }, steps: 30 },
  { inputs: { count: 10_000 }, batchSize: 1000, steps: 500 },
  { model: 'function', function: { preset: 'rosenbrock' }, start: [-1.5, 2], optimizer: { name: 'adagrad', lr: 0.3 }, steps: 300 },
  { model: 'function', function: { expression: 'softplus(w1 - 2*w2) + 0.1*sin(3*w1)^2 + tanh(w2)^2' }, start: [1, 1], steps: 200 },
  // Diverges: the run stops early and the grid still fills.
  { optimizer: { lr: 40 }, steps: 200 },
];

describe('runInSlices: a run in slices is the run in one go', () => {
  for (const raw of SCENARIOS) {
    it(`bit for bit, pausing at every reading of the clock: ${JSON.stringify(raw).slice(0, 90)}`, async () => {
      const s = resolveScenario(raw);
      const sliced = await runInSlices(new RunViewJob(s).pieces, pauseEveryTime());
      assert.ok(identical(sliced, computeRunView(s)), 'RunView differs from the one-go run');
      // The steps against the trainer's own loop run in one call (not through the pieces at all).
      const whole = simulate(s, { records: true });
      assert.ok(identical(sliced.trajectory, whole.trajectory.slice()) && identical(sliced.loss, whole.loss.slice()));
      assert.deepEqual(sliced.metrics, whole.metrics);
    });
  }

  it('two runs interleaved on one memo (a change superseding another) leave it as a fresh run would', async () => {
    const memo = new RunViewMemo();
    const a = resolveScenario({ loss: 'logistic', inputs: { count: 3000 }, steps: 40 });
    const b = resolveScenario({ loss: 'logistic', inputs: { count: 3000 }, steps: 40, seed: 2 });
    const options = { memo, gridSize: 32 };
    const jobA = new RunViewJob(a, options);
    // A is dropped halfway through its grid while B runs to the end on the same memo.
    const dropped = runInSlices(jobA.pieces, pauseEveryTime(), () => {
      if (jobA.progress > 0.9) throw new Error('superseded');
    }).then(
      () => 'finished',
      (e: Error) => e.message,
    );
    const fromB = await runInSlices(new RunViewJob(b, options).pieces, pauseEveryTime());
    assert.equal(await dropped, 'superseded');
    assert.ok(identical(fromB, computeRunView(b, { gridSize: 32 })));
    // A again, on the memo B left: the same bits as a fresh run.
    assert.ok(identical(await runInSlices(new RunViewJob(a, options).pieces, pauseEveryTime()), computeRunView(a, { gridSize: 32 })));
  });

  it('progress climbs from 0 to 1 through steps and grid cells', async () => {
    const job = new RunViewJob(resolveScenario({ steps: 3000 }));
    const seen: number[] = [job.progress];
    await runInSlices(job.pieces, pauseEveryTime(), () => seen.push(job.progress));
    seen.push(job.progress);
    assert.equal(seen[0], 0);
    assert.equal(seen.at(-1), 1);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], `progress went back at ${i}`);
    assert.ok(seen.length > 10, `${seen.length} pauses`);
  });
});

describe('runInSlices: slices stay short whatever the pieces cost', () => {
  it('cheap pieces are batched between readings of the clock; slices end near SLICE_MS', async () => {
    const clock = new SimulatedClock();
    let readings = 0;
    const counting: SliceClock = { now: () => (readings++, clock.now()), pause: () => clock.pause() };
    const n = await runInSlices(costed(clock, [{ kind: 'step', count: 200_000, ms: 0.001 }]), counting);
    assert.equal(n, 200_000);
    assert.ok(readings < 200_000 / 50, `${readings} readings of the clock for 200,000 pieces`);
    for (const s of clock.slices) assert.ok(s <= SLICE_MS + 2.5, `slice of ${s} ms`);
    assert.ok(clock.pauses >= Math.floor(200 / (SLICE_MS + 2.5)), `${clock.pauses} pauses`);
  });

  it('a dear kind of piece after a cheap one starts again at one piece per reading', async () => {
    const clock = new SimulatedClock();
    await runInSlices(
      costed(clock, [
        { kind: 'step', count: 100_000, ms: 0.0005 },
        { kind: 'cell', count: 100, ms: 4 },
        { kind: 'step', count: 100_000, ms: 0.0005 },
      ]),
      clock,
    );
    const longest = Math.max(...clock.slices);
    assert.ok(longest <= SLICE_MS + 4 + 2.5, `longest slice ${longest} ms`);
  });

  it('a throw at a pause stops the work there: nothing after it runs', async () => {
    const clock = new SimulatedClock();
    let ran = 0;
    function* pieces(): Pieces<void> {
      for (let i = 0; i < 1000; i++) {
        clock.time += 1;
        ran++;
        yield 'step';
      }
    }
    await assert.rejects(
      runInSlices(pieces(), clock, () => {
        if (clock.pauses === 2) throw new Error('cancelled');
      }),
      /cancelled/,
    );
    assert.ok(ran < 3 * (SLICE_MS + 3), `${ran} pieces ran`);
  });

  it('a trainer advanced one step at a time is the trainer advanced in one go', () => {
    const s = resolveScenario({
      inputs: { distribution: 'relu' },
      batchSize: 5,
      order: 'shuffle',
      optimizer: { name: 'nesterov', lr: 0.1 },
    });
    const stepped = new Trainer(s, { records: true });
    for (const _ of stepped.stepPieces());
    assert.ok(identical(stepped.finish(), new Trainer(s, { records: true }).finish()));
  });
});

describe('exports in pieces', () => {
  const run = computeRunView(resolveScenario({ steps: 50_000, optimizer: { lr: 0.01 } }));

  it('CSV and JSON of 50,000 steps: a piece per 4,096 rows, the same text as in one go', async () => {
    for (const format of ['csv', 'json'] as const) {
      const kinds: string[] = [];
      const pieces = runStringPieces(run, format);
      const counted = (function* () {
        for (;;) {
          const r = pieces.next();
          if (r.done) return r.value;
          kinds.push(r.value);
          yield r.value;
        }
      })();
      const text = await runInSlices(counted, pauseEveryTime());
      assert.equal(text, runToString(run, format));
      assert.ok(kinds.length >= (format === 'csv' ? 12 : 24), `${format}: ${kinds.length} pieces`);
    }
  });
});
