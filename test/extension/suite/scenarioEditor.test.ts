// Scenario files as playgrounds (custom text editor) in the real extension host: the document is the
// source of truth, a control change is an undoable edit, typing redraws, invalid text keeps the last run.
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
}

const VIEW_TYPE = 'zigzag.scenarioEditor';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A file as people write them: $schema first, a comment-free mix of inline and multi-line values. */
const TEXT = `{
  "$schema": "../media/scenario.schema.json",
  "version": 1,
  "inputs": { "distribution": "relu" },
  "start": [0.5, -0.5],
  "target": {
    "quadrant": "nw",
    "distance": 2
  },
  "steps": 120
}
`;

function customTab(uri: vscode.Uri): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === VIEW_TYPE && t.input.uri.toString() === uri.toString());
}

function documentOf(uri: vscode.Uri): vscode.TextDocument {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(doc, `${uri.path} is open as a text document`);
  return doc;
}

/** Replaces the whole text of a document (what typing or pasting in the text editor does). */
async function replaceText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('scenario files open as their own playground', function () {
  let api: FullApi;
  let folder: vscode.Uri;
  const file = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    folder = vscode.Uri.joinPath(root, `editor-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(file('a.zigzag.json'), encoder.encode(TEXT));
    await vscode.workspace.fs.writeFile(
      file('b.zigzag.json'),
      encoder.encode('{ "version": 1, "inputs": { "distribution": "tanh" }, "steps": 90 }\n'),
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opening a *.zigzag.json (as a double-click does) shows its playground with its own run', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('vscode.open', file('a.zigzag.json'));
    await waitFor('a Zig-Zag Playground editor tab for a.zigzag.json', () => customTab(file('a.zigzag.json')));
    const playground = await waitFor('the file playground', () => api.scenarioFile(file('a.zigzag.json')));
    const run = await waitFor('its first run', () => playground.lastRun(), 20_000);
    assert.equal(run.scenario.steps, 120);
    assert.equal(run.scenario.inputs.distribution, 'relu');
    assert.deepEqual(run.scenario.target, { quadrant: 'nw', distance: 2 });
  });

  it('a control change is an edit: the document is dirty, only the start changes, undo restores every byte', async function () {
    this.timeout(30_000);
    const uri = file('a.zigzag.json');
    const playground = api.scenarioFile(uri)!;
    const doc = documentOf(uri);
    assert.equal(doc.isDirty, false);
    await playground.apply({ start: [1.25, 0.75] });
    assert.equal(doc.isDirty, true);
    assert.equal(doc.getText(), TEXT.replace('"start": [0.5, -0.5]', '"start": [1.25, 0.75]'));
    await waitFor('the run from the new start', () => playground.lastRun()?.scenario.start[0] === 1.25);
    assert.equal(customTab(uri)?.isDirty, true, 'the tab shows the file dirty');

    await vscode.commands.executeCommand('undo');
    await waitFor('the text back after undo', () => doc.getText() === TEXT);
    assert.equal(doc.isDirty, false);
    await waitFor('the run back at the old start', () => playground.lastRun()?.scenario.start[0] === 0.5);

    await vscode.commands.executeCommand('redo');
    await waitFor('the edit back after redo', () => doc.getText().includes('"start": [1.25, 0.75]'));
    assert.ok(await doc.save());
    assert.equal(decoder.decode(await vscode.workspace.fs.readFile(uri)), TEXT.replace('[0.5, -0.5]', '[1.25, 0.75]'));
  });

  it('dragging the target rewrites only the target, keeping $schema and the key order', async () => {
    const uri = file('a.zigzag.json');
    const doc = documentOf(uri);
    const before = doc.getText();
    await api.scenarioFile(uri)!.apply({ target: { point: [-1, 2], quadrant: null, distance: null } });
    assert.equal(doc.getText(), before.replace('"quadrant": "nw",\n    "distance": 2', '"point": [-1, 2]'));
    await vscode.commands.executeCommand('undo');
    await waitFor('undone', () => doc.getText() === before);
  });

  it('typing in the text redraws; invalid text keeps the last good run and names the field', async function () {
    this.timeout(30_000);
    const uri = file('a.zigzag.json');
    const playground = api.scenarioFile(uri)!;
    const doc = documentOf(uri);
    const good = doc.getText();
    await replaceText(doc, good.replace('"steps": 120', '"steps": 77'));
    await waitFor('the run with 77 steps', () => playground.lastRun()?.scenario.steps === 77);
    const last = playground.lastRun();
    await replaceText(doc, good.replace('"steps": 120', '"steps": 77,\n  "optimizer": { "lr": -2 }'));
    await waitFor('the validation message', () => playground.problem());
    assert.equal(playground.problem(), 'a.zigzag.json: optimizer.lr must be a finite number > 0, got -2');
    assert.equal(playground.lastRun(), last, 'the last good run stays');
    await replaceText(doc, good.replace('"steps": 120', '"steps": 77,'));
    await waitFor('the JSON syntax message', () => /^a\.zigzag\.json: invalid JSON: /.test(playground.problem() ?? ''));
    // A control change while the file is broken is refused; the text is not touched.
    const broken = doc.getText();
    await assert.rejects(Promise.resolve(playground.apply({ steps: 5 })), /fix the file first/);
    assert.equal(doc.getText(), broken);
    await replaceText(doc, good);
    await waitFor('valid again', () => playground.problem() === undefined && playground.lastRun()?.scenario.steps === 120);
    // The text is the file's own again, which VS Code may already count as saved (save() then answers
    // false: seen once beside two burners), so the state is what is checked: saved, the file as it was.
    await doc.save();
    assert.equal(doc.isDirty, false);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), good);
  });

  it('two files side by side are independent playgrounds; the shared playground is untouched', async function () {
    this.timeout(30_000);
    const sharedBefore = api.getScenario();
    await vscode.commands.executeCommand('vscode.openWith', file('b.zigzag.json'), VIEW_TYPE, vscode.ViewColumn.Beside);
    const b = await waitFor('the second file playground', () => api.scenarioFile(file('b.zigzag.json')));
    await waitFor("b's run", () => b.lastRun()?.scenario.steps === 90, 20_000);
    const a = api.scenarioFile(file('a.zigzag.json'))!;
    await b.apply({ steps: 45 });
    await waitFor("b's new run", () => b.lastRun()?.scenario.steps === 45);
    assert.equal(a.lastRun()?.scenario.steps, 120);
    assert.equal(a.lastRun()?.scenario.inputs.distribution, 'relu');
    assert.deepEqual(api.getScenario(), sharedBefore);
    await vscode.commands.executeCommand('undo');
    await waitFor("b's text back", () => !documentOf(file('b.zigzag.json')).isDirty);
  });

  it('a file that gives a key twice opens with the message naming it and both lines, and is never edited', async function () {
    this.timeout(30_000);
    const uri = file('twice.zigzag.json');
    const twice = '{\n  "start": [1, 2],\n  "steps": 100,\n  "start": [3, 4]\n}\n';
    await vscode.workspace.fs.writeFile(uri, encoder.encode(twice));
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const playground = await waitFor('the file playground', () => api.scenarioFile(uri));
    await waitFor('the message', () => playground.problem());
    assert.equal(
      playground.problem(),
      'twice.zigzag.json: start is given twice, on lines 2 and 4 (JSON would keep only the last): remove one',
    );
    assert.equal(playground.lastRun(), undefined);
    await assert.rejects(Promise.resolve(playground.apply({ optimizer: { lr: 0.1 } })), /fix the file first/);
    assert.equal(documentOf(uri).getText(), twice);
    assert.equal(documentOf(uri).isDirty, false);
  });

  it('"Open Scenario as Text to the Side" shows the same document as JSON beside the playground', async function () {
    this.timeout(20_000);
    const uri = file('a.zigzag.json');
    await vscode.commands.executeCommand('zigzag.openScenarioText', uri);
    const editor = await waitFor('a text editor on a.zigzag.json', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()),
    );
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document, documentOf(uri), 'one document, two editors');
    assert.ok(customTab(uri), 'the playground stays open');
  });
});
