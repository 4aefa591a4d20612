// The divergence rule of the contract (scenario-v1, divergedAt): a run stops at the first t where w_t or
// loss[t] is not finite, |loss[t]| > 1e12 or some |w_t,i| > 1e12, whichever quantity gets there first.
import * as assert from 'node:assert/strict';
import { DIVERGENCE_BOUND, resolveScenario, simulate, type Run } from '../../src/engine/index';

const run = (input: object): Run => simulate(resolveScenario(input), { records: true });

/** The run kept nothing past the bound and nothing non-finite. */
function keptWithinBound(r: Run): void {
  assert.ok([...r.trajectory, ...r.loss].every((v) => Number.isFinite(v) && Math.abs(v) <= DIVERGENCE_BOUND));
  const at = r.metrics.divergedAt;
  if (at !== null) {
    assert.equal(r.trajectory.length, 2 * at);
    assert.equal(r.loss.length, at);
  }
}

describe('divergence: |loss| or any |w_i| past 1e12 ends the run', () => {
  it('the bound is the contract’s 1e12', () => assert.equal(DIVERGENCE_BOUND, 1e12));

  it('a loss that runs to −∞ diverges when it passes −1e12, before the weights get far', () => {
    // f = −w1²: plain gradient ascent away from 0; |f| passes 1e12 when |w1| passes 1e6.
    const r = run({ model: 'function', function: { expression: '-w1^2' }, start: [1, 0], optimizer: { lr: 0.5 }, steps: 100 });
    const at = r.metrics.divergedAt;
    assert.ok(at !== null && at > 0, `divergedAt ${at}`);
    assert.ok(Math.abs(r.loss[at - 1]) <= 1e12 && Math.abs(r.trajectory[2 * (at - 1)]) < 1e12);
    keptWithinBound(r);
    assert.equal(r.metrics.finalLoss, null);
  });

  it('weights past 1e12 end a run whose loss stays small (momentum μ = 1 on a gentle slope)', () => {
    // f = 0.001·w1: constant gradient; with μ = 1 the velocity grows by one gradient a step, so w1 ≈ −500·t².
    const r = run({
      model: 'function',
      function: { expression: '0.001*w1' },
      optimizer: { name: 'momentum', momentum: 1, lr: 1e6 },
      steps: 50_000,
    });
    const at = r.metrics.divergedAt;
    assert.ok(at !== null && at > 40_000 && at < 50_000, `divergedAt ${at}`);
    assert.ok(Math.abs(r.loss[at - 1]) < 1e10, 'the loss never came near the bound');
    keptWithinBound(r);
  });

  it('the issue-17 objective −1e308·|sin(w2)| diverges at its start', () => {
    const r = run({ model: 'function', function: { expression: '-1e308*abs(sin(w2))' }, start: [0.3, 0.7] });
    assert.equal(r.metrics.divergedAt, 0);
    assert.equal(r.trajectory.length, 0);
  });
});
