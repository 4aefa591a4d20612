// The built CLI (dist/cli.js) as a user runs it: exit codes, stdout and the one-line errors.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCli } from './builtCli';

let cli = '';

function zigzag(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', input, timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, exactly one line on stderr: `zigzag: <message>`. */
function badInput(args: string[], message: string | RegExp): void {
  const r = zigzag(args);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, `one line: ${JSON.stringify(r.stderr)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  if (typeof message === 'string') assert.equal(r.stderr, `zigzag: ${message}\n`);
  else assert.match(r.stderr, message);
}

let dir = '';

before(function () {
  this.timeout(60000);
  cli = builtCli();
  dir = mkdtempSync(join(tmpdir(), 'zigzag-cli-'));
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ steps: 50, inputs: { distribution: 'tanh' } }));
  writeFileSync(join(dir, 'broken.json'), '{"steps": 10,}');
  writeFileSync(join(dir, 'array.json'), '[1, 2]');
  writeFileSync(join(dir, 'lr.json'), JSON.stringify({ optimizer: { lr: -1 } }));
  writeFileSync(join(dir, 'typo.json'), JSON.stringify({ optimiser: { lr: 1 } }));
  writeFileSync(join(dir, 'expr.json'), JSON.stringify({ model: 'function', function: { expression: 'w1^2 + (w2' } }));
  mkdirSync(join(dir, 'folder.json'));
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  writeFileSync(join(dir, 'big.json'), `{${' '.repeat(999_999)}}`);
  writeFileSync(join(dir, 'twice.json'), '{\n  "start": [1, 2],\n  "steps": 100,\n  "start": [3, 4]\n}\n');
  writeFileSync(join(dir, 'inf.json'), '{"start":[1e309,0]}');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('zigzag run', () => {
  it('prints a summary of the default scenario: scenario line and metrics, not the trajectory', () => {
    const r = zigzag(['run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^neuron · sigmoid inputs · N=256 · mse · batch 1 cyclic · sgd lr=0\.5 · 400 steps · start \(0, 0\) → target nw 3 = \(-2\.1213, 2\.1213\) · seed 1\n/,
    );
    for (const m of [
      'lockedFraction',
      'pathEfficiency',
      'reversals',
      'stepsToTarget',
      'finalLoss',
      'finalDistance',
      'conditionNumber',
      'divergedAt',
    ]) {
      assert.match(r.stdout, new RegExp(`\\n  ${m} `));
    }
    assert.match(r.stdout, /lockedFraction\s+1\s/);
    assert.ok(r.stdout.split('\n').length < 20);
  });

  it('--json gives scenario, trajectory as pairs, loss and the spec metrics', () => {
    const r = zigzag(['run', 'good.json', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      scenario: { steps: number; inputs: { distribution: string } };
      trajectory: number[][];
      loss: number[];
      metrics: Record<string, unknown>;
    };
    assert.equal(out.scenario.steps, 50);
    assert.equal(out.scenario.inputs.distribution, 'tanh');
    assert.equal(out.trajectory.length, 51);
    assert.deepEqual(out.trajectory[0], [0, 0]);
    assert.equal(out.loss.length, 51);
    assert.deepEqual(Object.keys(out.metrics).sort(), [
      'conditionNumber',
      'divergedAt',
      'finalDistance',
      'finalLoss',
      'lockedFraction',
      'pathEfficiency',
      'reversals',
      'stepsToTarget',
    ]);
    assert.equal(out.metrics.finalLoss, out.loss[50]);
  });

  it('--csv gives step,w1,w2,loss and agrees with --json', () => {
    const csv = zigzag(['run', '--csv', '--set', 'steps=5']).stdout.trim().split('\n');
    const json = JSON.parse(zigzag(['run', '--json', '--set', 'steps=5']).stdout) as { trajectory: number[][]; loss: number[] };
    assert.equal(csv[0], 'step,w1,w2,loss');
    assert.equal(csv.length, 7);
    csv.slice(1).forEach((line, t) => assert.deepEqual(line.split(',').map(Number), [t, ...json.trajectory[t], json.loss[t]]));
  });

  it('--set takes JSON values and bare strings on dotted paths', () => {
    const r = zigzag(['run', '--json', '--set', 'optimizer.lr=0.1', '--set', 'batchSize=full', '--set', 'start=[1,-1]', '--set=steps=3']);
    assert.equal(r.code, 0, r.stderr);
    const s = (JSON.parse(r.stdout) as { scenario: { optimizer: { lr: number }; batchSize: unknown; start: number[]; steps: number } })
      .scenario;
    assert.equal(s.optimizer.lr, 0.1);
    assert.equal(s.batchSize, 'full');
    assert.deepEqual(s.start, [1, -1]);
    assert.equal(s.steps, 3);
  });

  it('reads the scenario from stdin with -', () => {
    const r = zigzag(['run', '-', '--json'], '{"steps": 2}');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { loss: number[] }).loss.length, 3);
  });

  it('stdin is read up to 1 MB: more is refused', () => {
    const big = zigzag(['run', '-'], `{${' '.repeat(1_000_000)}}`);
    assert.equal(big.code, 2);
    assert.equal(big.stderr, 'zigzag: stdin is over 1,000,000 bytes; a scenario may be at most 1,000,000 bytes (1 MB)\n');
    const csv = zigzag(['run', '-', '--csv'], `{"steps": 10000}${' '.repeat(999_980)}`);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout.split('\n').length, 10_003);
  });

  it('a diverging run reports divergedAt and prints no NaN', () => {
    const r = zigzag(['run', '--set', 'optimizer.lr=50']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /divergedAt\s+\d+/);
    assert.doesNotMatch(r.stdout, /NaN|Infinity/);
    const j = zigzag(['run', '--json', '--set', 'optimizer.lr=50']);
    assert.doesNotMatch(j.stdout, /NaN|Infinity/);
    JSON.parse(j.stdout);
  });
});

describe('zigzag compare', () => {
  it('one metrics row per variant, side by side', () => {
    const r = zigzag(['compare', '--vary', 'inputs.distribution=sigmoid,tanh']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => l.includes('inputs.distribution='));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /inputs\.distribution=sigmoid\s+1\s/);
    assert.doesNotMatch(rows[1], /inputs\.distribution=tanh\s+1\s/);
  });

  it('values with commas inside brackets stay whole; --json gives one object per variant', () => {
    const r = zigzag(['compare', 'good.json', '--vary', 'start=[0,0],[1,-1]', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { variant: string; scenario: { start: number[] } }[];
    assert.deepEqual(
      rows.map((x) => x.variant),
      ['start=[0,0]', 'start=[1,-1]'],
    );
    assert.deepEqual(rows[1].scenario.start, [1, -1]);
  });
});

describe('zigzag compare --centring: the playground’s raw-against-centred comparison', () => {
  interface Comparison {
    stepSize: { requested: string; applied: string; fallback: string | null; lambdaMax: number[] };
    why: string;
    runs: {
      variant: string;
      scenario: { optimizer: { lr: number }; inputs: { center: boolean } };
      metrics: Record<string, number | null>;
    }[];
  }
  const json = (args: string[]): Comparison => {
    const r = zigzag(['compare', '--centring', '--json', ...args]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Comparison;
  };

  it('default: the centred η scaled to the same η·λmax, at least twice as fast to the target, and why', () => {
    const c = json([]);
    const [raw, centred] = c.runs;
    assert.equal(c.stepSize.applied, 'matched');
    assert.deepEqual([raw.scenario.inputs.center, centred.scenario.inputs.center], [false, true]);
    assert.equal(raw.scenario.optimizer.lr, 0.5);
    const [a, b] = c.stepSize.lambdaMax;
    assert.ok(Math.abs(centred.scenario.optimizer.lr * b - 0.5 * a) < 1e-12, 'the same η·λmax');
    assert.ok(centred.metrics.stepsToTarget! <= raw.metrics.stepsToTarget! / 2, JSON.stringify(c.runs.map((r) => r.metrics)));
    assert.match(c.why, /same normalised step η·λmax/);
  });

  it('--same-lr: both at the user’s η; the table prints both η, λmax and the sentence', () => {
    const c = json(['--same-lr', '--set', 'optimizer.lr=0.3']);
    assert.deepEqual(
      c.runs.map((r) => r.scenario.optimizer.lr),
      [0.3, 0.3],
    );
    assert.equal(c.stepSize.applied, 'same');
    const text = zigzag(['compare', '--centring', '--same-lr']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /variant\s+lr\s+lambdaMax\s+lockedFraction/);
    assert.match(text.stdout, /sigmoid inputs \(raw\)\s+0\.5\s+0\.53\d*\s+1\s/);
    assert.match(text.stdout, /sigmoid inputs, centred\s+0\.5\s+0\.04\d*\s/);
    assert.match(text.stdout, /\n {2}Both runs use η = 0\.5, so their normalised steps η·λmax differ/);
  });
});

describe('zigzag: every kind of bad input exits 2 with one line naming the problem', () => {
  const cases: [string, string[], string | RegExp][] = [
    ['no command', [], 'missing command (run, compare or check); see zigzag --help'],
    ['unknown command', ['fly'], "unknown command 'fly' (commands: run, compare, check)"],
    ['unknown option', ['run', '--fast'], "unknown option '--fast'"],
    ['two files', ['run', 'good.json', 'lr.json'], "unexpected argument 'lr.json' (only one scenario file)"],
    ['json and csv', ['run', '--json', '--csv'], '--json and --csv cannot be used together'],
    ['missing file', ['run', 'nope.json'], 'cannot read nope.json: no such file'],
    ['a directory', ['run', 'folder.json'], 'cannot read folder.json: is a directory'],
    // Devices and pipes are refused unread: /dev/zero never ends, a FIFO waits for a writer.
    ['/dev/zero', ['run', '/dev/zero'], 'cannot read /dev/zero: is a character device, not a regular file'],
    ['a FIFO', ['run', 'pipe.json'], 'cannot read pipe.json: is a named pipe (FIFO), not a regular file'],
    ['a file over 1 MB', ['run', 'big.json'], 'big.json is 1,000,001 bytes; a scenario may be at most 1,000,000 bytes (1 MB)'],
    [
      'a key given twice',
      ['run', 'twice.json'],
      'twice.json: start is given twice, on lines 2 and 4 (JSON would keep only the last): remove one',
    ],
    // The engine's validator names the component (helper issue-17a); JSON.stringify would have said null.
    ['an infinite start component', ['run', 'inf.json'], /^zigzag: inf\.json: start\[0\] .*got Infinity\n$/],
    ['invalid JSON', ['run', 'broken.json'], /^zigzag: broken\.json: invalid JSON: .+\n$/],
    ['not an object', ['run', 'array.json'], 'array.json: a scenario must be a JSON object, got an array'],
    ['out of range in a file', ['run', 'lr.json'], 'lr.json: optimizer.lr must be a finite number > 0, got -1'],
    ['unknown field in a file', ['run', 'typo.json'], /^zigzag: typo\.json: unknown field optimiser \(allowed: .*\)\n$/],
    ['bad expression', ['run', 'expr.json'], "expr.json: function.expression: expected ')' at position 10 (found end of input)"],
    ['--set out of range', ['run', '--set', 'optimizer.lr=-1'], 'optimizer.lr must be a finite number > 0, got -1'],
    ['--set unknown path', ['run', '--set', 'optimizer.learningRate=1'], /^zigzag: unknown field optimizer\.learningRate /],
    ['--set without =', ['run', '--set', 'steps'], "--set expects path=value, got 'steps'"],
    ['--set without value', ['run', '--set'], '--set needs a value (--set path=value)'],
    ['--set bad path', ['run', '--set', 'a..b=1'], "invalid field path 'a..b'"],
    ['--set into a number', ['run', '--set', 'steps=5', '--set', 'steps.x=1'], 'cannot set steps.x: steps is not an object'],
    ['--set prototype', ['run', '--set', '__proto__.polluted=1'], "invalid field path '__proto__.polluted'"],
    [
      '--set wrong type',
      ['run', '--set', 'batchSize=all'],
      'batchSize must be an integer from 1 to 256 (the number of examples) or "full", got "all"',
    ],
    ['compare without --vary', ['compare'], 'compare needs --vary path=v1,v2,... or --centring'],
    ['--vary and --centring', ['compare', '--centring', '--vary', 'steps=1,2'], 'compare takes --vary or --centring, not both'],
    ['--same-lr alone', ['compare', '--vary', 'steps=1,2', '--same-lr'], '--same-lr goes with --centring'],
    ['--centring on run', ['run', '--centring'], '--centring is only for zigzag compare'],
    [
      '--centring of a function',
      ['compare', '--centring', '--set', 'model=function', '--set', 'function.preset=rotated'],
      'comparing raw and centred inputs needs the neuron model (model is "function")',
    ],
    ['--vary on run', ['run', '--vary', 'steps=1,2'], '--vary is only for zigzag compare'],
    ['--vary bad variant', ['compare', '--vary', 'optimizer.lr=0.1,-2'], 'optimizer.lr must be a finite number > 0, got -2'],
    ['--vary empty', ['compare', '--vary', 'steps='], '--vary steps needs at least one value'],
    ['compare --csv', ['compare', '--vary', 'steps=1', '--csv'], 'compare prints a table or --json, not --csv'],
  ];
  for (const [name, args, message] of cases) it(name, () => badInput(args, message));

  it('--help prints usage and exits 0', () => {
    const r = zigzag(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /zigzag run \[FILE\]/);
  });
});
