import * as assert from 'node:assert/strict';
import { resolveScenario } from '../../src/engine/index';
import { LONG_RUN_WORK, runWork } from '../../src/shared/runView';

describe('run cost estimate', () => {
  it('mse batches that recur cost O(1) per step: 50,000 full-batch steps on 100,000 examples are not a long run', () => {
    const full = resolveScenario({ inputs: { count: 100_000 }, batchSize: 'full', steps: 50_000 });
    assert.ok(runWork(full) <= LONG_RUN_WORK, `work ${runWork(full)}`);
    const cyclic = resolveScenario({ inputs: { count: 100_000 }, batchSize: 1000, steps: 50_000 });
    assert.ok(runWork(cyclic) <= LONG_RUN_WORK, `work ${runWork(cyclic)}`);
  });

  it('work that is still per example counts: the logistic loss, shuffled batches', () => {
    const logistic = resolveScenario({ loss: 'logistic', inputs: { count: 100_000 }, batchSize: 'full', steps: 400 });
    assert.ok(runWork(logistic) >= 400 * 100_000);
    const shuffled = resolveScenario({ order: 'shuffle', batchSize: 200, steps: 20_000 });
    assert.ok(runWork(shuffled) >= 20_000 * 200);
  });
});
