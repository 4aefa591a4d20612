import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Graph, type Node, Program } from '../../src/engine/autodiff';
import { buildExpression, compileObjective, type parseExpression } from '../../src/engine/expression';
import { close, derivative, evalExpr, finiteThroughout, kinkWithin, safeExpr } from './support/exprTools';

type Unary = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'softplus';

/** Closed-form values and derivatives, written independently of the engine. */
const UNARY: Record<Unary, { f: (x: number) => number; df: (x: number) => number; xs: number[] }> = {
  neg: { f: (x) => -x, df: () => -1, xs: [-2, 0, 3.5] },
  exp: { f: Math.exp, df: Math.exp, xs: [-3, 0, 2] },
  log: { f: Math.log, df: (x) => 1 / x, xs: [0.1, 1, 7] },
  sqrt: { f: Math.sqrt, df: (x) => 0.5 / Math.sqrt(x), xs: [0.25, 1, 9] },
  abs: { f: Math.abs, df: (x) => Math.sign(x), xs: [-2, 0.5, 3] },
  sin: { f: Math.sin, df: Math.cos, xs: [-1, 0, 2] },
  cos: { f: Math.cos, df: (x) => -Math.sin(x), xs: [-1, 0, 2] },
  tanh: { f: Math.tanh, df: (x) => 1 / Math.cosh(x) ** 2, xs: [-2, 0, 0.7] },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), df: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2, xs: [-4, 0, 3] },
  softplus: { f: (x) => Math.log(1 + Math.exp(x)), df: (x) => 1 / (1 + Math.exp(-x)), xs: [-4, 0, 3] },
};

function unary(g: Graph, op: Unary, a: Node): Node {
  return g[op](a);
}

/** Program for sum(op(x)) over a vector leaf x. */
function unaryProgram(op: Unary) {
  const g = new Graph();
  const x = g.leaf('x');
  const y = unary(g, op, x);
  return { p: new Program(g, g.sum(y)), x, y };
}

