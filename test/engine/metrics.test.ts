import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeMetrics, MetricsTimeline, type MetricsInput } from '../../src/engine/metrics';
import { hypot2 } from '../../src/engine/portableMath';
import type { Metrics, Vec2 } from '../../src/engine/types';

const traj = (...pts: [number, number][]): Float64Array => Float64Array.from(pts.flat());
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-15 * Math.max(1, Math.abs(b));

describe('metrics on hand-made trajectories', () => {
  // Steps: (1,1) locked, (−1,2) free, (1,1) locked, (0,0) nothing.
  const w = traj([0, 0], [1, 1], [0, 3], [1, 4], [1, 4]);
  const loss = Float64Array.of(4, 3, 2, 1, 1);
  const m = computeMetrics({ trajectory: w, loss, target: [1, 4], divergedAt: null, conditionNumber: 7 });

  it('lockedFraction counts steps into quadrant I or III (zero steps do not count)', () => {
    assert.equal(m.lockedFraction, 2 / 4);
  });
  it('pathEfficiency is net displacement over path length up to the target', () => {
    // stepsToTarget = 3: the zero step after it is not part of the way there (it adds no length anyway).
    assert.ok(close(m.pathEfficiency, Math.hypot(1, 4) / (Math.SQRT2 + Math.hypot(1, 2) + Math.SQRT2)));
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
    assert.equal(zigzag.reversals, 2, 'no target: every turn-back counts');
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

describe('metrics on the way to the target (oscillation around w* is not zig-zag)', () => {
  // Target (20, 0), reach radius 1. Steps: (1,3), (1,−4) turns back, (17,1) lands at (19,0) = within reach
  // at step 3; then (2,0), (−2,0), (2,0) oscillate around w*.
  const w = traj([0, 0], [1, 3], [2, -1], [19, 0], [21, 0], [19, 0], [21, 0]);
  const input: MetricsInput = { trajectory: w, loss: new Float64Array(7), target: [20, 0], divergedAt: null, conditionNumber: null };
  const m = computeMetrics(input);

  it('reversals stop counting where the target is reached', () => {
    assert.equal(m.stepsToTarget, 3);
    assert.equal(m.reversals, 1, 'only t = 1; the turn-backs at t = 4 and 5 come after the target');
    const noTarget = computeMetrics({ ...input, target: null });
    assert.equal(noTarget.reversals, 3, 'without a target every turn-back counts');
  });

  it('pathEfficiency is measured up to stepsToTarget', () => {
    assert.ok(close(m.pathEfficiency, 19 / (Math.sqrt(10) + Math.sqrt(17) + Math.sqrt(290))), `${m.pathEfficiency}`);
    const noTarget = computeMetrics({ ...input, target: null });
    assert.ok(close(noTarget.pathEfficiency, 21 / (Math.sqrt(10) + Math.sqrt(17) + Math.sqrt(290) + 6)));
  });

  it('a turn-back that lands on the target counts (t + 1 = stepsToTarget), the next one not', () => {
    // Target (20, 20): overshoot to (22, 22), back to (20, 20) = step 2; then (21, 21), (20, 20).
    const r = computeMetrics({
      trajectory: traj([0, 0], [22, 22], [20, 20], [21, 21], [20, 20]),
      loss: new Float64Array(5),
      target: [20, 20],
      divergedAt: null,
      conditionNumber: null,
    });
    assert.equal(r.stepsToTarget, 2);
    assert.equal(r.reversals, 1);
    assert.ok(close(r.pathEfficiency, 20 / 24), `${r.pathEfficiency}`);
  });

  it('the timeline gives the run up to step c', () => {
    const timeline = new MetricsTimeline(input);
    assert.equal(timeline.steps, 6);
    const at2 = timeline.at(2);
    assert.equal(at2.stepsToTarget, null, 'not reached by step 2');
    assert.equal(at2.reversals, 1);
    assert.equal(at2.lockedFraction, 1 / 2);
    assert.ok(close(at2.pathEfficiency, Math.hypot(2, 1) / (Math.sqrt(10) + Math.sqrt(17))));
    assert.equal(at2.finalDistance, Math.hypot(18, 1));
    assert.equal(timeline.at(0).pathEfficiency, 1);
    assert.equal(timeline.at(0).lockedFraction, 0);
    assert.deepEqual(timeline.at(6), m);
    assert.throws(() => timeline.at(7), /step must be an integer from 0 to 6, got 7/);
    assert.throws(() => timeline.at(1.5), RangeError);
    assert.throws(() => timeline.at(-1), RangeError);
    const summary = new MetricsTimeline(input, 'last step'); // what computeMetrics builds: no O(K) arrays
    assert.deepEqual(summary.at(6), m);
    assert.throws(() => summary.at(2), /keeps the last step \(6\) only, got 2/);
  });

  it('a diverged run reports divergedAt only at its last point', () => {
    const timeline = new MetricsTimeline({ ...input, divergedAt: 7 });
    assert.equal(timeline.at(5).divergedAt, null);
    assert.equal(timeline.at(5).finalLoss, 0);
    assert.equal(timeline.at(6).divergedAt, 7);
    assert.equal(timeline.at(6).finalLoss, null);
    assert.equal(timeline.at(6).finalDistance, null);
  });
});

/** The spec's Metrics table, written out literally: O(K) per call, the oracle for the timeline. */
function specMetrics(m: MetricsInput): Metrics {
  const w = m.trajectory;
  const K = Math.max(w.length / 2 - 1, 0);
  const d = (t: number): [number, number] => [w[2 * t + 2] - w[2 * t], w[2 * t + 3] - w[2 * t + 1]];
  let stepsToTarget: number | null = null;
  if (m.target && w.length > 0) {
    const [a, b] = m.target;
    const r = 0.05 * hypot2(w[0] - a, w[1] - b);
    for (let t = 1; t <= K && stepsToTarget === null; t++) {
      if ((w[2 * t] - a) ** 2 + (w[2 * t + 1] - b) ** 2 <= r * r) stepsToTarget = t;
    }
  }
  let locked = 0;
  for (let t = 0; t < K; t++) if (d(t)[0] * d(t)[1] > 0) locked++;
  let reversals = 0;
  for (let t = 1; t < K; t++) {
    const [p1, p2] = d(t - 1);
    const [q1, q2] = d(t);
    if (q1 * p1 + q2 * p2 < 0 && (stepsToTarget === null || t + 1 <= stepsToTarget)) reversals++;
  }
  const s = stepsToTarget ?? K;
  let length = 0;
  for (let t = 0; t < s; t++) length += Math.sqrt(d(t)[0] ** 2 + d(t)[1] ** 2);
  const diverged = m.divergedAt !== null;
  const empty = w.length === 0;
  return {
    lockedFraction: K > 0 ? locked / K : 0,
    pathEfficiency: length > 0 ? hypot2(w[2 * s] - w[0], w[2 * s + 1] - w[1]) / length : 1,
    reversals,
    stepsToTarget,
    finalLoss: diverged || empty ? null : m.loss[K],
    finalDistance: diverged || empty || !m.target ? null : hypot2(w[2 * K] - m.target[0], w[2 * K + 1] - m.target[1]),
    conditionNumber: m.conditionNumber,
    divergedAt: m.divergedAt,
  };
}

describe('metrics timeline: O(1) queries equal the metrics of the truncated run', () => {
  /** Random walks (small integer steps, so turn-backs, zero steps and exact hits happen), a target often on the path. */
  const runs = fc
    .record({
      steps: fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), { minLength: 0, maxLength: 60 }),
      scale: fc.constantFrom(1, 0.1, 1e-3),
      targetPick: fc.option(fc.nat(), { nil: null }),
      targetOffset: fc.tuple(fc.double({ min: -0.2, max: 0.2, noNaN: true }), fc.double({ min: -0.2, max: 0.2, noNaN: true })),
      diverged: fc.boolean(),
      conditionNumber: fc.option(fc.double({ min: 1, max: 100, noNaN: true }), { nil: null }),
    })
    .map(({ steps, scale, targetPick, targetOffset, diverged, conditionNumber }): MetricsInput => {
      const pts: number[] = [0.5, -0.25];
      for (const [a, b] of steps) pts.push(pts[pts.length - 2] + a * scale, pts[pts.length - 1] + b * scale);
      const K = steps.length;
      const target: Vec2 | null =
        targetPick === null
          ? null
          : [pts[2 * (targetPick % (K + 1))] + targetOffset[0] * scale, pts[2 * (targetPick % (K + 1)) + 1] + targetOffset[1] * scale];
      return {
        trajectory: Float64Array.from(pts),
        loss: Float64Array.from({ length: K + 1 }, (_, t) => 1 / (t + 1)),
        target,
        divergedAt: diverged ? K + 1 : null,
        conditionNumber,
      };
    });

  it('at every step c, for random trajectories, exactly', () => {
    fc.assert(
      fc.property(runs, (input) => {
        const timeline = new MetricsTimeline(input);
        const K = timeline.steps;
        for (let c = 0; c <= K; c++) {
          const truncated: MetricsInput = {
            ...input,
            trajectory: input.trajectory.subarray(0, 2 * (c + 1)),
            loss: input.loss.subarray(0, c + 1),
            divergedAt: c === K ? input.divergedAt : null,
          };
          const got = timeline.at(c);
          assert.deepStrictEqual(got, computeMetrics(truncated), `c = ${c}`);
          assert.deepStrictEqual(got, specMetrics(truncated), `c = ${c} against the spec's definitions`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a start that diverged has one point, c = 0', () => {
    const timeline = new MetricsTimeline({
      trajectory: new Float64Array(0),
      loss: new Float64Array(0),
      target: [1, 1],
      divergedAt: 0,
      conditionNumber: null,
    });
    assert.equal(timeline.steps, 0);
    assert.equal(timeline.at(0).divergedAt, 0);
    assert.equal(timeline.at(0).finalDistance, null);
  });

  it('50,000 steps: prefix counts answer a query at any step', () => {
    const K = 50_000;
    const w = new Float64Array(2 * (K + 1));
    for (let t = 1; t <= K; t++) {
      w[2 * t] = w[2 * t - 2] + (t % 2 ? 0.01 : -0.004);
      w[2 * t + 1] = w[2 * t - 1] + 0.003;
    }
    const timeline = new MetricsTimeline({
      trajectory: w,
      loss: new Float64Array(K + 1),
      target: null,
      divergedAt: null,
      conditionNumber: null,
    });
    assert.equal(timeline.at(K).reversals, K - 1);
    assert.equal(timeline.at(1001).reversals, 1000);
    assert.equal(timeline.at(1001).lockedFraction, 501 / 1001);
  });
});
