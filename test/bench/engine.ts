// npm run bench: the engine against the limit (a hand-fused loop doing the same work) and against
// TensorFlow.js's cpu backend computing the same gradients, measured side by side in one process; then
// mse at N = 100,000 against the per-example loop the batch sums replace. Prints ratios, not absolute
// verdicts on this machine's speed.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { generateDataset } from '../../src/engine/data';
import { gridBounds, lossGrid } from '../../src/engine/grid';
import { hypot2 } from '../../src/engine/portableMath';
import { resolveScenario } from '../../src/engine/scenario';
import { createProblem, simulate, targetOf } from '../../src/engine/simulate';
import type { Scenario } from '../../src/engine/types';
import { EMBED_LIMITS, readEmbedScenario, runEmbedScenario } from '../../src/shared/embedScenario';
import { parseNpy } from '../../src/shared/dataFiles';
import { RunViewMemo, computeRunView } from '../../src/shared/runView';
import { generateFanInData } from '../../src/engine/data';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/**
 * Alternates the contenders so drift in machine load hits them alike; median of each. Each runs at least
 * minRounds rounds and ~1 s, so a cheap one gets many rounds and one slow round on a busy machine
 * does not decide (an expensive one drops out of the rotation once it has its rounds).
 */
function sideBySide(minRounds: number, contenders: Record<string, () => unknown>): Record<string, number> {
  const times: Record<string, number[]> = {};
  for (const name of Object.keys(contenders)) {
    contenders[name](); // warm-up (JIT)
    times[name] = [];
  }
  const done = (name: string): boolean => times[name].length >= minRounds && times[name].reduce((a, b) => a + b, 0) >= 1000;
  for (let r = 0; r < 1000 && !Object.keys(times).every(done); r++) {
    for (const [name, f] of Object.entries(contenders)) if (!done(name)) times[name].push(time(f));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

interface FusedRun {
  trajectory: Float64Array;
  loss: Float64Array;
  lockedFraction: number;
  reversals: number;
  pathEfficiency: number;
}

/**
 * An mse neuron with SGD in one loop doing the engine's work (batch gradient, update, full-data loss
 * from sufficient statistics, trajectory and loss arrays, divergence check, metrics on the way to the
 * target) with nothing general about it. The gradient either sums the batch example by example or, as
 * the engine does for batches that recur, comes from each batch's sums S_B and q_B about w*, precomputed:
 * the limit for the engine's arithmetic.
 */
function fusedMse(s: Scenario, gradient: 'per-example' | 'batch sums'): FusedRun {
  const target = targetOf(s)!;
  const [c1, c2] = target;
  const { x1, x2, y, n } = generateDataset(s, target);
  // The loss about w*: L* + g*·d + ½dᵀSd (as the engine's).
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    q1 = 0,
    q2 = 0,
    l0 = 0;
  for (let i = 0; i < n; i++) {
    const r = c1 * x1[i] + c2 * x2[i] - y[i];
    s11 += x1[i] * x1[i];
    s12 += x1[i] * x2[i];
    s22 += x2[i] * x2[i];
    q1 += r * x1[i];
    q2 += r * x2[i];
    l0 += r * r;
  }
  s11 /= n;
  s12 /= n;
  s22 /= n;
  q1 /= n;
  q2 /= n;
  l0 = (0.5 * l0) / n;
  const det = Math.max(0, s11 * s22 - s12 * s12);
  const T = s.steps;
  const B = s.batchSize === 'full' ? n : s.batchSize;
  // Batch sums for the period N/gcd(N, B) of cyclic batches, as the engine keeps them.
  let gcd = n;
  for (let b = B; b !== 0;) [gcd, b] = [b, gcd % b];
  const period = gradient === 'batch sums' ? n / gcd : 0;
  const sums = new Float64Array(5 * period);
  for (let j = 0, i = 0; j < period; j++) {
    for (let k = 0; k < B; k++) {
      const r = x1[i] * c1 + x2[i] * c2 - y[i];
      sums[5 * j] += x1[i] * x1[i];
      sums[5 * j + 1] += x1[i] * x2[i];
      sums[5 * j + 2] += x2[i] * x2[i];
      sums[5 * j + 3] += r * x1[i];
      sums[5 * j + 4] += r * x2[i];
      if (++i === n) i = 0;
    }
  }
  const lr = s.optimizer.lr;
  const traj = new Float64Array(2 * (T + 1));
  const loss = new Float64Array(T + 1);
  const radius = 0.05 * hypot2(s.start[0] - c1, s.start[1] - c2);
  const radius2 = radius * radius;
  let w1 = s.start[0],
    w2 = s.start[1];
  let locked = 0,
    reversals = 0,
    path = 0,
    p1 = 0,
    p2 = 0,
    next = 0,
    reached = 0;
  for (let t = 0; t <= T; t++) {
    const d1 = w1 - c1,
      d2 = w2 - c2;
    const e = d1 + (s12 / s11) * d2;
    const L = Math.max(0, l0 + q1 * d1 + q2 * d2 + 0.5 * (s11 * e * e + (det / s11) * d2 * d2));
    if (!(L <= 1e12)) break;
    traj[2 * t] = w1;
    traj[2 * t + 1] = w2;
    loss[t] = L;
    if (reached === 0 && t > 0 && d1 * d1 + d2 * d2 <= radius2) reached = t;
    if (t === T) break;
    let g1 = 0,
      g2 = 0;
    if (period > 0) {
      const o = 5 * (t % period);
      g1 = (sums[o] * d1 + sums[o + 1] * d2 + sums[o + 3]) / B;
      g2 = (sums[o + 1] * d1 + sums[o + 2] * d2 + sums[o + 4]) / B;
    } else {
      for (let k = 0; k < B; k++) {
        const i = next;
        if (++next === n) next = 0;
        const r = w1 * x1[i] + w2 * x2[i] - y[i];
        g1 += r * x1[i];
        g2 += r * x2[i];
      }
      g1 /= B;
      g2 /= B;
    }
    const n1 = w1 - lr * g1,
      n2 = w2 - lr * g2;
    const u1 = n1 - w1,
      u2 = n2 - w2; // Δw as the spec defines it: w_{t+1} − w_t
    w1 = n1;
    w2 = n2;
    if (u1 * u2 > 0) locked++;
    // On the way to the target: turn-backs and length until the step that reaches it.
    if (reached === 0) {
      if (t > 0 && u1 * p1 + u2 * p2 < 0) reversals++;
      path += Math.sqrt(u1 * u1 + u2 * u2);
    }
    p1 = u1;
    p2 = u2;
  }
  const end = reached || T;
  const net = hypot2(traj[2 * end] - traj[0], traj[2 * end + 1] - traj[1]);
  return { trajectory: traj, loss, lockedFraction: locked / T, reversals, pathEfficiency: path > 0 ? net / path : 1 };
}

/**
 * Full-batch gradient descent on mse in closed form: w_t = ŵ + (I − ηH)^t (w_0 − ŵ), H = mean x·xᵀ,
 * ŵ the least-squares fit, the matrix power by repeated squaring for each t (no iteration to inherit
 * rounding from). The oracle for the trajectory check.
 */
function closedFormTrajectory(s: Scenario): Float64Array {
  const { x1, x2, y, n } = generateDataset(s, targetOf(s)!);
  let [h11, h12, h22, c1, c2] = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    h11 += x1[i] * x1[i];
    h12 += x1[i] * x2[i];
    h22 += x2[i] * x2[i];
    c1 += x1[i] * y[i];
    c2 += x2[i] * y[i];
  }
  [h11, h12, h22, c1, c2] = [h11 / n, h12 / n, h22 / n, c1 / n, c2 / n];
  const det = h11 * h22 - h12 * h12;
  const fit = [(h22 * c1 - h12 * c2) / det, (h11 * c2 - h12 * c1) / det];
  const eta = s.optimizer.lr;
  type M = [number, number, number, number];
  const mul = (a: M, b: M): M => [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
  ];
  const step: M = [1 - eta * h11, -eta * h12, -eta * h12, 1 - eta * h22];
  const e0 = [s.start[0] - fit[0], s.start[1] - fit[1]];
  const out = new Float64Array(2 * (s.steps + 1));
  for (let t = 0; t <= s.steps; t++) {
    let p: M = [1, 0, 0, 1];
    let base = step;
    for (let e = t; e > 0; e >>= 1) {
      if (e & 1) p = mul(p, base);
      base = mul(base, base);
    }
    out[2 * t] = fit[0] + p[0] * e0[0] + p[1] * e0[1];
    out[2 * t + 1] = fit[1] + p[2] * e0[0] + p[3] * e0[1];
  }
  return out;
}

/** Largest |a − b| / max(1, |b|) over whole trajectories; Infinity when their lengths differ. */
function maxRelativeGap(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Infinity;
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return gap;
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

/** The limit must reproduce the engine's numbers, or the ratio means nothing. */
function checkSameWork(name: string, s: Scenario, limit: FusedRun): void {
  const a = simulate(s);
  const gap = maxRelativeGap(a.trajectory, limit.trajectory);
  if (!(gap <= 1e-9)) throw new Error(`${name}: the fused loop departs from the engine by ${gap}`);
  const m = a.metrics;
  if (m.lockedFraction !== limit.lockedFraction || m.reversals !== limit.reversals || m.pathEfficiency !== limit.pathEfficiency) {
    throw new Error(`${name}: metrics differ (${JSON.stringify(m)} vs ${JSON.stringify(limit)})`);
  }
}

/** mse in O(1) per step: the engine against the per-example loop it replaces and the closed-form limit. */
function mseRows(): string[][] {
  const out: string[][] = [
    [
      'mse, N=100,000, 20,000 steps',
      'engine',
      'of it: data',
      'limit (batch sums)',
      'engine/limit',
      'per-example loop',
      'per-example/engine',
      'target',
      'trajectory vs per-example',
      'vs closed form',
    ],
  ];
  const base = { inputs: { count: 100_000 }, steps: 20_000, optimizer: { lr: 2 } };
  for (const [label, batchSize] of [
    ['batch 1', 1],
    ['batch 1000, cyclic', 1000],
    ['full batch', 'full'],
  ] as const) {
    const s = resolveScenario({ ...base, batchSize, ...(batchSize === 1 ? { optimizer: { lr: 0.5 } } : {}) });
    const sumsPath = batchSize !== 1; // batches of 1 are summed directly, as cheap as their sums
    const limit = fusedMse(s, sumsPath ? 'batch sums' : 'per-example');
    checkSameWork(label, s, limit);
    const perExample = fusedMse(s, 'per-example');
    const gap = maxRelativeGap(simulate(s).trajectory, perExample.trajectory);
    const closed = batchSize === 'full' ? maxRelativeGap(simulate(s).trajectory, closedFormTrajectory(s)) : null;
    const rounds = batchSize === 'full' ? 3 : 5; // the per-example full batch takes seconds a round
    const t = sideBySide(rounds, {
      engine: () => simulate(s),
      data: () => generateDataset(s, targetOf(s)!), // the fixed cost every contender pays
      limit: () => fusedMse(s, sumsPath ? 'batch sums' : 'per-example'),
      perExample: () => fusedMse(s, 'per-example'),
    });
    const speedup = t.perExample / t.engine;
    out.push([
      label,
      ms(t.engine),
      ms(t.data),
      ms(t.limit),
      `${(t.engine / t.limit).toFixed(2)}×`,
      ms(t.perExample),
      `${speedup.toFixed(speedup >= 10 ? 0 : 2)}×`,
      batchSize === 'full' ? `≥ 100× ${verdict(speedup >= 100)}` : '',
      `${gap.toExponential(1)} ${verdict(gap <= 1e-9)}`,
      closed === null ? '' : `${closed.toExponential(1)} ${verdict(closed <= 1e-9)}`,
    ]);
  }
  return out;
}

/**
 * The loop a fan-in run replaces: SGD on an mse neuron of d inputs with the full-data loss computed
 * afresh every step (N·d), trajectory kept whole. Checks the engine's run against it.
 */
function naiveFanIn(s: Scenario): { w: Float64Array; loss: Float64Array } {
  const target = targetOf(s)!;
  const { x, y, n, d } = generateFanInData(s, target);
  const lr = s.optimizer.lr;
  const w = Float64Array.from(s.start);
  const loss = new Float64Array(s.steps + 1);
  const lossAt = (): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = 0; j < d; j++) f += w[j] * x[i * d + j];
      sum += (f - y[i]) ** 2;
    }
    return (0.5 * sum) / n;
  };
  loss[0] = lossAt();
  for (let t = 0; t < s.steps; t++) {
    const i = t % n;
    let f = 0;
    for (let j = 0; j < d; j++) f += w[j] * x[i * d + j];
    const r = f - y[i];
    for (let j = 0; j < d; j++) w[j] -= lr * r * x[i * d + j];
    loss[t + 1] = lossAt();
  }
  return { w, loss };
}

