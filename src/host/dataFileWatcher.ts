// The data file (inputs.file) a playground reads, watched on disk: a new np.save or an edited CSV is read
// again and the run recomputed, without a change of the scenario. One watcher per playground, moved when
// its scenario names another file. It watches the file's folder (one level, no glob built from the file's
// name, which may hold glob characters) and keeps the events for that file only; a save comes as a burst
// (write, then times; delete, then create), so events are gathered for DEBOUNCE_MS into one re-read.
import * as vscode from 'vscode';

/** How long a burst of events for the watched file is gathered before one re-read. */
const DEBOUNCE_MS = 150;

export class DataFileWatcher implements vscode.Disposable {
  /** The file watched (its URI as a string), or undefined. */
  private file: string | undefined;
  private folder: { readonly key: string; readonly disposables: readonly vscode.Disposable[] } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `changed`: the watched file was changed, created or deleted (called once per burst). */
  constructor(private readonly changed: () => void) {}

  /** Watches `file` (inputs.file as written, '/'-separated) under `folder`; undefined or null: nothing. */
  watch(folder: vscode.Uri | undefined, file: string | null): void {
    const uri = folder && file !== null ? vscode.Uri.joinPath(folder, ...file.split('/').filter((s) => s !== '.')) : undefined;
    if (uri?.toString() === this.file) return;
    this.cancel();
    this.file = uri?.toString();
    const dir = uri && vscode.Uri.joinPath(uri, '..');
    if (dir?.toString() === this.folder?.key) return; // another file of the folder watched: its watcher serves
    // The new folder's watcher first, then the old one's end: VS Code shares a folder's watch between
    // watchers, and ending one just before asking again for the same folder left it without events.
    const previous = this.folder;
    this.folder = dir && { key: dir.toString(), disposables: this.watchFolder(dir) };
    for (const d of previous?.disposables ?? []) d.dispose();
  }

  private watchFolder(dir: vscode.Uri): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, '*'));
    const onEvent = (changed: vscode.Uri): void => {
      if (changed.toString() === this.file) this.schedule();
    };
    return [watcher, watcher.onDidChange(onEvent), watcher.onDidCreate(onEvent), watcher.onDidDelete(onEvent)];
  }

  private schedule(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed();
    }, DEBOUNCE_MS);
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
    for (const d of this.folder?.disposables ?? []) d.dispose();
    this.folder = undefined;
    this.file = undefined;
  }
}
