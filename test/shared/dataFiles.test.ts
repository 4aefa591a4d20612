// Data files: .npy against bytes NumPy wrote (fixtures/make-npy.py) and bytes built by the format's
// specification, CSV round trips through text written here, and every kind of bad file with the row
// and column, or the header field, its message names. Then the table in a scenario: d from the file,
// the columns chosen, and a run.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LIMITS, ScenarioError, compareCentring, complete, resolveScenario, scenarioToJson, simulate } from '../../src/engine/index';
import { generateInputMatrix } from '../../src/engine/data';
import { HOSTILE_DATA_FILES } from '../hostile/corpus';
import { threadCpuMs } from '../support/threadCpu';
import {
  DataFileError,
  MAX_CSV_ROW,
  dataFileKind,
  parseCsv,
  parseDataFile,
  parseDataFilePieces,
  parseNpy,
} from '../../src/shared/dataFiles';

const fixtures = join(__dirname, 'fixtures');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(fixtures, name)));
const numpyValues = JSON.parse(readFileSync(join(fixtures, 'npy-values.json'), 'utf8')) as Record<string, number[][]>;
const utf8 = (): TextDecoder => new TextDecoder('utf-8');

/** Asserts `f` throws a DataFileError whose message matches every pattern. */
function failsWith(f: () => unknown, ...patterns: RegExp[]): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DataFileError, `expected DataFileError, got ${String(e)}`);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

/** A version 1.0 .npy file built per the format's specification: magic, version, header length, header padded to 64 bytes, data. */
function npyBytes(header: string, data: Uint8Array): Uint8Array {
  const unpadded = 10 + header.length + 1;
  const padded = header + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + padded.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[10 + i] = padded.charCodeAt(i);
  out.set(data, 10 + padded.length);
  return out;
}

const f64Bytes = (xs: number[]): Uint8Array => new Uint8Array(Float64Array.from(xs).buffer);

