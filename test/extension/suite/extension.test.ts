// Extension-host tests: the real extension in a real VS Code, through its public API and commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, EXTENSION_ID, playgroundTab, waitFor, type PlaygroundApi } from './api';

interface Contributions {
  readonly commands: readonly { readonly command: string }[];
  readonly views: Record<string, readonly { readonly id: string }[]>;
}

describe('Zig-Zag Playground in the extension host', function () {
  let api: PlaygroundApi;

  before(async function () {
    this.timeout(60_000);
    api = await activatedApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates and returns its test API', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.equal(ext.isActive, true);
    for (const fn of ['getScenario', 'isPanelOpen', 'isSidebarResolved', 'lastRun', 'registeredCommands'] as const) {
      assert.equal(typeof api[fn], 'function', `api.${fn} is a function`);
    }
    assert.equal(api.getScenario().version, 1);
  });

  it('registers every command package.json contributes, and contributes every command it registers', async () => {
    const contributes = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: Contributions }).contributes;
    const contributed = contributes.commands.map((c) => c.command).sort();
    assert.ok(contributed.length >= 10, `package.json was read: ${contributed.join(', ')}`);
    // What activate() passed to registerCommand, and what VS Code knows under our prefix (without the
    // commands VS Code itself makes for each contributed view, like zigzag.explorer.focus).
    assert.deepEqual([...api.registeredCommands()].sort(), contributed);
    const viewPrefixes = Object.values(contributes.views).flatMap((views) => views.map((v) => `${v.id}.`));
    const known = (await vscode.commands.getCommands(true)).filter(
      (c) => c.startsWith('zigzag.') && !viewPrefixes.some((p) => c.startsWith(p)),
    );
    assert.deepEqual(known.sort(), contributed);
  });

  it('"Run Zig-Zag Demo" opens the playground panel', async () => {
    await vscode.commands.executeCommand('zigzag.runDemo');
    const tab = await waitFor('a webview tab titled "Zig-Zag Playground"', playgroundTab);
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    await waitFor('api.isPanelOpen()', () => api.isPanelOpen());
  });

  it('the side-panel view resolves', async () => {
    await vscode.commands.executeCommand('zigzag.explorer.focus');
    await waitFor('api.isSidebarResolved()', () => api.isSidebarResolved(), 15_000);
  });

  it("zigzag.setStart with a point changes the scenario's start", async () => {
    await vscode.commands.executeCommand('zigzag.setStart', [1, -2]);
    await waitFor('scenario.start = [1, -2]', () => {
      const s = api.getScenario().start;
      return s[0] === 1 && s[1] === -2;
    });
    assert.deepEqual([...api.getScenario().start], [1, -2]);
  });

  it("zigzag.setTargetQuadrant with a quadrant changes the scenario's target", async () => {
    const start = [...api.getScenario().start];
    await vscode.commands.executeCommand('zigzag.setTargetQuadrant', 'ne');
    await waitFor('scenario.target.quadrant = "ne"', () => {
      const t = api.getScenario().target;
      return t !== null && 'quadrant' in t && t.quadrant === 'ne';
    });
    assert.deepEqual([...api.getScenario().start], start, 'setting the quadrant keeps the start');
  });

  it("the panel's last run follows the scenario", async () => {
    const run = await waitFor(
      'api.lastRun() for the new scenario',
      () => {
        const r = api.lastRun();
        const t = r?.scenario.target;
        return r && r.scenario.start[0] === 1 && r.scenario.start[1] === -2 && t && 'quadrant' in t && t.quadrant === 'ne' ? r : undefined;
      },
      15_000,
    );
    assert.ok(run.trajectory.length >= 2, 'the run has at least its starting point');
  });
});
