// Commands that read and write files: scenario files (*.zigzag.json), presets, and exports of the
// current run (CSV/JSON) and plot (SVG, PNG). workspace.fs only, so they work in the browser host too.
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { RegisterCommand } from './commands';
import { ScenarioError } from '../engine/index';
import { FileInputError, exportFormatArg, uriArg, type ExportTarget } from './fileArgs';
import { SCENARIO_EDITOR_VIEW_TYPE } from './panels/scenarioEditor';
import { runToSvgPieces } from './exportSvg';
import type { PlaygroundPanels } from './panels/playgroundPanel';
import { runStringPieces } from '../shared/runExport';
import { runInSlices } from '../shared/slices';
import { checkScenarioSize, parseScenarioText } from '../shared/scenarioText';
import { SCENARIO_PRESETS, findPreset } from './scenarioPresets';
import { folderOf } from './dataFileReader';
import { HOST_CLOCK, type PlaygroundSession } from './session';

export interface FileCommandContext {
  readonly session: PlaygroundSession;
  readonly panels: PlaygroundPanels;
  /** Asks the panel's webview for a PNG of its plot canvas (a data: URL). */
  readonly requestPng: () => Promise<string>;
  readonly contourLevels: () => number;
}

const encoder = new TextEncoder();

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where to write: a save dialog (which asks before replacing a file), or a Uri handed to the command,
 * which must not exist unless the caller said overwrite.
 */
async function destination(
  target: ExportTarget | undefined,
  defaultName: string,
  filters: Record<string, string[]>,
): Promise<vscode.Uri | undefined> {
  if (target?.uri) {
    if (!target.overwrite && (await exists(target.uri))) {
      throw new Error(l10n.t('{0} already exists (pass overwrite: true to replace it)', target.uri.fsPath || target.uri.toString()));
    }
    return target.uri;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
    filters,
    saveLabel: l10n.t('Save'),
  });
}

/** A file system call, its failure said as "cannot read <file>: <why>". */
async function reading<T>(uri: vscode.Uri, call: () => Thenable<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw new Error(
      l10n.t('cannot read {0}: {1}', basename(uri), e instanceof vscode.FileSystemError ? e.code || e.message : (e as Error).message),
      { cause: e },
    );
  }
}

/** Reads and validates a scenario file; the session changes only when the file is valid. */
async function openScenarioFile(session: PlaygroundSession, uri: vscode.Uri): Promise<void> {
  // Its size first: a file over the limit is refused without being read.
  const stat = await reading(uri, () => vscode.workspace.fs.stat(uri));
  if (!(stat.type & vscode.FileType.File)) throw new FileInputError(l10n.t('{0} is not a file', basename(uri)));
  checkScenarioSize(basename(uri), stat.size);
  const bytes = await reading(uri, () => vscode.workspace.fs.readFile(uri));
  await loadScenarioText(session, new TextDecoder().decode(bytes), basename(uri), folderOf(uri));
}

/**
 * Loads a scenario's JSON text into the session; errors name the source (a file, a Markdown block…) and the
 * field. Its data file is read relative to `folder` (a scenario file's), else to the workspace folder.
 */
export async function loadScenarioText(session: PlaygroundSession, text: string, name: string, folder?: vscode.Uri): Promise<void> {
  const raw = parseScenarioText(text, name);
  try {
    await session.load(raw, folder?.toString());
  } catch (e) {
    if (e instanceof ScenarioError) throw new ScenarioError(e.field, `${name}: ${e.message}`);
    throw e;
  }
}

/** The scenario file of the active editor tab: as text or as its playground. */
export function activeScenarioFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
  return uri?.path.endsWith('.zigzag.json') ? uri : undefined;
}

