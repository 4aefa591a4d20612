// npm run bench: the engine against the limit (a hand-fused loop doing the same work) and against
// TensorFlow.js's cpu backend computing the same gradients, measured side by side in one process.
// Prints ratios, not absolute verdicts on this machine's speed.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { generateDataset } from '../../src/engine/data';
import { gridBounds, lossGrid } from '../../src/engine/grid';
import { resolveScenario } from '../../src/engine/scenario';
import { createProblem, simulate, targetOf } from '../../src/engine/simulate';
import type { Scenario } from '../../src/engine/types';
import { readEmbedScenario, runEmbedScenario } from '../../src/shared/embedScenario';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** Alternates the contenders so drift in machine load hits them alike; median of each. */
function sideBySide(rounds: number, contenders: Record<string, () => unknown>): Record<string, number> {
  const times: Record<string, number[]> = {};
  for (const name of Object.keys(contenders)) {
    contenders[name](); // warm-up (JIT)
    times[name] = [];
  }
  for (let r = 0; r < rounds; r++) for (const [name, f] of Object.entries(contenders)) times[name].push(time(f));
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/**
 * The limit for an mse neuron with SGD: one loop doing the engine's work (batch gradient, update,
 * full-data loss from sufficient statistics, trajectory and loss arrays, divergence check, metrics)
 * with nothing general about it.
 */
function fusedMse(s: Scenario): {
  trajectory: Float64Array;
  loss: Float64Array;
  lockedFraction: number;
  reversals: number;
  pathLength: number;
} {
  const d = generateDataset(s, targetOf(s)!);
  const { x1, x2, y, n } = d;
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    b1 = 0,
    b2 = 0;
  for (let i = 0; i < n; i++) {
    s11 += x1[i] * x1[i];
    s12 += x1[i] * x2[i];
    s22 += x2[i] * x2[i];
    b1 += x1[i] * y[i];
    b2 += x2[i] * y[i];
  }
  s11 /= n;
  s12 /= n;
  s22 /= n;
  b1 /= n;
  b2 /= n;
  const det = s11 * s22 - s12 * s12;
  const h1 = (s22 * b1 - s12 * b2) / det;
  const h2 = (s11 * b2 - s12 * b1) / det;
  let lmin = 0;
  for (let i = 0; i < n; i++) {
    const r = h1 * x1[i] + h2 * x2[i] - y[i];
    lmin += r * r;
  }
  lmin = (0.5 * lmin) / n;
  const T = s.steps;
  const B = s.batchSize === 'full' ? n : s.batchSize;
  const lr = s.optimizer.lr;
  const traj = new Float64Array(2 * (T + 1));
  const loss = new Float64Array(T + 1);
  let w1 = s.start[0],
    w2 = s.start[1];
  let locked = 0,
    reversals = 0,
    path = 0,
    p1 = 0,
    p2 = 0,
    next = 0;
  for (let t = 0; t <= T; t++) {
    const d1 = w1 - h1,
      d2 = w2 - h2;
    const L = lmin + 0.5 * (s11 * d1 * d1 + 2 * s12 * d1 * d2 + s22 * d2 * d2);
    if (!(L <= 1e12)) break;
    traj[2 * t] = w1;
    traj[2 * t + 1] = w2;
    loss[t] = L;
    if (t === T) break;
    let g1 = 0,
      g2 = 0;
    for (let k = 0; k < B; k++) {
      const i = next;
      if (++next === n) next = 0;
      const r = w1 * x1[i] + w2 * x2[i] - y[i];
      g1 += r * x1[i];
      g2 += r * x2[i];
    }
    const n1 = w1 - (lr * g1) / B,
      n2 = w2 - (lr * g2) / B;
    const u1 = n1 - w1,
      u2 = n2 - w2; // Δw as the spec defines it: w_{t+1} − w_t
    w1 = n1;
    w2 = n2;
    if (u1 * u2 > 0) locked++;
    if (t > 0 && u1 * p1 + u2 * p2 < 0) reversals++;
    path += Math.sqrt(u1 * u1 + u2 * u2);
    p1 = u1;
    p2 = u2;
  }
  return { trajectory: traj, loss, lockedFraction: locked / T, reversals, pathLength: path };
}

/** TensorFlow.js computing the same batch gradient per step (cpu backend); steps timed, per step. */
function tfjsPerStepMs(s: Scenario, steps: number): number {
  const d = generateDataset(s, targetOf(s)!);
  const B = s.batchSize === 'full' ? d.n : s.batchSize;
  const X = tf.tensor2d(Array.from({ length: d.n }, (_, i) => [d.x1[i], d.x2[i]]));
  const Y = tf.tensor1d(Array.from(d.y));
  const w = tf.variable(tf.tensor1d([s.start[0], s.start[1]]));
  const lr = s.optimizer.lr;
  const step = (t: number): void => {
    tf.tidy(() => {
      const idx = tf.tensor1d(
        Array.from({ length: B }, (_, k) => (t * B + k) % d.n),
        'int32',
      );
      const xb = tf.gather(X, idx);
      const yb = tf.gather(Y, idx);
      const { grads } = tf.variableGrads(() => tf.mul(0.5, tf.mean(tf.square(tf.sub(tf.sum(tf.mul(xb, w), 1), yb)))) as tf.Scalar, [w]);
      w.assign(tf.sub(w, tf.mul(lr, grads[w.name])));
      w.dataSync(); // the cpu backend is synchronous; this only makes the step's result observable
    });
  };
  for (let t = 0; t < 20; t++) step(t);
  const ms = time(() => {
    for (let t = 0; t < steps; t++) step(t);
  });
  tf.dispose([X, Y, w]);
  return ms / steps;
}

const rows: string[][] = [['case', 'engine', 'limit (fused)', 'engine/limit', 'target', 'TensorFlow.js', 'tfjs/engine', 'target']];
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3)) + ' ms';
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const cases: [string, Scenario, number][] = [
    ['per-example SGD, N=256, 3,000,000 steps', resolveScenario({ steps: 3_000_000 }), 2000],
    [
      'full batch, N=4096, 20,000 steps',
      resolveScenario({ steps: 20_000, batchSize: 'full', inputs: { count: 4096 }, optimizer: { lr: 2 } }),
      200,
    ],
  ];
  for (const [name, s, tfSteps] of cases) {
    // Same work: the limit must reproduce the engine's numbers, or the ratio means nothing.
    const a = simulate(s);
    const b = fusedMse(s);
    for (let i = 0; i < a.trajectory.length; i++) {
      if (Math.abs(a.trajectory[i] - b.trajectory[i]) > 1e-9 * (1 + Math.abs(a.trajectory[i]))) {
        throw new Error(`${name}: the fused loop departs from the engine at w[${i}]`);
      }
    }
    if (a.metrics.lockedFraction !== b.lockedFraction || a.metrics.reversals !== b.reversals) throw new Error(`${name}: metrics differ`);
    const t = sideBySide(5, { engine: () => simulate(s), fused: () => fusedMse(s) });
    const tfjsTotal = tfjsPerStepMs(s, tfSteps) * s.steps;
    const ratio = t.engine / t.fused;
    const speedup = tfjsTotal / t.engine;
    rows.push([
      name,
      ms(t.engine),
      ms(t.fused),
      `${ratio.toFixed(2)}×`,
      `≤ 3× ${verdict(ratio <= 3)}`,
      `${ms(tfjsTotal)} (from ${tfSteps} steps)`,
      `${speedup.toFixed(0)}×`,
      `≥ 50× ${verdict(speedup >= 50)}`,
    ]);
  }
  for (const loss of ['mse', 'logistic'] as const) {
    const s = resolveScenario({ loss });
    const p = createProblem(s);
    const run = simulate(s);
    const b = gridBounds([s.start, targetOf(s)!], run.trajectory);
    const t = sideBySide(15, { grid: () => lossGrid(p, b, 128) });
    const limit = loss === 'mse' ? 2 : 40;
    rows.push([`128×128 ${loss} loss grid (N=256)`, ms(t.grid), '', '', `< ${limit} ms ${verdict(t.grid < limit)}`, '', '', '']);
  }
  // Plots in course material run on the page's main thread: the heaviest blocks the embed limits allow,
  // against the classic demo, each computed as the page computes it (run, records, contour grid).
  const embed = (text: string): Scenario => {
    const r = readEmbedScenario(text);
    if (!r.ok) throw new Error(`${text}: ${r.message}`);
    return r.scenario;
  };
  const demo = embed('{}');
  for (const [name, text] of [
    ['embed: logistic, N=2000, batch 64, 120 steps', '{ "loss": "logistic", "steps": 120, "batchSize": 64, "inputs": { "count": 2000 } }'],
    ['embed: mse, batch 50, 5,000 steps', '{ "steps": 5000, "batchSize": 50 }'],
  ]) {
    const heavy = embed(text);
    const t = sideBySide(5, { heavy: () => runEmbedScenario(heavy), demo: () => runEmbedScenario(demo) });
    rows.push([
      `${name} vs the classic demo`,
      ms(t.heavy),
      ms(t.demo),
      `${(t.heavy / t.demo).toFixed(1)}×`,
      `< 250 ms ${verdict(t.heavy < 250)}`,
      '',
      '',
      '',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  console.log(`\nnode ${process.version}, ${new Date().toISOString()}; medians of alternating rounds`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
