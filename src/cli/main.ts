// zigzag: the engine from the command line.
//   zigzag run [FILE] [--set path=value]... [--json | --csv]
//   zigzag compare [FILE] --vary path=v1,v2,... [--set path=value]... [--json]
//   zigzag compare [FILE] --centring [--same-lr] [--set path=value]... [--json]
//   zigzag check FILE... [--reference PATH] [--json]   (check.ts: exit 1 there means a file fails)
// Exit codes: 0 ok, 2 bad input (one line on stderr naming the problem), 1 internal error.
// Input is bounded (a regular file or stdin of at most 1 MB); output waits for its reader (stdout's 'drain').
import { once } from 'node:events';
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import {
  ExpressionError,
  ScenarioError,
  batchSizeOf,
  compareCentring,
  exampleCount,
  resolveScenario,
  simulate,
  targetOf,
} from '../engine/index';
import type { Metrics, Scenario, ScenarioData } from '../engine/index';
import { dataOf, type LoadedData } from '../shared/dataFileSource';
import { cliDataSource } from './dataFileReader';
import { comparisonLabels, describeStepSizes } from '../shared/comparison';
import { check } from './check';
import { METRIC_CATALOG } from '../shared/metricCatalog';
import { runCsvChunks, runJsonChunks } from '../shared/runExport';
import { ScenarioEditError, parseSetValue, setPath, splitVariants } from '../shared/scenarioEdit';
import { SCENARIO_TEXT_LIMITS, checkScenarioSize, parseScenarioText, scenarioTooLarge } from '../shared/scenarioText';

const USAGE = `Zig-Zag Playground: gradient descent on all-positive inputs, from the command line.

Usage:
  zigzag run [FILE] [--set path=value]... [--json | --csv]
  zigzag compare [FILE] --vary path=v1,v2,... [--set path=value]... [--json]
  zigzag compare [FILE] --centring [--same-lr] [--set path=value]... [--json]
  zigzag check FILE... [--reference PATH] [--json]   (grade exercise files; zigzag check --help)

FILE is a scenario in the v1 JSON format (default: the classic north-west demo).
--set path=value   override one field; value is JSON or a bare string
                   (--set optimizer.lr=0.1  --set batchSize=full  --set 'start=[1,-1]')
--vary path=v1,... one run per value, metrics side by side
--centring         raw against centred inputs, as the playground's "Compare Positive and
                   Zero-Centred Inputs": the centred run's η scaled to the same η·λmax
--same-lr          with --centring: both runs at the same η instead
--json             one JSON object: {scenario, trajectory, loss, metrics}
--csv              step,w1,w2,loss
`;

/** Bad input from the user: exit 2 with this message. */
class UsageError extends Error {}

interface Options {
  command: 'run' | 'compare';
  file: string | null;
  sets: string[];
  vary: string | null;
  centring: boolean;
  sameLr: boolean;
  format: 'text' | 'json' | 'csv';
}

function parseArgs(argv: string[]): Options | 'help' {
  if (argv.length === 0) throw new UsageError('missing command (run, compare or check); see zigzag --help');
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'compare') {
    throw new UsageError(`unknown command '${command}' (commands: run, compare, check)`);
  }
  const o: Options = { command, file: null, sets: [], vary: null, centring: false, sameLr: false, format: 'text' };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (flag: string): string => {
      const [name, inline] = splitFlag(a);
      if (inline !== null) return inline;
      if (i + 1 >= rest.length) throw new UsageError(`${flag} needs a value (${name} path=value)`);
      return rest[++i];
    };
    if (a === '--json' || a === '--csv') {
      const format = a === '--json' ? 'json' : 'csv';
      if (o.format !== 'text' && o.format !== format) throw new UsageError('--json and --csv cannot be used together');
      o.format = format;
    } else if (a === '--set' || a.startsWith('--set=')) {
      o.sets.push(value('--set'));
    } else if (a === '--vary' || a.startsWith('--vary=')) {
      if (command !== 'compare') throw new UsageError('--vary is only for zigzag compare');
      if (o.vary !== null) throw new UsageError('--vary can be given once');
      o.vary = value('--vary');
    } else if (a === '--centring' || a === '--same-lr') {
      if (command !== 'compare') throw new UsageError(`${a} is only for zigzag compare`);
      if (a === '--centring') o.centring = true;
      else o.sameLr = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else if (o.file === null) {
      o.file = a;
    } else {
      throw new UsageError(`unexpected argument '${a}' (only one scenario file)`);
    }
  }
  if (command === 'compare' && o.vary !== null && o.centring) throw new UsageError('compare takes --vary or --centring, not both');
  if (command === 'compare' && o.vary === null && !o.centring) throw new UsageError('compare needs --vary path=v1,v2,... or --centring');
  if (o.sameLr && !o.centring) throw new UsageError('--same-lr goes with --centring');
  if (command === 'compare' && o.format === 'csv') throw new UsageError('compare prints a table or --json, not --csv');
  return o;
}

