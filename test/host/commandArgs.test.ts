import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePointArg, parsePointText, parseQuadrantArg, parseStepSizeArg } from '../../src/host/commandArgs';

describe('command arguments', () => {
  it('accepts the ways people type a point', () => {
    for (const t of ['1, -2', '1,-2', ' (1, -2) ', '[1 -2]', '1; -2', '1e0, -2.0', '+1, -2']) {
      assert.deepEqual(parsePointText(t), { ok: true, value: [1, -2] }, t);
    }
  });

  it('names what is wrong with a typed point', () => {
    assert.deepEqual(parsePointText(''), { ok: false, error: 'Enter two numbers w1, w2 separated by a comma (like -1.5, 2); got nothing' });
    assert.deepEqual(parsePointText('abc'), {
      ok: false,
      error: 'Enter two numbers w1, w2 separated by a comma (like -1.5, 2); got 1 value',
    });
    assert.deepEqual(parsePointText('1, 2, 3'), {
      ok: false,
      error: 'Enter two numbers w1, w2 separated by a comma (like -1.5, 2); got 3 values',
    });
    assert.deepEqual(parsePointText('1, x'), { ok: false, error: "'x' is not a number" });
    assert.deepEqual(parsePointText('1, Infinity'), { ok: false, error: "'Infinity' is not a number" });
    assert.deepEqual(parsePointText('0x10, 1'), { ok: false, error: "'0x10' is not a number" });
    assert.deepEqual(parsePointText('5000, 1'), { ok: false, error: '5000 is out of range: w1 and w2 must lie within ±1000' });
  });

  it('never throws and round-trips any in-range point', () => {
    fc.assert(
      fc.property(fc.string(), (t) => {
        parsePointText(t);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: -1000, max: 1000, noNaN: true }), (a, b) => {
        const r = parsePointText(`${a}, ${b}`);
        assert.ok(r.ok);
        assert.ok(Object.is(r.value[0], a) || r.value[0] === a);
      }),
    );
  });

  it('point arguments from executeCommand', () => {
    assert.deepEqual(parsePointArg([1, -2]), { ok: true, value: [1, -2] });
    assert.deepEqual(parsePointArg({ w1: 1, w2: -2 }), { ok: true, value: [1, -2] });
    assert.deepEqual(parsePointArg('1, -2'), { ok: true, value: [1, -2] });
    assert.deepEqual(parsePointArg([1, 2, 3]), { ok: false, error: 'expected a point [w1, w2] of two finite numbers, got [1,2,3]' });
    assert.deepEqual(parsePointArg(42), { ok: false, error: 'expected a point [w1, w2] of two finite numbers, got 42' });
    assert.deepEqual(parsePointArg(null), { ok: false, error: 'expected a point [w1, w2] of two finite numbers, got null' });
  });

  it('a point argument that is not two finite numbers in range names the bad component and its value (issue 17)', () => {
    const refused = (arg: unknown) => {
      const r = parsePointArg(arg);
      assert.ok(!r.ok, JSON.stringify(arg));
      return r.error;
    };
    assert.equal(refused([Infinity, 1]), 'w1 must be a finite number within ±1000, got Infinity');
    // A JSON argument of 1e309 arrives as Infinity (JSON.stringify would show it as null).
    assert.equal(refused(JSON.parse('[1e309, 1]')), 'w1 must be a finite number within ±1000, got Infinity');
    assert.equal(refused([1, -Infinity]), 'w2 must be a finite number within ±1000, got -Infinity');
    assert.equal(refused([1, NaN]), 'w2 must be a finite number within ±1000, got NaN');
    assert.equal(refused([5000, 1]), 'w1 must be a finite number within ±1000, got 5000');
    assert.equal(refused([1, '2']), 'w2 must be a finite number within ±1000, got "2"');
    assert.equal(refused([null, 1]), 'w1 must be a finite number within ±1000, got null');
    assert.equal(refused({ w1: 1, w2: Infinity }), 'w2 must be a finite number within ±1000, got Infinity');
    assert.deepEqual(parsePointArg([-1000, 1000]), { ok: true, value: [-1000, 1000] });
  });

  it('quadrant arguments', () => {
    assert.deepEqual(parseQuadrantArg('ne'), { ok: true, value: 'ne' });
    assert.deepEqual(parseQuadrantArg('North-West'), { ok: true, value: 'nw' });
    assert.deepEqual(parseQuadrantArg('up'), { ok: false, error: 'expected a quadrant ("ne", "nw", "sw" or "se"), got "up"' });
    assert.deepEqual(parseQuadrantArg(3), { ok: false, error: 'expected a quadrant ("ne", "nw", "sw" or "se"), got 3' });
  });

  it('step-size rules for the comparison', () => {
    assert.deepEqual(parseStepSizeArg('same'), { ok: true, value: 'same' });
    assert.deepEqual(parseStepSizeArg({ stepSize: 'matched' }), { ok: true, value: 'matched' });
    assert.deepEqual(parseStepSizeArg('fair'), { ok: false, error: 'expected a step size rule ("matched" or "same"), got "fair"' });
    assert.deepEqual(parseStepSizeArg({}), { ok: false, error: 'expected a step size rule ("matched" or "same"), got {}' });
  });
});
