// npm run bench:cost: the cost model (src/engine/cost.ts) against the clock. Each scenario is computed as
// the playground computes it (records, the run's window, the loss grid) or as the CLI does (neither), and
// timed in CPU time (best of several rounds, so other processes on the machine count less); both the
// model's cost and the time are printed as ratios to the reference scenario, the classic demo. A row whose
// last column is near 1 is modelled well; above 1 the model undercounts it (the budgets trust it), below
// 1 it counts the worst case (sin of a huge argument, a logistic grid far from the origin, a run that
// diverges early). Also prints what one cost unit takes on this machine.
import { FUNCTION_PRESETS } from '../../src/engine/catalog/functionPresets';
import { gridSizeFor, runCost } from '../../src/engine/cost';
import { gridBounds, lossGrid } from '../../src/engine/grid';
import { resolveScenario } from '../../src/engine/scenario';
import { Trainer, simulate } from '../../src/engine/simulate';
import type { Scenario } from '../../src/engine/types';
import { RunViewMemo, computeRunView } from '../../src/shared/runView';

interface Case {
  readonly name: string;
  readonly scenario: object;
  /** As the playground draws it (records and a grid of this size), or as the CLI runs it (0: neither). */
  readonly gridSize: number;
  /**
   * Fan-in: drawn as the playground's page does (RunViewJob, its grid size), with a memo that keeps what
   * earlier runs made with the inputs ('kept': a drag's previews, the start moving at every call) or a
   * fresh memo each call ('cold').
   */
  readonly memo?: 'kept' | 'cold';
}

/** Issue 21's drag case: d = 784 (an MNIST image), N = 256, batch 1, 400 steps. */
const FAN_IN_784 = { inputs: { distribution: 'sigmoid', count: 256, dimension: 784 }, optimizer: { lr: 0.002 }, steps: 400 };

const powerChains = (chains: number, terms: number): string =>
  Array.from({ length: chains }, () => Array.from({ length: terms }, () => 'w1').join('^')).join('+');

const CASES: readonly Case[] = [
  { name: 'classic demo (reference)', scenario: {}, gridSize: 96 },
  { name: 'classic demo, 50,000 steps', scenario: { steps: 50_000 }, gridSize: 128 },
  { name: 'CLI: classic demo, 200,000 steps', scenario: { steps: 200_000 }, gridSize: 0 },
  { name: 'mse batch 16, 5,000 steps', scenario: { batchSize: 16, steps: 5000 }, gridSize: 96 },
  { name: 'mse batch 64, 5,000 steps', scenario: { batchSize: 64, steps: 5000 }, gridSize: 96 },
  { name: 'mse batch 200 (N=1000), 5,000 steps', scenario: { batchSize: 200, inputs: { count: 1000 }, steps: 5000 }, gridSize: 96 },
  { name: 'mse shuffle batch 16, 5,000 steps', scenario: { order: 'shuffle', batchSize: 16, steps: 5000 }, gridSize: 96 },
  {
    name: 'mse shuffle batch 200 (N=1000), 3,000 steps',
    scenario: { order: 'shuffle', batchSize: 200, inputs: { count: 1000 }, steps: 3000 },
    gridSize: 96,
  },
  { name: 'CLI: mse shuffle batch 64, 20,000 steps', scenario: { order: 'shuffle', batchSize: 64, steps: 20_000 }, gridSize: 0 },
  {
    name: 'mse sums filled per batch (N=20,000, batch 19,996)',
    scenario: { inputs: { count: 20_000 }, batchSize: 19_996, steps: 6000 },
    gridSize: 96,
  },
  { name: 'data: N=100,000, 10 steps', scenario: { inputs: { count: 100_000 }, steps: 10 }, gridSize: 0 },
  { name: 'logistic N=256, 2,000 steps', scenario: { loss: 'logistic', steps: 2000 }, gridSize: 96 },
  {
    name: 'logistic N=2000, batch 64, 120 steps',
    scenario: { loss: 'logistic', inputs: { count: 2000 }, batchSize: 64, steps: 120 },
    gridSize: 96,
  },
  {
    name: 'logistic N=2000, far window (target 2,000 away)',
    scenario: { loss: 'logistic', inputs: { count: 2000 }, target: { quadrant: 'nw', distance: 2000 }, steps: 120 },
    gridSize: 96,
  },
  {
    name: 'CLI: logistic N=5000, batch 500, 500 steps',
    scenario: { loss: 'logistic', inputs: { count: 5000 }, batchSize: 500, steps: 500 },
    gridSize: 0,
  },
  { name: 'fan-in d=784 N=256 batch 1, 400 steps: first run', scenario: FAN_IN_784, gridSize: 128, memo: 'cold' },
  { name: 'fan-in d=784 N=256 batch 1, 400 steps: a drag (inputs kept)', scenario: FAN_IN_784, gridSize: 128, memo: 'kept' },
  {
    name: 'fan-in d=100 N=1000 momentum batch 4, 2,000 steps: kept',
    scenario: {
      inputs: { distribution: 'relu', count: 1000, dimension: 100 },
      optimizer: { name: 'momentum', lr: 0.001 },
      batchSize: 4,
      steps: 2000,
    },
    gridSize: 128,
    memo: 'kept',
  },
  ...Object.keys(FUNCTION_PRESETS).map((preset) => ({
    name: `function ${preset}, 5,000 steps`,
    scenario: { model: 'function', function: { preset }, steps: 5000, optimizer: { lr: 0.001 } },
    gridSize: 96,
  })),
  {
    name: 'function exp, log, tanh, sigmoid, softplus',
    scenario: {
      model: 'function',
      function: { expression: 'exp(0.1*w1) + log(1 + w2^2) + tanh(w1*w2) + sigmoid(w1) + softplus(w2 - w1)' },
      steps: 5000,
      optimizer: { lr: 0.01 },
    },
    gridSize: 96,
  },
  {
    name: 'function sin, cos of small arguments',
    scenario: { model: 'function', function: { expression: 'sin(w1)*cos(w2) + sin(w1 + w2) + cos(w1 - w2)' }, steps: 5000 },
    gridSize: 96,
  },
  {
    name: 'function sin, cos of huge arguments',
    scenario: {
      model: 'function',
      function: { expression: 'sin(1e9*w1)*cos(1e9*w2) + sin(1e9*(w1 + w2))' },
      steps: 5000,
      optimizer: { lr: 1e-12 },
    },
    gridSize: 96,
  },
  {
    name: 'function: 8 power chains of 41 (issue 17), 200 steps',
    scenario: { model: 'function', function: { expression: powerChains(8, 41) }, start: [0.5, 0.5], steps: 200, optimizer: { lr: 1e-6 } },
    gridSize: 96,
  },
  {
    name: 'function: 1,000 characters of w1*w2+…, 2,000 steps',
    scenario: {
      model: 'function',
      function: { expression: Array.from({ length: 166 }, () => 'w1*w2').join('+') },
      steps: 2000,
      optimizer: { lr: 1e-9 },
    },
    gridSize: 96,
  },
];

