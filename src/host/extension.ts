// Zig-Zag Playground's extension host: one shared session with two webviews (editor panel and side
// view), a playground per scenario file (custom editor), the commands, settings and persistence. Runs in
// the Node and the browser extension hosts alike.
import * as vscode from 'vscode';
import type { Scenario } from '../engine/index';
import { PlaygroundPanels } from './panels/playgroundPanel';
import { ScenarioEditorProvider } from './panels/scenarioEditor';
import { sessionModel } from './playgroundModel';
import { workspaceDataSource } from './dataFileReader';
import type { DataFileSource } from '../shared/dataFileSource';
import { DataFileWatcher } from './dataFileWatcher';
import { SidebarViewProvider, SIDEBAR_VIEW_ID } from './panels/sidebarView';
import type { BridgeContext } from './panels/webviewBridge';
import type { HostMessage } from '../shared/protocol';
import type { RunView } from '../shared/runModel';
import { PlaygroundSession, type WithProgress } from './session';
import { changedSettingsPatch, scenarioDefaults, uiSettings, type SettingReader } from './settings';
import { commandRegistrar, registerCommands, type RegisterCommand } from './commands';
import { loadScenarioText, registerFileCommands } from './fileCommands';
import { registerCourseMaterial } from './courseMaterial';
import { registerExerciseCommands } from './exerciseCommands';
import type { ExerciseView } from '../shared/protocol';
import { zigzagBlocks } from './markdownBlocks';
import type MarkdownIt from 'markdown-it';

/** What the extension returns from activate(): used by the integration tests (and scripts). */
export interface PlaygroundApi {
  getScenario(): Scenario;
  isPanelOpen(): boolean;
  isSidebarResolved(): boolean;
  lastRun(): RunView | undefined;
  /** The last error a command showed (e.g. "Open Scenario in Playground: bad.zigzag.json: …"). */
  lastError(): string | undefined;
  /** Every command id this extension registered, in order (compared with package.json by a test). */
  registeredCommands(): readonly string[];
  /** The playground of a scenario file open in its custom editor, if it is open. */
  scenarioFile(uri: vscode.Uri): ScenarioFileApi | undefined;
  /** Called by VS Code's Markdown preview (`markdown.markdownItPlugins`): ```zigzag blocks become live plots. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** One scenario file's playground, for tests: what it shows, and the path a webview's edit takes. */
export interface ScenarioFileApi {
  lastRun(): RunView | undefined;
  /** The file's validation message while its text is invalid. */
  problem(): string | undefined;
  /** Applies a partial scenario exactly as a control change in the file's playground does. */
  apply(patch: Record<string, unknown>): Promise<unknown>;
  /** The file's exercise as its webviews are told it. */
  exercise(): ExerciseView;
  /**
   * Hands `message` to the file's webview bridges as if their webview had sent it; resolves to the
   * refusal each posted back (undefined: none).
   */
  receive(message: unknown): Promise<(string | undefined)[]>;
}

/** A setting's value only when someone set it: unset settings leave the engine's default in charge. */
const readSetting: SettingReader = (key) => {
  const i = vscode.workspace.getConfiguration('zigzag').inspect(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
};

const withProgress: WithProgress = (title, work) =>
  Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      let reported = 0;
      return work(
        (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent > reported) {
            progress.report({ increment: percent - reported });
            reported = percent;
          }
        },
        () => token.isCancellationRequested,
      );
    }),
  );

