// Test helpers for the expression language: a printer, an independent reference evaluator written
// straight from Math (so finite differences do not go through the engine), random safe expressions
// for fast-check, and finite differences.
import fc from 'fast-check';
import type { BinaryOperator, Expr, FunctionName } from '../../../src/engine/expression';

/** Fully parenthesised text; numbers use String(), which the parser must read back exactly. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'variable':
      return e.name;
    case 'negate':
      return `(-${printExpr(e.arg)})`;
    case 'call':
      return `${e.name}(${printExpr(e.arg)})`;
    case 'binary':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
  }
}

/** The tree without positions, for structural comparison. */
export function shape(e: Expr): unknown {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'variable':
      return e.name;
    case 'negate':
      return ['neg', shape(e.arg)];
    case 'call':
      return [e.name, shape(e.arg)];
    case 'binary':
      return [e.op, shape(e.left), shape(e.right)];
  }
}

const REFERENCE: Readonly<Record<FunctionName, (x: number) => number>> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  // The textbook stable form: log1p(exp(x)) overflows to Infinity past x ≈ 709.
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
};

/**
 * Straightforward recursive evaluation with Math: the engine's forward pass must agree with it.
 * visit sees every node's value on the way (kinkWithin, finiteThroughout).
 */
export function evalExpr(e: Expr, w1: number, w2: number, visit?: (node: Expr, value: number) => void): number {
  const value = evalNode(e, w1, w2, visit);
  visit?.(e, value);
  return value;
}

function evalNode(e: Expr, w1: number, w2: number, visit?: (node: Expr, value: number) => void): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'variable':
      return e.name === 'w1' ? w1 : w2;
    case 'negate':
      return -evalExpr(e.arg, w1, w2, visit);
    case 'call':
      return REFERENCE[e.name](evalExpr(e.arg, w1, w2, visit));
    case 'binary': {
      const l = evalExpr(e.left, w1, w2, visit);
      const r = evalExpr(e.right, w1, w2, visit);
      switch (e.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return l / r;
        case '^':
          return Math.pow(l, r);
      }
    }
  }
}

/** Whether every intermediate value is finite at (w1, w2): where one overflows, a finite f can have a NaN gradient (∞·0). */
export function finiteThroughout(e: Expr, w1: number, w2: number): boolean {
  let finite = true;
  evalExpr(e, w1, w2, (_, value) => {
    finite &&= Number.isFinite(value);
  });
  return finite;
}

const num = (value: number): Expr => ({ kind: 'number', value, position: 0 });
const bin = (op: BinaryOperator, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, position: 0 });
const call = (name: FunctionName, arg: Expr): Expr => ({ kind: 'call', name, arg, position: 0 });

/**
 * Random expressions over the whole grammar whose every operation stays in its domain:
 * division by (e² + 1), log/sqrt of softplus(e) + 0.5 or e² + 1, non-integer powers only of positive bases.
 * exp can still overflow: properties reject non-finite values with fc.pre.
 */
export const safeExpr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => {
  const e = tie('e');
  const positive = fc.oneof(
    e.map((a) => bin('+', call('softplus', a), num(0.5))),
    e.map((a) => bin('+', bin('^', a, num(2)), num(1))),
  );
  return {
    e: fc.oneof(
      { depthSize: 'medium', withCrossShrink: true },
      fc.constantFrom<Expr>({ kind: 'variable', name: 'w1', position: 0 }, { kind: 'variable', name: 'w2', position: 0 }),
      fc.double({ min: 0, max: 3, noNaN: true }).map((v) => num(Math.round(v * 1000) / 1000)),
      e.map((a): Expr => ({ kind: 'negate', arg: a, position: 0 })),
      fc.tuple(fc.constantFrom<BinaryOperator>('+', '-', '*'), e, e).map(([op, a, b]) => bin(op, a, b)),
      fc.tuple(e, e).map(([a, b]) => bin('/', a, bin('+', bin('^', b, num(2)), num(1)))),
      fc.tuple(e, fc.integer({ min: 0, max: 3 })).map(([a, k]) => bin('^', a, num(k))),
      fc.tuple(positive, e).map(([a, b]) => bin('^', a, call('tanh', b))),
      fc.tuple(fc.constantFrom<FunctionName>('exp', 'abs', 'sin', 'cos', 'tanh', 'sigmoid', 'softplus'), e).map(([f, a]) => call(f, a)),
      fc.tuple(fc.constantFrom<FunctionName>('log', 'sqrt'), positive).map(([f, a]) => call(f, a)),
    ),
  };
}).e;

/**
 * Derivative of f at x: central differences with one Richardson step (error O(h⁴)) at h and at h/2,
 * h = 1e-3·max(1, |x|). smooth is false where differences are no reference:
 *  - the two Richardson values disagree (too curved, or a hidden kink such as x·|x|), or
 *  - the gap between the forward and backward slopes does not shrink with the step (∝ step·f'' when
 *    smooth, constant at a kink of abs, even one that central differences straddle symmetrically).
 */
export function derivative(f: (x: number) => number, x: number): { value: number; smooth: boolean } {
  const h = step(x);
  const f0 = f(x);
  const central = (k: number) => (f(x + k) - f(x - k)) / (2 * k);
  const gap = (k: number) => Math.abs(f(x + k) - 2 * f0 + f(x - k)) / k;
  const d1 = central(h);
  const d2 = central(h / 2);
  const d4 = central(h / 4);
  const coarse = (4 * d2 - d1) / 3;
  const value = (4 * d4 - d2) / 3;
  const scale = Math.max(1, Math.abs(value));
  const rounding = 1e-10 * Math.abs(f0);
  const smooth =
    Number.isFinite(value) && Math.abs(coarse - value) <= 1e-8 * scale + rounding && gap(h / 4) <= 0.3 * gap(h) + 1e-9 * scale + rounding;
  return { value, smooth };
}

/** The largest offset derivative() evaluates f at, either side of x. */
const step = (x: number): number => 1e-3 * Math.max(1, Math.abs(x));

/**
 * Whether some abs in e changes sign (or meets 0) within derivative()'s stencil around w1 (axis 0) or
 * w2 (axis 1): there differences straddle a kink and are no reference, however small its effect on f.
 */
export function kinkWithin(e: Expr, w1: number, w2: number, axis: 0 | 1): boolean {
  const x = axis === 0 ? w1 : w2;
  const h = step(x);
  const signs: number[][] = [];
  for (const k of [-h, -h / 2, -h / 4, 0, h / 4, h / 2, h]) {
    const values = new Map<Expr, number>();
    const seen: number[] = [];
    evalExpr(e, axis === 0 ? x + k : w1, axis === 1 ? x + k : w2, (node, value) => {
      values.set(node, value);
      if (node.kind === 'call' && node.name === 'abs') seen.push(Math.sign(values.get(node.arg)!));
    });
    signs.push(seen);
  }
  return signs.some((seen) => seen.some((sign, i) => sign === 0 || Number.isNaN(sign) || sign !== signs[3][i]));
}

/** |a − b| ≤ rtol·max(1, |a|, |b|) + atol. */
export function close(a: number, b: number, rtol: number, atol = 0): boolean {
  return Math.abs(a - b) <= rtol * Math.max(1, Math.abs(a), Math.abs(b)) + atol;
}