/** The same file in another editor, beside this one: its JSON text (`default`) or its playground. */
async function openBeside(arg: unknown, editor: string): Promise<void> {
  const uri = arg === undefined ? activeScenarioFile() : uriArg(arg, 'the scenario file');
  if (!uri) throw new FileInputError(l10n.t('open a *.zigzag.json file first'));
  await vscode.commands.executeCommand('vscode.openWith', uri, editor, vscode.ViewColumn.Beside);
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

export function registerFileCommands(c: FileCommandContext, command: RegisterCommand): vscode.Disposable[] {
  const { session, panels } = c;
  return [
    command('zigzag.openScenario', l10n.t('Open Scenario in Playground'), async (arg?: unknown) => {
      let uri = arg === undefined ? undefined : uriArg(arg, 'the scenario file');
      if (!uri) {
        const active = vscode.window.activeTextEditor?.document;
        if (active && active.uri.path.endsWith('.zigzag.json')) uri = active.uri;
      }
      if (!uri) {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          filters: { 'Zig-Zag scenarios': ['zigzag.json', 'json'] },
          openLabel: l10n.t('Open in Playground'),
        });
        uri = picked?.[0];
      }
      if (!uri) return;
      panels.show();
      await openScenarioFile(session, uri);
    }),

    command('zigzag.openScenarioText', l10n.t('Open Scenario as Text to the Side'), (arg?: unknown) => openBeside(arg, 'default')),

    command('zigzag.openScenarioPlayground', l10n.t('Open Scenario as Playground to the Side'), (arg?: unknown) =>
      openBeside(arg, SCENARIO_EDITOR_VIEW_TYPE),
    ),

    command('zigzag.saveScenarioAs', l10n.t('Save Scenario As…'), async (arg?: unknown) => {
      const target = arg === undefined ? undefined : { uri: uriArg(arg, 'the destination'), overwrite: false };
      const uri = await destination(target, 'scenario.zigzag.json', { 'Zig-Zag scenario': ['json'] });
      if (!uri) return;
      const text = `${JSON.stringify({ version: 1, ...session.raw }, null, 2)}\n`;
      await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
      return uri;
    }),

    command('zigzag.loadPreset', l10n.t('Load Preset…'), async (arg?: unknown) => {
      let preset = typeof arg === 'string' ? findPreset(arg) : undefined;
      if (arg !== undefined && !preset) {
        throw new Error(l10n.t('unknown preset {0} (presets: {1})', JSON.stringify(arg), SCENARIO_PRESETS.map((p) => p.id).join(', ')));
      }
      if (!preset) {
        const pick = await vscode.window.showQuickPick(
          SCENARIO_PRESETS.map((p) => ({ label: l10n.t(p.label), detail: l10n.t(p.detail), preset: p })),
          {
            title: l10n.t('Load Preset'),
            placeHolder: l10n.t('A ready-made experiment'),
            matchOnDetail: true,
          },
        );
        preset = pick?.preset;
      }
      if (!preset) return;
      panels.show();
      await session.replace({ ...preset.scenario });
    }),

    command('zigzag.exportRun', l10n.t('Export Run'), async (arg?: unknown) => {
      const run = session.run;
      if (!run) throw new Error(l10n.t('there is no run to export yet: open the playground first'));
      const out = await exportDestination(arg, 'Export Run', 'zigzag-run', {
        csv: l10n.t('CSV (step,w1,w2,loss)'),
        json: l10n.t('JSON (scenario, trajectory, loss, metrics)'),
      });
      if (!out) return;
      const text = await runInSlices(runStringPieces(run, out.format), HOST_CLOCK);
      await vscode.workspace.fs.writeFile(out.uri, encoder.encode(text));
      return out.uri;
    }),

    command('zigzag.exportPlot', l10n.t('Export Plot'), async (arg?: unknown) => {
      const run = session.run;
      if (!run) throw new Error(l10n.t('there is no plot to export yet: open the playground first'));
      const out = await exportDestination(arg, 'Export Plot', 'zigzag-plot', {
        svg: l10n.t('SVG (contours, path, markers)'),
        png: l10n.t('PNG (the plot as shown)'),
      });
      if (!out) return;
      if (out.format === 'svg') {
        const svg = await runInSlices(runToSvgPieces(run, { contourLevels: c.contourLevels() }), HOST_CLOCK);
        await vscode.workspace.fs.writeFile(out.uri, encoder.encode(svg));
      } else {
        panels.show();
        const dataUrl = await c.requestPng();
        const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
        if (!match) throw new Error(l10n.t('the playground sent something that is not a PNG image'));
        await vscode.workspace.fs.writeFile(out.uri, base64ToBytes(match[1]));
      }
      return out.uri;
    }),
  ];
}

/** The format (argument or quick pick) and the file (argument or save dialog) of an export; undefined if cancelled. */
async function exportDestination<F extends string>(
  arg: unknown,
  title: string,
  baseName: string,
  formats: Record<F, string>,
): Promise<{ format: F; uri: vscode.Uri } | undefined> {
  const names = Object.keys(formats) as F[];
  const given = exportFormatArg(arg, names);
  const format =
    given.format ??
    (
      await vscode.window.showQuickPick(
        names.map((f) => ({ label: f.toUpperCase(), detail: formats[f], format: f })),
        { title },
      )
    )?.format;
  if (!format) return undefined;
  const uri = await destination(given.target, `${baseName}.${format}`, { [format.toUpperCase()]: [format] });
  return uri && { format, uri };
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