describe('autodiff: elementary operations', () => {
  for (const [op, { f, df, xs }] of Object.entries(UNARY) as [Unary, (typeof UNARY)[Unary]][]) {
    it(`${op}: values and derivatives over a batch`, () => {
      const { p, x, y } = unaryProgram(op);
      p.setLeaf(x, Float64Array.from(xs));
      const total = p.forward();
      p.backward();
      xs.forEach((v, i) => {
        assert.ok(close(p.value(y)[i], f(v), 1e-14), `${op}(${v})`);
        assert.ok(close(p.grad(x)[i], df(v), 1e-12), `${op}'(${v}) = ${p.grad(x)[i]}, expected ${df(v)}`);
      });
      assert.ok(
        close(
          total,
          xs.map(f).reduce((s, v) => s + v, 0),
          1e-14,
        ),
      );
    });
  }

  type BinaryCase = {
    op: 'add' | 'sub' | 'mul' | 'div' | 'pow';
    f: (a: number, b: number) => number;
    da: (a: number, b: number) => number;
    db: (a: number, b: number) => number;
  };
  const BINARY: BinaryCase[] = [
    { op: 'add', f: (a, b) => a + b, da: () => 1, db: () => 1 },
    { op: 'sub', f: (a, b) => a - b, da: () => 1, db: () => -1 },
    { op: 'mul', f: (a, b) => a * b, da: (_a, b) => b, db: (a) => a },
    { op: 'div', f: (a, b) => a / b, da: (_a, b) => 1 / b, db: (a, b) => -a / (b * b) },
    { op: 'pow', f: (a, b) => a ** b, da: (a, b) => b * a ** (b - 1), db: (a, b) => a ** b * Math.log(a) },
  ];
  const A = [0.5, 1.5, 2, 3.25];
  const B = [1.25, -0.5, 2, 0.75];
  for (const { op, f, da, db } of BINARY) {
    for (const [la, lb] of [
      [4, 4],
      [1, 4],
      [4, 1],
      [1, 1],
    ]) {
      it(`${op}: ${la === 1 ? 'scalar' : 'vector'} ⊗ ${lb === 1 ? 'scalar' : 'vector'}, broadcast gradients are sums`, () => {
        const g = new Graph();
        const a = g.leaf('a');
        const b = g.leaf('b');
        const y = g[op](a, b);
        const p = new Program(g, g.sum(y));
        const av = A.slice(0, la);
        const bv = B.slice(0, lb);
        p.setLeaf(a, la === 1 ? av[0] : Float64Array.from(av));
        p.setLeaf(b, Float64Array.from(bv));
        p.forward();
        p.backward();
        const n = Math.max(la, lb);
        const ga = new Array<number>(la).fill(0);
        const gb = new Array<number>(lb).fill(0);
        for (let i = 0; i < n; i++) {
          const ai = av[la === 1 ? 0 : i];
          const bi = bv[lb === 1 ? 0 : i];
          assert.ok(close(p.value(y)[i], f(ai, bi), 1e-14));
          ga[la === 1 ? 0 : i] += da(ai, bi);
          gb[lb === 1 ? 0 : i] += db(ai, bi);
        }
        assert.equal(p.value(y).length, n);
        assert.equal(p.grad(a).length, la);
        assert.equal(p.grad(b).length, lb);
        ga.forEach((v, i) => assert.ok(close(p.grad(a)[i], v, 1e-13), `d/da[${i}]`));
        gb.forEach((v, i) => assert.ok(close(p.grad(b)[i], v, 1e-13), `d/db[${i}]`));
      });
    }
  }

  it('mean and sum reduce to one value; their gradients spread back', () => {
    const g = new Graph();
    const x = g.leaf('x');
    const m = g.mean(g.mul(x, x));
    const s = g.sum(x);
    const p = new Program(g, g.add(m, s));
    const xs = [1, -2, 4, 0.5, 3];
    p.setLeaf(x, Float64Array.from(xs));
    const n = xs.length;
    const expected = xs.reduce((t, v) => t + v * v, 0) / n + xs.reduce((t, v) => t + v, 0);
    assert.ok(close(p.forward(), expected, 1e-15));
    p.backward();
    xs.forEach((v, i) => assert.ok(close(p.grad(x)[i], (2 * v) / n + 1, 1e-15)));
  });

  it('mean over a batch of one, and of a broadcast scalar, is that value', () => {
    const g = new Graph();
    const x = g.leaf('x');
    const w = g.leaf('w');
    const p = new Program(g, g.add(g.mean(g.mul(x, x)), g.mean(w)));
    p.setLeaf(x, Float64Array.of(3));
    p.setLeaf(w, 5);
    assert.equal(p.forward(), 9 + 5);
    p.backward();
    assert.equal(p.grad(x)[0], 6);
    assert.equal(p.grad(w)[0], 1);
  });

  it('a node used twice receives both contributions (x·x, and x reused across branches)', () => {
    const g = new Graph();
    const x = g.leaf('x');
    const y = g.add(g.mul(x, x), g.mul(g.constant(3), x));
    const p = new Program(g, y);
    p.setLeaf(x, 1.75);
    p.forward();
    p.backward();
    assert.equal(p.grad(x)[0], 2 * 1.75 + 3);
  });
});