function splitFlag(a: string): [string, string | null] {
  const eq = a.indexOf('=');
  return eq < 0 ? [a, null] : [a.slice(0, eq), a.slice(eq + 1)];
}

function splitAssignment(text: string, flag: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`${flag} expects path=value, got '${text}'`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** The scenario's source as messages name it. */
const sourceName = (file: string): string => (file === '-' ? 'stdin' : file);

/** How a path that is not a regular file is said in the message. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'is a directory';
  const kind = stat.isFIFO()
    ? 'a named pipe (FIFO)'
    : stat.isCharacterDevice()
      ? 'a character device'
      : stat.isBlockDevice()
        ? 'a block device'
        : stat.isSocket()
          ? 'a socket'
          : 'something else';
  return `is ${kind}, not a regular file`;
}

const MAX_BYTES = SCENARIO_TEXT_LIMITS.maxBytes;

/** Up to MAX_BYTES + 1 bytes from a source (one past the limit says it is over it). */
async function readAtMost(read: (into: Uint8Array) => Promise<number>, name: string): Promise<Uint8Array> {
  const buffer = new Uint8Array(MAX_BYTES + 1);
  let length = 0;
  for (;;) {
    const n = await read(buffer.subarray(length));
    if (n === 0) return buffer.subarray(0, length);
    length += n;
    if (length > MAX_BYTES) throw scenarioTooLarge(name, `over ${MAX_BYTES.toLocaleString('en-US')} bytes`);
  }
}

/** A regular file of at most MAX_BYTES; a directory, a device, a FIFO or a bigger file is refused unread. */
async function readRegularFile(file: string): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    // Non-blocking, so opening a FIFO does not wait for a writer; for a regular file it changes nothing.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UsageError(`cannot read ${file}: ${kindOf(stat)}`);
    checkScenarioSize(file, stat.size);
    return await readAtMost(async (into) => (await handle.read(into, 0, into.length, null)).bytesRead, file);
  } finally {
    await handle.close();
  }
}

/** Stdin (`-`), up to MAX_BYTES. */
async function readStdin(): Promise<Uint8Array> {
  const chunks = process.stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer | undefined;
  try {
    return await readAtMost(async (into) => {
      if (!pending?.length) {
        const next = await chunks.next();
        if (next.done) return 0;
        pending = next.value;
      }
      const n = Math.min(into.length, pending.length);
      into.set(pending.subarray(0, n));
      pending = pending.subarray(n);
      return n;
    }, sourceName('-'));
  } finally {
    process.stdin.destroy();
  }
}

async function readScenarioFile(file: string | null): Promise<Record<string, unknown>> {
  if (file === null) return {};
  const bytes = file === '-' ? await readStdin() : await readRegularFile(file);
  return parseScenarioText(new TextDecoder().decode(bytes), sourceName(file));
}

function applySets(base: Record<string, unknown>, sets: readonly string[]): Record<string, unknown> {
  let o = base;
  for (const s of sets) {
    const [path, raw] = splitAssignment(s, '--set');
    o = setPath(o, path, parseSetValue(raw));
  }
  return o;
}

