import * as assert from 'node:assert/strict';
import { resolveScenario, simulate } from '../../src/engine/index';
import { SCENARIO_PRESETS } from '../../src/host/scenarioPresets';

describe('built-in presets', () => {
  const metrics = (id: string) => simulate(resolveScenario(SCENARIO_PRESETS.find((p) => p.id === id)!.scenario)).metrics;

  it('every preset is valid, converges without diverging, and has a unique id', () => {
    assert.equal(new Set(SCENARIO_PRESETS.map((p) => p.id)).size, SCENARIO_PRESETS.length);
    for (const p of SCENARIO_PRESETS) {
      const m = simulate(resolveScenario(p.scenario)).metrics;
      assert.equal(m.divergedAt, null, p.id);
      if (p.id !== 'himmelblau') assert.ok(m.stepsToTarget !== null, `${p.id} reaches its target (distance ${m.finalDistance})`);
    }
  });

  it('each lesson preset shows what its description promises', () => {
    const classic = metrics('classic');
    assert.equal(classic.lockedFraction, 1);
    assert.ok(metrics('north-east').pathEfficiency > classic.pathEfficiency);
    assert.ok(metrics('tanh').lockedFraction < 0.6);
    assert.ok(metrics('centred').conditionNumber! < classic.conditionNumber!);
    assert.ok(metrics('batch-32').reversals < classic.reversals);
    assert.ok(metrics('momentum').reversals < classic.reversals);
    assert.ok(metrics('quadratic').reversals > 10, 'gradient descent oscillates across the steep axis');
  });
});
