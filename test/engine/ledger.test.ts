// The theory ledger: its eigenvalues against LAPACK's (numpy.linalg.eigvalsh, fixtures/make-eigen.py)
// and a characteristic-polynomial check; κ = 1 + d·m²/s² for independent features; the prediction
// never below the measured steps on random full-batch mse runs; and a reason wherever the theory is
// silent.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARRIVAL, createModel, extremeEigenvalues, resolveScenario, simulate, stepsToArrive } from '../../src/engine/index';
import { tridiagonalize, kthEigenvalue } from '../../src/engine/symmetric';

const cases = JSON.parse(readFileSync(join(__dirname, 'fixtures/eigen.json'), 'utf8')) as {
  kind: string;
  n: number;
  matrix: number[];
  min: number;
  max: number;
}[];

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** det(A − λI) by Gaussian elimination with partial pivoting, relative to ‖A‖^n: ~0 at an eigenvalue. */
function characteristic(a: number[], n: number, lambda: number): number {
  const m = a.map((v, k) => (k % (n + 1) === 0 ? v - lambda : v));
  let det = 1;
  let norm = 0;
  for (const v of a) norm = Math.max(norm, Math.abs(v));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k], m[c * n + k]];
      det = -det;
    }
    const pivot = m[c * n + c];
    det *= pivot / norm;
    if (pivot === 0) return 0;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / pivot;
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
    }
  }
  return det;
}

describe('ledger: the eigen-solver', () => {
  for (const c of cases) {
    it(`${c.kind}, ${c.n} × ${c.n}: λmin and λmax as LAPACK's (numpy eigvalsh)`, () => {
      const { min, max } = extremeEigenvalues(Float64Array.from(c.matrix), c.n);
      const scale = Math.max(Math.abs(c.max), Math.abs(c.min));
      // Backward stable: each eigenvalue within a small multiple of n·ε·‖A‖.
      const tolerance = 64 * c.n * 2 ** -52 * scale;
      assert.ok(Math.abs(max - c.max) <= tolerance, `λmax ${max} vs ${c.max}`);
      assert.ok(Math.abs(min - c.min) <= tolerance, `λmin ${min} vs ${c.min}`);
    });
  }

  it('every eigenvalue of small matrices makes det(A − λI) vanish, and they sum to the trace', () => {
    for (const c of cases.filter((x) => x.n <= 12)) {
      const { diagonal, offDiagonal } = tridiagonalize(Float64Array.from(c.matrix), c.n);
      let sum = 0;
      let trace = 0;
      for (let k = 0; k < c.n; k++) {
        const lambda = kthEigenvalue(diagonal, offDiagonal, k);
        sum += lambda;
        trace += c.matrix[k * c.n + k];
        const at = Math.abs(characteristic(c.matrix, c.n, lambda));
        // Moving λ by 1e-6·‖A‖ makes the determinant far larger than at the eigenvalue itself.
        const off = Math.abs(characteristic(c.matrix, c.n, lambda + 1e-6 * Math.abs(c.max)));
        assert.ok(at < 1e-6 * off + 1e-14, `${c.kind} ${c.n}: det at λ${k} = ${lambda}: ${at} (nearby ${off})`);
      }
      assert.ok(Math.abs(sum - trace) <= 1e-10 * Math.max(1, Math.abs(trace)), `Σλ ${sum} vs trace ${trace}`);
    }
  });
});

// Mean m and variance s² of one input: uniform(0,1); ReLU and sigmoid of a standard normal (ReLU in
// closed form; sigmoid by the midpoint rule over ±12 standard deviations, 4·10^5 cells).
const moments: Record<'uniform' | 'relu' | 'sigmoid', { m: number; s2: number }> = {
  uniform: { m: 0.5, s2: 1 / 12 },
  relu: { m: 1 / Math.sqrt(2 * Math.PI), s2: 0.5 - 1 / (2 * Math.PI) },
  sigmoid: (() => {
    let m1 = 0;
    let m2 = 0;
    const cells = 400_000;
    const h = 24 / cells;
    for (let i = 0; i < cells; i++) {
      const z = -12 + (i + 0.5) * h;
      const p = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * h;
      const s = 1 / (1 + Math.exp(-z));
      m1 += s * p;
      m2 += s * s * p;
    }
    return { m: m1, s2: m2 - m1 * m1 };
  })(),
};

