import * as assert from 'node:assert/strict';
import { ScenarioError } from '../../src/engine/index';
import { sessionModel } from '../../src/host/playgroundModel';
import { ScenarioDocumentModel, readScenarioText } from '../../src/host/scenarioDocument';
import { PlaygroundSession, type WithProgress } from '../../src/host/session';
import { DataFileError } from '../../src/shared/dataFiles';
import { DataFileSource, type DataFileSystem } from '../../src/shared/dataFileSource';
import { ScenarioEditError } from '../../src/shared/scenarioEdit';
import { applyTextEdit, type TextEdit } from '../../src/shared/scenarioJsonEdit';
import { UI_LIMITS } from '../../src/shared/uiLimits';

const noProgress: WithProgress = (_title, work) =>
  work(
    () => undefined,
    () => false,
  );

/**
 * How many times `work` checks the playground's limits: each check (PlaygroundScenario.check) reads the
 * step limit once, so any check added back at a later stage (the re-reading, the session, its run) counts.
 */
async function limitChecks(work: () => Promise<unknown>): Promise<number> {
  const limits = UI_LIMITS as { maxSteps: number };
  const value = limits.maxSteps;
  let reads = 0;
  Object.defineProperty(limits, 'maxSteps', { configurable: true, enumerable: true, get: () => (reads++, value) });
  try {
    await work();
  } finally {
    Object.defineProperty(limits, 'maxSteps', { configurable: true, enumerable: true, writable: true, value });
  }
  return reads;
}

/** A document as the editor holds it: text plus the edits applied to it (each one an undo step). */
class FakeDocument {
  readonly edits: TextEdit[] = [];
  refuse = false;
  /** As VS Code: the change event starts the model's re-read but the edit does not wait for it. */
  detachedEvent = false;
  constructor(public content: string) {}
  host(model: () => ScenarioDocumentModel) {
    return {
      name: 'demo.zigzag.json',
      text: () => this.content,
      applyEdit: async (e: TextEdit) => {
        if (this.refuse) return false;
        this.edits.push(e);
        this.content = applyTextEdit(this.content, e);
        // VS Code fires onDidChangeTextDocument for the edit
        if (this.detachedEvent) void model().textChanged();
        else await model().textChanged();
        return true;
      },
    };
  }
  async type(model: ScenarioDocumentModel, text: string): Promise<void> {
    this.content = text;
    await model.textChanged();
  }
}

const FILE = '{\n  "$schema": "./scenario.schema.json",\n  "version": 1,\n  "steps": 60,\n  "start": [0.5, -0.5]\n}\n';

function open(text = FILE, defaults: Record<string, unknown> = { steps: 30 }) {
  const doc = new FakeDocument(text);
  const model: ScenarioDocumentModel = new ScenarioDocumentModel(
    doc.host(() => model),
    noProgress,
    () => defaults,
  );
  const problems: (string | undefined)[] = [];
  model.onProblem((m) => problems.push(m));
  return { doc, model, problems };
}

