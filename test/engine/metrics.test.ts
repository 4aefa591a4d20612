import * as assert from 'node:assert/strict';
import { computeMetrics } from '../../src/engine/metrics';

const traj = (...pts: [number, number][]): Float64Array => Float64Array.from(pts.flat());

describe('metrics on hand-made trajectories', () => {
  // Steps: (1,1) locked, (−1,2) free, (1,1) locked, (0,0) nothing.
  const w = traj([0, 0], [1, 1], [0, 3], [1, 4], [1, 4]);
  const loss = Float64Array.of(4, 3, 2, 1, 1);
  const m = computeMetrics({ trajectory: w, loss, target: [1, 4], divergedAt: null, conditionNumber: 7 });

  it('lockedFraction counts steps into quadrant I or III (zero steps do not count)', () => {
    assert.equal(m.lockedFraction, 2 / 4);
  });
  it('pathEfficiency is net displacement over path length', () => {
    assert.equal(m.pathEfficiency, Math.hypot(1, 4) / (Math.SQRT2 + Math.hypot(1, 2) + Math.SQRT2));
  });
  it('reversals count consecutive steps with a negative dot product', () => {
    // (1,1)·(−1,2) = 1 > 0; (−1,2)·(1,1) = 1 > 0; (1,1)·(0,0) = 0: none.
    assert.equal(m.reversals, 0);
    const zigzag = computeMetrics({
      trajectory: traj([0, 0], [1, 1], [0, 0], [1, 1]),
      loss: new Float64Array(4),
      target: null,
      divergedAt: null,
      conditionNumber: null,
    });
    assert.equal(zigzag.reversals, 2);
    assert.equal(zigzag.stepsToTarget, null);
  });
  it('stepsToTarget is the first step within 5% of the starting distance', () => {
    assert.equal(m.stepsToTarget, 3);
    assert.equal(m.finalDistance, 0);
    assert.equal(m.finalLoss, 1);
    assert.equal(m.conditionNumber, 7);
  });
  it('nothing moved: efficiency 1, no locked steps', () => {
    const still = computeMetrics({
      trajectory: traj([2, 2], [2, 2]),
      loss: Float64Array.of(1, 1),
      target: [0, 0],
      divergedAt: null,
      conditionNumber: null,
    });
    assert.equal(still.pathEfficiency, 1);
    assert.equal(still.lockedFraction, 0);
    assert.equal(still.stepsToTarget, null);
  });
  it('a diverged run reports divergedAt and no final loss or distance (never NaN)', () => {
    const d = computeMetrics({
      trajectory: traj([0, 0], [1, 1]),
      loss: Float64Array.of(1, 1e9),
      target: [5, 5],
      divergedAt: 2,
      conditionNumber: 3,
    });
    assert.equal(d.divergedAt, 2);
    assert.equal(d.finalLoss, null);
    assert.equal(d.finalDistance, null);
    const atStart = computeMetrics({
      trajectory: new Float64Array(0),
      loss: new Float64Array(0),
      target: [5, 5],
      divergedAt: 0,
      conditionNumber: null,
    });
    assert.deepEqual(atStart, {
      lockedFraction: 0,
      pathEfficiency: 1,
      reversals: 0,
      stepsToTarget: null,
      finalLoss: null,
      finalDistance: null,
      conditionNumber: null,
      divergedAt: 0,
    });
  });
});
