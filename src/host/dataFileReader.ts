// Data files (inputs.file) read through vscode.workspace.fs, so they open in remote and virtual
// workspaces and in the browser's worker host, and in Restricted Mode: a data file is only ever numbers,
// parsed in src/shared/dataFiles.ts. The path is relative to a folder: the scenario file's own for a
// file's playground, the first workspace folder for the shared playground (docs/scenario-format.md).
import * as vscode from 'vscode';
import { DataFileError } from '../shared/dataFiles';
import { DataFileSource, joinDataPath, type DataFileSystem } from '../shared/dataFileSource';
import { HOST_CLOCK } from './session';

/** The folder a scenario file is in. */
export function folderOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/** Why a file system call failed, in a few words. */
function why(e: unknown): string {
  if (e instanceof vscode.FileSystemError) {
    if (e.code === 'FileNotFound' || e.code === 'EntryNotFound') return 'no such file';
    if (e.code === 'NoPermissions') return 'permission denied';
    return e.code || e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The workspace file system under `folder()` (undefined: there is no folder to read from, and it says so). */
function workspaceDataFiles(folder: () => vscode.Uri | undefined): DataFileSystem {
  const locate = (file: string): vscode.Uri => {
    const base = folder();
    if (!base) throw new DataFileError(file, 'open a folder first: a data file is read relative to the workspace folder');
    return base.with({ path: joinDataPath(base.path, file) });
  };
  const shown = (uri: vscode.Uri): string => (uri.scheme === 'file' ? uri.fsPath : uri.toString());
  return {
    async stat(file) {
      const uri = locate(file);
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(uri);
      } catch (e) {
        throw new DataFileError(file, `cannot read ${shown(uri)}: ${why(e)}`);
      }
      // A link could lead out of the folder, and workspace.fs cannot say where: only regular files.
      if (stat.type & vscode.FileType.SymbolicLink) throw new DataFileError(file, 'is a symbolic link; a data file must be a regular file');
      if (!(stat.type & vscode.FileType.File)) throw new DataFileError(file, 'is not a regular file');
      return { size: stat.size, mtime: stat.mtime };
    },
    async read(file) {
      const uri = locate(file);
      try {
        return await vscode.workspace.fs.readFile(uri);
      } catch (e) {
        throw new DataFileError(file, `cannot read ${shown(uri)}: ${why(e)}`);
      }
    },
    decoder: () => new TextDecoder(),
  };
}

/** A data file source under `folder()`, parsing in slices on the extension host's thread. */
export function workspaceDataSource(folder: () => vscode.Uri | undefined): DataFileSource {
  return new DataFileSource(workspaceDataFiles(folder), HOST_CLOCK);
}
