// Hostile course material as scenario files in the real extension host (issue 17): every case of
// test/hostile/corpus.ts written as a *.zigzag.json and opened in its custom editor, as a double-click
// opens it, must end in its message or its run (a diverged one where the corpus says so), read through
// VS Code's own text documents. The real workbench (e2e hostile) shows one case of each outcome on screen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunView } from '../../../src/shared/runModel';
import { HOSTILE_CASES } from '../../hostile/corpus';
import { activatedApi, waitFor, type PlaygroundApi } from './api';

interface ScenarioFileApi {
  lastRun(): RunView | undefined;
  problem(): string | undefined;
}
interface FullApi extends PlaygroundApi {
  scenarioFile(uri: vscode.Uri): ScenarioFileApi | undefined;
}

const VIEW_TYPE = 'zigzag.scenarioEditor';

describe('hostile scenario files (test/hostile/corpus.ts) open in their playground with their message or their run', function () {
  let api: FullApi;
  let folder: vscode.Uri;

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    folder = vscode.Uri.joinPath(root, `hostile-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  HOSTILE_CASES.forEach((c, i) => {
    it(`hostile-${i}.zigzag.json: ${c.name}`, async function () {
      this.timeout(90_000);
      const uri = vscode.Uri.joinPath(folder, `hostile-${i}.zigzag.json`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(c.text));
      await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
      const playground = await waitFor(`the playground of hostile-${i}.zigzag.json`, () => api.scenarioFile(uri), 30_000);
      const shown = await waitFor(
        'its message or its run',
        () => {
          const message = playground.problem();
          if (message !== undefined) return { message, run: undefined };
          const run = playground.lastRun();
          return run && { message: undefined, run };
        },
        60_000,
      );
      if (c.expect && 'refused' in c.expect) {
        assert.ok(shown.message?.includes(c.expect.refused), `the message names ${c.expect.refused}: ${shown.message ?? 'a run'}`);
      } else if (c.expect) {
        assert.ok(shown.run, `a run, not the message ${shown.message}`);
        assert.equal(shown.run.metrics.divergedAt !== null, c.expect.diverges, `diverged at ${shown.run.metrics.divergedAt}`);
      }
      if (shown.run) {
        // What the plot draws is finite: a diverged run ends at its last finite step.
        assert.ok(shown.run.trajectory.every(Number.isFinite), 'a finite path');
        assert.ok(shown.run.loss.every(Number.isFinite), 'a finite loss');
      }
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
});