describe('autodiff: edge-of-domain choices', () => {
  it('pow with a constant exponent never takes log of the base: (-2)^2, (-2)^3 and their derivatives', () => {
    for (const [base, k] of [
      [-2, 2],
      [-2, 3],
      [-0.5, 4],
      [0, 2],
      [0, 1],
    ]) {
      const g = new Graph();
      const a = g.leaf('a');
      const p = new Program(g, g.pow(a, g.constant(k)));
      p.setLeaf(a, base);
      assert.equal(p.forward(), base ** k);
      p.backward();
      assert.equal(p.grad(a)[0], k * base ** (k - 1), `d/da ${base}^${k}`);
    }
  });

  it('pow with a leaf exponent: d/db = a^b·log(a), and 0 (not NaN) where a^b = 0', () => {
    const g = new Graph();
    const a = g.leaf('a');
    const b = g.leaf('b');
    const p = new Program(g, g.pow(a, b));
    p.setLeaf(a, 2.5);
    p.setLeaf(b, 1.5);
    p.forward();
    p.backward();
    assert.ok(close(p.grad(b)[0], 2.5 ** 1.5 * Math.log(2.5), 1e-15));
    assert.ok(close(p.grad(a)[0], 1.5 * 2.5 ** 0.5, 1e-15));
    p.setLeaf(a, 0);
    p.setLeaf(b, 2);
    assert.equal(p.forward(), 0);
    p.backward();
    assert.equal(p.grad(b)[0], 0);
    assert.equal(p.grad(a)[0], 0);
  });

  it("abs'(0) = 0 and sqrt'(0) = +Infinity", () => {
    const a = unaryProgram('abs');
    a.p.setLeaf(a.x, Float64Array.of(0, -0));
    a.p.forward();
    a.p.backward();
    assert.deepEqual(
      Array.from(a.p.grad(a.x), (v) => v + 0),
      [0, 0],
    );
    const s = unaryProgram('sqrt');
    s.p.setLeaf(s.x, 0);
    s.p.forward();
    s.p.backward();
    assert.equal(s.p.grad(s.x)[0], Infinity);
  });

  it('sigmoid and softplus are stable far from 0', () => {
    const xs = Float64Array.of(-1000, -40, 40, 1000);
    const sg = unaryProgram('sigmoid');
    sg.p.setLeaf(sg.x, xs);
    sg.p.forward();
    sg.p.backward();
    const s = sg.p.value(sg.y);
    assert.equal(s[0], 0);
    assert.ok(close(s[1], 1 / (1 + Math.exp(40)), 1e-15) && s[1] > 0);
    assert.equal(s[2], 1 / (1 + Math.exp(-40)));
    assert.equal(s[3], 1);
    for (const v of sg.p.grad(sg.x)) assert.ok(Number.isFinite(v) && v >= 0 && v < 1e-17);

    const sp = unaryProgram('softplus');
    sp.p.setLeaf(sp.x, xs);
    sp.p.forward();
    sp.p.backward();
    const v = sp.p.value(sp.y);
    assert.equal(v[0], 0);
    assert.ok(close(v[1], Math.exp(-40), 1e-12)); // log1p(e^-40) ≈ e^-40; the naive log(1+e^x) gives exactly 0
    assert.ok(v[1] > 0);
    assert.equal(v[2], 40 + Math.log1p(Math.exp(-40)));
    assert.equal(v[3], 1000);
    const d = sp.p.grad(sp.x);
    assert.equal(d[0], 0);
    assert.equal(d[3], 1);
  });

  it('sum of a broadcast scalar is the scalar itself (no hidden batch size)', () => {
    const g = new Graph();
    const w = g.leaf('w');
    const x = g.leaf('x');
    const p = new Program(g, g.add(g.sum(w), g.mean(x)));
    p.setLeaf(w, 2);
    p.setLeaf(x, Float64Array.of(1, 2, 3));
    assert.equal(p.forward(), 2 + 2);
    p.backward();
    assert.equal(p.grad(w)[0], 1);
  });
});

