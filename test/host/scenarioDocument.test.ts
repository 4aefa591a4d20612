import * as assert from 'node:assert/strict';
import { ScenarioError } from '../../src/engine/index';
import { sessionModel } from '../../src/host/playgroundModel';
import { ScenarioDocumentModel, readScenarioText } from '../../src/host/scenarioDocument';
import { PlaygroundSession, type WithProgress } from '../../src/host/session';
import { ScenarioEditError } from '../../src/shared/scenarioEdit';
import { applyTextEdit, type TextEdit } from '../../src/shared/scenarioJsonEdit';

const noProgress: WithProgress = (_title, work) =>
  work(
    () => undefined,
    () => false,
  );

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
});