/** The run as the playground draws it, or as the CLI runs it. */
function compute(s: Scenario, gridSize: number): void {
  if (gridSize === 0) {
    simulate(s);
    return;
  }
  const trainer = new Trainer(s, { records: true });
  const run = trainer.finish();
  const bounds = gridBounds([s.start, ...(run.target ? [run.target] : [])], run.trajectory, 0.15, 0.5, 1.5);
  lossGrid(trainer.problem, bounds, gridSize);
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU milliseconds of f, the best of 5 rounds of at least 100 ms each (or one call, when that takes longer). */
function cpuTime(f: () => void): number {
  f(); // warm-up (JIT)
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const t0 = cpuMs();
    let elapsed: number;
    do {
      f();
      calls++;
      elapsed = cpuMs() - t0;
    } while (elapsed < 100);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

function main(): void {
  const rows: string[][] = [['scenario', 'cost (units)', 'cost ÷ ref', 'CPU ms', 'time ÷ ref', 'time ratio ÷ cost ratio']];
  let reference: { cost: number; ms: number } | null = null;
  const ratios: number[] = [];
  for (const c of CASES) {
    const s = resolveScenario(c.scenario);
    let cost: number;
    let ms: number;
    if (c.memo) {
      // As a page draws it; a kept memo's start moves at every call (labels, loss and grid change).
      let memo = new RunViewMemo();
      computeRunView(s, { memo, inPage: true });
      cost = runCost(s, { records: true, gridSize: gridSizeFor(s), kept: c.memo === 'kept' ? memo.datasets.keptFor(s) : null }).total;
      let calls = 0;
      ms = cpuTime(() => {
        if (c.memo === 'cold') memo = new RunViewMemo();
        const start = s.start.slice();
        start[0] = 0.001 * (++calls % 100);
        computeRunView({ ...s, start }, { memo, inPage: true });
      });
    } else {
      cost = runCost(s, { records: c.gridSize > 0, gridSize: c.gridSize }).total;
      ms = cpuTime(() => compute(s, c.gridSize));
    }
    reference ??= { cost, ms };
    const costRatio = cost / reference.cost;
    const timeRatio = ms / reference.ms;
    ratios.push(timeRatio / costRatio);
    rows.push([
      c.name,
      cost.toExponential(2),
      costRatio.toFixed(2),
      ms.toFixed(2),
      timeRatio.toFixed(2),
      (timeRatio / costRatio).toFixed(2),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  '));
  const ref = reference!;
  console.log(`\none cost unit ≈ ${((ref.ms / ref.cost) * 1e6).toFixed(2)} ns of CPU here (the reference's time ÷ its cost)`);
  console.log(`time ratio ÷ cost ratio: from ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}`);
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
}

main();
