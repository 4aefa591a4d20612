import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveScenario, simulate, type Metrics } from '../../src/engine/index';
import { METRIC_CATALOG, formatMetric, isAlarming } from '../../src/shared/metricCatalog';

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