/** A .npy file of rows × columns float32 values in (0, 1), built per the format (as np.save writes it). */
function npyFile(rows: number, columns: number): Uint8Array {
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
  const padded = header + ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + padded.length + 4 * rows * columns);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[10 + i] = padded.charCodeAt(i);
  const values = new Float32Array(out.buffer, 10 + padded.length, rows * columns);
  let u = 12345;
  for (let k = 0; k < values.length; k++) {
    u = (Math.imul(u, 1664525) + 1013904223) >>> 0;
    values[k] = (u >>> 8) / 2 ** 24; // like pixel intensities: all ≥ 0
  }
  return out;
}

/**
 * Fan-in at d = 784: a drag of the start (N = 256, batch 1, 400 steps, the page's preview: run with
 * records and the plane's slice, data and Gram columns reused), against the same run with the loss
 * computed afresh each step and against the classic d = 2 demo's preview; the first plot of such a
 * scenario (Gram columns and κ computed once); and a 10,000 × 784 float32 .npy read and run.
 */
function fanInRows(): string[][] {
  const out: string[][] = [['fan-in, d = 784', 'time', 'reference', 'ratio', 'check']];
  // This machine's pace now: a plain dot product's multiply-adds per second (times below scale with it).
  const xs = new Float64Array(4096).fill(1.0001);
  let sink = 0;
  const dotMs = time(() => {
    let sum = 0;
    for (let r = 0; r < 20_000; r++) for (let i = 0; i < xs.length; i++) sum += xs[i] * xs[i];
    sink = sum;
  });
  out.push([
    'pace: a dot product loop',
    ms(dotMs),
    `${((20_000 * 4096) / dotMs / 1e6).toFixed(2)} G multiply-adds/s`,
    '',
    sink > 0 ? '' : '?',
  ]);
  const d = 784;
  const at = (k: number): number[] => Array.from({ length: d }, (_, j) => (j === 0 ? 0.02 * k : j === 1 ? -0.01 * k : 0));
  const drag = (k: number): Scenario =>
    resolveScenario({ inputs: { dimension: d, count: 256, distribution: 'uniform' }, steps: 400, optimizer: { lr: 0.01 }, start: at(k) });
  const first = drag(0);
  const engine = simulate(first);
  const naive = naiveFanIn(first);
  let gap = 0;
  for (let t = 0; t <= first.steps; t++) gap = Math.max(gap, Math.abs(engine.loss[t] - naive.loss[t]) / naive.loss[t]);
  for (let j = 0; j < d; j++) gap = Math.max(gap, Math.abs(engine.finalWeights[j] - naive.w[j]) / Math.max(1, Math.abs(naive.w[j])));
  const cold = time(() => computeRunView(first, { memo: new RunViewMemo(), inPage: true }));
  const memo = new RunViewMemo();
  computeRunView(first, { memo, inPage: true });
  const demoMemo = new RunViewMemo();
  const demo = resolveScenario({});
  let k = 1;
  const t = sideBySide(20, {
    move: () => computeRunView(drag(k++), { memo, inPage: true }),
    demo: () => computeRunView({ ...demo, start: [0.001 * k, 0] }, { memo: demoMemo, inPage: true }),
    naive: () => naiveFanIn(first),
  });
  out.push([
    'drag move → RunView (N=256, batch 1, 400 steps)',
    ms(t.move),
    `naive loop ${ms(t.naive)}`,
    `${(t.naive / t.move).toFixed(1)}× faster`,
    `loss and w vs naive ${gap.toExponential(1)} ${verdict(gap <= 1e-9)}`,
  ]);
  out.push(['  the same move', ms(t.move), `classic d = 2 demo ${ms(t.demo)}`, `${(t.move / t.demo).toFixed(1)}× the demo`, '']);
  out.push(['first plot (Gram columns, κ)', ms(cold), '', '', `κ ${engine.metrics.conditionNumber ?? 'none (N < d: singular)'}`]);
  const before = process.memoryUsage().arrayBuffers;
  const bytes = npyFile(10_000, d);
  let view: ReturnType<typeof computeRunView> | null = null;
  const npy = time(() => {
    const table = parseNpy('activations.npy', bytes);
    const s = resolveScenario(
      { inputs: { distribution: 'file', file: 'activations.npy' }, steps: 400, optimizer: { lr: 0.001 } },
      { inputFile: table },
    );
    view = computeRunView(s, { inPage: true });
  });
  const memory = (process.memoryUsage().arrayBuffers - before) / 2 ** 20;
  const ledger = view!.ledger;
  out.push([
    '10,000 × 784 float32 .npy: parse, run, slice, κ',
    ms(npy),
    `file ${(bytes.length / 2 ** 20).toFixed(1)} MB`,
    `${memory.toFixed(0)} MB array buffers`,
    `κ ${ledger.conditionNumber === null ? 'none' : ledger.conditionNumber.toFixed(0)}, λmax ${ledger.lambdaMax?.toFixed(2)} ${verdict(npy < 3000)} (< 3 s)`,
  ]);
  return out;
}

