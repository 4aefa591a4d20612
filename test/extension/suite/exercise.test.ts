// A scenario file with an exercise in the real extension host: its playground's bridge refuses a webview
// message that would move a fixed field (the document untouched), writes the answers as one undoable
// edit, and "Reset Exercise Answers" clears them in one edit too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExerciseView } from '../../../src/shared/protocol';
import type { RunView } from '../../../src/shared/runModel';
import { activatedApi, waitFor, type PlaygroundApi } from './api';

interface ScenarioFileApi {
  lastRun(): RunView | undefined;
  exercise(): ExerciseView;
  receive(message: unknown): Promise<(string | undefined)[]>;
}
interface FullApi extends PlaygroundApi {
  scenarioFile(uri: vscode.Uri): ScenarioFileApi | undefined;
}

const TEXT = `{
  "version": 1,
  "inputs": { "distribution": "sigmoid", "count": 64 },
  "target": { "quadrant": "nw", "distance": 3 },
  "batchSize": 1,
  "steps": 100,
  "exercise": {
    "title": "Predict, then batch",
    "task": "Predict the locked share, then change the batch size.",
    "editable": ["batchSize"],
    "predict": [{ "id": "locked", "question": "Share locked?", "metric": "lockedFraction", "plusMinus": 0.05 }]
  }
}
`;

function documentOf(uri: vscode.Uri): vscode.TextDocument {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(doc, `${uri.path} is open`);
  return doc;
}

describe('an exercise file in its playground (extension host)', function () {
  let api: FullApi;
  let uri: vscode.Uri;

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    uri = vscode.Uri.joinPath(root, `exercise-${Date.now()}.zigzag.json`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEXT));
    await vscode.commands.executeCommand('vscode.open', uri);
    const file = await waitFor('the exercise file playground', () => api.scenarioFile(uri));
    await waitFor('its first run', () => file.lastRun(), 20_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('tells the playground the exercise', () => {
    const view = api.scenarioFile(uri)!.exercise();
    assert.equal(view.exercise?.title, 'Predict, then batch');
    assert.deepEqual(view.exercise?.editable, ['batchSize']);
    assert.deepEqual(view.answers, {});
  });

  it('refuses a webview message that moves a fixed field; the document is untouched', async function () {
    this.timeout(20_000);
    const file = api.scenarioFile(uri)!;
    const doc = documentOf(uri);
    for (const message of [
      { type: 'patch', patch: { optimizer: { lr: 5 } }, seq: 1 },
      { type: 'setStart', point: [2, 2], seq: 2 },
      { type: 'setTarget', point: [-3, 3], seq: 3 },
      { type: 'patch', patch: { exercise: { editable: ['batchSize', 'optimizer'] } }, seq: 4 },
      { type: 'reset', seq: 5 },
      { type: 'answers', answers: { lock: 0.5 } },
    ]) {
      const [refusal] = await file.receive(message);
      assert.ok(refusal, `${JSON.stringify(message)} is refused`);
      assert.equal(doc.getText(), TEXT, `${message.type} left the text alone`);
      assert.equal(doc.isDirty, false);
    }
    const [lr] = await file.receive({ type: 'patch', patch: { optimizer: { lr: 5 } } });
    assert.equal(lr, 'The exercise fixes optimizer.lr: it lets you change batchSize.');
    // What the exercise allows goes through.
    assert.deepEqual(await file.receive({ type: 'patch', patch: { batchSize: 4 }, seq: 6 }), [undefined]);
    assert.equal(doc.getText(), TEXT.replace('"batchSize": 1', '"batchSize": 4'));
    await vscode.commands.executeCommand('undo');
    await waitFor('the text back', () => doc.getText() === TEXT);
  });

  it('writes the answers as one edit that undo takes back, and Reset Exercise Answers clears them', async function () {
    this.timeout(30_000);
    const file = api.scenarioFile(uri)!;
    const doc = documentOf(uri);
    assert.deepEqual(await file.receive({ type: 'answers', answers: { locked: 0.97 } }), [undefined]);
    // The answers are added after the exercise; the rest of the text keeps every byte.
    assert.deepEqual(JSON.parse(doc.getText()), { ...JSON.parse(TEXT), answers: { locked: 0.97 } });
    assert.ok(doc.getText().startsWith(TEXT.slice(0, -3)), doc.getText());
    await waitFor('the playground told of the answers', () => file.exercise().answers.locked === 0.97);
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo takes them back', () => doc.getText() === TEXT);
    await waitFor('the playground told they are gone', () => file.exercise().answers.locked === undefined);

    await vscode.commands.executeCommand('redo');
    await waitFor('redone', () => file.exercise().answers.locked === 0.97);
    assert.equal(await vscode.commands.executeCommand('zigzag.resetAnswers', uri), true);
    assert.deepEqual(JSON.parse(doc.getText()), { ...JSON.parse(TEXT), answers: {} });
    await waitFor('the playground told the answers are reset', () => file.exercise().answers.locked === undefined);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo brings them back', () => file.exercise().answers.locked === 0.97);
    // Nothing to reset: said, no edit.
    await vscode.commands.executeCommand('zigzag.resetAnswers', uri);
    const before = doc.getText();
    assert.equal(await vscode.commands.executeCommand('zigzag.resetAnswers', uri), false);
    assert.equal(doc.getText(), before);
  });
});
