// Extension-host tests for the commands' arguments (from scripts, keybindings, other extensions): a bad
// argument gives a clear error (api.lastError(), the message the user is shown) and changes nothing — not
// the scenario, not the run, no file written, no dialog left waiting. Also: the panel and the side view
// share one session, and commands that act on the playground open it.
//
// Messages from the webviews are untrusted input too; the host cannot post as a webview from here, so
// their validation is covered by the unit tests of parseWebviewMessage (test/shared/protocol.test.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, playgroundTab, waitFor, type PlaygroundApi } from './api';

interface FullApi extends PlaygroundApi {
  lastError(): string | undefined;
}

/** Resolves to what the command returned, failing if it waits (e.g. on a dialog) for more than `ms`. */
async function runWithin<T>(ms: number, id: string, ...args: unknown[]): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${id}(${JSON.stringify(args)}) did not finish within ${ms} ms: waiting for user input?`)),
      ms,
    );
  });
  try {
    return await Promise.race([Promise.resolve(vscode.commands.executeCommand<T>(id, ...args)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('command arguments and the shared session', function () {
  let api: FullApi;
  let folder: vscode.Uri;

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    assert.equal(typeof api.lastError, 'function', 'the test API has lastError()');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    folder = vscode.Uri.joinPath(root, `commands-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.commands.executeCommand('zigzag.reset');
    await vscode.commands.executeCommand('zigzag.setStart', [0.5, -0.25]);
    await waitFor(
      'a run for the start (0.5, -0.25)',
      () => {
        const s = api.lastRun()?.scenario.start;
        return s && s[0] === 0.5 && s[1] === -0.25;
      },
      15_000,
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /**
   * Runs the command with a bad argument: it must resolve (no dialog), report exactly `message`, and leave
   * the scenario and the run as they were.
   */
  async function rejects(id: string, arg: unknown, message: string): Promise<void> {
    const scenario = api.getScenario();
    const run = api.lastRun();
    const result = await runWithin(10_000, id, arg);
    assert.equal(result, undefined, `${id} returns nothing`);
    assert.equal(api.lastError(), message, `${id}(${String(JSON.stringify(arg))})`);
    assert.deepEqual(api.getScenario(), scenario, `${id} left the scenario alone`);
    assert.equal(api.lastRun(), run, `${id} computed no new run`);
  }

  describe('bad arguments give a clear error and change nothing', () => {
    it('zigzag.setStart: text that is not two numbers, one number, NaN, out of range', async () => {
      await rejects(
        'zigzag.setStart',
        'abc',
        'Set Starting Point: Enter two numbers w1, w2 separated by a comma (like -1.5, 2); got 1 value',
      );
      await rejects('zigzag.setStart', '1, x', "Set Starting Point: 'x' is not a number");
      await rejects('zigzag.setStart', [1], 'Set Starting Point: expected a point [w1, w2] of two finite numbers, got [1]');
      await rejects('zigzag.setStart', [NaN, 1], 'Set Starting Point: w1 must be a finite number within ±1000, got NaN');
      await rejects('zigzag.setStart', [1, Infinity], 'Set Starting Point: w2 must be a finite number within ±1000, got Infinity');
      await rejects('zigzag.setStart', [5000, 0], 'Set Starting Point: w1 must be a finite number within ±1000, got 5000');
      await rejects('zigzag.setStart', { w1: 1 }, 'Set Starting Point: expected a point [w1, w2] of two finite numbers, got {"w1":1}');
      await rejects('zigzag.setStart', null, 'Set Starting Point: expected a point [w1, w2] of two finite numbers, got null');
    });

    it('zigzag.setTargetQuadrant: an unknown name, a number', async () => {
      await rejects('zigzag.setTargetQuadrant', 'up', 'Set Target Quadrant: expected a quadrant ("ne", "nw", "sw" or "se"), got "up"');
      await rejects('zigzag.setTargetQuadrant', 3, 'Set Target Quadrant: expected a quadrant ("ne", "nw", "sw" or "se"), got 3');
    });

    it('zigzag.loadPreset: a number', async () => {
      const scenario = api.getScenario();
      await runWithin(10_000, 'zigzag.loadPreset', 42);
      assert.match(api.lastError() ?? '', /^Load Preset…: unknown preset 42 \(presets: classic, /);
      assert.deepEqual(api.getScenario(), scenario);
    });

    it('zigzag.exportRun / exportPlot: an unknown format, a uri that is not one, an unknown field — and no file', async () => {
      const target = vscode.Uri.joinPath(folder, 'run.xlsx');
      await rejects('zigzag.exportRun', { format: 'xlsx', uri: target }, 'Export Run: format must be "csv" or "json", got "xlsx"');
      await rejects('zigzag.exportRun', { format: 'xlsx' }, 'Export Run: format must be "csv" or "json", got "xlsx"');
      await rejects('zigzag.exportRun', { uri: 5 }, 'Export Run: expected uri as a Uri or path, got 5');
      await rejects('zigzag.exportRun', { bogus: 1 }, 'Export Run: unknown argument field bogus (allowed: format, uri, overwrite)');
      await rejects('zigzag.exportRun', 'run.csv', 'Export Run: expected { format, uri, overwrite } as the argument, got "run.csv"');
      await rejects(
        'zigzag.exportRun',
        { format: 'csv', uri: vscode.Uri.joinPath(folder, 'run.csv'), overwrite: 'yes' },
        'Export Run: overwrite must be true or false',
      );
      await rejects(
        'zigzag.exportPlot',
        { format: 'csv', uri: vscode.Uri.joinPath(folder, 'plot.csv') },
        'Export Plot: format must be "svg" or "png", got "csv"',
      );
      const written = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
      assert.deepEqual(written, [], 'no file was written');
    });

    it('a good argument after the bad ones still works', async () => {
      await vscode.commands.executeCommand('zigzag.setStart', '-1.5, 2');
      assert.deepEqual([...api.getScenario().start], [-1.5, 2]);
      assert.deepEqual([...api.lastRun()!.scenario.start], [-1.5, 2]);
      await vscode.commands.executeCommand('zigzag.setTargetQuadrant', 'north-east');
      const t = api.getScenario().target;
      assert.ok(t && 'quadrant' in t && t.quadrant === 'ne');
      const uri = await runWithin<vscode.Uri>(10_000, 'zigzag.exportRun', { format: 'csv', uri: vscode.Uri.joinPath(folder, 'run.csv') });
      assert.ok(uri, api.lastError());
      const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(csv.split('\n')[1], `0,-1.5,2,${api.lastRun()!.loss[0]}`);
    });
  });

  describe('one session for the panel and the side view', () => {
    it('commands that act on the playground open the panel when it is closed', async () => {
      for (const [id, arg] of [
        ['zigzag.setStart', [0.5, 0.5]],
        ['zigzag.play', undefined],
        ['zigzag.compareInputs', undefined],
        ['zigzag.reset', undefined],
      ] as const) {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await waitFor('the panel closed', () => !api.isPanelOpen() && !playgroundTab());
        await vscode.commands.executeCommand(id, arg);
        await waitFor(`the panel open after ${id}`, () => api.isPanelOpen() && playgroundTab(), 10_000);
      }
    });

    it('after zigzag.setStart the run has the new start; focusing the side view and running the demo keeps both', async () => {
      await vscode.commands.executeCommand('zigzag.setStart', [1.25, -0.5]);
      assert.deepEqual([...api.lastRun()!.scenario.start], [1.25, -0.5]);
      const run = api.lastRun();
      await vscode.commands.executeCommand('zigzag.explorer.focus');
      await waitFor('the side view resolved', () => api.isSidebarResolved(), 15_000);
      await vscode.commands.executeCommand('zigzag.runDemo');
      await waitFor('the panel open', () => api.isPanelOpen() && playgroundTab(), 10_000);
      assert.equal(api.isSidebarResolved(), true, 'the side view stays');
      assert.deepEqual([...api.getScenario().start], [1.25, -0.5], 'the demo opens on the current scenario');
      assert.equal(api.lastRun(), run, "Run Zig-Zag Demo reuses the session's run");
      // A change while both are open is one change of the one session.
      await vscode.commands.executeCommand('zigzag.setTargetQuadrant', 'sw');
      const t = api.lastRun()!.scenario.target;
      assert.ok(t && 'quadrant' in t && t.quadrant === 'sw');
      assert.deepEqual([...api.lastRun()!.scenario.start], [1.25, -0.5]);
    });
  });
});
