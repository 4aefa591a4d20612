// The built CLI (dist/cli.js) with a scenario whose inputs come from a data file beside it: CSV and .npy
// run as the engine runs their numbers; a bad file is one line on stderr naming the scenario, the data
// file and the row and column (or the header field), exit 2; only regular files inside the scenario's
// folder are read, and one over the size limit is refused unread.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS, resolveScenario, simulate } from '../../src/engine/index';
import { parseCsv } from '../../src/shared/dataFiles';
import { builtCli } from './builtCli';

let cli = '';
let dir = '';
let outside = '';

function zigzag(args: string[], cwd = dir): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, one line on stderr matching every pattern. */
function refused(args: string[], ...patterns: RegExp[]): void {
  const r = zigzag(args);
  assert.equal(r.code, 2, `exit code: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, `one line: ${JSON.stringify(r.stderr)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  for (const p of patterns) assert.match(r.stderr, p);
}

/** A scenario file reading `file`, written as `name` in `folder` (relative to the test's folder). */
function scenario(name: string, file: string, extra: Record<string, unknown> = {}): string {
  writeFileSync(
    join(dir, name),
    JSON.stringify({ inputs: { distribution: 'file', file }, batchSize: 'full', optimizer: { lr: 0.05 }, steps: 40, ...extra }),
  );
  return name;
}

/** The .npy bytes np.save writes for a C-order float64 array of `rows` × `columns`. */
function npy(rows: number, columns: number, values: number[]): Uint8Array {
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
  const header = `${dict}${' '.repeat((64 - ((10 + dict.length + 1) % 64)) % 64)}\n`;
  const bytes = new Uint8Array(10 + header.length + 8 * values.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let k = 0; k < header.length; k++) bytes[10 + k] = header.charCodeAt(k);
  bytes.set(new Uint8Array(new Float64Array(values).buffer), 10 + header.length);
  return bytes;
}

const CSV = 'a,b,c\n0.9,0.2,0.5\n0.1,0.8,0.3\n0.6,0.4,0.9\n0.3,0.7,0.2\n';

before(function () {
  this.timeout(60000);
  cli = builtCli();
  dir = mkdtempSync(join(tmpdir(), 'zigzag-data-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data/x.csv'), CSV);
  writeFileSync(join(dir, 'data/x.npy'), npy(4, 3, [0.9, 0.2, 0.5, 0.1, 0.8, 0.3, 0.6, 0.4, 0.9, 0.3, 0.7, 0.2]));
  writeFileSync(join(dir, 'data/word.csv'), 'a,b\n1,2\n3,4\n5,x7\n');
  writeFileSync(join(dir, 'data/ragged.csv'), '1,2\n3,4,5\n');
  writeFileSync(join(dir, 'data/header.csv'), 'a,,c\n1,2,3\n');
  writeFileSync(join(dir, 'data/f2.npy'), npy(2, 2, [1, 2, 3, 4]).subarray(0, 128 + 16));
  const fortran = npy(2, 2, [1, 2, 3, 4]);
  fortran.set(new TextEncoder().encode('True '), new TextDecoder('latin1').decode(fortran).indexOf('False'));
  writeFileSync(join(dir, 'data/fortran.npy'), fortran);
  mkdirSync(join(dir, 'data/folder.csv'));
  const big = join(dir, 'data/big.csv');
  writeFileSync(big, '');
  truncateSync(big, LIMITS.maxFileBytes + 1); // sparse: the size says it all, nothing to read
  outside = mkdtempSync(join(tmpdir(), 'zigzag-outside-'));
  writeFileSync(join(outside, 'secret.csv'), CSV);
  symlinkSync(join(outside, 'secret.csv'), join(dir, 'data/link.csv'));
  symlinkSync('x.csv', join(dir, 'data/inside.csv'));
});

after(() => {
  for (const d of [dir, outside]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('zigzag run with a data file', () => {
  it('a CSV beside the scenario: the run of its numbers, as the engine gives it', () => {
    const r = zigzag(['run', scenario('csv.zigzag.json', 'data/x.csv'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { metrics: Record<string, unknown>; scenario: { inputs: { dimension: number } } };
    const raw = { inputs: { distribution: 'file', file: 'data/x.csv' }, batchSize: 'full', optimizer: { lr: 0.05 }, steps: 40 };
    const expected = simulate(resolveScenario(raw, { inputFile: parseCsv('data/x.csv', CSV) }));
    assert.deepEqual(json.metrics, JSON.parse(JSON.stringify(expected.metrics)));
    assert.equal(json.scenario.inputs.dimension, 3, 'd = 3, the file’s columns');
  });

  it('the same numbers as .npy give the same run; the summary names the file', () => {
    const csv = zigzag(['run', scenario('csv.zigzag.json', 'data/x.csv'), '--csv']);
    const npyRun = zigzag(['run', scenario('npy.zigzag.json', 'data/x.npy'), '--csv']);
    assert.equal(npyRun.code, 0, npyRun.stderr);
    assert.equal(npyRun.stdout, csv.stdout);
    assert.match(zigzag(['run', 'npy.zigzag.json']).stdout, /inputs from data\/x\.npy · N=4/);
  });

  it('the path is relative to the scenario file, not to the current folder', () => {
    scenario('csv.zigzag.json', 'data/x.csv');
    const r = zigzag(['run', join(dir, 'csv.zigzag.json')], tmpdir());
    assert.equal(r.code, 0, r.stderr);
  });

  it('a bad CSV: the row and column, or the header field, at fault', () => {
    refused(
      ['run', scenario('s.zigzag.json', 'data/word.csv')],
      /^zigzag: s\.zigzag\.json: data\/word\.csv: row 4, column 2: "x7" is not a number$/m,
    );
    refused(['run', scenario('s.zigzag.json', 'data/ragged.csv')], /data\/ragged\.csv: row 2 has 3 columns; the rows before it have 2/);
    refused(
      ['run', scenario('s.zigzag.json', 'data/header.csv')],
      /data\/header\.csv: row 1 \(the header\), column 2: a column name is empty/,
    );
  });

  it('a bad .npy: the header field at fault', () => {
    refused(['run', scenario('s.zigzag.json', 'data/fortran.npy')], /data\/fortran\.npy: header field 'fortran_order' is True/);
    refused(['run', scenario('s.zigzag.json', 'data/f2.npy')], /data\/f2\.npy: the data has \d+ bytes; header field 'shape' \(2, 2\)/);
  });

  it('a missing file, a folder, a file over the limit (refused unread)', () => {
    refused(
      ['run', scenario('s.zigzag.json', 'data/none.csv')],
      /s\.zigzag\.json: data\/none\.csv: cannot read .*data\/none\.csv: no such file$/m,
    );
    refused(['run', scenario('s.zigzag.json', 'data/folder.csv')], /data\/folder\.csv: is a directory, not a data file/);
    refused(
      ['run', scenario('s.zigzag.json', 'data/big.csv')],
      /data\/big\.csv: the file has 67,108,865 bytes; a data file may have at most 67,108,864/,
    );
  });

  it('never reads outside the scenario’s folder: no "..", no absolute path, no link leading out', () => {
    refused(['run', scenario('s.zigzag.json', '../x.csv')], /inputs\.file must be a relative path/);
    refused(['run', scenario('s.zigzag.json', '/etc/passwd.csv')], /inputs\.file must be a relative path/);
    refused(
      ['run', scenario('s.zigzag.json', 'data/link.csv')],
      /data\/link\.csv: is a link to .*secret\.csv, outside the scenario's folder/,
    );
    assert.equal(zigzag(['run', scenario('s.zigzag.json', 'data/inside.csv')]).code, 0, 'a link that stays inside is read');
  });

  it('compare --centring and --vary read the file once for every variant', () => {
    const r = zigzag(['compare', scenario('csv.zigzag.json', 'data/x.csv'), '--centring']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ +x\.csv inputs, centred /m);
    const v = zigzag(['compare', 'csv.zigzag.json', '--vary', 'optimizer.lr=0.01,0.1']);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.split('\n').filter((l) => l.includes('optimizer.lr=')).length, 2);
  });
});
