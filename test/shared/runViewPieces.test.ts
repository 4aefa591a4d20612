// A fan-in run as the playground draws it comes in pieces of bounded work (issue 17): the data, the
// start's loss and the mse quadratic's statistics, the Gram columns, each step, the Hessian's reduction
// (O(d³)) and the loss grid, none holding a thread past the 50 ms of a long task. The scenarios are as small as
// keeps the test to seconds while each is dear where it counts (d up to 1024, a Hessian's reduction of
// hundreds of millions of multiply-adds), so run in one piece each would take hundreds of milliseconds.
// A piece's time is its CPU time, the least of two warm runs (the pieces come in the same order every
// run), so a collector's pause or another process on the machine is not charged to the engine.
import * as assert from 'node:assert/strict';
import { gridSizeFor, resolveScenario, runCost, type Scenario } from '../../src/engine/index';
import { RunViewJob } from '../../src/shared/runView';
import { threadCpuMs } from '../support/threadCpu';

/** The budget of a long task: no piece may come near it. */
const LONG_TASK_MS = 50;

/** CPU milliseconds of each piece of one run. */
function pieceTimes(s: Scenario): number[] {
  const times: number[] = [];
  const pieces = new RunViewJob(s).pieces; // the run as the host and the pages make it, slice by slice
  let t = threadCpuMs();
  for (;;) {
    const r = pieces.next();
    const now = threadCpuMs();
    times.push(now - t);
    t = now;
    if (r.done) return times;
  }
}

const SCENARIOS: readonly { readonly name: string; readonly input: Record<string, unknown> }[] = [
  {
    name: 'd = 512, mse, full batch: XᵀX/N, the loss as its quadratic, the reduction at w*',
    input: { inputs: { dimension: 512, count: 520, distribution: 'uniform' }, steps: 10 },
  },
  {
    name: 'd = 512, mse, batches of 100, centred ReLU inputs: Gram columns filled as the run goes',
    input: { inputs: { dimension: 512, count: 520, distribution: 'relu', center: true }, batchSize: 100, steps: 30 },
  },
  {
    name: 'd = 1024, logistic, full batch, fewer examples than inputs: the N × N Gram matrix at w* and its reduction',
    input: { loss: 'logistic', inputs: { dimension: 1024, count: 400, distribution: 'uniform' }, steps: 20 },
  },
];

describe('fan-in in pieces: no piece near a long task (issue 17)', () => {
  for (const { name, input } of SCENARIOS) {
    it(name, function () {
      this.timeout(120_000);
      const s = resolveScenario(input);
      // Dear enough to matter: the work after the steps (the curvature at w*) alone is hundreds of
      // milliseconds at the cost model's ~11 ns a unit (docs/scenario-format.md), far over a long task.
      const cost = runCost(s, { records: true, gridSize: gridSizeFor(s) });
      assert.ok(cost.finish * 11e-6 > 4 * LONG_TASK_MS, `finish ${cost.finish} units`);
      pieceTimes(s); // warm: every code path compiled
      const first = pieceTimes(s);
      const second = pieceTimes(s);
      assert.equal(second.length, first.length, 'the same pieces every run');
      const least = first.map((t, i) => Math.min(t, second[i]));
      const longest = Math.max(...least);
      const at = least.indexOf(longest);
      assert.ok(longest <= LONG_TASK_MS, `piece ${at} of ${least.length} took ${longest.toFixed(1)} ms of CPU`);
    });
  }
});