function resolve(input: Record<string, unknown>, file: string | null, loaded: LoadedData): Scenario {
  try {
    return resolveScenario(input, dataOf(input, loaded));
  } catch (e) {
    if (e instanceof ScenarioError && file !== null) throw new UsageError(`${sourceName(file)}: ${e.message}`);
    throw e;
  }
}

/** The data file the scenario names (inputs.file), read beside the scenario file; errors name the scenario file too. */
async function readData(input: Record<string, unknown>, file: string | null): Promise<LoadedData> {
  try {
    return await cliDataSource(file).load(input);
  } catch (e) {
    if (e instanceof ScenarioError && file !== null) throw new UsageError(`${sourceName(file)}: ${e.message}`);
    throw e;
  }
}

/** An exercise file's data file, read as `zigzag run` reads it (check names the file in its errors). */
async function readExerciseData(json: Record<string, unknown>, file: string): Promise<ScenarioData> {
  return dataOf(json, await cliDataSource(file).load(json));
}

const fmt = (v: number | null, digits = 4): string => {
  if (v === null) return '—';
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : v.toFixed(digits).replace(/\.?0+$/, '');
};

export function describeScenario(s: Scenario): string {
  const parts: string[] = [];
  if (s.model === 'function') {
    const f = s.function!;
    parts.push('preset' in f ? `function ${f.preset}` : `function ${f.expression}`);
  } else {
    const i = s.inputs;
    const dist =
      i.distribution === 'points' ? 'given points' : i.distribution === 'file' ? `inputs from ${i.file}` : `${i.distribution} inputs`;
    parts.push(`neuron · ${dist}${i.center ? ' (centred)' : ''} · N=${exampleCount(i)} · ${s.loss}`);
    parts.push(`batch ${batchSizeOf(s)} ${s.order}`);
  }
  parts.push(`${s.optimizer.name} lr=${s.optimizer.lr}`);
  parts.push(`${s.steps} steps`);
  const w = targetOf(s);
  const t = s.target;
  const target =
    w === null
      ? 'no target'
      : t && 'quadrant' in t
        ? `target ${t.quadrant} ${t.distance} = (${fmt(w[0])}, ${fmt(w[1])})`
        : `target (${fmt(w[0])}, ${fmt(w[1])})`;
  parts.push(`start (${fmt(s.start[0])}, ${fmt(s.start[1])}) → ${target}`);
  parts.push(`seed ${s.seed}`);
  return parts.join(' · ');
}

// Every metric, by its key (what --json and scripts use), with the catalog's meaning. Values are printed
// plainly (0.8734, not 87.3%) so they can be pasted and compared; '—' where a metric has no value.
const METRIC_NAMES = METRIC_CATALOG.map((m) => m.key);

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - s.length));
}

/** Where a report of a few lines is put together. */
type Write = (s: string) => void;
/** The output stream: resolves when the chunk may be followed by the next (its reader caught up). */
type Output = (chunk: string) => Promise<void>;

function printSummary(write: Write, s: Scenario, metrics: Metrics, ms: number): void {
  write(`${describeScenario(s)}\n\n`);
  for (const m of METRIC_CATALOG) write(`  ${pad(m.key, 16)} ${pad(fmt(metrics[m.key]), 10)} ${m.meaning}\n`);
  write(`\n  (${ms.toFixed(0)} ms)\n`);
}

interface Row {
  readonly variant: string;
  readonly scenario: Scenario;
  readonly metrics: Metrics;
}

function compare(write: Write, base: Record<string, unknown>, o: Options, loaded: LoadedData): void {
  if (o.centring) return compareCentringRuns(write, resolve(base, o.file, loaded), o);
  const [path, list] = splitAssignment(o.vary!, '--vary');
  const values = splitVariants(list);
  if (values.length === 0) throw new UsageError(`--vary ${path} needs at least one value`);
  const rows: Row[] = values.map((raw) => {
    const s = resolve(setPath(base, path, parseSetValue(raw)), o.file, loaded);
    return { variant: `${path}=${raw}`, scenario: s, metrics: simulate(s).metrics };
  });
  if (o.format === 'json') {
    write(`${JSON.stringify(rows.map(({ variant, scenario, metrics }) => ({ variant, scenario, metrics })))}\n`);
    return;
  }
  write(`${describeScenario(rows[0].scenario)}\n\n`);
  printTable(write, rows, []);
}

