// A run as files: CSV (step,w1,w2,loss) and JSON ({scenario, trajectory, loss, metrics}), the formats of
// the CLI's --csv and --json. Written in pieces through `write` so ten million steps never become one
// giant string. Pure; shared by the CLI and the extension's "Export Run".
import type { Metrics, Scenario } from '../engine/index';

export interface ExportableRun {
  readonly scenario: Scenario;
  readonly trajectory: Float64Array;
  readonly loss: Float64Array;
  readonly metrics: Metrics;
}

type Write = (chunk: string) => void;

const CHUNK = 4096;

export function writeRunCsv(run: ExportableRun, write: Write): void {
  write('step,w1,w2,loss\n');
  let lines: string[] = [];
  for (let t = 0; t < run.loss.length; t++) {
    lines.push(`${t},${run.trajectory[2 * t]},${run.trajectory[2 * t + 1]},${run.loss[t]}\n`);
    if (lines.length === CHUNK) {
      write(lines.join(''));
      lines = [];
    }
  }
  write(lines.join(''));
}

export function writeRunJson(run: ExportableRun, write: Write): void {
  write(`{"scenario":${JSON.stringify(run.scenario)},"trajectory":[`);
  let parts: string[] = [];
  const flush = (): void => {
    write(parts.join(''));
    parts = [];
  };
  for (let t = 0; t < run.loss.length; t++) {
    parts.push(`${t ? ',' : ''}[${run.trajectory[2 * t]},${run.trajectory[2 * t + 1]}]`);
    if (parts.length === CHUNK) flush();
  }
  flush();
  write('],"loss":[');
  for (let t = 0; t < run.loss.length; t++) {
    parts.push(`${t ? ',' : ''}${run.loss[t]}`);
    if (parts.length === CHUNK) flush();
  }
  flush();
  write(`],"metrics":${JSON.stringify(run.metrics)}}\n`);
}

/** The whole export as one string (for runs the playground holds, at most 50,000 steps). */
export function runToString(run: ExportableRun, format: 'csv' | 'json'): string {
  const parts: string[] = [];
  (format === 'csv' ? writeRunCsv : writeRunJson)(run, (s) => parts.push(s));
  return parts.join('');
}
