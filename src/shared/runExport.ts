// A run as files: CSV (step,w1,w2,loss) and JSON ({scenario, trajectory, loss, metrics}), the formats of
// the CLI's --csv and --json. Produced in pieces, so ten million steps never become one giant string and
// a writer can wait for its reader between pieces, and the extension host can write an export in slices
// (runStringPieces). Pure; shared by the CLI and the extension's "Export Run".
import type { Metrics, Pieces, Scenario } from '../engine/index';

export interface ExportableRun {
  readonly scenario: Scenario;
  readonly trajectory: Float64Array;
  readonly loss: Float64Array;
  readonly metrics: Metrics;
}

const CHUNK = 4096;

/** The CSV export in pieces of a few thousand lines. */
export function* runCsvChunks(run: ExportableRun): Generator<string, void, undefined> {
  yield 'step,w1,w2,loss\n';
  let lines: string[] = [];
  for (let t = 0; t < run.loss.length; t++) {
    lines.push(`${t},${run.trajectory[2 * t]},${run.trajectory[2 * t + 1]},${run.loss[t]}\n`);
    if (lines.length === CHUNK) {
      yield lines.join('');
      lines = [];
    }
  }
  yield lines.join('');
}

/** The JSON export in pieces of a few thousand numbers. */
export function* runJsonChunks(run: ExportableRun): Generator<string, void, undefined> {
  yield `{"scenario":${JSON.stringify(run.scenario)},"trajectory":[`;
  let parts: string[] = [];
  for (let t = 0; t < run.loss.length; t++) {
    parts.push(`${t ? ',' : ''}[${run.trajectory[2 * t]},${run.trajectory[2 * t + 1]}]`);
    if (parts.length === CHUNK) {
      yield parts.join('');
      parts = [];
    }
  }
  yield `${parts.join('')}],"loss":[`;
  parts = [];
  for (let t = 0; t < run.loss.length; t++) {
    parts.push(`${t ? ',' : ''}${run.loss[t]}`);
    if (parts.length === CHUNK) {
      yield parts.join('');
      parts = [];
    }
  }
  yield `${parts.join('')}],"metrics":${JSON.stringify(run.metrics)}}\n`;
}

/** The whole export as one string (for runs the playground holds, at most 50,000 steps). */
export function runToString(run: ExportableRun, format: 'csv' | 'json'): string {
  return [...(format === 'csv' ? runCsvChunks : runJsonChunks)(run)].join('');
}

/** runToString a chunk of a few thousand rows per piece (src/engine/pieces.ts), for the host's slices. */
export function* runStringPieces(run: ExportableRun, format: 'csv' | 'json'): Pieces<string, 'rows'> {
  const parts: string[] = [];
  for (const chunk of (format === 'csv' ? runCsvChunks : runJsonChunks)(run)) {
    parts.push(chunk);
    yield 'rows';
  }
  return parts.join('');
}
