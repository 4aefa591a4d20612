import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveScenario, simulate, type Metrics } from '../../src/engine/index';
import { METRIC_CATALOG, describeScope, formatMetric, formatReference, isAlarming, metricScope } from '../../src/shared/metricCatalog';

describe('metric catalog', () => {
  it('has one entry per metric the engine reports, and no other', () => {
    const { metrics } = simulate(resolveScenario({ steps: 20 }));
    assert.deepEqual(METRIC_CATALOG.map((m) => m.key).sort(), Object.keys(metrics).sort());
  });

  it('says what each metric means in one sentence, under a label of its own', () => {
    for (const m of METRIC_CATALOG) {
      assert.match(m.meaning, /^[A-Z].*\.$/, m.key);
      assert.doesNotMatch(m.meaning.slice(0, -1), /\.\s+[A-Z]/, `${m.key}: one sentence`);
    }
    assert.equal(new Set(METRIC_CATALOG.map((m) => m.label)).size, METRIC_CATALOG.length);
  });

  it('never prints NaN or Infinity, whatever a metric holds', () => {
    const value = fc.oneof(fc.constant(null), fc.double(), fc.integer());
    fc.assert(
      fc.property(value, (v) => {
        const metrics = Object.fromEntries(METRIC_CATALOG.map((m) => [m.key, v])) as unknown as Metrics;
        for (const m of METRIC_CATALOG) {
          const text = formatMetric(m, metrics);
          assert.ok(text.length > 0 && !/NaN|Infinity/.test(text), `${m.key}: ${v} → ${text}`);
        }
      }),
    );
  });

  it('words a missing value for what it means', () => {
    const none = { stepsToTarget: null, divergedAt: null, finalLoss: null } as unknown as Metrics;
    const text = (key: keyof Metrics): string =>
      formatMetric(
        METRIC_CATALOG.find((m) => m.key === key)!,
        none,
      );
    assert.equal(text('stepsToTarget'), 'not reached');
    assert.equal(text('divergedAt'), 'never');
    assert.equal(text('finalLoss'), '—');
  });

  it('of a run shown up to a step, a missing value reads "not by step c"; of the whole run, its own word', () => {
    const none = { stepsToTarget: null, divergedAt: null } as unknown as Metrics;
    const info = (key: keyof Metrics) => METRIC_CATALOG.find((m) => m.key === key)!;
    assert.equal(formatMetric(info('stepsToTarget'), none, metricScope(37, 400)), 'not by step 37');
    assert.equal(formatMetric(info('divergedAt'), none, metricScope(37, 400)), 'not by step 37');
    assert.equal(formatMetric(info('stepsToTarget'), none, metricScope(400, 400)), 'not reached');
    // Before the first update a share of the updates has no value; a count does.
    assert.equal(formatMetric(info('lockedFraction'), none, metricScope(0, 400)), 'no update yet');
    assert.equal(formatMetric(info('pathEfficiency'), none, metricScope(0, 400)), 'no update yet');
    assert.equal(formatMetric(info('reversals'), { ...none, reversals: 0 }, metricScope(0, 400)), '0');
    assert.equal(formatMetric(info('lockedFraction'), { ...none, lockedFraction: 1 }, metricScope(1, 400)), '100%');
    assert.equal(describeScope(metricScope(37, 400)), 'Up to step 37 of 400');
    assert.equal(describeScope(metricScope(400, 400)), 'Whole run · 400 steps');
    assert.equal(describeScope(metricScope(0, 1)), 'Up to step 0 of 1');
    assert.equal(describeScope(metricScope(12000, 12000)), 'Whole run · 12,000 steps');
  });

  it('reads the locked share against its chance level, the share directions with no preference give', () => {
    const locked = METRIC_CATALOG.find((m) => m.key === 'lockedFraction')!;
    assert.equal(formatReference(locked), 'chance 50%');
    assert.match(locked.meaning, /half the time/);
    assert.deepEqual(
      METRIC_CATALOG.filter((m) => formatReference(m) !== null).map((m) => m.key),
      ['lockedFraction'],
    );
  });

  it('flags a divergence, and nothing else, as alarming', () => {
    const diverged = simulate(resolveScenario({ steps: 200, optimizer: { lr: 50 } })).metrics;
    const fine = simulate(resolveScenario({ steps: 200 })).metrics;
    assert.notEqual(diverged.divergedAt, null);
    assert.deepEqual(
      METRIC_CATALOG.filter((m) => isAlarming(m, diverged)).map((m) => m.key),
      ['divergedAt'],
    );
    assert.deepEqual(
      METRIC_CATALOG.filter((m) => isAlarming(m, fine)),
      [],
    );
  });
});
