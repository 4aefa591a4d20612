// A scenario's data file (inputs.file) read through the caller's file system and parsed: the one way the
// host (vscode.workspace.fs) and the CLI (node:fs) go from a scenario as written to the ScenarioData the
// engine resolves it with. The size is checked (stat) before a byte is read; the last table is kept by
// path, size and modification time, so a change that keeps the file does not read it again. Every
// problem is a ScenarioError of field inputs.file whose message names the file and the row and column
// (or the header field) at fault, so each view reports it as it reports any invalid scenario.
import { LIMITS, ScenarioError, complete, inputFileOf, type Pieces, type ScenarioData } from '../engine/index';
import { DataFileError, parseDataFilePieces, type TextStreamDecoder } from './dataFiles';
import { runInSlices, type SliceClock } from './slices';

export interface DataFileStat {
  readonly size: number;
  /** Changes when the file does (its modification time). */
  readonly mtime: number;
}

/** What a data file source needs of a file system; paths are inputs.file as written (relative, '/'-separated). */
export interface DataFileSystem {
  /** The file's size and mtime; throws DataFileError when it is missing or not a regular file. */
  stat(path: string): Promise<DataFileStat>;
  /** The whole file; throws DataFileError when it cannot be read. */
  read(path: string): Promise<Uint8Array>;
  /** A UTF-8 decoder (the caller's TextDecoder: the shared layer has no host globals). */
  decoder(): TextStreamDecoder;
}

/**
 * Runs work in pieces to its end: the session's runner (in slices, with a progress notification and
 * Cancel once it takes a moment; a newer change supersedes it). `progress` says how far it has got, 0 to 1.
 */
export type PieceRunner = <T>(title: string, pieces: Pieces<T, string>, progress: () => number) => Promise<T>;

/** A scenario's data as read: the file it came from (null: the scenario names none) and its table. */
export interface LoadedData {
  readonly file: string | null;
  readonly data: ScenarioData;
}

export const NO_DATA: LoadedData = { file: null, data: {} };

/** Whether `raw` names the data file `loaded` was read from (a change that keeps the file keeps its table). */
export function keepsData(raw: unknown, loaded: LoadedData): boolean {
  return loaded.file !== null && fileOf(raw) === loaded.file;
}

/** `loaded`'s data when `raw` names the same file; none otherwise (resolveScenario then says it was not read). */
export function dataOf(raw: unknown, loaded: LoadedData): ScenarioData {
  return keepsData(raw, loaded) ? loaded.data : {};
}

/** inputs.file of a scenario as written, or null; a bad path is not one (resolveScenario names it). */
function fileOf(raw: unknown): string | null {
  try {
    return inputFileOf(raw);
  } catch {
    return null;
  }
}

/**
 * The data file's path: inputs.file (checked by the engine: relative, '/'-separated, no '..', no
 * backslash) under `folder` (a '/'-separated path, as a URI's), its '.' segments dropped. So a data file
 * is always inside the scenario file's folder tree; symbolic links are the reader's to refuse.
 */
export function joinDataPath(folder: string, file: string): string {
  const segments = file.split('/').filter((s) => s !== '.');
  if (segments.some((s) => s === '' || s === '..'))
    throw new ScenarioError('inputs.file', `inputs.file "${file}" must stay inside the scenario's folder`);
  return `${folder.replace(/\/+$/, '')}/${segments.join('/')}`;
}

const count = (n: number): string => n.toLocaleString('en-US');

export class DataFileSource {
  private last: { readonly stat: DataFileStat; readonly loaded: LoadedData } | null = null;

  constructor(
    private readonly fs: DataFileSystem,
    /** Parse in slices on this clock (the extension host's), so a 64 MB file never holds its thread; none: in one go. */
    private readonly clock?: SliceClock,
  ) {}

  /**
   * The data `raw` needs: none, or its file read (unless unchanged since the last read) and parsed, by
   * `run` when given (the session's, with progress and Cancel), else in slices on the clock, else at once.
   */
  async load(raw: unknown, run?: PieceRunner): Promise<LoadedData> {
    const file = inputFileOf(raw); // a bad path throws ScenarioError('inputs.file')
    if (file === null) return NO_DATA;
    try {
      const stat = await this.fs.stat(file);
      if (stat.size > LIMITS.maxFileBytes) {
        throw new DataFileError(file, `the file has ${count(stat.size)} bytes; a data file may have at most ${count(LIMITS.maxFileBytes)}`);
      }
      const last = this.last;
      if (last && last.loaded.file === file && last.stat.size === stat.size && last.stat.mtime === stat.mtime) return last.loaded;
      const bytes = await this.fs.read(file);
      let read = 0;
      const pieces = parseDataFilePieces(
        file,
        bytes,
        () => this.fs.decoder(),
        (fraction) => (read = fraction),
      );
      const table = run
        ? await run(`Zig-Zag: reading ${file}`, pieces, () => read)
        : this.clock
          ? await runInSlices(pieces, this.clock)
          : complete(pieces);
      const loaded: LoadedData = { file, data: { inputFile: table } };
      this.last = { stat, loaded };
      return loaded;
    } catch (e) {
      if (e instanceof DataFileError) throw new ScenarioError('inputs.file', e.message);
      throw e;
    }
  }
}