describe('ledger: κ = 1 + d·m²/s² for independent inputs of mean m and variance s²', () => {
  for (const [name, { m, s2 }] of Object.entries(moments)) {
    // d = 784 once (a 784 × 784 reduction is seconds on a busy machine): the algebra is the same for all three.
    const dimensions = name === 'uniform' ? [2, 10, 100, 784] : [2, 10, 100];
    it(`${name}: the Hessian E[xxᵀ] = s²·I + m²·11ᵀ has κ = 1 + d·m²/s² (d = ${dimensions.join(', ')})`, () => {
      for (const d of dimensions) {
        const h = new Float64Array(d * d).fill(m * m);
        for (let i = 0; i < d; i++) h[i * d + i] = s2 + m * m;
        const { min, max } = extremeEigenvalues(h, d);
        assert.ok(rel(max, s2 + d * m * m) < 1e-12, `${name} d=${d}: λmax ${max}`);
        assert.ok(rel(min, s2) < 1e-9, `${name} d=${d}: λmin ${min} vs s² ${s2}`);
        assert.ok(rel(max / min, 1 + (d * m * m) / s2) < 1e-9, `${name} d=${d}: κ`);
      }
    });
  }

  // The data's own Hessian, (1/N)·Σ x·xᵀ over N = 100,000 examples the engine draws, is an estimate: its
  // entries carry sampling error (1σ ≈ 0.7 % for ReLU inputs), and with d inputs its smallest eigenvalue
  // sits at the Marchenko–Pastur edge s²·(1 − √(d/N))², below s² (2 % at d = 10; 17 % at d = 784, where
  // κ comes out about 20 % above 1 + d·m²/s²). The ledger shows this κ, the run's own.
  for (const [name, { m, s2 }] of Object.entries(moments)) {
    it(`${name}: the ledger's κ of N = 100,000 drawn examples (d = 2, 10) against the theory at finite N`, () => {
      const N = 100_000;
      for (const d of [2, 10]) {
        const s = resolveScenario({ inputs: { distribution: name, dimension: d, count: N }, target: { quadrant: 'nw', distance: 1 } });
        const run = simulate({ ...s, steps: 1 });
        const edge = s2 * (1 - Math.sqrt(d / N)) ** 2;
        const expected = (s2 + d * m * m) / edge;
        const kappa = run.ledger.conditionNumber!;
        assert.equal(kappa, run.metrics.conditionNumber);
        assert.ok(rel(run.ledger.lambdaMax!, s2 + d * m * m) < 0.02, `${name} d=${d}: λmax ${run.ledger.lambdaMax}`);
        assert.ok(rel(kappa, expected) < 0.03, `${name} d=${d}: κ ${kappa} vs ${expected}`);
      }
    });
  }
});