describe('autodiff: Program buffers and errors', () => {
  function mse() {
    const g = new Graph();
    const w1 = g.leaf('w1');
    const w2 = g.leaf('w2');
    const x1 = g.leaf('x1');
    const x2 = g.leaf('x2');
    const y = g.leaf('y');
    const f = g.add(g.mul(w1, x1), g.mul(w2, x2));
    const d = g.sub(f, y);
    const loss = g.mul(g.constant(0.5), g.mean(g.pow(d, g.constant(2))));
    return { g, w1, w2, x1, x2, y, f, loss };
  }

  function mseByHand(w1: number, w2: number, x1: number[], x2: number[], y: number[]) {
    let l = 0;
    let g1 = 0;
    let g2 = 0;
    const n = x1.length;
    for (let i = 0; i < n; i++) {
      const d = w1 * x1[i] + w2 * x2[i] - y[i];
      l += (0.5 * d * d) / n;
      g1 += (d * x1[i]) / n;
      g2 += (d * x2[i]) / n;
    }
    return { l, g1, g2 };
  }

  it('reuses its buffers across evaluations and reallocates only when the batch length changes', () => {
    const m = mse();
    const p = new Program(m.g, m.loss, [m.w1, m.w2]);
    const data = (n: number, k: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * k + 1));
    p.setLeaf(m.x1, data(8, 1));
    p.setLeaf(m.x2, data(8, 2));
    p.setLeaf(m.y, data(8, 3));
    p.setLeaf(m.w1, 0.3);
    p.setLeaf(m.w2, -0.2);
    p.forward();
    p.backward();
    const fBuffer = p.value(m.f);
    const gfBuffer = p.grad(m.f);
    const g1 = p.grad(m.w1)[0];
    // Same inputs again: same buffers, same numbers (gradients are reset, not accumulated).
    p.forward();
    p.backward();
    assert.equal(p.value(m.f), fBuffer);
    assert.equal(p.grad(m.f), gfBuffer);
    assert.equal(p.grad(m.w1)[0], g1);
    // New length: new buffers with the right numbers.
    const x1 = [1, 2, 3];
    const x2 = [0.5, -1, 2];
    const y = [1, 0, -1];
    p.setLeaf(m.x1, Float64Array.from(x1));
    p.setLeaf(m.x2, Float64Array.from(x2));
    p.setLeaf(m.y, Float64Array.from(y));
    const l = p.forward();
    p.backward();
    assert.notEqual(p.value(m.f), fBuffer);
    assert.equal(p.value(m.f).length, 3);
    const want = mseByHand(0.3, -0.2, x1, x2, y);
    assert.ok(close(l, want.l, 1e-15));
    assert.ok(close(p.grad(m.w1)[0], want.g1, 1e-15));
    assert.ok(close(p.grad(m.w2)[0], want.g2, 1e-15));
    // Per-example dL/df = (f − y)/n.
    for (let i = 0; i < 3; i++) assert.ok(close(p.grad(m.f)[i], (0.3 * x1[i] - 0.2 * x2[i] - y[i]) / 3, 1e-15));
  });

  it('switches between a batch and single values (the scalar interpreter) and back', () => {
    const m = mse();
    const p = new Program(m.g, m.loss, [m.w1, m.w2]);
    p.setLeaf(m.w1, 0.5);
    p.setLeaf(m.w2, -1.5);
    const batches = [
      [
        [1, 2, 3],
        [3, 1, 2],
        [0, 1, 0],
      ],
      [[2], [0.5], [1]],
      [
        [0.25, 4],
        [1, 1],
        [2, -2],
      ],
      [[3], [1], [0]],
    ];
    for (const [x1, x2, y] of batches) {
      p.setLeaf(m.x1, x1.length === 1 ? x1[0] : Float64Array.from(x1));
      p.setLeaf(m.x2, Float64Array.from(x2));
      p.setLeaf(m.y, Float64Array.from(y));
      const l = p.forward();
      p.backward();
      const want = mseByHand(0.5, -1.5, x1, x2, y);
      assert.ok(close(l, want.l, 1e-15), `loss, batch of ${x1.length}`);
      assert.ok(close(p.grad(m.w1)[0], want.g1, 1e-15) && close(p.grad(m.w2)[0], want.g2, 1e-15), `gradient, batch of ${x1.length}`);
      assert.equal(p.value(m.f).length, x1.length);
      assert.ok(close(p.value(m.f)[0], 0.5 * x1[0] - 1.5 * x2[0], 1e-15));
      assert.ok(close(p.grad(m.f)[0], (0.5 * x1[0] - 1.5 * x2[0] - y[0]) / x1.length, 1e-15));
    }
  });

  it('copies leaf arrays: changing the caller’s array later does not change the program', () => {
    const g = new Graph();
    const x = g.leaf('x');
    const p = new Program(g, g.sum(x));
    const xs = Float64Array.of(1, 2);
    p.setLeaf(x, xs);
    xs[0] = 100;
    assert.equal(p.forward(), 3);
  });

  it('with wrt, data leaves get no gradient and parameters get the same gradient as without', () => {
    const m = mse();
    const full = new Program(m.g, m.loss);
    const lean = new Program(m.g, m.loss, [m.w1, m.w2]);
    for (const p of [full, lean]) {
      p.setLeaf(m.x1, Float64Array.of(1, 2, 3, 4));
      p.setLeaf(m.x2, Float64Array.of(2, 1, 0.5, 0.25));
      p.setLeaf(m.y, Float64Array.of(1, -1, 1, -1));
      p.setLeaf(m.w1, 0.7);
      p.setLeaf(m.w2, 0.1);
      p.forward();
      p.backward();
    }
    assert.equal(lean.grad(m.w1)[0], full.grad(m.w1)[0]);
    assert.equal(lean.grad(m.w2)[0], full.grad(m.w2)[0]);
    assert.deepEqual(lean.grad(m.f), full.grad(m.f));
    assert.equal(full.grad(m.x1).length, 4);
    assert.throws(() => lean.grad(m.x1), /no gradient/);
    assert.throws(() => lean.grad(m.y), /no gradient/);
  });

  it('a leaf the output ignores has gradient 0', () => {
    const g = new Graph();
    const a = g.leaf('a');
    const b = g.leaf('b');
    const p = new Program(g, g.mul(a, a));
    p.setLeaf(a, 3);
    p.setLeaf(b, 5);
    p.forward();
    p.backward();
    assert.equal(p.grad(a)[0], 6);
    assert.equal(p.grad(b)[0], 0);
  });

  it('constant subexpressions are folded once and still read correctly', () => {
    const g = new Graph();
    const w = g.leaf('w');
    const root2 = g.sqrt(g.constant(2));
    const p = new Program(g, g.mul(w, root2));
    p.setLeaf(w, 3);
    assert.equal(p.forward(), 3 * Math.SQRT2);
    assert.equal(p.value(root2)[0], Math.SQRT2);
    p.backward();
    assert.equal(p.grad(w)[0], Math.SQRT2);
    assert.throws(() => p.grad(root2), /no gradient/);
  });

  it('rejects mismatched batch lengths, missing leaves, vector outputs, empty arrays and foreign nodes', () => {
    const g = new Graph();
    const a = g.leaf('a');
    const b = g.leaf('b');
    const p = new Program(g, g.sum(g.mul(a, b)));
    p.setLeaf(a, Float64Array.of(1, 2, 3));
    assert.throws(() => p.forward(), /leaf 'b' has no value/);
    p.setLeaf(b, Float64Array.of(1, 2));
    assert.throws(() => p.forward(), /'a' \(length 3\) and 'b' \(length 2\) must share one batch length/);
    assert.throws(() => p.setLeaf(b, new Float64Array(0)), /empty/);
    assert.throws(() => p.setLeaf(new Graph().leaf('c'), 1), /another graph/);

    const v = new Program(g, g.mul(a, b));
    v.setLeaf(a, Float64Array.of(1, 2));
    v.setLeaf(b, 2);
    assert.throws(() => v.forward(), /reduce it with mean\(\) or sum\(\)/);
    const late = g.leaf('late');
    assert.throws(() => v.setLeaf(late, 1), /not a leaf of this program/);
    assert.throws(() => v.value(late), /not used/);
  });
});

