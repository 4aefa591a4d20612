// The data file (inputs.file) a playground reads, watched on disk: a new np.save or an edited CSV is read
// again and the run recomputed, without a change of the scenario. One watcher per playground, moved when
// its scenario names another file. It watches the file's folder (one level, no glob built from the file's
// name, which may hold glob characters) and keeps the events for that file only; a save comes as a burst
// (write, then times; delete, then create), so events are gathered for DEBOUNCE_MS into one re-read.
import * as vscode from 'vscode';

/** How long a burst of events for the watched file is gathered before one re-read. */
const DEBOUNCE_MS = 150;

export class DataFileWatcher implements vscode.Disposable {
  private watched: { readonly key: string; readonly disposables: readonly vscode.Disposable[] } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `changed`: the watched file was changed, created or deleted (called once per burst). */
  constructor(private readonly changed: () => void) {}

  /** Watches `file` (inputs.file as written, '/'-separated) under `folder`; undefined or null: nothing. */
  watch(folder: vscode.Uri | undefined, file: string | null): void {
    const uri = folder && file !== null ? vscode.Uri.joinPath(folder, ...file.split('/').filter((s) => s !== '.')) : undefined;
    const key = uri?.toString();
    if (key === this.watched?.key) return;
    this.stop();
    if (!uri || key === undefined) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), '*'));
    const onEvent = (changed: vscode.Uri): void => {
      if (changed.toString() === key) this.schedule();
    };
    this.watched = {
      key,
      disposables: [watcher, watcher.onDidChange(onEvent), watcher.onDidCreate(onEvent), watcher.onDidDelete(onEvent)],
    };
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed();
    }, DEBOUNCE_MS);
  }

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const d of this.watched?.disposables ?? []) d.dispose();
    this.watched = undefined;
  }

  dispose(): void {
    this.stop();
  }
}
