import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exactKey } from '../../src/engine/exactKey';

/** The definition: JSON with −0 written apart from 0, every value through the replacer. */
const reference = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (Object.is(v, -0) ? '-0' : v));

describe('exactKey', () => {
  it('is JSON with −0 apart from 0, for any JSON-like value, weight vectors and nested arrays included', () => {
    const number = fc.oneof(fc.double(), fc.constant(-0), fc.constant(0));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(number, fc.string(), fc.boolean(), fc.constant(null)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(fc.property(value, (v) => exactKey(v) === reference(v)));
    fc.assert(fc.property(fc.array(number), (v) => exactKey(Float64Array.from(v)) === reference(Float64Array.from(v))));
  });

  it('tells −0 from 0 wherever it is, and equal values give equal keys', () => {
    assert.notEqual(exactKey([{ w: [1, 0] }]), exactKey([{ w: [1, -0] }]));
    assert.notEqual(exactKey(Float64Array.of(0)), exactKey(Float64Array.of(-0)));
    assert.equal(exactKey({ a: [1, 2.5] }), exactKey({ a: [1, 2.5] }));
  });
});
