// The ledger in words against the engine's ledger of real runs: each number shown is the run's own, the
// measured steps are the run's metric, and each case where the theory does not apply says why instead.
import * as assert from 'node:assert/strict';
import { resolveScenario } from '../../src/engine/index';
import { formatInteger, formatNumber } from '../../src/shared/format';
import { computeRunView } from '../../src/shared/runView';
import { formatRate, ledgerRows, type LedgerRow } from '../../webview/ledgerRows';

const BASE = {
  inputs: { distribution: 'uniform', count: 64, dimension: 6 },
  target: { quadrant: 'nw', distance: 3 },
  optimizer: { name: 'sgd', lr: 0.1 },
  batchSize: 'full',
  steps: 400,
};

function rowsOf(patch: Record<string, unknown> = {}) {
  const run = computeRunView(resolveScenario({ ...BASE, ...patch }), { gridSize: 8 });
  const rows = ledgerRows(run);
  const byKey = (k: LedgerRow['key']): LedgerRow => rows.find((r) => r.key === k)!;
  return { run, rows, byKey };
}

describe('the ledger in words (webview/ledgerRows.ts)', () => {
  it('full-batch gradient descent on mse: the run’s curvature, κ, prediction beside the measured steps, best rates', () => {
    const { run, byKey } = rowsOf({ steps: 800 });
    const l = run.ledger;
    assert.ok(l.prediction && l.best && l.lambdaMax !== null && l.lambdaMin !== null && l.conditionNumber !== null);
    assert.equal(byKey('curvature').text, `λmax = ${formatNumber(l.lambdaMax)}, λmin = ${formatNumber(l.lambdaMin)}`);
    assert.equal(byKey('kappa').text, formatNumber(l.conditionNumber));
    const measured = run.metrics.stepsToTarget;
    assert.ok(measured !== null && l.prediction.steps !== null && measured <= l.prediction.steps, 'the bound holds for this run');
    assert.equal(
      byKey('prediction').text,
      `slowest direction shrinks ×${formatRate(l.prediction.contraction)} a step (max|1 − ηλ|, η = 0.1): ` +
        `within 5 % of the start's distance by ${formatInteger(l.prediction.steps)} steps at the latest; measured: step ${formatInteger(measured)}`,
    );
    assert.match(byKey('best').text, new RegExp(`^η = 2/\\(λmax \\+ λmin\\) = ${formatNumber(l.best.learningRate).replace('.', '\\.')}: `));
    assert.ok(byKey('momentum').text.startsWith(`×${formatRate(l.best.momentumRate)} a step`));
  });

  it('a step too large for the steepest direction predicts no arrival', () => {
    const { run, byKey } = rowsOf({ optimizer: { name: 'sgd', lr: 5 }, steps: 20 });
    assert.ok(run.ledger.prediction && run.ledger.prediction.contraction >= 1);
    assert.match(byKey('prediction').text, /by never \(the factor is not below 1\) at the latest; measured: not reached in 20 steps$/);
  });

  it('says why, instead of a number, where the theory does not apply', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ batchSize: 4 }, /^Batches of 4 examples, not all of the data: /],
      [{ optimizer: { name: 'rmsprop', lr: 0.01 } }, /^RMSprop divides each step by the gradient's running size/],
      [
        { optimizer: { name: 'momentum', lr: 0.01 } },
        /^SGD \+ momentum is not bounded step by step by gradient descent's factor; its best rate is below\.$/,
      ],
      [{ loss: 'logistic' }, /^The logistic loss is not a quadratic bowl: the theory holds only near w\*/],
      [{ labelNoise: 0.1 }, /^With label noise the data’s best weights are not w\*/],
    ];
    for (const [patch, words] of cases) {
      const { byKey } = rowsOf(patch);
      const row = byKey('prediction');
      assert.ok(row.notApplicable, JSON.stringify(patch));
      assert.match(row.text, words, JSON.stringify(patch));
      assert.doesNotMatch(row.text, /\d\.\d/, 'no number where the theory does not apply');
    }
    // Fewer examples than inputs: a flat bowl, no κ.
    const flat = rowsOf({ inputs: { distribution: 'uniform', count: 3, dimension: 6 } });
    assert.ok(flat.byKey('kappa').notApplicable);
    assert.match(flat.byKey('kappa').text, /^λmin ≤ 0: the bowl is flat in some direction/);
    assert.deepEqual(
      flat.rows.map((r) => r.key),
      ['curvature', 'kappa'],
    );
  });

  it('gives a factor per step enough digits to tell it from 1', () => {
    assert.equal(formatRate(39_999 / 40_001), '0.99995');
    assert.equal(formatRate(0.5), '0.5');
    assert.equal(formatRate(0.999_999_9), '0.9999999');
    assert.equal(formatRate(1.2), '1.2');
  });
});