describe('autodiff: properties against finite differences', () => {
  /** Checks the objective's gradient at (w1, w2) against Richardson central differences of the reference evaluator. */
  function checkPoint(text: string, expr: ReturnType<typeof parseExpression>, w1: number, w2: number): void {
    const f = evalExpr(expr, w1, w2);
    fc.pre(Number.isFinite(f) && Math.abs(f) < 1e6 && finiteThroughout(expr, w1, w2));
    const d1 = derivative((t) => evalExpr(expr, t, w2), w1);
    const d2 = derivative((t) => evalExpr(expr, w1, t), w2);
    // Near a kink (abs at 0) or where the function is too curved for the step, differences are not a reference.
    fc.pre(d1.smooth && d2.smooth && !kinkWithin(expr, w1, w2, 0) && !kinkWithin(expr, w1, w2, 1));
    const out = new Float64Array(2);
    const value = compileObjective(expr).gradient(w1, w2, out);
    assert.ok(close(value, f, 1e-12), `${text}: f = ${value}, reference ${f}`);
    // Richardson error is O(h⁴)·f⁽⁵⁾ plus rounding ~ 1e-13·|f|/h: allow 1e-6 relative to the scale of f and f'.
    const atol = 1e-9 * Math.abs(f);
    assert.ok(close(out[0], d1.value, 1e-6, atol), `${text} at (${w1}, ${w2}): df/dw1 = ${out[0]}, differences ${d1.value}`);
    assert.ok(close(out[1], d2.value, 1e-6, atol), `${text} at (${w1}, ${w2}): df/dw2 = ${out[1]}, differences ${d2.value}`);
  }

  const coordinate = fc.double({ min: -2, max: 2, noNaN: true });

  it('random expressions: forward matches a reference evaluator and the gradient matches finite differences', () => {
    fc.assert(
      fc.property(safeExpr, coordinate, coordinate, (expr, w1, w2) => {
        checkPoint('expression', expr, w1, w2);
      }),
      { numRuns: 400 },
    );
  });

  it('random expressions over a batch: per-element gradients of sum(f) match finite differences', () => {
    fc.assert(
      fc.property(safeExpr, fc.array(fc.tuple(coordinate, coordinate), { minLength: 2, maxLength: 9 }), (expr, points) => {
        const values = points.map(([a, b]) => evalExpr(expr, a, b));
        fc.pre(values.every((v) => Number.isFinite(v) && Math.abs(v) < 1e6));
        const g = new Graph();
        const w1 = g.leaf('w1');
        const w2 = g.leaf('w2');
        const y = buildExpression(g, expr, { w1, w2 });
        const p = new Program(g, g.sum(y));
        p.setLeaf(
          w1,
          Float64Array.from(points, (pt) => pt[0]),
        );
        p.setLeaf(
          w2,
          Float64Array.from(points, (pt) => pt[1]),
        );
        p.forward();
        p.backward();
        const out = new Float64Array(2);
        const scalar = compileObjective(expr);
        points.forEach(([a, b], i) => {
          // Elementwise evaluation must equal evaluating each example alone (same operations, same order).
          const fi = scalar.gradient(a, b, out);
          const yi = p.value(y).length === 1 ? p.value(y)[0] : p.value(y)[i];
          assert.equal(yi, fi);
          const g1 = p.grad(w1).length === 1 ? p.grad(w1)[0] : p.grad(w1)[i];
          const g2 = p.grad(w2).length === 1 ? p.grad(w2)[0] : p.grad(w2)[i];
          // The batch kernels and the scalar interpreter do the same arithmetic in the same order.
          assert.equal(g1, out[0], `element ${i}: d/dw1`);
          assert.equal(g2, out[1], `element ${i}: d/dw2`);
          const d1 = derivative((t) => evalExpr(expr, t, b), a);
          fc.pre(d1.smooth && !kinkWithin(expr, a, b, 0) && finiteThroughout(expr, a, b));
          assert.ok(close(g1, d1.value, 1e-6, 1e-9 * Math.abs(fi)), `element ${i}: ${g1} vs differences ${d1.value}`);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a broadcast scalar leaf gets the sum of the per-element gradients', () => {
    fc.assert(
      fc.property(safeExpr, coordinate, fc.array(coordinate, { minLength: 1, maxLength: 12 }), (expr, a, bs) => {
        const g = new Graph();
        const w1 = g.leaf('w1'); // one shared value
        const w2 = g.leaf('w2'); // one value per example
        const p = new Program(g, g.mean(buildExpression(g, expr, { w1, w2 })));
        p.setLeaf(w1, a);
        p.setLeaf(w2, Float64Array.from(bs));
        const mean = p.forward();
        fc.pre(Number.isFinite(mean) && Math.abs(mean) < 1e6);
        p.backward();
        const scalar = compileObjective(expr);
        const out = new Float64Array(2);
        let sum1 = 0;
        let scale = 0;
        bs.forEach((b, i) => {
          scalar.gradient(a, b, out);
          sum1 += out[0];
          scale += Math.abs(out[0]);
          const g2 = p.grad(w2).length === 1 ? p.grad(w2)[0] * bs.length : p.grad(w2)[i] * bs.length;
          if (p.grad(w2).length !== 1) assert.ok(close(g2, out[1], 1e-12), `d/dw2[${i}]`);
        });
        assert.equal(p.grad(w1).length, 1);
        // Summation order differs from the scalar loop: compare relative to Σ|terms|.
        assert.ok(Math.abs(p.grad(w1)[0] - sum1 / bs.length) <= 1e-13 * Math.max(1, scale), `${p.grad(w1)[0]} vs ${sum1 / bs.length}`);
      }),
      { numRuns: 200 },
    );
  });
});
