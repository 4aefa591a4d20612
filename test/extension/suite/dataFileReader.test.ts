// Data files (inputs.file) in the real extension host, read through vscode.workspace.fs: a scenario file
// beside its data opens as a playground and runs the file's numbers; a missing or bad data file is the
// playground's message, naming the file and the row and column; Open Scenario in Playground reads the
// data relative to the scenario file too; a data file changed on disk is read again by both playgrounds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunView } from '../../../src/shared/runModel';
import { activatedApi, waitFor, type PlaygroundApi } from './api';

interface ScenarioFileApi {
  lastRun(): RunView | undefined;
  problem(): string | undefined;
  apply(patch: Record<string, unknown>): Promise<unknown>;
}
interface FullApi extends PlaygroundApi {
  scenarioFile(uri: vscode.Uri): ScenarioFileApi | undefined;
  lastError(): string | undefined;
}

const VIEW_TYPE = 'zigzag.scenarioEditor';
const encoder = new TextEncoder();

const CSV =
  'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n4.9,3,1.4,0.2\n7,3.2,4.7,1.4\n6.3,3.3,6,2.5\n5.8,2.7,5.1,1.9\n';

const scenarioText = (file: string): string =>
  `${JSON.stringify({ version: 1, inputs: { distribution: 'file', file }, batchSize: 'full', optimizer: { lr: 0.02 }, steps: 50 }, null, 2)}\n`;

describe('data files through workspace.fs', function () {
  let api: FullApi;
  let folder: vscode.Uri;
  const file = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);
  const write = (name: string, text: string) => vscode.workspace.fs.writeFile(file(name), encoder.encode(text));

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    folder = vscode.Uri.joinPath(root, `data-files-${Date.now()}`, 'scenarios');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'data'));
    await write('data/iris.csv', CSV);
    await write('data/bad.csv', '1,2\n3,4\n5,six\n');
    await write('iris.zigzag.json', scenarioText('data/iris.csv'));
    await write('missing.zigzag.json', scenarioText('data/none.csv'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The shared playground holds the file's scenario now: the suites after this one start from the defaults.
    await vscode.commands.executeCommand('zigzag.reset');
    await waitFor('the default scenario', () => api.getScenario().inputs.table === undefined);
  });

  it('a scenario file beside its CSV opens as a playground and runs the file’s numbers', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('vscode.openWith', file('iris.zigzag.json'), VIEW_TYPE);
    const playground = await waitFor('the file playground', () => api.scenarioFile(file('iris.zigzag.json')));
    const run = await waitFor('its run', () => playground.lastRun(), 20_000);
    assert.equal(playground.problem(), undefined);
    assert.equal(run.scenario.inputs.dimension, 4);
    assert.deepEqual(run.scenario.inputs.table?.rows, 5);
    assert.deepEqual([...run.scenario.inputs.table!.values.slice(0, 4)], [5.1, 3.5, 1.4, 0.2]);
    assert.ok(run.trajectory.length > 2, 'a path to draw');
    assert.ok(Number.isFinite(run.ledger.conditionNumber), 'κ of the file’s inputs');
    // A control change keeps the data file: the run follows with the same table.
    await playground.apply({ steps: 60 });
    await waitFor('the run with 60 steps', () => playground.lastRun()?.scenario.steps === 60);
    assert.equal(playground.lastRun()?.scenario.inputs.table?.rows, 5);
  });

  it('a bad data file: the message names the file, the row and the column; the last run stays', async function () {
    this.timeout(30_000);
    const uri = file('iris.zigzag.json');
    const playground = api.scenarioFile(uri)!;
    const good = playground.lastRun();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    const edit = new vscode.WorkspaceEdit();
    const text = doc.getText();
    const at = text.indexOf('data/iris.csv');
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'data/iris.csv'.length)), 'data/bad.csv');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the message', () => playground.problem());
    assert.equal(playground.problem(), 'iris.zigzag.json: data/bad.csv: row 3, column 2: "six" is not a number');
    assert.equal(playground.lastRun(), good);
    await vscode.commands.executeCommand('undo');
    await waitFor('the file back, its run again', () => playground.problem() === undefined);
    // The file as it was, on disk too: Open Scenario in Playground below reads the disk (it once read
    // data/bad.csv there, auto saved). The undo leaves the document marked dirty, so it is saved back.
    if (doc.isDirty) assert.ok(await doc.save(), 'the file saved back');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), text);
  });

  it('a missing data file: the playground says it cannot be read, with its path', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('vscode.openWith', file('missing.zigzag.json'), VIEW_TYPE);
    const playground = await waitFor('the file playground', () => api.scenarioFile(file('missing.zigzag.json')));
    const message = await waitFor('the message', () => (/cannot read/.test(playground.problem() ?? '') ? playground.problem() : undefined));
    assert.match(message, /^missing\.zigzag\.json: data\/none\.csv: cannot read .*scenarios\/data\/none\.csv: no such file$/);
    assert.equal(playground.lastRun(), undefined);
  });

  it('Open Scenario in Playground reads the data relative to the scenario file', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('zigzag.openScenario', file('iris.zigzag.json'));
    assert.equal(api.getScenario().inputs.table?.rows, 5, `the shared playground's scenario; last error: ${api.lastError() ?? 'none'}`);
    await waitFor('the shared run', () => api.lastRun()?.scenario.inputs.dimension === 4, 20_000);
    await vscode.commands.executeCommand('zigzag.openScenario', file('missing.zigzag.json'));
    assert.match(api.lastError() ?? '', /^Open Scenario in Playground: missing\.zigzag\.json: data\/none\.csv: cannot read /);
    assert.equal(api.getScenario().inputs.table?.rows, 5, 'the shared playground keeps its scenario');
  });
});

