// A scenario's data file through a file system the test controls: the path stays inside the scenario's
// folder, the size is checked before a byte is read, an unchanged file is not read again, and every
// problem is a ScenarioError of inputs.file naming the file and the row and column.
import * as assert from 'node:assert/strict';
import { LIMITS, ScenarioError } from '../../src/engine/index';
import { DataFileError } from '../../src/shared/dataFiles';
import { DataFileSource, NO_DATA, dataOf, joinDataPath, type DataFileSystem } from '../../src/shared/dataFileSource';

/** Files by path, with a log of the calls made. */
function fakeFs(files: Record<string, { text: string; size?: number; mtime?: number }>) {
  const calls: string[] = [];
  const fs: DataFileSystem = {
    stat(path) {
      calls.push(`stat ${path}`);
      const f = files[path];
      if (!f) return Promise.reject(new DataFileError(path, 'cannot read it: no such file'));
      return Promise.resolve({ size: f.size ?? f.text.length, mtime: f.mtime ?? 1 });
    },
    read(path) {
      calls.push(`read ${path}`);
      return Promise.resolve(new TextEncoder().encode(files[path].text));
    },
    decoder: () => new TextDecoder(),
  };
  return { fs, calls };
}

const scenario = (file: string) => ({ inputs: { distribution: 'file', file } });

async function rejectsWith(p: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ScenarioError, String(e));
    assert.equal(e.field, 'inputs.file');
    assert.match(e.message, message);
    return true;
  });
}

describe('data file paths (joinDataPath)', () => {
  it('inputs.file under the scenario’s folder, "." segments dropped', () => {
    assert.equal(joinDataPath('/work/course/scenarios', 'data/iris.csv'), '/work/course/scenarios/data/iris.csv');
    assert.equal(joinDataPath('/work/course/scenarios/', './data/./iris.csv'), '/work/course/scenarios/data/iris.csv');
    assert.equal(joinDataPath('/', 'a.npy'), '/a.npy');
    assert.equal(joinDataPath('.', 'a.npy'), './a.npy');
  });

  it('never leaves the folder: ".." and empty segments are refused (the engine refuses them first)', () => {
    for (const bad of ['../a.csv', 'data/../../a.csv', 'data//a.csv', '/a.csv']) {
      assert.throws(
        () => joinDataPath('/work', bad),
        (e: unknown) => e instanceof ScenarioError && e.field === 'inputs.file',
        bad,
      );
    }
  });
});

describe('DataFileSource', () => {
  it('no file named: no data, nothing read', async () => {
    const { fs, calls } = fakeFs({});
    assert.equal(await new DataFileSource(fs).load({ inputs: { distribution: 'uniform' } }), NO_DATA);
    assert.equal(await new DataFileSource(fs).load('not a scenario'), NO_DATA);
    assert.deepEqual(calls, []);
  });

  it('reads and parses the file; an unchanged file is not read again, a changed one is', async () => {
    const files = { 'd.csv': { text: 'a,b\n1,2\n3,4\n', mtime: 1 } };
    const { fs, calls } = fakeFs(files);
    const source = new DataFileSource(fs);
    const first = await source.load(scenario('d.csv'));
    assert.equal(first.file, 'd.csv');
    assert.deepEqual([first.data.inputFile?.rows, first.data.inputFile?.columns, [...first.data.inputFile!.values]], [2, 2, [1, 2, 3, 4]]);
    assert.equal(await source.load(scenario('d.csv')), first);
    files['d.csv'] = { text: 'a,b\n1,2\n3,5\n', mtime: 2 };
    const second = await source.load(scenario('d.csv'));
    assert.deepEqual([...second.data.inputFile!.values], [1, 2, 3, 5]);
    assert.deepEqual(calls, ['stat d.csv', 'read d.csv', 'stat d.csv', 'stat d.csv', 'read d.csv']);
  });

  it('a file over LIMITS.maxFileBytes is refused by its size, unread', async () => {
    const { fs, calls } = fakeFs({ 'big.npy': { text: '', size: LIMITS.maxFileBytes + 1 } });
    await rejectsWith(
      new DataFileSource(fs).load(scenario('big.npy')),
      /^big\.npy: the file has 67,108,865 bytes; a data file may have at most 67,108,864$/,
    );
    assert.deepEqual(calls, ['stat big.npy']);
  });

  it('problems are ScenarioErrors of inputs.file naming the file, row and column', async () => {
    const { fs } = fakeFs({ 'd.csv': { text: 'a,b\n1,2\n3,four\n' } });
    await rejectsWith(new DataFileSource(fs).load(scenario('d.csv')), /^d\.csv: row 3, column 2: "four" is not a number$/);
    await rejectsWith(new DataFileSource(fs).load(scenario('none.csv')), /^none\.csv: cannot read it: no such file$/);
    await rejectsWith(new DataFileSource(fs).load(scenario('../d.csv')), /relative path/);
  });

  it('with a clock, a large file is parsed in slices, pausing between them, into the same table', async () => {
    const rows = 3000;
    const text = Array.from({ length: rows }, (_, i) => `${i},${i / 7},${(i * i) % 13}`).join('\n');
    const { fs } = fakeFs({ 'big.csv': { text } });
    let pauses = 0;
    let time = 0;
    // Every reading of the clock is 10 ms later: each piece ends its slice.
    const clock = { now: () => (time += 10), pause: () => (pauses++, Promise.resolve()) };
    const sliced = await new DataFileSource(fs, clock).load(scenario('big.csv'));
    const whole = await new DataFileSource(fs).load(scenario('big.csv'));
    assert.ok(pauses >= 2, `paused between slices: ${pauses}`);
    assert.equal(sliced.data.inputFile!.digest, whole.data.inputFile!.digest);
    assert.deepEqual(sliced.data.inputFile!.values, whole.data.inputFile!.values);
  });

  it('dataOf: the data only for the scenario that names the same file', async () => {
    const { fs } = fakeFs({ 'd.csv': { text: '1,2\n3,4\n' } });
    const loaded = await new DataFileSource(fs).load(scenario('d.csv'));
    assert.equal(dataOf(scenario('d.csv'), loaded), loaded.data);
    assert.deepEqual(dataOf(scenario('e.csv'), loaded), {});
    assert.deepEqual(dataOf({ inputs: { distribution: 'uniform' } }, loaded), {});
    assert.deepEqual(dataOf(scenario('d.csv'), NO_DATA), {});
  });
});
