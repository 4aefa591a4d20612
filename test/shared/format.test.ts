import * as assert from 'node:assert/strict';
import { DIVERGENCE_BOUND } from '../../src/engine/catalog/limits';
import { formatPowerOfTen, inputName, weightName } from '../../src/shared/format';
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
