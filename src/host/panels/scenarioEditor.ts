// Scenario files (*.zigzag.json) open as a playground: a custom text editor, so the TextDocument is the
// file's one source of truth (as in VS Code's hex editor). Each file gets its own model and session,
// shared by every editor showing that file (a split shows the same run); two files run independently.
import * as vscode from 'vscode';
import { ExerciseDocument } from '../exerciseDocument';
import { ScenarioDocumentModel } from '../scenarioDocument';
import { folderOf, workspaceDataSource } from '../dataFileReader';
import { DataFileWatcher } from '../dataFileWatcher';
import type { WithProgress } from '../session';
import { WebviewBridge, type BridgeContext } from './webviewBridge';

export const SCENARIO_EDITOR_VIEW_TYPE = 'zigzag.scenarioEditor';

export interface ScenarioEditorContext {
  readonly bridge: Omit<BridgeContext, 'model' | 'onExport'>;
  readonly withProgress: WithProgress;
  /** The scenario "Reset playground" writes into the file (from settings). */
  readonly defaults: () => Record<string, unknown>;
}

interface OpenDocument {
  readonly document: vscode.TextDocument;
  readonly model: ScenarioDocumentModel;
  readonly exercise: ExerciseDocument;
  readonly bridges: Set<WebviewBridge>;
  /** The data file the text names, watched: a change on disk is read again as a change of the text is. */
  readonly watcher: DataFileWatcher;
  editors: number;
}

export class ScenarioEditorProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly open = new Map<string, OpenDocument>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: ScenarioEditorContext) {
    this.disposables.push(
      vscode.window.registerCustomEditorProvider(SCENARIO_EDITOR_VIEW_TYPE, this, {
        supportsMultipleEditorsPerDocument: true,
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return; // only the dirty flag changed (a save)
        const entry = this.open.get(e.document.uri.toString());
        // A failed or cancelled run has already been reported to the views (the session's 'failed' event).
        if (!entry) return;
        entry.model.textChanged().catch((err: Error) => this.ctx.bridge.log.info(`${e.document.uri.path}: ${err.message}`));
        // The model has read the new text (its run may still be computing): the exercise reads what it read.
        entry.exercise.textChanged();
        entry.watcher.watch(folderOf(e.document.uri), entry.model.dataFile);
      }),
    );
  }

  /** The playground model of an open scenario file (tests and commands). */
  modelFor(uri: vscode.Uri): ScenarioDocumentModel | undefined {
    return this.open.get(uri.toString())?.model;
  }

  /** The exercise of an open scenario file (tests). */
  exerciseFor(uri: vscode.Uri): ExerciseDocument | undefined {
    return this.open.get(uri.toString())?.exercise;
  }

  /** The bridges of an open scenario file's webviews (tests hand them messages). */
  bridgesFor(uri: vscode.Uri): readonly WebviewBridge[] {
    return [...(this.open.get(uri.toString())?.bridges ?? [])];
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const entry = this.acquire(document);
    panel.iconPath = vscode.Uri.joinPath(this.ctx.bridge.extensionUri, 'media', 'zigzag.svg');
    const bridge = new WebviewBridge(panel.webview, 'file', { ...this.ctx.bridge, model: entry.model, exercise: entry.exercise });
    entry.bridges.add(bridge);
    panel.onDidDispose(() => {
      entry.bridges.delete(bridge);
      bridge.dispose();
      this.release(document);
    });
  }

  private acquire(document: vscode.TextDocument): OpenDocument {
    const key = document.uri.toString();
    let entry = this.open.get(key);
    if (!entry) {
      const name = document.uri.path.split('/').pop() || key;
      const data = workspaceDataSource(() => folderOf(document.uri));
      const model = new ScenarioDocumentModel(
        {
          name,
          text: () => document.getText(),
          applyEdit: (e) => {
            const edit = new vscode.WorkspaceEdit();
            edit.replace(
              document.uri,
              new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
              e.content,
            );
            return vscode.workspace.applyEdit(edit);
          },
          readData: (raw, run) => data.load(raw, run),
        },
        this.ctx.withProgress,
        this.ctx.defaults,
        (m) => this.ctx.bridge.log.info(`${name}: ${m}`),
      );
      const exercise = new ExerciseDocument(name, model);
      const watcher = new DataFileWatcher(() => {
        model.textChanged().catch((err: Error) => this.ctx.bridge.log.info(`${name}: ${err.message}`));
      });
      watcher.watch(folderOf(document.uri), model.dataFile);
      entry = { document, model, exercise, bridges: new Set(), watcher, editors: 0 };
      this.open.set(key, entry);
    }
    entry.editors++;
    return entry;
  }

  private release(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const entry = this.open.get(key);
    if (entry && --entry.editors === 0) {
      entry.watcher.dispose();
      this.open.delete(key);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const entry of this.open.values()) entry.watcher.dispose();
    this.open.clear();
  }
}
