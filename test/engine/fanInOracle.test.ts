// TensorFlow.js as the oracle for d-dimensional training (as tfjs-oracle.test.ts is for gradients in
// two): the batch loss's gradient by tf.variableGrads on a d-vector of weights, and the update by tfjs's
// own optimizers (tf.train.*), step after step from the same start on the same data and batches. tfjs
// computes in float32, so the trajectories agree to float32's precision, not bit for bit; where a tfjs
// optimizer puts ε elsewhere than torch.optim (AdaGrad, RMSprop: inside the square root), ε is far
// below the gradients' scale here.
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { BatchSchedule } from '../../src/engine/batches';
import { generateInputMatrix, labelsOf } from '../../src/engine/data';
import { resolveScenario, simulate, targetOf, type Scenario } from '../../src/engine/index';

let ready: Promise<void> | null = null;
function useCpuBackend(): Promise<void> {
  ready ??= (async () => {
    tf.env().set('PROD', true);
    assert.ok(await tf.setBackend('cpu'));
    await tf.ready();
  })();
  return ready;
}

/** tfjs's optimizer for the scenario's, with its hyperparameters. */
function tfOptimizer(s: Scenario): tf.Optimizer {
  const o = s.optimizer;
  switch (o.name) {
    case 'sgd':
      return tf.train.sgd(o.lr);
    case 'momentum':
      return tf.train.momentum(o.lr, o.momentum);
    case 'nesterov':
      return tf.train.momentum(o.lr, o.momentum, true);
    case 'adagrad':
      return tf.train.adagrad(o.lr, 1e-30); // torch's state starts at 0; tfjs's must be > 0
    case 'rmsprop':
      return tf.train.rmsprop(o.lr, o.alpha, 0, o.eps);
    case 'adam':
      return tf.train.adam(o.lr, o.beta1, o.beta2, o.eps);
  }
}

/** The run's w_0 … w_T, all d weights, trained by tfjs. */
function tfjsTrajectory(s: Scenario): number[][] {
  const d = s.inputs.dimension;
  const x = generateInputMatrix(s.inputs, s.seed);
  const y = labelsOf(x, d, s, targetOf(s)!);
  const n = y.length;
  const B = s.batchSize === 'full' ? n : s.batchSize;
  const schedule = new BatchSchedule(n, B, s.order, s.seed);
  const X = tf.tensor2d(Float32Array.from(x), [n, d]);
  const Y = tf.tensor1d(Float32Array.from(y));
  const w = tf.variable(tf.tensor1d(Float32Array.from(s.start)));
  const optimizer = tfOptimizer(s);
  const out = [Array.from(w.dataSync())];
  try {
    for (let t = 0; t < s.steps; t++) {
      const idx = tf.tensor1d(
        Array.from({ length: B }, (_, k) => schedule.index(t, k)),
        'int32',
      );
      optimizer.minimize(() =>
        tf.tidy(() => {
          const f = tf.reshape(tf.matMul(tf.gather(X, idx), tf.reshape(w, [d, 1])), [B]);
          const yb = tf.gather(Y, idx);
          return (
            s.loss === 'mse' ? tf.mul(0.5, tf.mean(tf.square(tf.sub(f, yb)))) : tf.mean(tf.sub(tf.softplus(f), tf.mul(yb, f)))
          ) as tf.Scalar;
        }),
      );
      idx.dispose();
      out.push(Array.from(w.dataSync()));
    }
  } finally {
    optimizer.dispose();
    tf.dispose([X, Y, w]);
  }
  return out;
}

describe('tfjs oracle: d-dimensional optimizer steps', () => {
  before(useCpuBackend);
  const cases: object[] = [
    { optimizer: { name: 'sgd', lr: 0.3 } },
    { optimizer: { name: 'momentum', lr: 0.1 }, batchSize: 4 },
    { optimizer: { name: 'nesterov', lr: 0.1 }, batchSize: 4, order: 'shuffle' },
    { optimizer: { name: 'adagrad', lr: 0.1 }, batchSize: 'full', loss: 'logistic' },
    { optimizer: { name: 'rmsprop', lr: 0.01 }, batchSize: 5 },
    { optimizer: { name: 'adam', lr: 0.05 }, batchSize: 'full', inputs: { dimension: 9, count: 40, distribution: 'relu', center: true } },
    { optimizer: { name: 'adam', lr: 0.02 }, loss: 'logistic', batchSize: 3 },
  ];
  for (const raw of cases) {
    it(JSON.stringify(raw), () => {
      const s = resolveScenario({ inputs: { dimension: 6, count: 40 }, steps: 25, ...raw });
      const d = s.inputs.dimension;
      const ours = simulate(s);
      const theirs = tfjsTrajectory(s);
      const [a, b] = s.axes;
      // float32 on their side: a few units in the 7th digit per operation, over 25 steps.
      const near = (x: number, y: number, what: string): void =>
        assert.ok(Math.abs(x - y) <= 2e-4 * Math.max(1, Math.abs(y)), `${what}: ours ${x}, tfjs ${y}`);
      for (let t = 0; t <= s.steps; t++) {
        near(ours.trajectory[2 * t], theirs[t][a], `w_${t}[${a}]`);
        near(ours.trajectory[2 * t + 1], theirs[t][b], `w_${t}[${b}]`);
      }
      for (let j = 0; j < d; j++) near(ours.finalWeights[j], theirs[s.steps][j], `w_T[${j}]`);
    });
  }
});
