import * as assert from 'node:assert/strict';
import { ScenarioError } from '../../src/engine/index';
import { PlaygroundSession, RunCancelled, type SessionEvent, type WithProgress } from '../../src/host/session';

class MemoryStorage {
  readonly data = new Map<string, unknown>();
  get(key: string): unknown {
    return this.data.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

const noProgress: WithProgress = (_title, work) =>
  work(
    () => undefined,
    () => false,
  );

function session(
  storage = new MemoryStorage(),
  progress = noProgress,
  defaults: Record<string, unknown> = {},
): { s: PlaygroundSession; events: SessionEvent[]; storage: MemoryStorage } {
  const s = new PlaygroundSession(storage, progress, () => defaults);
  const events: SessionEvent[] = [];
  s.onEvent((e) => events.push(e));
  return { s, events, storage };
}

describe('session', () => {
  it('starts on the defaults and computes the classic demo', async () => {
    const { s, events } = session();
    const run = await s.compute();
    assert.equal(run.metrics.lockedFraction, 1);
    assert.equal(run.grid.n, 128);
    assert.equal(events.length, 1);
    assert.equal(events[0].kind, 'run');
  });

  it('patches merge, persist, and recompute; null removes a field', async () => {
    const { s, storage } = session();
    await s.apply({ inputs: { distribution: 'tanh' }, optimizer: { lr: 0.1 } });
    await s.apply({ optimizer: { name: 'adam' } });
    assert.equal(s.scenario.inputs.distribution, 'tanh');
    assert.equal(s.scenario.optimizer.lr, 0.1);
    assert.equal(s.scenario.optimizer.name, 'adam');
    assert.deepEqual(storage.get('zigzag.scenario'), { inputs: { distribution: 'tanh' }, optimizer: { lr: 0.1, name: 'adam' } });
    await s.apply({ optimizer: null });
    assert.equal(s.scenario.optimizer.lr, 0.5);
    assert.equal(s.run?.scenario.optimizer.lr, 0.5);
  });

  it('each run says which scenario as written it was computed from, even when a newer one is being computed', async () => {
    const { s, events } = session();
    await s.apply({ optimizer: { lr: 0.1 } });
    const run = events.at(-1)!;
    assert.equal(run.kind, 'run');
    assert.deepEqual(run.kind === 'run' && run.raw, { optimizer: { lr: 0.1 } });
    assert.deepEqual(s.shownRaw, { optimizer: { lr: 0.1 } });
    // A change under way: `raw` is already the new scenario, the shown run and its scenario are not yet.
    const next = s.apply({ optimizer: { lr: 0.2 } });
    assert.deepEqual(s.raw, { optimizer: { lr: 0.2 } });
    assert.deepEqual(s.shownRaw, { optimizer: { lr: 0.1 } });
    await next;
    assert.deepEqual(s.shownRaw, { optimizer: { lr: 0.2 } });
    await s.compareCentring();
    const compare = events.at(-1)!;
    assert.deepEqual(compare.kind === 'compare' && compare.raw, { optimizer: { lr: 0.2 } });
  });

  it('an invalid patch names the field and changes nothing', async () => {
    const { s, storage } = session();
    await s.apply({ steps: 100 });
    const before = s.run;
    await assert.rejects(
      s.apply({ optimizer: { lr: -1 } }),
      (e: unknown) => e instanceof ScenarioError && e.message === 'optimizer.lr must be a finite number > 0, got -1',
    );
    await assert.rejects(s.apply({ steps: 60000 }), /steps must be at most 50000 in the playground/);
    assert.equal(s.scenario.steps, 100);
    assert.equal(s.run, before);
    assert.deepEqual(storage.get('zigzag.scenario'), { steps: 100 });
  });

  it('quadrant, start and dragged target', async () => {
    const { s } = session();
    await s.setStart([1, -2]);
    await s.setQuadrant('ne');
    assert.deepEqual(s.scenario.target, { quadrant: 'ne', distance: 3 });
    assert.deepEqual(s.scenario.start, [1, -2]);
    await s.setTarget([0.5, 0.25]);
    assert.deepEqual(s.scenario.target, { point: [0.5, 0.25] });
    await s.setQuadrant('sw'); // back from a point to a quadrant
    assert.deepEqual(s.scenario.target, { quadrant: 'sw', distance: 3 });
    await s.apply({ model: 'function', function: { preset: 'beale' }, target: null });
    assert.throws(() => s.setQuadrant('nw'), /target\.quadrant applies to the neuron model/);
  });

  it('restores a saved scenario, and ignores a corrupt one', () => {
    const storage = new MemoryStorage();
    storage.data.set('zigzag.scenario', { steps: 77 });
    assert.equal(session(storage).s.scenario.steps, 77);
    storage.data.set('zigzag.scenario', { steps: 'many' });
    assert.equal(session(storage).s.scenario.steps, 400);
  });

  it('reset returns to the defaults from settings', async () => {
    const { s } = session(new MemoryStorage(), noProgress, { steps: 120, inputs: { distribution: 'relu' } });
    await s.apply({ steps: 10 });
    await s.reset();
    assert.equal(s.scenario.steps, 120);
    assert.equal(s.scenario.inputs.distribution, 'relu');
  });

  it('compares raw and centred inputs at the same normalised step: the centred run at least twice as fast', async () => {
    const { s, events } = session();
    const c = await s.compareCentring();
    assert.equal(c.runs[0].scenario.inputs.center, false);
    assert.equal(c.runs[1].scenario.inputs.center, true);
    assert.ok(c.runs[1].metrics.lockedFraction < c.runs[0].metrics.lockedFraction);
    assert.equal(events.at(-1)?.kind, 'compare');
    assert.deepEqual(c.labels, ['sigmoid inputs (raw)', 'sigmoid inputs, centred']);
    assert.equal(c.stepSize.applied, 'matched');
    const [a, b] = c.stepSize.lambdaMax as [number, number];
    assert.equal(c.runs[0].scenario.optimizer.lr, 0.5, 'the raw side keeps the user’s η');
    assert.ok(Math.abs(c.runs[1].scenario.optimizer.lr * b - 0.5 * a) < 1e-12);
    const [raw, centred] = c.runs.map((r) => r.metrics.stepsToTarget!);
    assert.ok(centred <= raw / 2, `centred ${centred}, raw ${raw}`);
    // The session's scenario is the user's: comparing changes neither η nor centring.
    assert.equal(s.scenario.optimizer.lr, 0.5);
    assert.equal(s.scenario.inputs.center, false);
  });

  it('compares at the same η when asked; the function model is refused naming model', async () => {
    const { s } = session();
    const c = await s.compareCentring('same');
    assert.deepEqual(
      c.runs.map((r) => r.scenario.optimizer.lr),
      [0.5, 0.5],
    );
    assert.equal(c.stepSize.applied, 'same');
    await s.apply({ model: 'function', function: { preset: 'rotated' } });
    await assert.rejects(s.compareCentring(), (e: unknown) => e instanceof ScenarioError && e.field === 'model');
  });

  it('long runs go through progress in chunks; cancelling keeps the last good scenario and run', async () => {
    let reports = 0;
    let cancelAfter = Infinity;
    const progress: WithProgress = (_t, work) =>
      work(
        () => {
          reports++;
        },
        () => reports >= cancelAfter,
      );
    const { s, events } = session(new MemoryStorage(), progress);
    await s.compute();
    const good = s.run;
    await s.apply({ steps: 20000, batchSize: 200, order: 'shuffle' }); // 4M examples (shuffled batches are summed one by one): long
    assert.ok(reports > 5, `progress reported ${reports} times`);
    assert.ok(events.some((e) => e.kind === 'computing'));
    assert.equal(s.run?.scenario.steps, 20000);
    const longRun = s.run;
    reports = 0;
    cancelAfter = 2;
    await assert.rejects(s.apply({ steps: 30000 }), (e: unknown) => e instanceof RunCancelled && e.byUser);
    assert.equal(s.scenario.steps, 20000, 'scenario rolled back');
    assert.equal(s.run, longRun);
    assert.notEqual(longRun, good);
  });
});
