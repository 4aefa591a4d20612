// The hostile corpus (test/hostile/corpus.ts) through the engine: every case is refused with a message
// naming its field, or runs to the end as the playground draws it (records, the loss-grid window, the
// grid), diverged where the corpus says so, with nothing non-finite in what would be drawn.
import * as assert from 'node:assert/strict';
import { ScenarioError, Trainer, gridBounds, lossSlice, resolveScenario, type Scenario } from '../../src/engine/index';
import { HOSTILE_CASES, type HostileCase } from '../hostile/corpus';
import { hasDuplicateKeys, namesField } from '../hostile/refusal';

/** The run as the playground draws it: records, the window around start, target and path on the shown pair, a 96×96 grid. */
function drawnRun(s: Scenario) {
  const trainer = new Trainer(s, { records: true });
  const run = trainer.finish();
  const [a, b] = s.axes;
  const bounds = gridBounds([[s.start[a], s.start[b]], ...(run.target ? [run.target] : [])], run.trajectory, 0.15, 0.5, 1.5);
  const grid = lossSlice(trainer.model, s.axes, trainer.model.target ?? s.start, bounds, 96);
  return { run, bounds, grid };
}

// Duplicate keys never reach the engine as such: the text reader refuses them (test/shared), and a JSON value has none.
const engineCases: readonly HostileCase[] = HOSTILE_CASES.filter((c) => !hasDuplicateKeys(c.text));

describe('hostile corpus: the engine refuses each case naming its field, or finishes it', () => {
  it('the corpus has cases for the engine, and the reader’s own (duplicate keys) are the only ones left out', () => {
    assert.ok(engineCases.length >= 4);
    for (const c of HOSTILE_CASES) if (!engineCases.includes(c)) assert.ok(hasDuplicateKeys(c.text), c.name);
  });

  for (const c of engineCases) {
    it(c.name, () => {
      let s: Scenario;
      try {
        s = resolveScenario(JSON.parse(c.text));
      } catch (e) {
        assert.ok(e instanceof ScenarioError, `refused with ${String(e)}`);
        if (c.expect && 'refused' in c.expect) assert.ok(namesField(e, c.expect.refused), `${e.field}: ${e.message}`);
        else assert.ok(e.field !== '' && e.message.includes(e.field), `a refusal names its field: ${e.message}`);
        if (c.expect && 'diverges' in c.expect) assert.fail(`expected a run, got: ${e.message}`);
        return;
      }
      if (c.expect && 'refused' in c.expect) assert.fail(`expected a refusal naming ${c.expect.refused}, the engine ran it`);
      const { run, bounds } = drawnRun(s);
      if (c.expect && 'diverges' in c.expect)
        assert.equal(run.metrics.divergedAt !== null, c.expect.diverges, `divergedAt ${run.metrics.divergedAt}`);
      assert.ok([...run.trajectory, ...run.loss].every(Number.isFinite), 'trajectory and loss are finite');
      assert.ok(
        Object.values(run.metrics).every((v) => v === null || Number.isFinite(v)),
        `metrics: ${JSON.stringify(run.metrics)}`,
      );
      assert.ok([bounds.x0, bounds.x1, bounds.y0, bounds.y1].every(Number.isFinite), JSON.stringify(bounds));
    });
  }
});