describe('ledger: the prediction for full-batch gradient descent', () => {
  /** Deterministic draws for the random scenarios (a small LCG, so a failure reproduces). */
  function draws(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  it('on 20 random full-batch mse runs the measured steps to 5 % are never above the slowest direction’s prediction', () => {
    const u = draws(2112);
    const distributions = ['sigmoid', 'relu', 'uniform', 'gaussian', 'tanh'];
    let predicted = 0;
    for (let k = 0; k < 20; k++) {
      const d = [2, 3, 5, 12, 40][k % 5];
      const s = resolveScenario({
        inputs: { distribution: distributions[Math.floor(u() * 5)], dimension: d, count: 60 + Math.floor(u() * 400), center: u() < 0.3 },
        target: { quadrant: ['nw', 'ne', 'sw', 'se'][k % 4], distance: 0.5 + 3 * u() },
        batchSize: 'full',
        steps: 3000,
        seed: k + 1,
      });
      const lambdaMax = createModel(s).curvatureAt(createModel(s).target!).max;
      // η from 0.5/λmax to just below 2/λmax: the prediction's contraction stays below 1.
      const run = simulate({ ...s, optimizer: { ...s.optimizer, lr: (0.5 + 1.45 * u()) / lambdaMax } });
      const p = run.ledger.prediction;
      assert.ok(p, `run ${k}: ${run.ledger.predictionReason}`);
      if (p.steps === null || p.steps > s.steps) continue;
      predicted++;
      const measured = run.metrics.stepsToTarget;
      assert.ok(
        measured !== null && measured <= p.steps,
        `run ${k} (d = ${d}): measured ${measured}, predicted ${p.steps} (ρ = ${p.contraction})`,
      );
    }
    assert.ok(predicted >= 15, `only ${predicted} runs had a prediction within 3,000 steps`);
  });

  it('the best fixed η reaches 5 % within the steps its rate (κ−1)/(κ+1) gives; momentum’s best rate is (√κ−1)/(√κ+1)', () => {
    const s = resolveScenario({ inputs: { dimension: 6, distribution: 'uniform' }, batchSize: 'full', steps: 2000 });
    const best = simulate(s).ledger.best!;
    const run = simulate({ ...s, optimizer: { ...s.optimizer, lr: best.learningRate } });
    const kappa = run.ledger.conditionNumber!;
    assert.ok(rel(best.rate, (kappa - 1) / (kappa + 1)) < 1e-12);
    assert.ok(rel(best.momentumRate, (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1)) < 1e-12);
    assert.ok(rel(best.momentumMomentum, best.momentumRate ** 2) < 1e-12);
    assert.equal(run.ledger.prediction!.steps, best.steps);
    assert.ok(run.metrics.stepsToTarget! <= best.steps!, `${run.metrics.stepsToTarget} vs ${best.steps}`);
    assert.equal(stepsToArrive(0.5), Math.ceil(Math.log(ARRIVAL) / Math.log(0.5)));
  });

  it('says why instead of a number: batches, adaptive optimizers, momentum, label noise, logistic loss, a singular Hessian, divergence', () => {
    const reason = (raw: object) => simulate(resolveScenario({ steps: 5, ...raw })).ledger;
    assert.equal(reason({ batchSize: 8 }).predictionReason, 'batches');
    assert.equal(reason({ batchSize: 'full', optimizer: { name: 'adam' } }).predictionReason, 'adaptive');
    assert.equal(reason({ batchSize: 'full', optimizer: { name: 'momentum' } }).predictionReason, 'momentum');
    assert.notEqual(reason({ batchSize: 'full', optimizer: { name: 'momentum' } }).best, null);
    assert.equal(reason({ batchSize: 'full', labelNoise: 0.1 }).predictionReason, 'label-noise');
    const logistic = reason({ batchSize: 'full', loss: 'logistic' });
    assert.deepEqual(
      [logistic.predictionReason, logistic.bestReason, logistic.conditionNumber !== null],
      ['not-quadratic', 'not-quadratic', true],
    );
    // Fewer examples than inputs: rank ≤ N < d, a flat direction, no κ.
    const flat = reason({ batchSize: 'full', inputs: { dimension: 50, count: 20 } });
    assert.deepEqual([flat.predictionReason, flat.lambdaMin, flat.conditionNumber], ['not-positive-definite', 0, null]);
    assert.ok(flat.lambdaMax! > 0);
    const fn = reason({ model: 'function', function: { expression: 'w1^2 + w2^2' } });
    assert.equal(fn.predictionReason, 'no-target');
    const quadratic = reason({ model: 'function', function: { preset: 'quadratic' }, optimizer: { lr: 0.1 } });
    assert.deepEqual([quadratic.predictionReason, Math.round(quadratic.conditionNumber!)], [null, 10]);
    // η beyond 2/λmax: the slowest direction grows, and the prediction says never.
    const fast = reason({ batchSize: 'full', optimizer: { lr: 100 } });
    assert.ok(fast.prediction!.contraction > 1);
    assert.equal(fast.prediction!.steps, null);
  });
});
