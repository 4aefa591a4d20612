// zigzag check FILE... [--reference PATH] [--json]: grades exercise files as docs/exercises.md says.
// Exit 0 when every file passes, 1 when one fails a rule, 2 on bad input: one line on stderr naming the
// problem, nothing on stdout. Every file and reference is read and validated before any is graded.
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ScenarioError, scenarioToJson, type ScenarioData } from '../engine/scenario';
import { goalOperator, goalValue, type Exercise, type Prediction } from '../shared/exercise';
import { checkExercise, dataChanged, type ExerciseResult } from '../shared/exerciseCheck';
import { resolveExerciseFile, type ExerciseFile } from '../shared/exerciseFile';

const CHECK_USAGE = `Usage: zigzag check FILE... [--reference PATH] [--json]

Checks exercise files: the fields the exercise fixes as in the reference, every goal met by the run,
every prediction answered within its tolerance.
--reference PATH   the file as the course published it, or a folder of such files with the same names;
                   without it each file is its own reference and fixed fields are not compared
--json             one JSON object: {passed, files: [{file, title, passed, changedFixedFields, goals,
                   predictions, reference}]}
Exit 0: every file passes; 1: some file fails; 2: bad input.
`;

export interface CheckIo {
  /** A scenario file's JSON; its errors name the file (the CLI's reader, with its bounds). */
  readonly read: (file: string) => Promise<Record<string, unknown>>;
  /** The data file a scenario names (inputs.file), read beside `file` as `zigzag run` reads it; throws ScenarioError. */
  readonly readData: (json: Record<string, unknown>, file: string) => Promise<ScenarioData>;
  readonly write: (s: string) => void;
  readonly writeError: (s: string) => void;
}

/** Bad input found here: exit 2 with this message. */
class CheckInputError extends Error {}

interface CheckOptions {
  readonly files: readonly string[];
  readonly reference: string | null;
  readonly json: boolean;
}

function parseCheckArgs(argv: readonly string[]): CheckOptions {
  const files: string[] = [];
  let reference: string | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--reference' || a.startsWith('--reference=')) {
      if (reference !== null) throw new CheckInputError('--reference can be given once');
      const inline = a.startsWith('--reference=') ? a.slice('--reference='.length) : null;
      if (inline === null && i + 1 >= argv.length) throw new CheckInputError('--reference needs a value (--reference PATH)');
      reference = inline ?? argv[++i];
      if (reference === '') throw new CheckInputError('--reference needs a value (--reference PATH)');
    } else if (a === '-') throw new CheckInputError('check reads exercise files, not standard input');
    else if (a.startsWith('-')) throw new CheckInputError(`unknown option '${a}' for check (options: --reference, --json)`);
    else files.push(a);
  }
  if (files.length === 0) throw new CheckInputError('check needs at least one exercise file (zigzag check FILE... [--reference PATH])');
  return { files, reference, json };
}

/** The reference of each file: none, the one file given, or the same name in the folder given. */
function referencePaths(o: CheckOptions): (string | null)[] {
  const ref = o.reference;
  if (ref === null) return o.files.map(() => null);
  let folder: boolean;
  try {
    folder = statSync(ref).isDirectory();
  } catch {
    throw new CheckInputError(`--reference ${ref}: no such file or folder`);
  }
  if (!folder) {
    if (o.files.length > 1) {
      throw new CheckInputError(`--reference ${ref} is one file but ${o.files.length} files are checked; give a folder of references`);
    }
    return [ref];
  }
  return o.files.map((f) => {
    const path = join(ref, basename(f));
    if (!existsSync(path)) throw new CheckInputError(`no reference for ${f}: ${path} does not exist`);
    return path;
  });
}

async function load(file: string, io: CheckIo): Promise<ExerciseFile> {
  const json = await io.read(file);
  try {
    return resolveExerciseFile(json, await io.readData(json, file));
  } catch (e) {
    if (e instanceof ScenarioError) throw new CheckInputError(`${file}: ${e.message}`);
    throw e;
  }
}

interface Graded {
  readonly file: string;
  readonly reference: string | null;
  readonly exercise: Exercise;
  readonly result: ExerciseResult;
  /** The two runs' scenarios as JSON, to show a changed fixed field's values. */
  readonly values: { readonly file: unknown; readonly reference: unknown };
  /** Both read a data file, and its contents differ from the reference's. */
  readonly dataDiffers: boolean;
}

