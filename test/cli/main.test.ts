// The CLI's output, in process: a run is written piece by piece, each piece only once the reader has
// taken the last (the stream's 'drain'), so a slow reader holds the CLI back instead of its memory
// filling with output. The built CLI's exit codes and messages are test/cli/cli.test.ts.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { main, streamOutput } from '../../src/cli/main';
import { resolveScenario, simulate } from '../../src/engine/index';
import { runToString } from '../../src/shared/runExport';

/** A reader that takes each piece a moment later (the next turn of the event loop), and what it saw. */
function slowReader(highWaterMark: number) {
  const seen = { bytes: 0, pieces: 0, largestPiece: 0, mostWaiting: 0, text: [] as string[] };
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      seen.text.push(chunk);
      setImmediate(done);
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string, ...rest: never[]) => {
    // What the writer had not yet handed to the reader when it wrote more.
    seen.mostWaiting = Math.max(seen.mostWaiting, stream.writableLength);
    seen.pieces++;
    seen.bytes += chunk.length;
    seen.largestPiece = Math.max(seen.largestPiece, chunk.length);
    return write(chunk, ...rest);
  }) as typeof stream.write;
  return { stream, seen };
}

describe('zigzag output and its reader', () => {
  for (const format of ['json', 'csv'] as const) {
    it(`--${format}: each piece waits until the reader took the last, and the pieces make the whole export`, async () => {
      const highWaterMark = 16 * 1024;
      const { stream, seen } = slowReader(highWaterMark);
      const errors: string[] = [];
      const code = await main(['run', '--set', 'steps=50000', `--${format}`], streamOutput(stream), (s) => errors.push(s));
      assert.deepEqual([code, errors], [0, []]);
      // The writer went on only while the stream could take more (write() said so, or 'drain').
      assert.ok(seen.mostWaiting < highWaterMark, `${seen.mostWaiting} characters were waiting`);
      assert.ok(seen.pieces > 10, `${seen.pieces} pieces`);
      // A few thousand numbers or lines (4,096 of at most 4 numbers of 24 characters each).
      assert.ok(seen.largestPiece < 4096 * 100, `largest piece ${seen.largestPiece} characters`);
      assert.equal(seen.text.join(''), runToString(simulate(resolveScenario({ steps: 50000 })), format));
    });
  }
});