describe('data files: .npy', () => {
  for (const name of ['uniform-5x3-f4.npy', 'normal-4x6-f8.npy', 'version2-f8.npy']) {
    it(`${name} (written by NumPy) reads back NumPy's values exactly`, () => {
      const expected = numpyValues[name];
      const t = parseNpy(name, fixture(name));
      assert.equal(t.rows, expected.length);
      assert.equal(t.columns, expected[0].length);
      assert.deepEqual([...t.values], expected.flat());
    });
  }

  it('reads arrays built by the specification, of any shape within the limits (round trip)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 2, max: 12 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (rows, columns, single, seed) => {
          let s = seed;
          const xs = Array.from({ length: rows * columns }, () => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const x = (s / 2 ** 32) * 2000 - 1000;
            return single ? Math.fround(x) : x;
          });
          const data = single ? new Uint8Array(Float32Array.from(xs).buffer) : f64Bytes(xs);
          const header = `{'descr': '<f${single ? 4 : 8}', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
          const t = parseNpy('a.npy', npyBytes(header, data));
          assert.deepEqual([t.rows, t.columns], [rows, columns]);
          assert.deepEqual([...t.values], xs);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equal data, equal digest; one value changed, another digest', () => {
    const a = parseNpy('a.npy', fixture('normal-4x6-f8.npy'));
    const b = parseNpy('b.npy', fixture('version2-f8.npy'));
    assert.equal(a.digest, b.digest);
    const bytes = fixture('normal-4x6-f8.npy');
    bytes[bytes.length - 1] ^= 1;
    assert.notEqual(parseNpy('c.npy', bytes).digest, a.digest);
  });

  it('a bad file is named by the header field at fault (files written by NumPy)', () => {
    failsWith(() => parseNpy('f.npy', fixture('fortran-f8.npy')), /^f\.npy: /, /'fortran_order' is True/);
    failsWith(() => parseNpy('i.npy', fixture('int64.npy')), /'descr' is '<i8'/, /float32 or float64/);
    failsWith(() => parseNpy('b.npy', fixture('big-endian-f8.npy')), /'descr' is '>f8'/);
    failsWith(() => parseNpy('t.npy', fixture('three-d-f4.npy')), /'shape' is \(2, 2, 2\)/, /2-D/);
    failsWith(() => parseNpy('n.npy', fixture('nan-f8.npy')), /row 2, column 2: NaN/);
  });

  it('data at any offset (a header of odd length: not aligned for a typed array) reads the same values, uncopied', () => {
    const values = [1.5, -2.25, 3e-7, 4e5, 0, -0.125];
    for (const [descr, bytes] of [
      ['<f8', f64Bytes(values)],
      ['<f4', new Uint8Array(Float32Array.from(values).buffer)],
    ] as const) {
      const header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (3, 2), }\n`;
      for (const pad of [0, 1, 2, 3, 5]) {
        const h = header.slice(0, -1) + ' '.repeat(pad) + '\n';
        const file = new Uint8Array(10 + h.length + bytes.length);
        file.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
        new DataView(file.buffer).setUint16(8, h.length, true);
        for (let i = 0; i < h.length; i++) file[10 + i] = h.charCodeAt(i);
        file.set(bytes, 10 + h.length);
        const t = parseNpy('a.npy', file);
        assert.deepEqual([...t.values], descr === '<f8' ? values : [...Float32Array.from(values)], `${descr}, ${pad} spaces`);
      }
    }
  });

  it('a bad file built by the specification: magic, version, header, data length, limits', () => {
    const ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
    const data = f64Bytes([1, 2, 3, 4]);
    failsWith(() => parseNpy('a.npy', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), /not a \.npy file/);
    const v9 = npyBytes(ok, data);
    v9[6] = 9;
    failsWith(() => parseNpy('a.npy', v9), /version 9\.0/);
    failsWith(() => parseNpy('a.npy', npyBytes(ok, data.slice(0, 24))), /data has 24 bytes/, /needs 32/);
    failsWith(() => parseNpy('a.npy', npyBytes("{'descr': '<f8', 'shape': (2, 2), }", data)), /'fortran_order' is missing/);
    failsWith(
      () => parseNpy('a.npy', npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), 'x': 1}", data)),
      /cannot be read|'x'/,
    );
    failsWith(() => parseNpy('a.npy', npyBytes("['descr']", data)), /not a dictionary/);
    failsWith(() => parseNpy('a.npy', npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", data)), /'shape' is \(4\)/);
    failsWith(() => parseNpy('a.npy', npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 1), }", data)), /1 column/);
    const rows = LIMITS.maxCount + 1;
    failsWith(() => parseNpy('a.npy', npyBytes(`{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, 2), }`, data)), /100,001 rows/);
    failsWith(
      () => parseNpy('a.npy', npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 200), }", data)),
      /20,000,000 numbers/,
    );
    failsWith(() => parseNpy('a.npy', npyBytes(ok, f64Bytes([1, 2, 3, 2e6]))), /row 2, column 2: 2000000 is beyond/);
  });
});

/** CSV text of rows, numbers written exactly (String(x) reads back to the same double). */
const csvOf = (rows: number[][], newline = '\n'): string => rows.map((r) => r.join(',')).join(newline) + newline;

