// `zigzag check` as a grader runs it (the built dist/cli.js): exit codes 0/1/2, the text and JSON output of
// docs/exercises.md, and wrong answers to the course kit's exercises, each failing with its own message.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveScenario, simulate, type Metrics } from '../../src/engine/index';
import { parseCsv } from '../../src/shared/dataFiles';

const root = resolve(__dirname, '../..');
const cli = join(root, 'dist/cli.js');
const kit = join(root, 'examples/course');
const published = join(kit, 'exercises');

let dir = '';

/** The run's metrics as the engine computes them: the oracle for every value the check prints. */
const metricsOf = (scenario: Record<string, unknown>): Metrics => simulate(resolveScenario(scenario)).metrics;

function zigzag(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: dir, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Json = Record<string, unknown>;
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

/** Writes `json` into a folder of its own under the test's directory, with the given file name. */
let written = 0;
function put(name: string, json: unknown): string {
  const folder = join(dir, `case-${++written}`);
  mkdirSync(folder);
  const path = join(folder, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  return path;
}

const EXERCISE = {
  title: 'Batch it',
  task: 'Change the batch size.',
  editable: ['batchSize'],
  goals: [
    { metric: 'reversals', atMost: 10 },
    { metric: 'divergedAt', is: null },
  ],
  predict: [{ id: 'locked', question: 'Share locked?', metric: 'lockedFraction', plusMinus: 0.05 }],
};

before(function () {
  this.timeout(60000);
  // (Built already after `npm test`'s build stage, ZIGZAG_BUILT=1: other stages read dist/ meanwhile.)
  if (process.env.ZIGZAG_BUILT !== '1') execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'cli'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'zigzag-check-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('zigzag check: passing and failing files', () => {
  it('exit 0 and one PASS line per file; without --reference the output says fixed fields were not compared', () => {
    const m = metricsOf({ version: 1, batchSize: 64 });
    assert.ok(m.reversals <= 10 && m.divergedAt === null, 'batch 64 meets the goals');
    const file = put('batch.zigzag.json', { version: 1, batchSize: 64, exercise: EXERCISE, answers: { locked: m.lockedFraction + 0.04 } });
    const r = zigzag([file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      `PASS  ${file}  Batch it\n(no --reference: each file is its own reference, so fixed fields were not compared)\n`,
    );
  });

  it('exit 1: a FAIL line, then one line per failed rule with the wanted and the actual value', () => {
    const reference = put('batch.zigzag.json', { version: 1, exercise: EXERCISE });
    const file = put('batch.zigzag.json', { version: 1, steps: 300, exercise: EXERCISE, answers: { locked: 0.5 } });
    const m = metricsOf({ version: 1, steps: 300 });
    assert.ok(m.reversals > 10 && m.lockedFraction === 1);
    const r = zigzag([file, '--reference', reference]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      [
        `FAIL  ${file}  Batch it`,
        '      fixed field steps changed: 300 here, 400 in the reference',
        `      goal reversals ≤ 10 not met: the run has ${m.reversals}`,
        '      prediction "locked" (lockedFraction): answered 0.5, the run has 1; the answer must be within ±0.05',
        '',
      ].join('\n'),
    );
  });

  it('--json: the contract’s object, every goal and prediction with its actual value, and the reference used', () => {
    const reference = put('batch.zigzag.json', { version: 1, exercise: EXERCISE });
    const file = put('batch.zigzag.json', { version: 1, batchSize: 64, optimizer: { lr: 0.4 }, exercise: EXERCISE });
    const r = zigzag([file, '--reference', reference, '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout.split('\n').length, 2, 'one line');
    const m = metricsOf({ version: 1, batchSize: 64, optimizer: { lr: 0.4 } });
    assert.deepEqual(JSON.parse(r.stdout), {
      passed: false,
      files: [
        {
          file,
          title: 'Batch it',
          passed: false,
          changedFixedFields: ['optimizer.lr'],
          goals: [
            { metric: 'reversals', atMost: 10, actual: m.reversals, passed: m.reversals <= 10 },
            { metric: 'divergedAt', is: null, actual: null, passed: true },
          ],
          predictions: [{ id: 'locked', answer: null, actual: m.lockedFraction, passed: false }],
          reference,
        },
      ],
    });
  });

  it('many files against a folder of references: each by its own name; exit 1 when any fails', () => {
    const folder = join(dir, 'published');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.zigzag.json'), JSON.stringify({ exercise: EXERCISE }));
    writeFileSync(join(folder, 'b.zigzag.json'), JSON.stringify({ exercise: { ...EXERCISE, title: 'B', predict: [] } }));
    const a = put('a.zigzag.json', { exercise: EXERCISE, batchSize: 64, answers: { locked: 0 } });
    const b = put('b.zigzag.json', { exercise: { ...EXERCISE, title: 'B', predict: [] }, batchSize: 2 });
    const r = zigzag([a, b, '--reference', folder]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], `PASS  ${a}  Batch it`);
    assert.equal(lines[1], `FAIL  ${b}  B`);
    assert.match(lines[2], /^ {6}goal reversals ≤ 10 not met: the run has \d+$/);
    assert.equal(lines.length, 3);
    const json = JSON.parse(zigzag([a, b, '--reference', folder, '--json']).stdout) as {
      passed: boolean;
      files: { passed: boolean; reference: string }[];
    };
    assert.equal(json.passed, false);
    assert.deepEqual(
      json.files.map((f) => [f.passed, f.reference]),
      [
        [true, join(folder, 'a.zigzag.json')],
        [false, join(folder, 'b.zigzag.json')],
      ],
    );
    assert.equal(zigzag([a, '--reference', folder]).code, 0);
  });
});

describe('zigzag check: bad input exits 2 with one line naming the problem', () => {
  const good = (): string => put('good.zigzag.json', { exercise: EXERCISE });
  const cases: [string, () => string[], string | RegExp][] = [
    ['no file', () => [], 'check needs at least one exercise file (zigzag check FILE... [--reference PATH])'],
    ['unknown option', () => [good(), '--strict'], "unknown option '--strict' for check (options: --reference, --json)"],
    ['standard input', () => ['-'], 'check reads exercise files, not standard input'],
    ['--reference twice', () => [good(), '--reference', 'a', '--reference', 'b'], '--reference can be given once'],
    ['--reference without a value', () => [good(), '--reference'], '--reference needs a value (--reference PATH)'],
    ['--reference= empty', () => [good(), '--reference='], '--reference needs a value (--reference PATH)'],
    ['missing file', () => ['nope.zigzag.json'], 'cannot read nope.zigzag.json: no such file'],
    ['invalid JSON', () => [put('x.zigzag.json', '{"exercise": ')], /^zigzag: .*x\.zigzag\.json: invalid JSON: .+\n$/],
    [
      'invalid scenario',
      () => [put('x.zigzag.json', { steps: 0, exercise: EXERCISE })],
      /^zigzag: .*x\.zigzag\.json: steps must be an integer from 1 to 10000000, got 0\n$/,
    ],
    [
      'invalid exercise',
      () => [put('x.zigzag.json', { exercise: { ...EXERCISE, goals: [{ metric: 'reversals', under: 3 }] } })],
      /^zigzag: .*x\.zigzag\.json: unknown field exercise\.goals\[0\]\.under \(allowed: metric, atMost, atLeast, is\)\n$/,
    ],
    [
      'an answer to no prediction',
      () => [put('x.zigzag.json', { exercise: EXERCISE, answers: { lock: 1 } })],
      /^zigzag: .*x\.zigzag\.json: answers\.lock answers no prediction \(predictions: locked\)\n$/,
    ],
    [
      'no exercise, no reference',
      () => [put('x.zigzag.json', { steps: 5 })],
      /^zigzag: .*x\.zigzag\.json: no exercise to check \(the file has no "exercise" object\)\n$/,
    ],
    ['reference missing', () => [good(), '--reference', 'nowhere.zigzag.json'], '--reference nowhere.zigzag.json: no such file or folder'],
    [
      'reference folder without the file',
      () => {
        const empty = join(dir, `empty-${++written}`);
        mkdirSync(empty);
        const file = good();
        return [file, '--reference', empty];
      },
      /^zigzag: no reference for .*good\.zigzag\.json: .*empty-\d+\/good\.zigzag\.json does not exist\n$/,
    ],
    [
      'one reference file for two files',
      () => [good(), good(), '--reference', good()],
      /^zigzag: --reference .*good\.zigzag\.json is one file but 2 files are checked; give a folder of references\n$/,
    ],
    [
      'reference without an exercise',
      () => [good(), '--reference', put('r.zigzag.json', { steps: 5 })],
      /^zigzag: .*r\.zigzag\.json: the reference has no exercise\n$/,
    ],
    [
      'invalid reference',
      () => [good(), '--reference', put('r.zigzag.json', { exercise: { title: 'x' } })],
      /^zigzag: .*r\.zigzag\.json: exercise\.task is required\n$/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const r = zigzag(args());
      assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', 'nothing graded');
      assert.equal(r.stderr.split('\n').length, 2, `one line: ${JSON.stringify(r.stderr)}`);
      if (typeof message === 'string') assert.equal(r.stderr, `zigzag: ${message}\n`);
      else assert.match(r.stderr, message);
    });
  }

  it('one bad file among good ones: exit 2, and nothing is graded', () => {
    const r = zigzag([good(), put('x.zigzag.json', '[]'), good()]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /x\.zigzag\.json: a scenario must be a JSON object, got an array\n$/);
  });

  it('--help prints the usage of check and exits 0', () => {
    const r = zigzag(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: zigzag check FILE\.\.\. \[--reference PATH\] \[--json\]/);
  });
});

describe('zigzag check: an exercise whose scenario reads a data file', () => {
  const CSV = 'a,b\n0.9,0.2\n0.1,0.8\n0.6,0.4\n0.3,0.7\n0.8,0.9\n';
  const OTHER = 'a,b\n0.9,0.2\n0.1,0.8\n0.6,0.4\n0.3,0.7\n0.8,0.1\n';
  const TASK = { ...EXERCISE, editable: ['optimizer.lr'], goals: [{ metric: 'divergedAt', is: null }], predict: [] };
  const scenario = { inputs: { distribution: 'file', file: 'data/x.csv' }, batchSize: 'full', steps: 60 };

  /** An exercise file in a folder of its own, with `csv` as data/x.csv beside it (none: no data file). */
  function withData(json: Json, csv: string | null): string {
    const file = put('iris.zigzag.json', json);
    const folder = join(file, '..');
    if (csv !== null) {
      mkdirSync(join(folder, 'data'));
      writeFileSync(join(folder, 'data/x.csv'), csv);
    }
    return file;
  }

  it('is run on the data beside it, read as zigzag run reads it: the actual values are those of that data', () => {
    const metrics = simulate(resolveScenario(scenario, { inputFile: parseCsv('data/x.csv', CSV) })).metrics;
    const own = { ...TASK, predict: [{ id: 'kappa', question: 'κ of this data?', metric: 'conditionNumber', plusMinus: 0.001 }] };
    const file = withData({ ...scenario, exercise: own, answers: { kappa: metrics.conditionNumber } }, CSV);
    const r = zigzag([file, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const json = JSON.parse(r.stdout) as { files: { predictions: { actual: number }[] }[] };
    assert.equal(json.files[0].predictions[0].actual, metrics.conditionNumber);
    const other = simulate(resolveScenario(scenario, { inputFile: parseCsv('data/x.csv', OTHER) })).metrics;
    assert.ok(Math.abs(other.conditionNumber! - metrics.conditionNumber!) > 1, 'the data decides the answer');
  });

  it('a missing data file: exit 2, one line naming the exercise file and the data file', () => {
    const file = withData({ ...scenario, exercise: TASK }, null);
    const r = zigzag([file]);
    assert.equal(r.code, 2, r.stdout);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `zigzag: ${file}: ${r.stderr.slice(`zigzag: ${file}: `.length)}`);
    assert.match(r.stderr, /data\/x\.csv.*no such file\n$/);
    assert.equal(r.stderr.split('\n').length, 2);
  });

  it('against a reference: other contents under the same inputs.file fail as a fixed field, unless inputs.file is editable', () => {
    const reference = withData({ ...scenario, exercise: TASK }, CSV);
    const same = withData({ ...scenario, exercise: TASK, optimizer: { lr: 0.05 } }, CSV);
    assert.equal(zigzag([same, '--reference', reference]).code, 0, 'the same data and an editable η pass');
    const changed = withData({ ...scenario, exercise: TASK }, OTHER);
    const r = zigzag([changed, '--reference', reference]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      `FAIL  ${changed}  Batch it\n      fixed field inputs.file changed: the data in "data/x.csv" differs from the reference's\n`,
    );
    const open = { ...TASK, editable: ['inputs.file'] };
    const openReference = withData({ ...scenario, exercise: open }, CSV);
    const openFile = withData({ ...scenario, exercise: open }, OTHER);
    assert.equal(zigzag([openFile, '--reference', openReference]).code, 0, 'the student may bring their own data');
  });
});

describe('zigzag check: wrong answers to the course kit’s exercises fail with the right message', () => {
  const exercises = readdirSync(published).filter((f) => f.endsWith('.zigzag.json'));
  const named = (prefix: string): string => {
    const name = exercises.find((f) => f.startsWith(prefix));
    assert.ok(name, `an exercise ${prefix}*`);
    return name;
  };
  const exercise = (json: Json) => json.exercise as Json;
  /** A value as the check prints it: integers whole, others to 8 significant digits, null as "none". */
  const shown = (v: number | null): string => (v === null ? 'none' : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8))));

  interface WrongAnswer {
    readonly name: string;
    /** The exercise, by the start of its file name. */
    readonly exercise: string;
    /** Applied to the kit's solution of it. */
    readonly change: (json: Json) => void;
    /** What makes the case the one its name says, of the changed file's run. */
    readonly given?: (m: Metrics) => boolean;
    /** The lines after FAIL, from the changed file's run as the engine computes it. */
    readonly lines: (m: Metrics) => string[];
  }
  const cases: WrongAnswer[] = [
    {
      name: 'a fixed field changed, even though the goals are met (a larger learning rate)',
      exercise: '02',
      change: (j) => ((j.optimizer as Json).lr = 12),
      given: (m) => m.stepsToTarget !== null && m.stepsToTarget <= 15 && m.divergedAt === null,
      lines: () => ['fixed field optimizer.lr changed: 12 here, 10 in the reference'],
    },
    {
      name: 'a fixed field written out differently (batch "full" instead of 1), even though the goals are met',
      exercise: '04',
      change: (j) => (j.batchSize = 'full'),
      given: (m) => m.stepsToTarget !== null && m.stepsToTarget <= 60 && m.reversals <= 10,
      lines: () => ['fixed field batchSize changed: "full" here, 1 in the reference'],
    },
    {
      name: 'a goal missed by one (momentum 0.8 instead of 0.9)',
      exercise: '04',
      change: (j) => ((j.optimizer as Json).momentum = 0.8),
      given: (m) => m.stepsToTarget === 61 && m.reversals <= 10,
      lines: () => ['goal stepsToTarget ≤ 60 not met: the run has 61'],
    },
    {
      name: 'a goal with `is: null` missed: the run still diverges',
      exercise: '02',
      change: (j) => ((j.inputs as Json).center = false),
      given: (m) => m.divergedAt !== null,
      lines: (m) => ['goal stepsToTarget ≤ 15 not met: the run has none', `goal divergedAt = none not met: the run has ${m.divergedAt}`],
    },
    {
      name: 'an atMost and an atLeast goal missed (batch 8)',
      exercise: '03',
      change: (j) => (j.batchSize = 8),
      given: (m) => m.reversals > 10 && m.pathEfficiency < 0.75,
      lines: (m) => [
        `goal reversals ≤ 10 not met: the run has ${m.reversals}`,
        `goal pathEfficiency ≥ 0.75 not met: the run has ${shown(m.pathEfficiency)}`,
      ],
    },
    {
      name: 'a prediction just outside its absolute tolerance',
      exercise: '01',
      change: (j) => ((j.answers as Json).locked = 0.94),
      given: (m) => m.lockedFraction === 1,
      lines: () => ['prediction "locked" (lockedFraction): answered 0.94, the run has 1; the answer must be within ±0.05'],
    },
    {
      name: 'a prediction just outside its relative tolerance (20.1% off, 20% allowed)',
      exercise: '05',
      change: (j) => ((j.answers as Json).steps = 161),
      given: (m) => m.stepsToTarget === 134,
      lines: () => ['prediction "steps" (stepsToTarget): answered 161, the run has 134; the answer must be within 20% of it'],
    },
    {
      name: 'a missing answer, reported with the true value',
      exercise: '05',
      change: (j) => delete (j.answers as Json).roundness,
      lines: (m) => [`prediction "roundness" (conditionNumber) has no answer (answers.roundness); the run has ${shown(m.conditionNumber)}`],
    },
    {
      name: 'an edited exercise: a goal loosened, and the published goal still applies',
      exercise: '03',
      change: (j) => {
        exercise(j).goals = [{ metric: 'reversals', atMost: 100 }];
        j.batchSize = 4;
      },
      given: (m) => m.reversals > 10 && m.reversals <= 100 && m.pathEfficiency < 0.75,
      lines: (m) => [
        'exercise.goals changed: the exercise must stay as published',
        `goal reversals ≤ 10 not met: the run has ${m.reversals}`,
        `goal pathEfficiency ≥ 0.75 not met: the run has ${shown(m.pathEfficiency)}`,
      ],
    },
    {
      name: 'an edited exercise: a field made editable, then changed',
      exercise: '02',
      change: (j) => {
        exercise(j).editable = ['inputs', 'optimizer.lr'];
        (j.optimizer as Json).lr = 9;
      },
      given: (m) => m.stepsToTarget !== null && m.stepsToTarget <= 15,
      lines: () => [
        'exercise.editable changed: the exercise must stay as published',
        'fixed field optimizer.lr changed: 9 here, 10 in the reference',
      ],
    },
    {
      name: 'the exercise removed',
      exercise: '04',
      change: (j) => delete j.exercise,
      lines: () => ['exercise changed: the exercise must stay as published'],
    },
    {
      name: 'a fixed field changed so that a prediction comes true (full batch: nothing locked)',
      exercise: '01',
      change: (j) => {
        j.batchSize = 'full';
        (j.answers as Json).locked = 0;
        (j.answers as Json).straightness = 1;
      },
      given: (m) => m.lockedFraction === 0 && m.pathEfficiency > 0.9,
      lines: () => ['fixed field batchSize changed: "full" here, 1 in the reference'],
    },
  ];

  // One run of the CLI grades every case, as a class's files would be graded.
  let output = { code: null as number | null, stdout: '', stderr: '' };
  const paths: string[] = [];
  before(function () {
    this.timeout(60000);
    for (const c of cases) {
      const json = readJson(join(kit, 'solutions', named(c.exercise)));
      c.change(json);
      paths.push(put(named(c.exercise), json));
    }
    output = zigzag([...paths, '--reference', published]);
  });

  cases.forEach((c, i) => {
    it(c.name, () => {
      assert.equal(output.code, 1, output.stderr);
      const json = readJson(paths[i]);
      const { exercise: _, answers: __, ...scenario } = json;
      const m = metricsOf(scenario);
      if (c.given) assert.ok(c.given(m), `the case as named: ${JSON.stringify(m)}`);
      const title = (readJson(join(published, named(c.exercise))).exercise as { title: string }).title;
      const block = [`FAIL  ${paths[i]}  ${title}`, ...c.lines(m).map((l) => `      ${l}`)];
      const all = output.stdout.split('\n');
      const at = all.indexOf(block[0]);
      assert.ok(at >= 0, `${block[0]} in\n${output.stdout}`);
      const next = all.findIndex((l, k) => k > at && !l.startsWith('      '));
      assert.deepEqual(all.slice(at, next), block);
    });
  });

  it('the unchanged solutions pass, all at once', () => {
    assert.deepEqual(readdirSync(join(kit, 'solutions')), exercises, 'one solution per exercise');
    const r = zigzag([...exercises.map((f) => join(kit, 'solutions', f)), '--reference', published]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('PASS  ')).length, exercises.length);
  });
});
