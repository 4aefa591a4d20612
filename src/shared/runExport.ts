// A run as files: CSV (step,w1,w2,loss) and JSON ({scenario, trajectory, loss, metrics}), the formats of
// the CLI's --csv and --json. Written in pieces through `write` so ten million steps never become one
// giant string, each piece of CHUNK rows a piece of work too (src/engine/pieces.ts), so the extension
// host writes an export in slices. Pure; shared by the CLI and the extension's "Export Run".
import { complete, type Metrics, type Pieces, type Scenario } from '../engine/index';

export interface ExportableRun {
  readonly scenario: Scenario;
  readonly trajectory: Float64Array;
  readonly loss: Float64Array;
  readonly metrics: Metrics;
}

type Write = (chunk: string) => void;

const CHUNK = 4096;

/** A piece of an export: CHUNK rows written. */
export type RowsPiece = 'rows';

export function writeRunCsv(run: ExportableRun, write: Write): void {
  complete(runCsvPieces(run, write));
}

/** writeRunCsv a piece of CHUNK rows at a time. */
export function* runCsvPieces(run: ExportableRun, write: Write): Pieces<void, RowsPiece> {
  write('step,w1,w2,loss\n');
  let lines: string[] = [];
  for (let t = 0; t < run.loss.length; t++) {
    lines.push(`${t},${run.trajectory[2 * t]},${run.trajectory[2 * t + 1]},${run.loss[t]}\n`);
    if (lines.length === CHUNK) {
      write(lines.join(''));
      lines = [];
      yield 'rows';
    }
  }
  write(lines.join(''));
}

export function writeRunJson(run: ExportableRun, write: Write): void {
  complete(runJsonPieces(run, write));
}

/** writeRunJson a piece of CHUNK values at a time. */
export function* runJsonPieces(run: ExportableRun, write: Write): Pieces<void, RowsPiece> {
  write(`{"scenario":${JSON.stringify(run.scenario)},"trajectory":[`);
  let parts: string[] = [];
  const flush = (): void => {
    write(parts.join(''));
    parts = [];
  };
  for (let t = 0; t < run.loss.length; t++) {
    parts.push(`${t ? ',' : ''}[${run.trajectory[2 * t]},${run.trajectory[2 * t + 1]}]`);
    if (parts.length === CHUNK) {
      flush();
      yield 'rows';
    }
  }
  flush();
  write('],"loss":[');
  for (let t = 0; t < run.loss.length; t++) {
    parts.push(`${t ? ',' : ''}${run.loss[t]}`);
    if (parts.length === CHUNK) {
      flush();
      yield 'rows';
    }
  }
  flush();
  write(`],"metrics":${JSON.stringify(run.metrics)}}\n`);
}

/** The whole export as one string (for runs the playground holds, at most 50,000 steps). */
export function runToString(run: ExportableRun, format: 'csv' | 'json'): string {
  return complete(runStringPieces(run, format));
}

/** runToString a piece of CHUNK rows at a time. */
export function* runStringPieces(run: ExportableRun, format: 'csv' | 'json'): Pieces<string, RowsPiece> {
  const parts: string[] = [];
  yield* (format === 'csv' ? runCsvPieces : runJsonPieces)(run, (s) => parts.push(s));
  return parts.join('');
}
