import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ScenarioError } from '../../src/engine/index';
import { HELD_MESSAGE, PlaygroundSession, RunCancelled, type SessionEvent, type WithProgress } from '../../src/host/session';
import { HOSTILE_CASES } from '../hostile/corpus';
import { DataFileError } from '../../src/shared/dataFiles';
import { DataFileSource, type DataFileSystem, type LoadedData } from '../../src/shared/dataFileSource';
import type { WorkerInput, WorkerOutcome } from './support/sessionInWorker';

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

let caseWorker: Worker | undefined;

/** A hostile case through the session in a worker thread, stopped (with its worker) if it has not finished by `limitMs`. */
function inWorker(input: WorkerInput, limitMs: number): Promise<WorkerOutcome> {
  const script = join(__dirname, 'support', 'sessionInWorker.ts');
  // A worker made after this has gc(): it collects between cases (sessionInWorker.ts).
  setFlagsFromString('--expose-gc');
  // The worker registers tsx itself: a worker does not inherit the test process's loader.
  const worker = (caseWorker ??= new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`, {
    eval: true,
  }));
  return new Promise<WorkerOutcome>((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    const timer = setTimeout(() => {
      stop();
      caseWorker = undefined;
      void worker.terminate();
      reject(new Error(`did not finish within ${limitMs / 1000} s (the worker was stopped)`));
    }, limitMs);
    const onMessage = (m: WorkerOutcome): void => {
      stop();
      resolve(m);
    };
    const onError = (e: Error): void => {
      stop();
      caseWorker = undefined;
      reject(e);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(input);
  });
}

/** The Long Tasks budget: no slice of a run may hold the event loop longer. */
const LONG_TASK_MS = 50;
/** Wall time a hostile case may take through the session, as a limit on the wait (not a synchronisation). */
const CASE_LIMIT_MS = 60_000;

describe('session: hostile scenarios (test/hostile/corpus.ts) finish, refuse or diverge, never holding the event loop', function () {
  this.timeout(CASE_LIMIT_MS + 10_000);
  after(async () => {
    await caseWorker?.terminate();
    caseWorker = undefined;
  });
  // The cases whose run goes through 1e308 (a loss to −∞, lr 1.5e308) only finish once the divergence
  // rule of issue 17 item 1 (|w_i| or |loss| > 1e12) has landed: until then gridBounds never returns and
  // these tests fail on "did not finish". They are kept strict on purpose.
  for (const c of HOSTILE_CASES) {
    it(`${c.name}: ${c.expect ? JSON.stringify(c.expect) : 'a message or a finished run'}; no slice over ${LONG_TASK_MS} ms`, async () => {
      const out = await inWorker({ text: c.text, gapBudgetMs: LONG_TASK_MS }, CASE_LIMIT_MS);
      const what = `${out.outcome}${out.message ? `: ${out.message}` : ''}`;
      if (c.expect && 'refused' in c.expect) {
        assert.equal(out.outcome, 'refused', what);
        assert.ok(
          out.field === c.expect.refused || out.message!.includes(c.expect.refused),
          `the message names ${c.expect.refused}: ${what}`,
        );
      } else if (c.expect) {
        assert.equal(out.outcome, 'run', what);
        assert.equal(out.divergedAt !== null, c.expect.diverges, `divergedAt ${out.divergedAt}`);
      } else {
        assert.ok(out.outcome === 'run' || (out.outcome === 'refused' && out.message), what);
      }
      assert.ok(
        out.longestCpuMs <= LONG_TASK_MS,
        `the session held the event loop for ${out.longestCpuMs.toFixed(1)} ms of CPU (${out.longestWallMs.toFixed(1)} ms wall), the shortest of ${out.measurements} measurements`,
      );
    });
  }

  it('the power chains at the playground’s 50,000 steps: progress after a moment, Cancel stops them and keeps the previous scenario', async () => {
    const chains = JSON.parse(HOSTILE_CASES.find((c) => c.name.includes('chain of powers'))!.text) as Record<string, unknown>;
    const text = JSON.stringify({ ...chains, steps: 50_000, start: [1, 1], optimizer: { lr: 1e-6 } });
    const out = await inWorker({ text, cancelAfterReports: 3 }, CASE_LIMIT_MS);
    assert.equal(out.outcome, 'cancelled', out.message);
    assert.ok(out.notified, 'a progress notification was shown');
    assert.equal(out.reports, 3);
    assert.equal(out.scenarioSteps, 400, 'the session went back to the scenario of its last good run');
    assert.ok(out.longestCpuMs <= LONG_TASK_MS, `${out.longestCpuMs.toFixed(1)} ms of CPU (${out.longestWallMs.toFixed(1)} ms wall)`);
  });
});

describe('session: a newer change supersedes a run in progress', () => {
  it('the older run stops at its next pause; only the newer run is shown', async () => {
    const { s, events } = session();
    const slow = s.apply({
      model: 'function',
      function: { expression: 'w1^w1^w1^w1^w1^w1 + sin(w2)^2' },
      start: [1, 1],
      steps: 50_000,
      optimizer: { lr: 1e-6 },
    });
    const outcome = slow.then(
      () => 'finished',
      (e: unknown) => (e instanceof RunCancelled && !e.byUser ? 'superseded' : String(e)),
    );
    // Let the slow run start its slices, then change the scenario.
    await new Promise((resolve) => setImmediate(resolve));
    const quick = await s.apply({ model: null, function: null, start: null, steps: 50, optimizer: null });
    assert.equal(await outcome, 'superseded');
    assert.equal(s.run, quick);
    assert.deepEqual(
      events.filter((e) => e.kind === 'run').map((e) => e.kind === 'run' && e.run.scenario.steps),
      [50],
    );
  });
});

describe('session: a restored scenario whose computation never showed is not run again', () => {
  it('a computation under way is recorded until its run has been shown', async () => {
    const { s, storage } = session();
    let whenShown: unknown;
    s.onEvent((e) => {
      if (e.kind === 'run') whenShown = storage.get('zigzag.pendingRun');
    });
    await s.apply({ steps: 300 });
    assert.equal(whenShown, true, 'recorded while the run was computed and handed over');
    assert.equal(storage.get('zigzag.pendingRun'), undefined, 'cleared once shown');
  });

  it('after a reload during a long computation the scenario is held, with a message; computing it clears that', async () => {
    const storage = new MemoryStorage();
    const before = session(storage).s;
    const chains = JSON.parse(HOSTILE_CASES.find((c) => c.name.includes('chain of powers'))!.text) as Record<string, unknown>;
    const long = before.apply({ ...chains, steps: 50_000, start: [1, 1], optimizer: { lr: 1e-6 } });
    void long.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    // The window reloads: a new session on the same workspace state while the old one has not finished.
    const { s, events } = session(storage);
    before.apply({ steps: 1 }).catch(() => undefined); // the old host goes away (its run superseded)
    assert.equal(s.held, HELD_MESSAGE);
    assert.equal(s.scenario.steps, 50_000, 'the held scenario is the saved one');
    assert.equal(s.run, undefined);
    assert.equal(events.length, 0, 'nothing computed by itself');
    // Asked (the view's "Run it", or any change): computed, and no longer held.
    await s.apply({ steps: 20 });
    assert.equal(s.held, undefined);
    assert.equal(storage.get('zigzag.pendingRun'), undefined);
  });

  it('a run that fails leaves the record: the next session holds its scenario', async () => {
    const storage = new MemoryStorage();
    // Valid in the format, over the playground's steps: the run itself refuses it.
    storage.data.set('zigzag.scenario', { steps: 60_000 });
    await assert.rejects(session(storage).s.compute(), /steps must be at most 50000 in the playground/);
    assert.equal(storage.get('zigzag.pendingRun'), true);
    assert.equal(session(storage).s.held, HELD_MESSAGE);
    // A saved scenario that no longer validates is dropped for the defaults, which are not held.
    storage.data.set('zigzag.scenario', { steps: 'many' });
    assert.equal(session(storage).s.held, undefined);
  });

  it("a restored scenario over the playground's limits is refused by a comparison too", async () => {
    const storage = new MemoryStorage();
    storage.data.set('zigzag.scenario', { steps: 60_000 });
    const { s } = session(storage);
    await assert.rejects(s.compareCentring(), /steps must be at most 50000 in the playground/);
    assert.equal(s.comparison, undefined);
  });
});

/** Data files by folder and path, as the host reads them: one source per folder; every write a new mtime. */
class MemoryDataFiles {
  private readonly files = new Map<string, { text: string; mtime: number }>();
  private clock = 0;
  readonly reads: string[] = [];
  private readonly sources = new Map<string, DataFileSource>();

  write(path: string, text: string): void {
    this.files.set(path, { text, mtime: ++this.clock });
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  /** A window reload: a new extension host, nothing read yet. */
  reload(): void {
    this.sources.clear();
  }

  /** A session's readData: the folder given, or 'workspace' for none. */
  readonly readData = (raw: unknown, folder: string | undefined): Promise<LoadedData> => {
    const base = folder ?? 'workspace';
    let source = this.sources.get(base);
    if (!source) {
      const at = (file: string): string => `${base}/${file}`;
      const fs: DataFileSystem = {
        stat: (file) => {
          const f = this.files.get(at(file));
          return f
            ? Promise.resolve({ size: f.text.length, mtime: f.mtime })
            : Promise.reject(new DataFileError(file, 'cannot read it: no such file'));
        },
        read: (file) => {
          this.reads.push(at(file));
          return Promise.resolve(new TextEncoder().encode(this.files.get(at(file))!.text));
        },
        decoder: () => new TextDecoder(),
      };
      source = new DataFileSource(fs);
      this.sources.set(base, source);
    }
    return source.load(raw);
  };
}

const FILE_SCENARIO = { inputs: { distribution: 'file', file: 'data/x.csv' }, batchSize: 'full', steps: 20 };

describe('session: a scenario reading a data file', () => {
  /** A session of the shared playground reading `files`; `storage` as saved by an earlier one (a window reload). */
  function withFiles(files: MemoryDataFiles, storage = new MemoryStorage()) {
    const made = session(storage);
    made.s.readData = files.readData;
    return made;
  }

  it('after a reload, the data file is read again in the folder it was read from, and the run is the same', async () => {
    const files = new MemoryDataFiles();
    files.write('file:///course/scenarios/data/x.csv', '1,2,3\n2,1,4\n3,3,1\n');
    files.write('workspace/data/x.csv', '9,9\n8,7\n'); // the same name in the default folder is another file
    const first = withFiles(files);
    const run = await first.s.load(FILE_SCENARIO, 'file:///course/scenarios');
    assert.equal(run.scenario.inputs.dimension, 3);

    files.reload();
    const restored = withFiles(files, first.storage);
    assert.equal(restored.s.latest(true), undefined, 'nothing computed yet');
    const again = await restored.s.compute();
    assert.deepEqual(files.reads, ['file:///course/scenarios/data/x.csv', 'file:///course/scenarios/data/x.csv']);
    assert.deepEqual(again.scenario.inputs.table?.values, run.scenario.inputs.table?.values);
    assert.deepEqual(again.metrics, run.metrics);
    assert.equal(restored.s.scenario.inputs.table?.rows, 3);
    // A change after the reload keeps reading from that folder.
    await restored.s.apply({ steps: 25 });
    assert.equal(restored.s.scenario.inputs.dimension, 3);
    assert.equal(restored.s.dataFolder, 'file:///course/scenarios');
    // Reset goes back to the defaults, read from the default folder.
    await restored.s.reset();
    assert.equal(restored.s.dataFolder, undefined);
  });

  it('after a reload, a data file that cannot be read is said, naming it; the scenario stays, and runs once the file is back', async () => {
    const files = new MemoryDataFiles();
    files.write('file:///c/data/x.csv', '1,2\n3,5\n2,2\n');
    const first = withFiles(files);
    await first.s.load(FILE_SCENARIO, 'file:///c');
    files.remove('file:///c/data/x.csv');
    const restored = withFiles(files, first.storage);
    await assert.rejects(restored.s.compute(), {
      name: 'ScenarioError',
      message: 'The restored scenario cannot be shown: data/x.csv: cannot read it: no such file',
    });
    assert.equal(restored.s.raw, first.storage.get('zigzag.scenario'), 'the saved scenario is kept');
    files.write('file:///c/data/x.csv', '1,2\n3,5\n2,2\n');
    assert.equal((await restored.s.compute()).scenario.inputs.table?.rows, 3);
  });

  it('a restored data-file scenario whose computation never showed is held, and Run it reads its file', async () => {
    const files = new MemoryDataFiles();
    files.write('file:///c/data/x.csv', '1,2\n3,5\n2,2\n');
    const first = withFiles(files);
    await first.s.load(FILE_SCENARIO, 'file:///c');
    await first.storage.update('zigzag.pendingRun', true);
    const restored = withFiles(files, first.storage);
    assert.deepEqual(restored.s.latest(false), { kind: 'held', message: HELD_MESSAGE, raw: FILE_SCENARIO });
    assert.equal((await restored.s.compute()).scenario.inputs.table?.rows, 3);
  });

  it('reloadData: other contents recompute; the same contents do not; a file gone is reported over the last run', async () => {
    const files = new MemoryDataFiles();
    files.write('workspace/data/x.csv', '1,2\n3,5\n2,2\n');
    const { s, events } = withFiles(files);
    await s.replace(FILE_SCENARIO);
    const runs = (): number => events.filter((e) => e.kind === 'run').length;
    assert.equal(runs(), 1);
    files.write('workspace/data/x.csv', '1,2\n3,5\n2,2\n'); // touched: a new mtime, the same numbers
    await s.reloadData();
    assert.equal(runs(), 1);
    files.write('workspace/data/x.csv', '1,2\n3,5\n2,2\n4,1\n');
    await s.reloadData();
    assert.equal(runs(), 2);
    assert.equal(s.run?.scenario.inputs.table?.rows, 4);
    files.remove('workspace/data/x.csv');
    await s.reloadData();
    assert.deepEqual(events.at(-1), { kind: 'failed', message: 'data/x.csv: cannot read it: no such file' });
    assert.equal(s.run?.scenario.inputs.table?.rows, 4, 'the last run stays');
  });
});

describe('session: a data file is read as a run is computed, in slices with progress and Cancel', () => {
  /** A data source over one CSV of `rows` rows, and a clock on which every reading is 100 ms later. */
  function fileSession(rows: number, cancelReading: boolean) {
    const text = Array.from({ length: rows }, (_, i) => `${(i % 97) / 10},${(i % 89) / 10}`).join('\n');
    const fs: DataFileSystem = {
      stat: () => Promise.resolve({ size: text.length, mtime: 1 }),
      read: () => Promise.resolve(new TextEncoder().encode(text)),
      decoder: () => new TextDecoder(),
    };
    const titles: string[] = [];
    const progress: WithProgress = (title, work) => {
      titles.push(title);
      return work(
        () => undefined,
        () => cancelReading && title.includes('reading'),
      );
    };
    let time = 0;
    const clock = { now: () => (time += 100), pause: () => new Promise<void>((resolve) => setImmediate(resolve)) };
    const s = new PlaygroundSession(new MemoryStorage(), progress, () => ({ steps: 5 }), undefined, clock);
    const source = new DataFileSource(fs);
    s.readData = (raw, _folder, run) => source.load(raw, run);
    return { s, titles };
  }
  const fileScenario = { inputs: { distribution: 'file', file: 'big.csv' }, steps: 5 };

  it('reading a large file shows its progress after a moment, and Cancel keeps the previous scenario and run', async () => {
    const { s, titles } = fileSession(30_000, true);
    const good = await s.compute();
    await assert.rejects(s.replace(fileScenario), (e: unknown) => e instanceof RunCancelled && e.byUser);
    assert.ok(titles.includes('Zig-Zag: reading big.csv'), titles.join());
    assert.deepEqual(s.raw, { steps: 5 });
    assert.equal(s.run, good);
  });

  it('read without Cancel, the file’s run is shown', async () => {
    const { s, titles } = fileSession(30_000, false);
    const run = await s.replace(fileScenario);
    assert.ok(titles.includes('Zig-Zag: reading big.csv'), titles.join());
    assert.equal(run.dimension, 2);
    assert.equal(s.scenario.inputs.distribution, 'file');
  });

  it('a newer change supersedes a file being read: the reading stops, the newer run is shown', async () => {
    const { s } = fileSession(30_000, false);
    const reading = s.replace(fileScenario).then(
      () => 'finished',
      (e: unknown) => (e instanceof RunCancelled && !e.byUser ? 'superseded' : String(e)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const newer = await s.apply({ steps: 7 });
    assert.equal(await reading, 'superseded');
    assert.equal(s.run, newer);
    assert.equal(s.scenario.steps, 7);
  });
});