/** The playground's "Compare Positive and Zero-Centred Inputs": the same two scenarios, the same sentence. */
function compareCentringRuns(write: Write, s: Scenario, o: Options): void {
  const { raw, centred, ...stepSize } = compareCentring(s, o.sameLr ? 'same' : 'matched');
  const labels = comparisonLabels(raw.inputs);
  const rows: Row[] = [raw, centred].map((scenario, i) => ({ variant: labels[i], scenario, metrics: simulate(scenario).metrics }));
  const why = describeStepSizes(stepSize, [raw.optimizer.lr, centred.optimizer.lr], raw.optimizer.name);
  if (o.format === 'json') {
    write(`${JSON.stringify({ stepSize, why, runs: rows.map(({ variant, scenario, metrics }) => ({ variant, scenario, metrics })) })}\n`);
    return;
  }
  write(`${describeScenario(s)}\n\n`);
  printTable(write, rows, [
    ['lr', (r) => fmt(r.scenario.optimizer.lr)],
    ['lambdaMax', (r) => fmt(stepSize.lambdaMax[rows.indexOf(r)])],
  ]);
  write(`\n  ${why}\n`);
}

/** One row per run: its variant, any extra columns, then every metric. */
function printTable(write: Write, rows: readonly Row[], extra: readonly (readonly [string, (r: Row) => string])[]): void {
  const cells = [
    ['variant', ...extra.map(([name]) => name), ...METRIC_NAMES],
    ...rows.map((r) => [r.variant, ...extra.map(([, cell]) => cell(r)), ...METRIC_NAMES.map((m) => fmt(r.metrics[m]))]),
  ];
  const widths = cells[0].map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  for (const row of cells) write(`  ${row.map((cell, c) => pad(cell, widths[c])).join('  ')}\n`);
}

export async function main(argv: string[], output: Output, writeError: Write): Promise<number> {
  try {
    const report: string[] = [];
    const write: Write = (s) => report.push(s);
    if (argv[0] === 'check') {
      const code = await check(argv.slice(1), { read: readScenarioFile, readData: readExerciseData, write, writeError });
      await output(report.join(''));
      return code;
    }
    const o = parseArgs(argv);
    if (o === 'help') {
      await output(USAGE);
      return 0;
    }
    const base = applySets(await readScenarioFile(o.file), o.sets);
    const loaded = await readData(base, o.file);
    if (o.command === 'compare') {
      resolve(base, o.file, loaded); // report a bad base scenario as itself, not as a variant
      compare(write, base, o, loaded);
      await output(report.join(''));
      return 0;
    }
    const s = resolve(base, o.file, loaded);
    const started = performance.now();
    const run = simulate(s);
    const ms = performance.now() - started;
    if (o.format === 'text') {
      printSummary(write, s, run.metrics, ms);
      await output(report.join(''));
      return 0;
    }
    // Piece by piece, each after the reader took the last: ten million steps never wait in memory.
    for (const chunk of (o.format === 'json' ? runJsonChunks : runCsvChunks)(run)) await output(chunk);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof ExpressionError || e instanceof ScenarioEditError) {
      writeError(`zigzag: ${e.message}\n`);
      return 2;
    }
    writeError(`zigzag: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.ZIGZAG_DEBUG && e instanceof Error) writeError(`${e.stack}\n`);
    return 1;
  }
}

/** A stream as an Output: a chunk its buffer cannot take yet is followed only after 'drain'. */
export function streamOutput(stream: Writable): Output {
  return async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
}

if (require.main === module) {
  // Reading through `head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  void main(process.argv.slice(2), streamOutput(process.stdout), (s) => process.stderr.write(s)).then((code) => {
    process.exitCode = code;
  });
}