describe('data files: CSV', () => {
  it('round trip: numbers written and read back exactly, with or without a header, LF or CRLF', () => {
    const number = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 8 })
          .chain((c) => fc.array(fc.array(number, { minLength: c, maxLength: c }), { minLength: 1, maxLength: 20 })),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        (rows, header, newline) => {
          const names = rows[0].map((_, j) => `x${j + 1}`).join(',');
          const text = (header ? names + newline : '') + csvOf(rows, newline);
          const t = parseCsv('a.csv', text);
          assert.deepEqual([t.rows, t.columns], [rows.length, rows[0].length]);
          // String(−0) is "0": −0 comes back as 0, every other number as itself.
          assert.deepEqual(
            [...t.values],
            rows.flat().map((x) => (x === 0 ? 0 : x)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('takes what spreadsheets write: a byte-order mark, quoted numbers, spaces, blank lines', () => {
    const t = parseCsv('a.csv', '\ufeff"sepal length", petal\r\n"5.1", 1.4\r\n\r\n 4.9 ,1.40e0\r\n');
    assert.deepEqual([t.rows, t.columns, [...t.values]], [2, 2, [5.1, 1.4, 4.9, 1.4]]);
  });

  it('a bad file names the row and column at fault', () => {
    failsWith(() => parseCsv('a.csv', 'a,b\n1,2\n3,x\n'), /^a\.csv: row 3, column 2: "x" is not a number/);
    failsWith(() => parseCsv('a.csv', '1,2\n3,4,5\n'), /row 2 has 3 columns; the rows before it have 2/);
    failsWith(() => parseCsv('a.csv', '1,2\n3,\n'), /row 2, column 2: "" is not a number/);
    failsWith(() => parseCsv('a.csv', '1,2\nNaN,4\n'), /row 2, column 1: "NaN" is not a number/);
    failsWith(() => parseCsv('a.csv', '1,2\n1e400,4\n'), /row 2, column 1: Infinity is beyond/);
    failsWith(() => parseCsv('a.csv', '1,2\n3,"4\n'), /row 2: /);
    failsWith(() => parseCsv('a.csv', 'a,,c\n1,2,3\n'), /row 1 \(the header\), column 2: a column name is empty/);
    failsWith(() => parseCsv('a.csv', 'a,b\n'), /no rows of numbers/);
    failsWith(() => parseCsv('a.csv', ''), /no rows of numbers/);
    failsWith(() => parseCsv('a.csv', '1\n2\n'), /1 column; a neuron takes at least 2/);
    failsWith(() => parseCsv('a.csv', 'a,b\n1,2\nc,d\n'), /row 3, column 1: "c" is not a number/);
  });

  it('bytes decoded a stretch at a time, each stretch’s rows parsed as it comes: the same table or message however the bytes are cut', () => {
    // Texts a spreadsheet or a hand could write: header or not, quoted cells (some holding a line end or
    // a comma), LF, CRLF or CR, blank lines, non-ASCII names, and bad cells. Cut into stretches of 1 to 9 bytes
    // (a UTF-8 character split between two), each is read as the whole text is.
    const cell = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map(String),
      fc.constantFrom('"1.5"', ' 2 ', '"3\n"', 'x', '', '"a,b"', '"é"', '1e400', '"4""'),
    );
    const text = fc
      .tuple(
        fc
          .integer({ min: 2, max: 4 })
          .chain((c) => fc.array(fc.array(cell, { minLength: c, maxLength: c + 1 }), { minLength: 0, maxLength: 8 })),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(9), { maxLength: 3 }),
      )
      .map(([rows, header, newline, blanks]) => {
        const lines = rows.map((r) => r.join(','));
        for (const at of blanks) lines.splice(Math.min(at, lines.length), 0, '');
        return (
          (header ? ['naïve', 'b', 'c', 'd'].slice(0, rows[0]?.length ?? 2).join(',') + newline : '') +
          lines.join(newline) +
          (rows.length % 2 ? newline : '')
        );
      });
    const read = (bytes: Uint8Array, cut: number): string => {
      try {
        const t = complete(parseDataFilePieces('a.csv', bytes, utf8, undefined, cut));
        return JSON.stringify([t.rows, t.columns, [...t.values], t.digest]);
      } catch (e) {
        assert.ok(e instanceof DataFileError, String(e));
        return e.message;
      }
    };
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 9 }), (t, cut) => {
        const bytes = new TextEncoder().encode(t);
        assert.equal(read(bytes, cut), read(bytes, bytes.length + 1));
        assert.equal(
          read(bytes, bytes.length + 1),
          (() => {
            try {
              const whole = parseCsv('a.csv', t);
              return JSON.stringify([whole.rows, whole.columns, [...whole.values], whole.digest]);
            } catch (e) {
              return (e as Error).message;
            }
          })(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('no decoding of more than 256 KB in one piece (a 4 MB file: one call of 4 MB before)', () => {
    const text = '1.2345678,-2.3456789,3.4567891,4.5678912\n'.repeat(95_000);
    const bytes = new TextEncoder().encode(text);
    const calls: number[] = [];
    const decoder = () => {
      const d = new TextDecoder();
      return {
        decode(b?: Uint8Array, options?: { stream?: boolean }): string {
          calls.push(b?.length ?? 0);
          return d.decode(b, options);
        },
      };
    };
    const pieces = parseDataFilePieces('a.csv', bytes, decoder);
    let decodedBetween = 0;
    let most = 0;
    for (let r = pieces.next(), before = 0; !r.done; r = pieces.next()) {
      const now = calls.reduce((a, b) => a + b, 0);
      most = Math.max(most, now - before);
      before = now;
      decodedBetween++;
    }
    assert.equal(
      calls.reduce((a, b) => a + b, 0),
      bytes.length,
    );
    assert.ok(most <= 1 << 18, `at most 256 KB decoded per piece: ${most}`);
    assert.ok(decodedBetween > bytes.length / (1 << 18), `${decodedBetween} pieces`);
  });

  it(`a row of more than ${MAX_CSV_ROW.toLocaleString('en-US')} characters is refused, read no further than it (papaparse reads a row in one go)`, () => {
    failsWith(() => parseCsv('a.csv', `1,2\n${'1,'.repeat(MAX_CSV_ROW / 2)}1\n`), /^a\.csv: row 2 is longer than 262,144 characters/);
    assert.equal(parseCsv('a.csv', `${'1,'.repeat(MAX_CSV_ROW / 2 - 1)}1\n`).columns, MAX_CSV_ROW / 2);
    // A stray quote makes the rest of a file one row: its first characters say what is wrong.
    failsWith(
      () => parseCsv('a.csv', `1,2\n3,"4\n${'5,6\n'.repeat(MAX_CSV_ROW)}`),
      /^a\.csv: row 2: a quoted field is not closed within 262,144 characters$/,
    );
  });

  // (The limit on numbers, rows × columns, is the .npy reader's test: a CSV over it takes seconds to parse.)
  it(`holds at most ${LIMITS.maxCount.toLocaleString('en-US')} rows`, () => {
    assert.equal(parseCsv('a.csv', '1,2\n'.repeat(LIMITS.maxCount)).rows, LIMITS.maxCount);
    failsWith(() => parseCsv('a.csv', '1,2\n'.repeat(LIMITS.maxCount + 1)), /more than 100,000 rows/);
  });
});

describe('data files: by name', () => {
  it('takes .csv and .npy (any case), refuses other files and files over the byte limit', () => {
    assert.deepEqual(['a.CSV', 'b.npy', 'c.txt'].map(dataFileKind), ['csv', 'npy', null]);
    assert.equal(parseDataFile('x/a.csv', new TextEncoder().encode('1,2\n'), utf8).columns, 2);
    assert.equal(parseDataFile('A.NPY', fixture('normal-4x6-f8.npy'), utf8).columns, 6);
    failsWith(() => parseDataFile('a.txt', new Uint8Array(4), utf8), /must be \.csv or \.npy/);
    failsWith(
      () => parseDataFile('a.npy', new Uint8Array(LIMITS.maxFileBytes + 1), utf8),
      /67,108,865 bytes; a data file may have at most 67,108,864/,
    );
  });
});

describe('data files in a scenario', () => {
  const table = parseCsv('iris.csv', 'a,b,c,d\n5.1,3.5,1.4,0.2\n4.9,3,1.4,0.2\n4.7,3.2,1.3,0.2\n');
  const base = { inputs: { distribution: 'file', file: 'data/iris.csv' } };

  it('d is the file’s columns (or those chosen), N its rows; the values are the file’s', () => {
    const s = resolveScenario(base, { inputFile: table });
    assert.deepEqual([s.inputs.dimension, s.start.length, s.inputs.table?.rows], [4, 4, 3]);
    assert.deepEqual([...generateInputMatrix(s.inputs, s.seed)], [...table.values]);
    const two = resolveScenario({ inputs: { ...base.inputs, columns: [3, 0] } }, { inputFile: table });
    assert.deepEqual([...generateInputMatrix(two.inputs, two.seed)], [0.2, 5.1, 0.2, 4.9, 0.2, 4.7]);
    const run = simulate(resolveScenario({ ...base, batchSize: 'full', steps: 50, optimizer: { lr: 0.01 } }, { inputFile: table }));
    assert.equal(run.dimension, 4);
    assert.equal(run.stepsTaken, 50);
  });

  it('centring and shifting work on a copy: the file’s table (the matrix itself when taken as given) keeps its values', () => {
    const before = [...table.values];
    const centred = resolveScenario({ inputs: { ...base.inputs, center: true } }, { inputFile: table });
    const shifted = resolveScenario({ inputs: { ...base.inputs, shift: [1, 0, 0, 0] } }, { inputFile: table });
    assert.notDeepEqual([...generateInputMatrix(centred.inputs, centred.seed)], before);
    assert.deepEqual([...generateInputMatrix(shifted.inputs, shifted.seed)].slice(0, 2), [before[0] + 1, before[1]]);
    assert.deepEqual([...table.values], before);
    const plain = resolveScenario(base, { inputFile: table });
    assert.deepEqual([...generateInputMatrix(plain.inputs, plain.seed)], before);
  });

  it('the scenario as JSON names the file, never holds its data, and resolves again with the table; centring compares it', () => {
    const s = resolveScenario({ inputs: { ...base.inputs, columns: [0, 2, 3] } }, { inputFile: table });
    const json = scenarioToJson(s);
    assert.equal(JSON.stringify(json).includes('values'), false);
    assert.deepEqual((json.inputs as Record<string, unknown>).file, 'data/iris.csv');
    assert.deepEqual(resolveScenario(json, { inputFile: table }), s);
    const c = compareCentring(s);
    assert.equal(c.centred.inputs.table, table);
    assert.ok(c.lambdaMax[0]! > c.lambdaMax[1]!, 'centring lowers λmax of positive data');
  });

  it('errors name the field: the file unread, a bad path, columns, a dimension that disagrees', () => {
    const rejects = (input: unknown, field: string, pattern: RegExp): void => {
      assert.throws(
        () => resolveScenario(input, { inputFile: table }),
        (e: unknown) => e instanceof ScenarioError && e.field === field && pattern.test(e.message),
      );
    };
    assert.throws(
      () => resolveScenario(base),
      (e: unknown) => e instanceof ScenarioError && /must be read before/.test(e.message),
    );
    rejects({ inputs: { distribution: 'file' } }, 'inputs.file', /is required/);
    for (const bad of ['/etc/x.csv', '../x.csv', 'a/../../x.csv', 'C:/x.csv', 'a\\x.csv', 'x.txt', ''])
      rejects({ inputs: { distribution: 'file', file: bad } }, 'inputs.file', /relative path/);
    rejects({ inputs: { ...base.inputs, columns: [0, 4] } }, 'inputs.columns', /from 0 to 3 \(the file has 4\)/);
    rejects({ inputs: { ...base.inputs, columns: [1, 1] } }, 'inputs.columns', /distinct/);
    rejects({ inputs: { ...base.inputs, dimension: 3 } }, 'inputs.dimension', /is 3 but inputs.file "data\/iris.csv" has 4 inputs/);
    rejects({ inputs: { file: 'a.csv' } }, 'inputs.file', /only used when inputs.distribution is "file"/);
  });
});

/** The Long Tasks budget: no piece of reading a file may hold the extension host's thread longer. */
const LONG_TASK_MS = 50;

describe('data files: hostile files (test/hostile/corpus.ts) are read or refused, no piece over 50 ms', function () {
  this.timeout(120_000);
  for (const h of HOSTILE_DATA_FILES) {
    const expected = 'refused' in h.expect ? `refused (${String(h.expect.refused)})` : `read, ${h.expect.columns} columns`;
    it(`${h.name}: ${expected}`, () => {
      const bytes = h.bytes();
      /** The CPU time of the longest piece of one reading, and how it ended. */
      const read = (): { longest: number; ended: string } => {
        const pieces = parseDataFilePieces(h.file, bytes, utf8);
        let longest = 0;
        for (;;) {
          const before = threadCpuMs();
          try {
            const r = pieces.next();
            if (r.done) return { longest, ended: `columns ${r.value.columns}` };
          } catch (e) {
            return { longest, ended: (e as Error).message };
          } finally {
            longest = Math.max(longest, threadCpuMs() - before);
          }
        }
      };
      // The least of three readings: the thread's CPU time still counts a collector's pause on it.
      const runs = [read(), read(), read()];
      const ended = runs[0].ended;
      if ('refused' in h.expect) assert.match(ended, h.expect.refused);
      else assert.equal(ended, `columns ${h.expect.columns}`);
      const longest = Math.min(...runs.map((r) => r.longest));
      assert.ok(longest <= LONG_TASK_MS, `the longest piece took ${longest.toFixed(1)} ms of CPU`);
    });
  }
});
