import * as assert from 'node:assert/strict';
import { DIVERGENCE_BOUND } from '../../src/engine/catalog/limits';
import { formatNumber, formatPowerOfTen, inputName, weightName } from '../../src/shared/format';
import { METRIC_CATALOG } from '../../src/shared/metricCatalog';

describe('format: powers of ten in sentences', () => {
  it('10^k as 10 with a superscript exponent; anything else as a plain number', () => {
    assert.equal(formatPowerOfTen(1e12), '10¹²');
    assert.equal(formatPowerOfTen(10), '10¹');
    assert.equal(formatPowerOfTen(1e308), '10³⁰⁸');
    assert.equal(formatPowerOfTen(2e12), '2.00e12');
    for (const v of [1, 0.1, NaN, Infinity, -1e12]) assert.ok(!formatPowerOfTen(v).startsWith('10'), String(v));
  });

  it('divergedAt’s meaning states the engine’s bound', () => {
    assert.match(METRIC_CATALOG.find((m) => m.key === 'divergedAt')!.meaning, new RegExp(`±${formatPowerOfTen(DIVERGENCE_BOUND)}`));
  });
});

describe('format: weight and input names', () => {
  it('names weight i (0-based) with a 1-based subscript', () => {
    assert.equal(weightName(0), 'w₁');
    assert.equal(weightName(1), 'w₂');
    assert.equal(weightName(783), 'w₇₈₄');
    assert.equal(inputName(9), 'x₁₀');
  });
});

describe('format: numbers', () => {
  it("writes 1,000 … 99,999 out, never as toPrecision's 3.72e+3", () => {
    assert.equal(formatNumber(3722), '3720');
    assert.equal(formatNumber(40_006.2), '40000');
    assert.equal(formatNumber(99_999), '100000');
    assert.equal(formatNumber(999.4), '999');
    assert.equal(formatNumber(-1234.5), '-1230');
    assert.equal(formatNumber(1234.5, 6), '1234.5');
    assert.equal(formatNumber(2.5e6), '2.50e6');
  });
});
