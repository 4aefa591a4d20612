import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compileObjective,
  type Expr,
  ExpressionError,
  FUNCTION_NAMES,
  MAX_EXPRESSION_LENGTH,
  MAX_NESTING,
  parseExpression,
} from '../../src/engine/expression';
import { FUNCTION_PRESETS } from '../../src/engine/catalog/functionPresets';
import type { FunctionPreset } from '../../src/engine/types';
import { close, evalExpr, printExpr, safeExpr, shape } from './support/exprTools';

/** Value of the text at (w1, w2) through the whole pipeline: parse, build, compile, forward. */
function value(text: string, w1 = 0, w2 = 0): number {
  return compileObjective(parseExpression(text)).value(w1, w2);
}

/** Asserts that parsing fails with an ExpressionError at the given position whose message matches. */
function rejects(text: string, position: number, message: RegExp): ExpressionError {
  let caught: unknown;
  try {
    parseExpression(text);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ExpressionError, `${JSON.stringify(text)} should be rejected, got ${String(caught)}`);
  assert.equal(caught.position, position, `${JSON.stringify(text)}: ${caught.message}`);
  assert.match(caught.message, message);
  assert.ok(caught.message.includes(`at position ${position}`), caught.message);
  return caught;
}

describe('expression: grammar, precedence and associativity', () => {
  const cases: [string, unknown][] = [
    ['1 + 2 * 3', ['+', 1, ['*', 2, 3]]],
    ['(1 + 2) * 3', ['*', ['+', 1, 2], 3]],
    ['1 - 2 - 3', ['-', ['-', 1, 2], 3]],
    ['8 / 4 / 2', ['/', ['/', 8, 4], 2]],
    ['2 ^ 3 ^ 2', ['^', 2, ['^', 3, 2]]],
    ['-w1^2', ['neg', ['^', 'w1', 2]]],
    ['(-w1)^2', ['^', ['neg', 'w1'], 2]],
    ['2^-w1^2', ['^', 2, ['neg', ['^', 'w1', 2]]]],
    ['2 * -3', ['*', 2, ['neg', 3]]],
    ['--w2', ['neg', ['neg', 'w2']]],
    ['+w1', 'w1'],
    ['w1 - -w2', ['-', 'w1', ['neg', 'w2']]],
    ['exp(w1) * log(w2)^2', ['*', ['exp', 'w1'], ['^', ['log', 'w2'], 2]]],
    ['sigmoid(-w1 + w2)', ['sigmoid', ['+', ['neg', 'w1'], 'w2']]],
    ['\t1.5e-3*w1\n', ['*', 0.0015, 'w1']],
    ['.5 + 5. + 1E+2', ['+', ['+', 0.5, 5], 100]],
  ];
  for (const [text, tree] of cases) {
    it(`parses ${JSON.stringify(text)}`, () => assert.deepEqual(shape(parseExpression(text)), tree));
  }

  it('evaluates like mathematics', () => {
    assert.equal(value('1 + 2 * 3'), 7);
    assert.equal(value('2^3^2'), 512);
    assert.equal(value('-2^2'), -4);
    assert.equal(value('(-2)^2'), 4);
    assert.equal(value('2^-1'), 0.5);
    assert.equal(value('1 - 2 - 3'), -4);
    assert.equal(value('-w1^2', 3), -9);
    assert.equal(value('w1*w2 - w2/w1', 2, 3), 6 - 1.5);
    assert.equal(value('softplus(w1) - sigmoid(w2)', 0.3, -0.4), Math.log1p(Math.exp(0.3)) - 1 / (1 + Math.exp(0.4)));
  });

  it('accepts every whitelisted function with one argument', () => {
    for (const name of FUNCTION_NAMES) {
      const e = parseExpression(`${name}(w1 + 1)`);
      assert.deepEqual(shape(e), [name, ['+', 'w1', 1]]);
      assert.ok(close(compileObjective(e).value(0.5, 0), evalExpr(e, 0.5, 0), 1e-15));
    }
  });

  it('records the position of each node', () => {
    const e = parseExpression('  w1 + exp(2)');
    assert.equal(e.kind, 'binary');
    if (e.kind !== 'binary') return;
    assert.equal(e.position, 5);
    assert.equal(e.left.position, 2);
    assert.equal(e.right.position, 7);
  });

  it('round-trips numbers exactly through String()', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (x) => {
        const e = parseExpression(String(x));
        assert.equal(e.kind, 'number');
        if (e.kind === 'number') assert.equal(e.value, x);
        assert.equal(parseExpression(x.toExponential()).kind, 'number');
        assert.equal(value(x.toExponential()), x);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips random expression trees: parse(print(tree)) has the same shape and value', () => {
    fc.assert(
      fc.property(safeExpr, fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (tree, w1, w2) => {
        const text = printExpr(tree);
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        const parsed = parseExpression(text);
        assert.deepEqual(shape(parsed), shape(tree));
        const reference = evalExpr(tree, w1, w2);
        const got = compileObjective(parsed).value(w1, w2);
        assert.ok(Object.is(got, reference) || close(got, reference, 1e-12), `${text}: ${got} vs ${reference}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('expression: errors name the position', () => {
  const cases: [string, number, RegExp][] = [
    ['', 0, /^empty expression/],
    ['   ', 3, /^empty expression/],
    ['w1 +', 4, /^unexpected end of input/],
    ['(w1', 3, /^expected '\)'/],
    ['exp(w1 + 2', 10, /^expected '\)'/],
    ['w1)', 2, /^unexpected '\)'/],
    ['(w1 + w2))', 9, /^unexpected '\)'/],
    ['()', 1, /^unexpected '\)'/],
    ['x', 0, /^unknown identifier 'x' .*\(allowed: w1, w2, exp, log/],
    ['w1 + w3', 5, /^unknown identifier 'w3'/],
    ['constructor', 0, /^unknown identifier 'constructor'/],
    ['__proto__', 0, /^unknown identifier '__proto__'/],
    ['toString(1)', 0, /^unknown identifier 'toString'/],
    ['Math.exp(1)', 0, /^unknown identifier 'Math'/],
    ['eval(1)', 0, /^unknown identifier 'eval'/],
    ['Exp(1)', 0, /^unknown identifier 'Exp'/],
    ['exp(1, 2)', 5, /^expected '\)'.*one argument/],
    ['w1, w2', 2, /^unexpected ','/],
    ['exp', 3, /^expected '\(' after 'exp'/],
    ['exp w1', 4, /^expected '\(' after 'exp'/],
    ['exp()', 4, /^unexpected '\)'/],
    ['w1(2)', 2, /^unexpected '\('/],
    ['2w1', 1, /^unexpected 'w1'.*missing an operator/],
    ['w1 w2', 3, /^unexpected 'w2'/],
    ['1e', 0, /^malformed number '1e'/],
    ['1e+', 0, /^malformed number/],
    ['1.2.3', 0, /^malformed number/],
    ['1e999', 0, /^number '1e999' is too large/],
    ['w1 ** 2', 4, /^unexpected '\*'.*use '\^'/],
    ['w1 * / 2', 5, /^unexpected '\/'/],
    ['w1 ^', 4, /^unexpected end of input/],
    ['w1 $ 2', 3, /^unexpected character '\$'/],
    ['w1 − 2', 3, /^unexpected character '−'.*use '-'/],
    ['2·w1', 1, /^unexpected character '·'.*use '\*'/],
    ['w1²', 2, /^unexpected character '²'/],
    ['w1 = 2', 3, /^unexpected character '='/],
    ['"w1"', 0, /^unexpected character '"'/],
    ['w1; process.exit()', 2, /^unexpected character ';'/],
    ['[w1]', 0, /^unexpected character '\['/],
    ['w1 + 😀', 5, /^unexpected character '😀'/],
  ];
  for (const [text, position, message] of cases) {
    it(`rejects ${JSON.stringify(text)} at ${position}`, () => {
      rejects(text, position, message);
    });
  }

  it('rejects overlong input and deep nesting with an error, not a stack overflow', () => {
    rejects('w1+'.repeat(400) + 'w1', MAX_EXPRESSION_LENGTH, /longer than 1000 characters/);
    const depth = MAX_NESTING + 1;
    rejects('('.repeat(depth) + 'w1' + ')'.repeat(depth), MAX_NESTING, /nesting deeper than 100/);
    rejects('-'.repeat(depth) + 'w1', MAX_NESTING, /nesting deeper/);
    rejects('exp('.repeat(depth) + 'w1' + ')'.repeat(depth), 4 * MAX_NESTING + 3, /nesting deeper/);
    rejects('2^'.repeat(depth) + '2', 2 * MAX_NESTING + 1, /nesting deeper/);
    // Just inside the limits is fine.
    assert.equal(value('('.repeat(MAX_NESTING) + 'w1' + ')'.repeat(MAX_NESTING), 3), 3);
    const long = Array.from({ length: 333 }, () => 'w1').join('+'); // 998 characters
    assert.equal(value(long, 1), 333);
  });

  it('never throws anything but ExpressionError, on any input', () => {
    const alphabet = fc.constantFrom(...'w12 +-*/^().,e5expsqrtlogabsincotanhsigmoidsoftplus_$x'.split(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: alphabet, maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })),
        (text) => {
          try {
            const e: Expr = parseExpression(text);
            compileObjective(e).value(0.5, 0.25);
          } catch (err) {
            assert.ok(err instanceof ExpressionError, `${JSON.stringify(text)}: ${String(err)}`);
            assert.ok(err.position >= 0 && err.position <= text.length, `${JSON.stringify(text)}: position ${err.position}`);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('expression: compiled objectives', () => {
  it('gradient() writes into out and returns f; value() agrees', () => {
    const o = compileObjective(parseExpression('w1^2 * w2 + sin(w2)'));
    const out = new Float64Array(2);
    const f = o.gradient(1.5, 0.5, out);
    assert.equal(f, o.value(1.5, 0.5));
    assert.ok(close(f, 1.5 ** 2 * 0.5 + Math.sin(0.5), 1e-15));
    assert.ok(close(out[0], 2 * 1.5 * 0.5, 1e-15));
    assert.ok(close(out[1], 1.5 ** 2 + Math.cos(0.5), 1e-15));
  });

  it('an objective that ignores a variable has zero gradient for it; a constant has zero gradient', () => {
    const out = new Float64Array(2);
    assert.equal(compileObjective(parseExpression('w2^3')).gradient(7, 2, out), 8);
    assert.deepEqual(Array.from(out), [0, 12]);
    out.fill(NaN);
    assert.ok(close(compileObjective(parseExpression('exp(1) - 2')).gradient(7, 2, out), Math.E - 2, 1e-15));
    assert.deepEqual(Array.from(out), [0, 0]);
  });
});

describe('presets', () => {
  const u = (w1: number, w2: number) => (w1 + w2) / Math.SQRT2;
  const v = (w1: number, w2: number) => (w2 - w1) / Math.SQRT2;
  /** The format's preset table, transcribed directly (docs/scenario-format.md, "The function model"). */
  const SPEC: Record<FunctionPreset, { f: (a: number, b: number) => number; minimum: [number, number] }> = {
    quadratic: { f: (a, b) => 0.5 * a * a + 5 * b * b, minimum: [0, 0] },
    rotated: { f: (a, b) => 5 * u(a, b) ** 2 + 0.5 * v(a, b) ** 2, minimum: [0, 0] },
    rosenbrock: { f: (a, b) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, minimum: [1, 1] },
    beale: {
      f: (a, b) => (1.5 - a + a * b) ** 2 + (2.25 - a + a * b * b) ** 2 + (2.625 - a + a * b ** 3) ** 2,
      minimum: [3, 0.5],
    },
    himmelblau: { f: (a, b) => (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2, minimum: [3, 2] },
  };

  it('covers exactly the presets of the spec, each with a one-line description', () => {
    assert.deepEqual(Object.keys(FUNCTION_PRESETS).sort(), Object.keys(SPEC).sort());
    for (const info of Object.values(FUNCTION_PRESETS)) {
      assert.ok(info.description.length > 10 && !info.description.includes('\n'));
    }
    assert.match(FUNCTION_PRESETS.rotated.description, /north-east.*north-west/);
  });

  for (const name of Object.keys(SPEC) as FunctionPreset[]) {
    const spec = SPEC[name];
    it(`${name}: matches the spec's formula, is 0 with zero gradient at its minimum`, () => {
      const info = FUNCTION_PRESETS[name];
      assert.deepEqual(info.minimum, spec.minimum);
      const o = compileObjective(parseExpression(info.expression));
      const out = new Float64Array(2);
      const [m1, m2] = info.minimum;
      assert.ok(Math.abs(o.gradient(m1, m2, out)) < 1e-14);
      assert.ok(Math.abs(out[0]) < 1e-12 && Math.abs(out[1]) < 1e-12, `gradient at minimum: ${out[0]}, ${out[1]}`);
      fc.assert(
        fc.property(fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), (a, b) => {
          const want = spec.f(a, b);
          assert.ok(close(o.value(a, b), want, 1e-12), `${name}(${a}, ${b}) = ${o.value(a, b)}, spec ${want}`);
          // All five are sums of squares.
          assert.ok(o.value(a, b) >= 0);
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('expression: bounded work (issue 17)', () => {
  /** Every double, with the extremes drawn often. */
  const extreme = fc.oneof(
    fc.double(),
    fc.constantFrom(Infinity, -Infinity, NaN, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 0, -0, 1e12, -1e12),
  );
  /** Hostile text: the grammar's tokens, huge and malformed numbers, unbalanced parentheses, deep nesting. */
  const token = fc.constantFrom(
    'w1',
    'w2',
    '+',
    '-',
    '*',
    '/',
    '^',
    '(',
    ')',
    ' ',
    '1e308',
    '1e309',
    '9'.repeat(400),
    '0.5',
    '.',
    'e',
    '2',
    ...FUNCTION_NAMES.map((f) => `${f}(`),
  );
  const hostileText = fc.oneof(
    fc.array(token, { maxLength: 400 }).map((ts) => ts.join('')),
    fc.integer({ min: 0, max: 600 }).map((d) => '('.repeat(d) + 'w1' + ')'.repeat(d)),
    fc.integer({ min: 1, max: 240 }).map((k) => Array.from({ length: k }, () => 'w1').join('^')),
    fc.string({ maxLength: 1200 }),
  );

  it('parsing any text ends in an expression or an ExpressionError; its objective is a number at any doubles', () => {
    const out = new Float64Array(2);
    fc.assert(
      fc.property(hostileText, extreme, extreme, (text, w1, w2) => {
        let e: Expr;
        try {
          e = parseExpression(text);
        } catch (err) {
          assert.ok(err instanceof ExpressionError, String(err));
          return;
        }
        const o = compileObjective(e);
        assert.equal(typeof o.value(w1, w2), 'number');
        assert.equal(typeof o.gradient(w1, w2, out), 'number');
      }),
      { numRuns: 1500 },
    );
  });

  it('the compiled size: each evaluation visits at most one node per token of the text, constants folded once', () => {
    fc.assert(
      fc.property(safeExpr, (tree) => {
        const text = printExpr(tree);
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        const { forward, backward } = compileObjective(parseExpression(text)).profile;
        const nodes = Object.values(forward).reduce((a, b) => a + b, 0);
        const differentiated = Object.values(backward).reduce((a, b) => a + b, 0);
        assert.ok(nodes <= text.length && differentiated <= nodes, `${text}: ${nodes} nodes, ${differentiated} differentiated`);
      }),
      { numRuns: 300 },
    );
    const { forward, backward, varyingExponents } = compileObjective(parseExpression('w1^2 + 3*sin(w2) + sqrt(2) + w1^w2 + w2^3')).profile;
    const none = Object.fromEntries(Object.keys(forward).map((op) => [op, 0]));
    // sqrt(2) is folded when compiled; w1^2 is a square; w1^w2 and w2^3 are powers.
    assert.deepEqual(forward, { ...none, add: 4, mul: 1, sin: 1, square: 1, pow: 2 });
    assert.deepEqual(backward, forward);
    assert.equal(varyingExponents, 1);
  });
});
