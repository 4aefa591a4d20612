// Course features in the real extension host: settings, scenario files, presets and exports.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, waitFor, type PlaygroundApi } from './api';

interface FullApi extends PlaygroundApi {
  lastError(): string | undefined;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

describe('scenario files, presets, settings and exports', function () {
  let api: FullApi;
  let folder: vscode.Uri;

  const file = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);
  const write = (name: string, text: string): Thenable<void> => vscode.workspace.fs.writeFile(file(name), encoder.encode(text));
  const read = async (uri: vscode.Uri): Promise<string> => decoder.decode(await vscode.workspace.fs.readFile(uri));

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    folder = vscode.Uri.joinPath(root, `files-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.commands.executeCommand('zigzag.reset');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('zigzag').update('defaults.steps', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a valid *.zigzag.json into the playground', async () => {
    await write('good.zigzag.json', JSON.stringify({ version: 1, inputs: { distribution: 'relu' }, steps: 123, optimizer: { lr: 0.2 } }));
    await vscode.commands.executeCommand('zigzag.openScenario', file('good.zigzag.json'));
    const s = api.getScenario();
    assert.equal(s.inputs.distribution, 'relu');
    assert.equal(s.steps, 123);
    assert.equal(api.lastRun()?.scenario.steps, 123);
  });

  it('an invalid file names the field, and the playground keeps its last good state', async () => {
    await write('bad.zigzag.json', JSON.stringify({ optimizer: { lr: -1 } }));
    await vscode.commands.executeCommand('zigzag.openScenario', file('bad.zigzag.json'));
    assert.equal(api.lastError(), 'Open Scenario in Playground: bad.zigzag.json: optimizer.lr must be a finite number > 0, got -1');
    assert.equal(api.getScenario().steps, 123);
    assert.equal(api.lastRun()?.scenario.steps, 123);

    await write('broken.zigzag.json', '{ "steps": 10, }');
    await vscode.commands.executeCommand('zigzag.openScenario', file('broken.zigzag.json'));
    assert.match(api.lastError() ?? '', /^Open Scenario in Playground: broken\.zigzag\.json: invalid JSON: /);
    assert.equal(api.getScenario().steps, 123);
  });

  it('a missing file is reported and changes nothing', async () => {
    await vscode.commands.executeCommand('zigzag.openScenario', file('nowhere.zigzag.json'));
    assert.match(api.lastError() ?? '', /^Open Scenario in Playground: cannot read nowhere\.zigzag\.json: /);
    assert.equal(api.getScenario().steps, 123);
  });

  it('a key given twice, a file over 1 MB and a folder are refused by name and change nothing', async () => {
    await write('twice.zigzag.json', '{\n  "steps": 5,\n  "steps": 6\n}\n');
    await vscode.commands.executeCommand('zigzag.openScenario', file('twice.zigzag.json'));
    assert.equal(
      api.lastError(),
      'Open Scenario in Playground: twice.zigzag.json: steps is given twice, on lines 2 and 3 (JSON would keep only the last): remove one',
    );
    await write('big.zigzag.json', `{ "$schema": "${'x'.repeat(1_000_000)}" }`);
    await vscode.commands.executeCommand('zigzag.openScenario', file('big.zigzag.json'));
    assert.equal(
      api.lastError(),
      'Open Scenario in Playground: big.zigzag.json is 1,000,017 bytes; a scenario may be at most 1,000,000 bytes (1 MB)',
    );
    await vscode.workspace.fs.createDirectory(file('folder.zigzag.json'));
    await vscode.commands.executeCommand('zigzag.openScenario', file('folder.zigzag.json'));
    assert.equal(api.lastError(), 'Open Scenario in Playground: folder.zigzag.json is not a file');
    assert.equal(api.getScenario().steps, 123);
  });

  it('"Save Scenario As…" writes a file that opens to the same scenario', async () => {
    const target = file('saved.zigzag.json');
    const written = await vscode.commands.executeCommand<vscode.Uri>('zigzag.saveScenarioAs', target);
    assert.equal(written?.toString(), target.toString());
    const json = JSON.parse(await read(target)) as Record<string, unknown>;
    assert.equal(json.version, 1);
    const before = api.getScenario();
    await vscode.commands.executeCommand('zigzag.loadPreset', 'classic');
    await vscode.commands.executeCommand('zigzag.openScenario', target);
    assert.deepEqual(api.getScenario(), before);
    // Saving onto an existing file through an argument is refused (the dialog would ask).
    await vscode.commands.executeCommand('zigzag.saveScenarioAs', target);
    assert.match(api.lastError() ?? '', /saved\.zigzag\.json already exists/);
  });

  it('loads presets by id, and names an unknown one', async () => {
    await vscode.commands.executeCommand('zigzag.loadPreset', 'tanh');
    assert.equal(api.getScenario().inputs.distribution, 'tanh');
    await vscode.commands.executeCommand('zigzag.loadPreset', 'rosenbrock');
    assert.equal(api.getScenario().model, 'function');
    await vscode.commands.executeCommand('zigzag.loadPreset', 'nonsense');
    assert.match(api.lastError() ?? '', /^Load Preset…: unknown preset "nonsense" \(presets: classic, north-east, /);
    assert.equal(api.getScenario().model, 'function');
  });

  it('settings apply live and set what Reset returns to', async () => {
    await vscode.commands.executeCommand('zigzag.loadPreset', 'classic');
    await vscode.workspace.getConfiguration('zigzag').update('defaults.steps', 222, vscode.ConfigurationTarget.Global);
    await waitFor('steps = 222 after the setting changed', () => api.getScenario().steps === 222);
    await vscode.commands.executeCommand('zigzag.loadPreset', 'tanh');
    await vscode.commands.executeCommand('zigzag.reset');
    assert.equal(api.getScenario().steps, 222);
    assert.equal(api.getScenario().inputs.distribution, 'sigmoid');
  });

  it('exports the run as CSV and JSON that parse back to the run', async () => {
    const run = api.lastRun();
    assert.ok(run);
    const csvUri = await vscode.commands.executeCommand<vscode.Uri>('zigzag.exportRun', { format: 'csv', uri: file('run.csv') });
    assert.ok(csvUri, api.lastError());
    const lines = (await read(csvUri)).trim().split('\n');
    assert.equal(lines[0], 'step,w1,w2,loss');
    assert.equal(lines.length, run.loss.length + 1);
    const last = lines.at(-1)!.split(',').map(Number);
    const K = run.loss.length - 1;
    assert.deepEqual(last, [K, run.trajectory[2 * K], run.trajectory[2 * K + 1], run.loss[K]]);

    const jsonUri = await vscode.commands.executeCommand<vscode.Uri>('zigzag.exportRun', { format: 'json', uri: file('run.json') });
    assert.ok(jsonUri, api.lastError());
    const json = JSON.parse(await read(jsonUri)) as { trajectory: number[][]; loss: number[]; metrics: Record<string, unknown> };
    assert.deepEqual(json.metrics, run.metrics);
    assert.deepEqual(json.trajectory.flat(), [...run.trajectory]);

    // Nothing is overwritten without asking.
    const again = await vscode.commands.executeCommand('zigzag.exportRun', { format: 'csv', uri: file('run.csv') });
    assert.equal(again, undefined);
    assert.match(api.lastError() ?? '', /run\.csv already exists/);
    const replaced = await vscode.commands.executeCommand('zigzag.exportRun', { format: 'csv', uri: file('run.csv'), overwrite: true });
    assert.ok(replaced);
    await vscode.commands.executeCommand('zigzag.exportRun', { format: 'xlsx', uri: file('run.xlsx') });
    assert.equal(api.lastError(), 'Export Run: format must be "csv" or "json", got "xlsx"');
  });

  it('exports the plot as SVG with contours, the path and the markers of the run', async () => {
    const run = api.lastRun()!;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('zigzag.exportPlot', { format: 'svg', uri: file('plot.svg') });
    assert.ok(uri, api.lastError());
    const svg = await read(uri);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const path = /<polyline id="trajectory"[^>]* points="([^"]+)"/.exec(svg);
    assert.ok(path, 'the trajectory polyline');
    assert.equal(path[1].split(' ').length, run.trajectory.length / 2);
    assert.ok((svg.match(/data-loss="/g) ?? []).length >= 10, 'contour lines');
    for (const id of ['start', 'end', 'target']) assert.match(svg, new RegExp(`id="${id}"`));
  });

  it('exports the plot as PNG drawn by the webview', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('zigzag.runDemo');
    // The webview answers only once it has drawn; retry while it loads.
    const uri = await waitFor(
      'a PNG export',
      async () => {
        await vscode.workspace.fs.delete(file('plot.png')).then(undefined, () => undefined);
        return vscode.commands.executeCommand<vscode.Uri>('zigzag.exportPlot', { format: 'png', uri: file('plot.png') });
      },
      25_000,
    );
    const png = await vscode.workspace.fs.readFile(uri);
    assert.deepEqual([...png.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    const view = new DataView(png.buffer, png.byteOffset);
    assert.ok(view.getUint32(16) > 100 && view.getUint32(20) > 100, `image ${view.getUint32(16)}×${view.getUint32(20)}`);
    assert.ok(png.length > 5000, `a drawn plot, not a blank canvas (${png.length} bytes)`);
  });
});