async function grade(o: CheckOptions, io: CheckIo): Promise<Graded[]> {
  const refs = referencePaths(o);
  const loaded: { file: string; refPath: string | null; own: ExerciseFile; reference: ExerciseFile | null }[] = [];
  for (const [i, file] of o.files.entries()) {
    const own = await load(file, io);
    const refPath = refs[i];
    const reference = refPath === null ? null : await load(refPath, io);
    if (reference !== null && reference.exercise === null) throw new CheckInputError(`${refPath}: the reference has no exercise`);
    if (reference === null && own.exercise === null) {
      throw new CheckInputError(`${file}: no exercise to check (the file has no "exercise" object)`);
    }
    loaded.push({ file, refPath, own, reference });
  }
  return loaded.map(({ file, refPath, own, reference }) => ({
    file,
    reference: refPath,
    exercise: (reference ?? own).exercise!,
    result: checkExercise(own, reference),
    values: { file: scenarioToJson(own.scenario), reference: reference && scenarioToJson(reference.scenario) },
    dataDiffers: reference !== null && dataChanged(own, reference),
  }));
}

/** A number as it can be compared and pasted: integers whole, others to 8 significant digits. */
const num = (v: number | null): string => (v === null ? 'none' : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8))));

function valueAt(json: unknown, path: string): string {
  let v = json;
  for (const key of path.split('.')) {
    v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
  }
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const SYMBOLS = { atMost: '≤', atLeast: '≥', is: '=' } as const;

function tolerance(p: Prediction): string {
  return 'within' in p ? `within ${num(p.within * 100)}% of it` : `within ±${num(p.plusMinus)}`;
}

function failures(g: Graded): string[] {
  const lines: string[] = [];
  for (const path of g.result.changedFixedFields) {
    const here = valueAt(g.values.file, path);
    const there = valueAt(g.values.reference, path);
    lines.push(
      path === 'exercise' || path.startsWith('exercise.')
        ? `${path} changed: the exercise must stay as published`
        : path === 'inputs.file' && here === there && g.dataDiffers
          ? `fixed field inputs.file changed: the data in ${here} differs from the reference's`
          : `fixed field ${path} changed: ${here} here, ${there} in the reference`,
    );
  }
  for (const { goal, actual, passed } of g.result.goals) {
    if (!passed)
      lines.push(`goal ${goal.metric} ${SYMBOLS[goalOperator(goal)]} ${num(goalValue(goal))} not met: the run has ${num(actual)}`);
  }
  for (const { prediction: p, answer, actual, passed } of g.result.predictions) {
    if (passed) continue;
    const what = `prediction "${p.id}" (${p.metric})`;
    if (answer === null) lines.push(`${what} has no answer (answers.${p.id}); the run has ${num(actual)}`);
    else if (actual === null) lines.push(`${what}: answered ${num(answer)}, but the run has no ${p.metric}`);
    else lines.push(`${what}: answered ${num(answer)}, the run has ${num(actual)}; the answer must be ${tolerance(p)}`);
  }
  return lines;
}

function writeText(graded: readonly Graded[], o: CheckOptions, io: CheckIo): void {
  for (const g of graded) {
    io.write(`${g.result.passed ? 'PASS' : 'FAIL'}  ${g.file}  ${g.exercise.title}\n`);
    for (const line of failures(g)) io.write(`      ${line}\n`);
  }
  if (o.reference === null) io.write('(no --reference: each file is its own reference, so fixed fields were not compared)\n');
}

function writeJson(graded: readonly Graded[], io: CheckIo): void {
  const files = graded.map(({ file, reference, exercise, result }) => ({
    file,
    title: exercise.title,
    passed: result.passed,
    changedFixedFields: result.changedFixedFields,
    goals: result.goals.map(({ goal, actual, passed }) => ({ metric: goal.metric, [goalOperator(goal)]: goalValue(goal), actual, passed })),
    predictions: result.predictions.map(({ prediction, answer, actual, passed }) => ({ id: prediction.id, answer, actual, passed })),
    reference,
  }));
  io.write(`${JSON.stringify({ passed: graded.every((g) => g.result.passed), files })}\n`);
}

/** Runs `zigzag check` with the arguments after `check`; returns the exit code. */
export async function check(argv: readonly string[], io: CheckIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.write(CHECK_USAGE);
    return 0;
  }
  try {
    const o = parseCheckArgs(argv);
    const graded = await grade(o, io);
    if (o.json) writeJson(graded, io);
    else writeText(graded, o, io);
    return graded.every((g) => g.result.passed) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof CheckInputError)) throw e;
    io.writeError(`zigzag: ${e.message}\n`);
    return 2;
  }
}