describe('a scenario file as its own playground', () => {
  it('reads a valid file, and names the file and the field of an invalid one', () => {
    assert.deepEqual(readScenarioText('{ "steps": 5 }', 'a.zigzag.json'), { ok: true, raw: { steps: 5 } });
    assert.deepEqual(readScenarioText('{ "optimizer": { "lr": -1 } }', 'a.zigzag.json'), {
      ok: false,
      message: 'a.zigzag.json: optimizer.lr must be a finite number > 0, got -1',
    });
    const broken = readScenarioText('{ "steps": 5, }', 'a.zigzag.json');
    assert.ok(!broken.ok && broken.message.startsWith('a.zigzag.json: invalid JSON: '), JSON.stringify(broken));
    const long = readScenarioText('{ "steps": 60000 }', 'a.zigzag.json');
    assert.ok(!long.ok && /steps must be at most 50000 in the playground/.test(long.message));
  });

  it("computes the file's scenario, not the settings' defaults", async () => {
    const { model } = open();
    const run = await model.session.compute();
    assert.equal(run.scenario.steps, 60);
    assert.deepEqual(run.scenario.start, [0.5, -0.5]);
  });

  it('a control change is one small edit of the text, and the run follows', async () => {
    const { doc, model } = open();
    await model.session.compute();
    await model.apply({ start: [1.25, 2] });
    assert.deepEqual(doc.edits, [{ offset: FILE.indexOf('0.5, -0.5'), length: 9, content: '1.25, 2' }]);
    assert.equal(doc.content, FILE.replace('[0.5, -0.5]', '[1.25, 2]'));
    assert.deepEqual(model.session.run?.scenario.start, [1.25, 2]);
  });

  it("a change resolves only once its run has been sent, though the editor's change event does not wait", async () => {
    const { doc, model } = open();
    doc.detachedEvent = true;
    await model.session.compute();
    const seen: number[][] = [];
    model.session.onEvent((e) => {
      if (e.kind === 'run') seen.push([...e.run.scenario.start]);
    });
    await model.apply({ start: [1.25, 2] });
    // The webview acknowledges the change after this: its preview must not give way to the old run.
    assert.deepEqual(seen, [[1.25, 2]]);
    assert.deepEqual(model.session.run?.scenario.start, [1.25, 2]);
    await model.apply({ start: [1.25, 2] }); // no edit at all: resolves at once
    assert.equal(doc.edits.length, 1);
  });

  it('an invalid control value never reaches the file', async () => {
    const { doc, model } = open();
    await model.session.compute();
    await assert.rejects(
      model.apply({ optimizer: { lr: -1 } }),
      (e: unknown) => e instanceof ScenarioError && e.message === 'optimizer.lr must be a finite number > 0, got -1',
    );
    assert.equal(doc.content, FILE);
    assert.equal(doc.edits.length, 0);
  });

  it('typing: an invalid text keeps the last good run and says why; a valid one recomputes', async () => {
    const { doc, model, problems } = open();
    const good = await model.session.compute();
    await doc.type(model, FILE.replace('"steps": 60', '"steps": -3'));
    assert.equal(model.problem, 'demo.zigzag.json: steps must be an integer from 1 to 10000000, got -3');
    assert.deepEqual(problems, [model.problem]);
    assert.equal(model.session.run, good);
    // While the file is invalid, the playground cannot edit it.
    await assert.rejects(
      model.apply({ steps: 5 }),
      (e: unknown) => e instanceof ScenarioEditError && /^fix the file first: /.test(e.message),
    );
    await doc.type(model, FILE.replace('"steps": 60', '"steps": 80'));
    assert.equal(model.problem, undefined);
    assert.equal(problems.at(-1), undefined);
    assert.equal(model.session.run?.scenario.steps, 80);
  });

  it('a change of layout only does not recompute', async () => {
    const { doc, model } = open();
    const run = await model.session.compute();
    await doc.type(model, FILE.replace('\n  "steps"', '\n\n    "steps"'));
    assert.equal(model.session.run, run);
  });

  it('back to valid with the same scenario as before the typo still clears the message with a fresh run', async () => {
    const { doc, model } = open();
    await model.session.compute();
    const revision = model.session.currentRevision;
    await doc.type(model, FILE.replace('60', '6x0'));
    await doc.type(model, FILE);
    assert.equal(model.problem, undefined);
    assert.ok(model.session.currentRevision > revision);
  });

  it('an invalid file from the start shows no run at all until it is fixed', async () => {
    const { doc, model } = open('{ "steps": "many" }');
    assert.match(model.problem ?? '', /steps must be an integer/);
    assert.equal(model.session.run, undefined);
    await doc.type(model, '{ "steps": 12 }');
    const run = model.session.run as { scenario: { steps: number } } | undefined;
    assert.equal(run?.scenario.steps, 12);
  });

  it('a file that gives a key twice is refused, naming the key and both lines; the playground never edits it', async () => {
    // The case of issue 17: an unrelated edit (optimizer.lr) used to delete the earlier "start" line.
    const twice = '{\n  "start": [1, 2],\n  "steps": 100,\n  "start": [3, 4]\n}\n';
    const { doc, model } = open(twice);
    assert.equal(model.problem, 'demo.zigzag.json: start is given twice, on lines 2 and 4 (JSON would keep only the last): remove one');
    assert.equal(model.session.run, undefined);
    await assert.rejects(model.apply({ optimizer: { lr: 0.1 } }), /^ScenarioEditError: fix the file first: .*start is given twice/);
    assert.equal(doc.content, twice);
    assert.equal(doc.edits.length, 0);
    // Removing one by hand brings the playground back.
    await doc.type(model, twice.replace('  "start": [1, 2],\n', ''));
    assert.equal(model.problem, undefined);
    const run = model.session.run as { scenario: { start: number[] } } | undefined;
    assert.deepEqual(run?.scenario.start, [3, 4]);
  });

  it('a text over 1 MB is refused with a message, before it is parsed', () => {
    const big = `{ "$schema": "${'x'.repeat(1_000_000)}" }`;
    const reading = readScenarioText(big, 'big.zigzag.json');
    assert.deepEqual(reading, {
      ok: false,
      message: 'big.zigzag.json is 1,000,017 characters long; a scenario may be at most 1,000,000 bytes (1 MB)',
    });
  });

  it('reset writes the defaults into the file and keeps $schema and version', async () => {
    const { doc, model } = open();
    await model.session.compute();
    await model.reset();
    assert.deepEqual(JSON.parse(doc.content), { $schema: './scenario.schema.json', version: 1, steps: 30 });
    assert.equal(doc.edits.length, 1);
    assert.equal(model.session.run?.scenario.steps, 30);
  });

  it('an edit the editor refuses is an error, not a silent no-op', async () => {
    const { doc, model } = open();
    doc.refuse = true;
    await assert.rejects(model.apply({ steps: 7 }), /demo\.zigzag\.json could not be edited/);
  });

  it('the shared session model passes edits straight to the session', async () => {
    const storage = { data: undefined as unknown, get: () => undefined, update: async () => undefined };
    const session = new PlaygroundSession(storage, noProgress, () => ({}));
    const model = sessionModel(session);
    await model.apply({ steps: 9 });
    assert.equal(session.scenario.steps, 9);
    assert.equal(model.problem, undefined);
  });

  it("checks the playground's limits once per change: the text's re-reading and the session take the check", async () => {
    let doc!: FakeDocument;
    let model!: ScenarioDocumentModel;
    const opening = async (): Promise<void> => {
      ({ doc, model } = open());
      await model.compute();
    };
    assert.equal(await limitChecks(opening), 1, 'opening the file, and its first run');
    assert.equal(await limitChecks(() => model.apply({ steps: 70 })), 1, 'a control change');
    assert.equal(await limitChecks(() => model.setStart([0.25, 0.75])), 1, 'a drag of the start');
    assert.equal(await limitChecks(() => doc.type(model, FILE.replace('60', '80'))), 1, 'typing');
    assert.equal(model.session.scenario.steps, 80);
    const session = new PlaygroundSession({ get: () => undefined, update: async () => undefined }, noProgress, () => ({}));
    assert.equal(await limitChecks(() => sessionModel(session).apply({ steps: 9 })), 1, 'a change in the shared playground');
  });

  it('runs what the file says after an edit: a start of −0 is written, and run, as 0', async () => {
    const { doc, model } = open();
    await model.setStart([-0, 1]);
    assert.match(doc.content, /"start": \[0, 1\]/);
    assert.ok(Object.is(model.session.scenario.start[0], 0));
  });
});

