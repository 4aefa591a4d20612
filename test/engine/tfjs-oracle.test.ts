// TensorFlow.js as an oracle nobody here wrote: its gradients (tf.grads, CPU backend) against our Program.
// tfjs on the CPU computes in float32, so every input is rounded to float32 first (both sides then see
// the same numbers) and results are compared with a relative tolerance of 1e-4 on well-scaled values.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { Graph, type Node, Program } from '../../src/engine/autodiff';
import { buildExpression, compileObjective, type Expr, parseExpression } from '../../src/engine/expression';
import { FUNCTION_PRESETS } from '../../src/engine/catalog/functionPresets';
import type { FunctionPreset } from '../../src/engine/types';
import { evalExpr, safeExpr } from './support/exprTools';

const RTOL = 1e-4;

function near(actual: number, expected: number, what: string, scale = 1, slack = 0): void {
  const tol = RTOL * Math.max(scale, Math.abs(actual), Math.abs(expected)) + slack;
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ours ${actual}, tfjs ${expected} (tolerance ${tol})`);
}

function nearAll(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, scale = 1): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) near(actual[i], expected[i], `${what}[${i}]`, scale);
}

/** Deterministic float32 data: a small LCG, so failures reproduce. */
function float32Data(n: number, seed: number, map: (u: number) => number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround(map(s / 2 ** 32));
  });
}

/** tensor1d takes no Float64Array; the values are float32 already, so this is exact. */
const f32 = (x: Float64Array): tf.Tensor1D => tf.tensor1d(Float32Array.from(x));

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Every suite below calls this first; it runs once. */
let ready: Promise<void> | null = null;
function useCpuBackend(): Promise<void> {
  ready ??= (async () => {
    tf.env().set('PROD', true); // silences the "install tfjs-node" banner
    assert.ok(await tf.setBackend('cpu'));
    await tf.ready();
    assert.equal(tf.getBackend(), 'cpu');
  })();
  return ready;
}

describe('tfjs oracle: the neuron losses on a batch', () => {
  before(useCpuBackend);
  // All-positive inputs, as after a sigmoid layer: the case the playground is about.
  const n = 96;
  const x1 = float32Data(n, 1, (u) => sigmoid(4 * u - 2));
  const x2 = float32Data(n, 2, (u) => sigmoid(3 * u - 1));
  const teacher = [Math.fround(-1.1), Math.fround(1.3)];

  function neuron(loss: 'mse' | 'logistic') {
    const g = new Graph();
    const w1 = g.leaf('w1');
    const w2 = g.leaf('w2');
    const X1 = g.leaf('x1');
    const X2 = g.leaf('x2');
    const Y = g.leaf('y');
    const f = g.add(g.mul(w1, X1), g.mul(w2, X2));
    const L =
      loss === 'mse' ? g.mul(g.constant(0.5), g.mean(g.pow(g.sub(f, Y), g.constant(2)))) : g.mean(g.sub(g.softplus(f), g.mul(Y, f)));
    return { g, w1, w2, X1, X2, Y, f, L };
  }

  for (const loss of ['mse', 'logistic'] as const) {
    for (const [a, b] of [
      [0, 0],
      [0.4, -0.9],
      [-2.5, 3],
    ]) {
      it(`${loss} at w = (${a}, ${b}): loss, dL/dw1, dL/dw2 and per-example dL/df`, () => {
        const y = Float64Array.from(x1, (v, i) => {
          const z = teacher[0] * v + teacher[1] * x2[i];
          return Math.fround(loss === 'mse' ? z + 0.1 * Math.sin(7 * i) : sigmoid(z));
        });
        const w = [Math.fround(a), Math.fround(b)];

        const m = neuron(loss);
        const p = new Program(m.g, m.L, [m.w1, m.w2]);
        p.setLeaf(m.X1, x1);
        p.setLeaf(m.X2, x2);
        p.setLeaf(m.Y, y);
        p.setLeaf(m.w1, w[0]);
        p.setLeaf(m.w2, w[1]);
        const ours = p.forward();
        p.backward();

        tf.tidy(() => {
          const tx1 = f32(x1);
          const tx2 = f32(x2);
          const ty = f32(y);
          const lossOfF = (f: tf.Tensor): tf.Scalar =>
            loss === 'mse' ? tf.mul(0.5, tf.mean(tf.square(tf.sub(f, ty)))) : tf.mean(tf.sub(tf.softplus(f), tf.mul(ty, f)));
          const fOf = (w1: tf.Tensor, w2: tf.Tensor) => tf.add(tf.mul(w1, tx1), tf.mul(w2, tx2));
          const { value, grads } = tf.valueAndGrads((w1: tf.Tensor, w2: tf.Tensor) => lossOfF(fOf(w1, w2)))([
            tf.scalar(w[0]),
            tf.scalar(w[1]),
          ]);
          const dLdf = tf.grad(lossOfF)(fOf(tf.scalar(w[0]), tf.scalar(w[1])));

          near(ours, value.dataSync()[0], 'loss');
          near(p.grad(m.w1)[0], grads[0].dataSync()[0], 'dL/dw1');
          near(p.grad(m.w2)[0], grads[1].dataSync()[0], 'dL/dw2');
          // Per-example dL/df is O(1/n): compare on that scale.
          nearAll(p.grad(m.f), dLdf.dataSync(), 'dL/df', 1 / n);
        });
      });
    }
  }

  it('variableGrads agrees too (mse, trainable variables as in a tfjs training loop)', () => {
    const y = Float64Array.from(x1, (v, i) => Math.fround(teacher[0] * v + teacher[1] * x2[i]));
    const m = neuron('mse');
    const p = new Program(m.g, m.L, [m.w1, m.w2]);
    p.setLeaf(m.X1, x1);
    p.setLeaf(m.X2, x2);
    p.setLeaf(m.Y, y);
    p.setLeaf(m.w1, Math.fround(0.25));
    p.setLeaf(m.w2, Math.fround(0.75));
    p.forward();
    p.backward();
    const v1 = tf.variable(tf.scalar(Math.fround(0.25)));
    const v2 = tf.variable(tf.scalar(Math.fround(0.75)));
    try {
      const { grads } = tf.variableGrads(() =>
        tf.tidy(() => {
          const f = tf.add(tf.mul(v1, f32(x1)), tf.mul(v2, f32(x2)));
          return tf.mul(0.5, tf.mean(tf.square(tf.sub(f, f32(y))))) as tf.Scalar;
        }),
      );
      near(p.grad(m.w1)[0], grads[v1.name].dataSync()[0], 'dL/dw1');
      near(p.grad(m.w2)[0], grads[v2.name].dataSync()[0], 'dL/dw2');
      tf.dispose(grads);
    } finally {
      v1.dispose();
      v2.dispose();
    }
  });
});

describe('tfjs oracle: elementary operations with broadcasting', () => {
  before(useCpuBackend);
  const xs = float32Data(16, 7, (u) => 0.2 + 2.5 * u); // positive: in every op's domain, away from abs's kink
  const signed = float32Data(16, 8, (u) => 4 * u - 2);

  type U = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'softplus';
  const TF_UNARY: Record<U, (x: tf.Tensor) => tf.Tensor> = {
    neg: tf.neg,
    exp: tf.exp,
    log: tf.log,
    sqrt: tf.sqrt,
    abs: tf.abs,
    sin: tf.sin,
    cos: tf.cos,
    tanh: tf.tanh,
    sigmoid: tf.sigmoid,
    softplus: tf.softplus,
  };
  for (const op of Object.keys(TF_UNARY) as U[]) {
    it(`${op}`, () => {
      const data = op === 'log' || op === 'sqrt' ? xs : signed.map((v) => (Math.abs(v) < 0.05 ? 0.5 : v));
      const g = new Graph();
      const x = g.leaf('x');
      const p = new Program(g, g.sum(g[op](x)));
      p.setLeaf(x, data);
      const ours = p.forward();
      p.backward();
      tf.tidy(() => {
        const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => tf.sum(TF_UNARY[op](t)) as tf.Scalar)(f32(data));
        near(ours, value.dataSync()[0], `sum ${op}`);
        nearAll(p.grad(x), grad.dataSync(), `d ${op}`);
      });
    });
  }

  type B = 'add' | 'sub' | 'mul' | 'div' | 'pow';
  const TF_BINARY: Record<B, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = {
    add: tf.add,
    sub: tf.sub,
    mul: tf.mul,
    div: tf.div,
    pow: tf.pow,
  };
  for (const op of Object.keys(TF_BINARY) as B[]) {
    for (const scalarSide of ['a', 'b', 'none'] as const) {
      it(`${op} with ${scalarSide === 'none' ? 'two vectors' : `scalar ${scalarSide}`}`, () => {
        const a = scalarSide === 'a' ? Float64Array.of(Math.fround(1.3)) : xs;
        const b = scalarSide === 'b' ? Float64Array.of(Math.fround(-0.7)) : signed;
        const g = new Graph();
        const A = g.leaf('a');
        const Bn = g.leaf('b');
        const p = new Program(g, g.sum(g[op](A, Bn)));
        p.setLeaf(A, a);
        p.setLeaf(Bn, b);
        const ours = p.forward();
        p.backward();
        tf.tidy(() => {
          const ta = a.length === 1 ? tf.scalar(a[0]) : f32(a);
          const tb = b.length === 1 ? tf.scalar(b[0]) : f32(b);
          const { value, grads } = tf.valueAndGrads((s: tf.Tensor, t: tf.Tensor) => tf.sum(TF_BINARY[op](s, t)) as tf.Scalar)([ta, tb]);
          const scale = Math.abs(ours) + 1;
          near(ours, value.dataSync()[0], `sum ${op}`, scale);
          nearAll(p.grad(A), grads[0].dataSync(), `d ${op}/da`, a.length === 1 ? scale : 1);
          nearAll(p.grad(Bn), grads[1].dataSync(), `d ${op}/db`, b.length === 1 ? scale : 1);
        });
      });
    }
  }
});

/** The same expression tree evaluated with tfjs ops. */
function tfEval(e: Expr, w1: tf.Tensor, w2: tf.Tensor): tf.Tensor {
  switch (e.kind) {
    case 'number':
      return tf.scalar(e.value);
    case 'variable':
      return e.name === 'w1' ? w1 : w2;
    case 'negate':
      return tf.neg(tfEval(e.arg, w1, w2));
    case 'call': {
      const a = tfEval(e.arg, w1, w2);
      const fns = {
        exp: tf.exp,
        log: tf.log,
        sqrt: tf.sqrt,
        abs: tf.abs,
        sin: tf.sin,
        cos: tf.cos,
        tanh: tf.tanh,
        sigmoid: tf.sigmoid,
        softplus: tf.softplus,
      };
      return fns[e.name](a);
    }
    case 'binary': {
      const l = tfEval(e.left, w1, w2);
      const r = tfEval(e.right, w1, w2);
      const fns = { '+': tf.add, '-': tf.sub, '*': tf.mul, '/': tf.div, '^': tf.pow };
      return fns[e.op](l, r);
    }
  }
}

function tfGradient(e: Expr, w1: number, w2: number): { value: number; g1: number; g2: number } {
  return tf.tidy(() => {
    // + 0·(w1 + w2): tfjs refuses a gradient for an input the expression does not use.
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.add(tf.sum(tfEval(e, a, b)), tf.mul(0, tf.add(a, b))) as tf.Scalar;
    const { value, grads } = tf.valueAndGrads(f)([tf.scalar(w1), tf.scalar(w2)]);
    return { value: value.dataSync()[0], g1: grads[0].dataSync()[0], g2: grads[1].dataSync()[0] };
  });
}

describe('tfjs oracle: function presets', () => {
  before(useCpuBackend);
  const points: [number, number][] = [
    [-1.25, 1],
    [0.5, -0.25],
    [2, 1.5],
    [-0.75, 0.5],
    [3.5, -1.75],
  ];
  for (const name of Object.keys(FUNCTION_PRESETS) as FunctionPreset[]) {
    it(`${name}: value and gradient at ${points.length} points`, () => {
      const expr = parseExpression(FUNCTION_PRESETS[name].expression);
      const objective = compileObjective(expr);
      const out = new Float64Array(2);
      for (const [a, b] of points) {
        const ours = objective.gradient(a, b, out);
        const theirs = tfGradient(expr, a, b);
        const scale = Math.max(1, Math.abs(out[0]), Math.abs(out[1]));
        near(ours, theirs.value, `${name}(${a}, ${b})`);
        near(out[0], theirs.g1, `${name} df/dw1 at (${a}, ${b})`, scale);
        near(out[1], theirs.g2, `${name} df/dw2 at (${a}, ${b})`, scale);
      }
    });
  }
});

/**
 * Whether some abs(...) in e has an argument of exactly 0 at (w1, w2), in float64 or in tfjs's float32 (where
 * w1² underflows to 0 for |w1| < 1e-23, say, and tfjs's abs'(0) then meets ours of a tiny positive number).
 */
function hasAbsAtZero(e: Expr, w1: number, w2: number): boolean {
  switch (e.kind) {
    case 'number':
    case 'variable':
      return false;
    case 'negate':
      return hasAbsAtZero(e.arg, w1, w2);
    case 'call':
      return (e.name === 'abs' && (evalExpr(e.arg, w1, w2) === 0 || float32Value(e.arg, w1, w2) === 0)) || hasAbsAtZero(e.arg, w1, w2);
    case 'binary':
      return hasAbsAtZero(e.left, w1, w2) || hasAbsAtZero(e.right, w1, w2);
  }
}

/** e at (w1, w2) as tfjs computes it, in float32. */
function float32Value(e: Expr, w1: number, w2: number): number {
  return tf.tidy(() => tfEval(e, tf.scalar(w1), tf.scalar(w2)).dataSync()[0]);
}

/** The next float32 above x (a float32 itself). */
function nextFloat32(x: number): number {
  if (x === 0) return 2 ** -149;
  const bits = new Int32Array(new Float32Array([x]).buffer);
  bits[0] += x > 0 ? 1 : -1;
  return new Float32Array(bits.buffer)[0];
}

/**
 * How far our gradient moves when w1 or w2 moves to a neighbouring float32: float32 cannot place the
 * gradient closer than that, however right both sides are (cos(u²) with u² ≈ 364 moves by 1.5 a step).
 */
function float32Spread(objective: ReturnType<typeof compileObjective>, w1: number, w2: number, g: Float64Array): number {
  const out = new Float64Array(2);
  let spread = 0;
  for (const [a, b] of [
    [nextFloat32(w1), w2],
    [-nextFloat32(-w1), w2],
    [w1, nextFloat32(w2)],
    [w1, -nextFloat32(-w2)],
  ]) {
    objective.gradient(a, b, out);
    spread = Math.max(spread, Math.abs(out[0] - g[0]), Math.abs(out[1] - g[1]));
  }
  return spread;
}

describe('tfjs oracle: random expressions', () => {
  before(useCpuBackend);
  it('gradients of random safe expressions agree with tfjs', () => {
    const coordinate = fc.double({ min: -2, max: 2, noNaN: true }).map(Math.fround);
    fc.assert(
      fc.property(safeExpr, coordinate, coordinate, (expr, a, b) => {
        const out = new Float64Array(2);
        const objective = compileObjective(expr);
        const ours = objective.gradient(a, b, out);
        fc.pre(Number.isFinite(ours) && Math.abs(ours) < 1e3 && Number.isFinite(out[0]) && Number.isFinite(out[1]));
        const theirs = tfGradient(expr, a, b);
        // abs'(0): tfjs takes -1, we take 0 (by design); compare only away from that point.
        fc.pre(!hasAbsAtZero(expr, a, b));
        // Where tfjs has no answer there is nothing to compare (e.g. d(x^0)/dx at 0: tfjs NaN, ours 0 by choice).
        fc.pre(Number.isFinite(theirs.g1) && Number.isFinite(theirs.g2));
        // float32 through a deep expression loses more than one rounding: judge against the gradient's scale.
        const scale = 10 * Math.max(1, Math.abs(out[0]), Math.abs(out[1]), Math.abs(ours));
        // Where the gradient is ill-conditioned in float32 the comparison is as strict as float32 allows: four
        // neighbouring floats' worth (tfjs's error measured at up to 0.6 of one over 40,000 random cases).
        const spread = float32Spread(objective, a, b, out);
        fc.pre(Number.isFinite(spread));
        near(out[0], theirs.g1, 'df/dw1', scale, 4 * spread);
        near(out[1], theirs.g2, 'df/dw2', scale, 4 * spread);
      }),
      { numRuns: 150 },
    );
  });

  it('a vectorised graph built from an expression agrees with tfjs per example', () => {
    const expr = parseExpression('log(1 + w1^2) * sigmoid(w2) - softplus(w1 - w2) / (w2^2 + 1) + sqrt(w1^2 + 1)^tanh(w2)');
    const a = float32Data(32, 11, (u) => 4 * u - 2);
    const b = float32Data(32, 12, (u) => 4 * u - 2);
    const g = new Graph();
    const w1: Node = g.leaf('w1');
    const w2: Node = g.leaf('w2');
    const p = new Program(g, g.sum(buildExpression(g, expr, { w1, w2 })));
    p.setLeaf(w1, a);
    p.setLeaf(w2, b);
    const ours = p.forward();
    p.backward();
    tf.tidy(() => {
      const { value, grads } = tf.valueAndGrads((s: tf.Tensor, t: tf.Tensor) => tf.sum(tfEval(expr, s, t)) as tf.Scalar)([f32(a), f32(b)]);
      near(ours, value.dataSync()[0], 'sum', 10);
      nearAll(p.grad(w1), grads[0].dataSync(), 'd/dw1');
      nearAll(p.grad(w2), grads[1].dataSync(), 'd/dw2');
    });
  });
});