describe('a data file changed on disk', function () {
  let api: FullApi;
  let folder: vscode.Uri;
  const file = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);
  const write = (name: string, text: string) => vscode.workspace.fs.writeFile(file(name), encoder.encode(text));
  /**
   * Writes `text` to `name` until `seen()`: VS Code's file watchers start asynchronously (seconds on a
   * loaded machine) and say nothing when they are live, so a write before then goes unseen. The same
   * text each time, a second apart (longer than the watcher's 150 ms gathering of a burst).
   */
  const writeUntil = (name: string, text: string, what: string, seen: () => boolean) =>
    waitFor(
      what,
      async () => {
        await write(name, text);
        return waitFor(what, seen, 1000).catch(() => false);
      },
      30_000,
    );

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    // One level below the workspace folder: VS Code's recursive watcher can miss a folder made in the
    // same instant as its parent (mkdir -p), and then never reports its files.
    folder = vscode.Uri.joinPath(root, `watched-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    await write('iris.csv', CSV);
    await write('iris.zigzag.json', scenarioText('iris.csv'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('zigzag.reset');
    await waitFor('the default scenario', () => api.getScenario().inputs.table === undefined);
  });

  it('a data file changed on disk is read again: the file’s playground and the shared playground recompute', async function () {
    this.timeout(60_000);
    const uri = file('iris.zigzag.json');
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const playground = await waitFor('the file playground', () => api.scenarioFile(uri));
    await waitFor('its run of the 5 rows', () => playground.lastRun()?.scenario.inputs.table?.rows === 5, 20_000);
    await vscode.commands.executeCommand('zigzag.openScenario', uri);
    await waitFor('the shared run of the 5 rows', () => api.lastRun()?.scenario.inputs.table?.rows === 5, 20_000);
    const both = (rows: number) => () =>
      playground.lastRun()?.scenario.inputs.table?.rows === rows && api.lastRun()?.scenario.inputs.table?.rows === rows;
    await writeUntil('iris.csv', `${CSV}6.7,3.1,5.6,2.4\n`, 'both playgrounds on 6 rows', both(6));
    assert.deepEqual([...playground.lastRun()!.scenario.inputs.table!.values.slice(20)], [6.7, 3.1, 5.6, 2.4]);
    // A file that no longer reads: the file's playground says why over its last run, and recovers with the file.
    await writeUntil('iris.csv', `${CSV}6.7,x,5.6,2.4\n`, 'the message', () => playground.problem() !== undefined);
    const message = playground.problem();
    assert.equal(message, 'iris.zigzag.json: iris.csv: row 7, column 2: "x" is not a number');
    assert.equal(playground.lastRun()?.scenario.inputs.table?.rows, 6);
    await writeUntil('iris.csv', CSV, 'both playgrounds back on 5 rows', both(5));
    assert.equal(playground.problem(), undefined);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