function print(table: string[][]): void {
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  for (const r of table) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
}

async function main(): Promise<void> {
  // `npm run bench -- fan-in`: the fan-in section alone.
  if (process.argv.includes('fan-in')) {
    print(fanInRows());
    return;
  }
  await tf.setBackend('cpu');
  const cases: [string, Scenario, number, 'per-example' | 'batch sums'][] = [
    ['per-example SGD, N=256, 3,000,000 steps', resolveScenario({ steps: 3_000_000 }), 2000, 'per-example'],
    [
      'full batch, N=4096, 20,000 steps',
      resolveScenario({ steps: 20_000, batchSize: 'full', inputs: { count: 4096 }, optimizer: { lr: 2 } }),
      200,
      'batch sums',
    ],
  ];
  for (const [name, s, tfSteps, gradient] of cases) {
    checkSameWork(name, s, fusedMse(s, gradient));
    const t = sideBySide(5, { engine: () => simulate(s), fused: () => fusedMse(s, gradient) });
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
  /** The largest k ≤ max whose block the embed limits accept (they accept fewer steps or examples when they accept more). */
  const heaviest = (max: number, block: (k: number) => string): number => {
    let lo = 1;
    let hi = max;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (readEmbedScenario(block(mid)).ok) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // As many mse steps at batch 50, and as many logistic examples at 120 steps of batch 64, as a block may compute.
  const mseSteps = heaviest(EMBED_LIMITS.maxSteps, (k) => `{ "steps": ${k}, "batchSize": 50 }`);
  const logisticCount = heaviest(
    EMBED_LIMITS.maxExamples,
    (k) => `{ "loss": "logistic", "steps": 120, "batchSize": 64, "inputs": { "count": ${k} } }`,
  );
  for (const [name, text] of [
    [
      `embed: logistic, N=${logisticCount.toLocaleString('en')}, batch 64, 120 steps`,
      `{ "loss": "logistic", "steps": 120, "batchSize": 64, "inputs": { "count": ${logisticCount} } }`,
    ],
    [`embed: mse, batch 50, ${mseSteps.toLocaleString('en')} steps`, `{ "steps": ${mseSteps}, "batchSize": 50 }`],
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
  print(rows);
  console.log('');
  print(mseRows());
  console.log('');
  print(fanInRows());
  console.log(`\nnode ${process.version}, ${new Date().toISOString()}; medians of alternating rounds`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