/** Data files by path for a file's playground, with the reads made (as src/host/dataFileReader.ts over workspace.fs). */
function dataFiles(files: Record<string, string>) {
  const reads: string[] = [];
  const fs: DataFileSystem = {
    stat: (path) =>
      path in files
        ? Promise.resolve({ size: files[path].length, mtime: 1 })
        : Promise.reject(new DataFileError(path, 'cannot read it: no such file')),
    read: (path) => {
      reads.push(path);
      return Promise.resolve(new TextEncoder().encode(files[path]));
    },
    decoder: () => new TextDecoder(),
  };
  return { source: new DataFileSource(fs), reads };
}

const DATA_FILE = '{\n  "inputs": { "distribution": "file", "file": "data/x.csv" },\n  "steps": 20\n}\n';

describe('a scenario file whose inputs come from a data file', () => {
  function openWithData(files: Record<string, string>, text = DATA_FILE) {
    const doc = new FakeDocument(text);
    const { source, reads } = dataFiles(files);
    const model: ScenarioDocumentModel = new ScenarioDocumentModel(
      { ...doc.host(() => model), readData: (raw) => source.load(raw) },
      noProgress,
      () => ({}),
    );
    const problems: (string | undefined)[] = [];
    model.onProblem((m) => problems.push(m));
    const firstRun = new Promise<void>((resolve) => model.session.onEvent((e) => e.kind === 'run' && resolve()));
    const settled = (): Promise<void> =>
      Promise.race([firstRun, new Promise<void>((resolve) => model.onProblem((m) => m !== undefined && resolve()))]);
    return { doc, model, problems, reads, settled };
  }

  it('says it is reading the file, then runs its numbers and clears the message', async () => {
    const { model, problems, reads, settled } = openWithData({ 'data/x.csv': 'a,b,c\n1,2,3\n2,1,4\n3,3,1\n' });
    assert.equal(model.problem, 'demo.zigzag.json: reading data/x.csv…');
    await settled();
    assert.equal(model.problem, undefined);
    assert.deepEqual(problems, [undefined]);
    assert.equal(model.session.run?.scenario.inputs.dimension, 3);
    assert.deepEqual(model.session.run?.scenario.inputs.table?.values, new Float64Array([1, 2, 3, 2, 1, 4, 3, 3, 1]));
    assert.deepEqual(reads, ['data/x.csv']);
  });

  it("a control change checks the playground's limits once, with the data file's table", async () => {
    const { model, settled } = openWithData({ 'data/x.csv': '1,2,3\n2,1,4\n3,3,1\n' });
    await settled();
    assert.equal(await limitChecks(() => model.apply({ steps: 30 })), 1);
    assert.equal(model.session.scenario.inputs.table?.rows, 3);
  });

  it('a control change edits the file and keeps the data, not read again', async () => {
    const { doc, model, reads, settled } = openWithData({ 'data/x.csv': '1,2,3\n2,1,4\n3,3,1\n' });
    await settled();
    await model.apply({ steps: 30 });
    assert.match(doc.content, /"steps": 30/);
    assert.equal(model.session.run?.scenario.steps, 30);
    assert.equal(model.session.run?.scenario.inputs.dimension, 3);
    assert.deepEqual(reads, ['data/x.csv']);
  });

  it('a bad or missing data file: the message names the file, the row and the column; the last run stays', async () => {
    const { doc, model, problems, settled } = openWithData({ 'data/x.csv': '1,2\n3,4\n', 'data/bad.csv': '1,2\n3,x\n' });
    await settled();
    const good = model.session.run;
    await doc.type(model, DATA_FILE.replace('data/x.csv', 'data/bad.csv'));
    assert.equal(model.problem, 'demo.zigzag.json: data/bad.csv: row 2, column 2: "x" is not a number');
    await doc.type(model, DATA_FILE.replace('data/x.csv', 'data/gone.csv'));
    assert.equal(model.problem, 'demo.zigzag.json: data/gone.csv: cannot read it: no such file');
    assert.equal(model.session.run, good);
    assert.deepEqual(problems.slice(-2), [
      'demo.zigzag.json: data/bad.csv: row 2, column 2: "x" is not a number',
      'demo.zigzag.json: data/gone.csv: cannot read it: no such file',
    ]);
  });

  it('an exercise on a data file: a change of a field it lets change is written, a fixed one refused', async () => {
    const exercise = { title: 'T', task: 'Do it.', editable: ['steps'], goals: [{ metric: 'divergedAt', is: null }] };
    const text = JSON.stringify({ inputs: { distribution: 'file', file: 'data/x.csv' }, steps: 20, exercise }, null, 2);
    const { doc, model, settled } = openWithData({ 'data/x.csv': '1,2\n3,5\n2,2\n' }, text);
    await settled();
    await model.apply({ steps: 30 });
    assert.match(doc.content, /"steps": 30/);
    await assert.rejects(model.apply({ optimizer: { lr: 0.2 } }), /The exercise fixes optimizer\.lr/);
  });

  it('its data file changed on disk: read again as a change of the text is (the watcher calls textChanged) and recomputed', async () => {
    const files: Record<string, string> = { 'data/x.csv': '1,2\n3,5\n2,2\n' };
    const { model, reads, settled } = openWithData(files);
    await settled();
    assert.equal(model.dataFile, 'data/x.csv', 'the file a watcher watches');
    const first = model.session.run;
    await model.textChanged();
    assert.equal(model.session.run, first, 'the same file: nothing read, nothing computed');
    files['data/x.csv'] = '1,2\n3,5\n2,2\n4,1\n';
    await model.textChanged();
    assert.equal(model.session.run?.scenario.inputs.table?.rows, 4);
    assert.deepEqual(reads, ['data/x.csv', 'data/x.csv']);
  });

  it('a bad file from the start: its message instead of a run', async () => {
    const { model, settled } = openWithData({ 'data/x.csv': '1,2\n3\n' });
    await settled();
    assert.equal(model.problem, 'demo.zigzag.json: data/x.csv: row 2 has 1 column; the rows before it have 2');
    assert.equal(model.session.run, undefined);
  });

  /** A file whose reading never ends unless the session stops it: pieces for ever, through the session's runner. */
  function openEndless(progress: WithProgress) {
    const doc = new FakeDocument(DATA_FILE.replace('data/x.csv', 'data/endless.csv'));
    const { source } = dataFiles({ 'data/x.csv': '1,2\n3,5\n' });
    const endless = function* (): Generator<string, never, undefined> {
      for (;;) yield 'file';
    };
    const model: ScenarioDocumentModel = new ScenarioDocumentModel(
      {
        ...doc.host(() => model),
        readData: (raw, run) =>
          JSON.stringify(raw).includes('endless') ? run('Zig-Zag: reading data/endless.csv', endless(), () => 0) : source.load(raw, run),
      },
      progress,
      () => ({}),
    );
    return { doc, model };
  }

  it('the data is read in the session’s slices: a newer text stops a reading under way', async () => {
    const { doc, model } = openEndless(noProgress);
    const endless = model.textChanged(); // (supersedes the reading the constructor began)
    await new Promise((resolve) => setImmediate(resolve));
    await doc.type(model, DATA_FILE);
    await endless; // stopped at its next pause, not for ever
    assert.equal(model.problem, undefined);
    assert.equal(model.session.run?.scenario.inputs.dimension, 2);
  });

  it('Cancel of a reading (its progress shown after a moment) says so, and the file can be read again', async () => {
    let cancel = true;
    const progress: WithProgress = (title, work) =>
      work(
        () => undefined,
        () => cancel && title.includes('reading'),
      );
    const { doc, model } = openEndless(progress);
    const problem = new Promise<string | undefined>((resolve) => model.onProblem(resolve));
    assert.equal(await problem, 'demo.zigzag.json: reading data/endless.csv was cancelled; edit the file to read it again');
    cancel = false;
    await doc.type(model, DATA_FILE);
    assert.equal(model.problem, undefined);
    assert.equal(model.session.run?.scenario.inputs.dimension, 2);
  });

  it('where nothing reads data files, a file scenario says its data is not here', () => {
    const reading = readScenarioText(DATA_FILE, 'demo.zigzag.json');
    assert.deepEqual(reading, {
      ok: false,
      message: 'demo.zigzag.json: inputs.file "data/x.csv" must be read before the scenario can run (its data is not here)',
    });
  });

  it('the shared session reads the data of a scenario it is given, through its readData', async () => {
    const storage = { get: () => undefined, update: async () => undefined };
    const session = new PlaygroundSession(storage, noProgress, () => ({}));
    await assert.rejects(session.replace({ inputs: { distribution: 'file', file: 'x.csv' } }), /must be read before/);
    const { source } = dataFiles({ 'x.csv': '1,2\n3,5\n' });
    session.readData = (raw) => source.load(raw);
    await session.replace({ inputs: { distribution: 'file', file: 'x.csv' }, steps: 5 });
    await session.apply({ steps: 6 });
    assert.deepEqual([session.scenario.steps, session.scenario.inputs.table?.rows], [6, 2]);
  });
});