export function activate(context: vscode.ExtensionContext): PlaygroundApi {
  const log = vscode.window.createOutputChannel('Zig-Zag Playground', { log: true });
  context.subscriptions.push(log);

  const defaults = (): Record<string, unknown> => {
    const { scenario, problems } = scenarioDefaults(readSetting);
    for (const p of problems) {
      log.warn(p);
      void vscode.window.showWarningMessage(p);
    }
    return scenario;
  };
  const session = new PlaygroundSession(context.workspaceState, withProgress, defaults, (m) => log.info(m));
  // The shared playground has no file of its own: a data file is read relative to the folder of the
  // scenario file it came from (saved with it, so a reload reads the same file), else the first workspace folder.
  const folderUri = (folder: string | undefined): vscode.Uri | undefined =>
    folder === undefined ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.parse(folder, true);
  let sharedData: { readonly folder: string | undefined; readonly source: DataFileSource } | undefined;
  session.readData = (raw, folder, run) => {
    if (!sharedData || sharedData.folder !== folder) sharedData = { folder, source: workspaceDataSource(() => folderUri(folder)) };
    return sharedData.source.load(raw, run);
  };
  // The data file it reads, watched: a change on disk is read again and recomputed (dataFileWatcher.ts).
  const sharedWatcher = new DataFileWatcher(() => {
    session.reloadData().catch((e: Error) => log.error(`Reading the data file again: ${e.message}`));
  });
  const followData = (): void => sharedWatcher.watch(folderUri(session.dataFolder), session.dataFile);
  followData();
  context.subscriptions.push(sharedWatcher, session.onEvent(followData));

  const ctx: BridgeContext = {
    extensionUri: context.extensionUri,
    model: sessionModel(session),
    log,
    uiSettings: () => uiSettings(readSetting),
    onExport: (data) => {
      panels.receiveExport(data); // called only after `panels` below exists
      return Promise.resolve();
    },
  };
  const panels = new PlaygroundPanels(ctx);
  const sidebar = new SidebarViewProvider(ctx);
  const scenarioEditors = new ScenarioEditorProvider({
    bridge: { extensionUri: context.extensionUri, log, uiSettings: ctx.uiSettings },
    withProgress,
    defaults,
  });
  context.subscriptions.push(panels, sidebar, scenarioEditors, vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar));

  let lastError: string | undefined;
  /** The Markdown preview's markdown-it, from extendMarkdownIt: Open in Playground finds blocks with it. */
  let markdownParser: MarkdownIt | undefined;
  const register = commandRegistrar(log, (message) => {
    lastError = message;
  });
  const registered: string[] = [];
  const command: RegisterCommand = (id, title, run) => {
    registered.push(id);
    return register(id, title, run);
  };

  const broadcast = (message: HostMessage): void => {
    panels.post(message);
    sidebar.post(message);
  };

  context.subscriptions.push(
    ...registerCommands({ command, session, panels, broadcast, log }),
    ...registerFileCommands(
      {
        session,
        panels,
        requestPng: () => panels.requestPng(),
        contourLevels: () => uiSettings(readSetting).contourLevels,
      },
      command,
    ),
    ...registerExerciseCommands(command),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('zigzag')) return;
      if (e.affectsConfiguration('zigzag.ui')) broadcast({ type: 'settings', settings: uiSettings(readSetting) });
      const patch = changedSettingsPatch(readSetting, (key) => e.affectsConfiguration(`zigzag.${key}`));
      if (Object.keys(patch).length === 0) return;
      // Settings apply live to the fields they name; the rest of the student's scenario stays.
      session.apply(patch).then(undefined, (err: Error) => {
        void vscode.window.showWarningMessage(vscode.l10n.t('Zig-Zag: the new setting takes effect on Reset ({0})', err.message));
      });
    }),
  );

  context.subscriptions.push(
    ...registerCourseMaterial({
      openInPlayground: async (text, source) => {
        panels.show();
        await loadScenarioText(session, text, source);
      },
      report: (message) => {
        lastError = message;
        void vscode.window.showErrorMessage(message);
      },
      log,
      markdownParser: () => markdownParser,
    }),
  );

  // `npm start` asks for the demo (it cannot run a command in a window it just opened): it opens a folder
  // holding a scenario file, which activates us there and only there, with this variable set.
  if (readEnv('ZIGZAG_OPEN_DEMO') === '1') void vscode.commands.executeCommand('zigzag.runDemo');

  return {
    getScenario: () => session.scenario,
    isPanelOpen: () => panels.isOpen,
    isSidebarResolved: () => sidebar.isResolved,
    lastRun: () => session.run,
    lastError: () => lastError,
    registeredCommands: () => [...registered],
    extendMarkdownIt: (md) => {
      markdownParser = md;
      return zigzagBlocks(md);
    },
    scenarioFile: (uri) => {
      const model = scenarioEditors.modelFor(uri);
      return (
        model && {
          lastRun: () => model.session.run,
          problem: () => model.problem,
          apply: (patch) => model.apply(patch),
          exercise: () => scenarioEditors.exerciseFor(uri)!.view,
          receive: (message) => Promise.all(scenarioEditors.bridgesFor(uri).map((b) => b.receive(message))),
        }
      );
    },
  };
}

/** An environment variable where there is one (not in the browser extension host). */
function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name];
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
