// The hostile corpus (test/hostile/corpus.ts) through the built CLI, as a user or a grading script runs
// it: each case is a scenario file. It is refused (exit 2, one line naming the file and the field the
// corpus says) or runs to its end (exit 0, a JSON run with nothing non-finite in it), diverged where the
// corpus says so, within a time that shows it was bounded.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_CASES } from '../hostile/corpus';
import { builtCli } from './builtCli';

interface RunJson {
  readonly trajectory: number[][];
  readonly loss: number[];
  readonly metrics: Record<string, number | null>;
}

/** Longer than any case takes on a loaded machine; a case that needs it has not stopped. */
const BOUND_MS = 60_000;

describe('hostile corpus through the zigzag CLI', () => {
  let cli = '';
  let dir = '';
  before(function () {
    this.timeout(60_000);
    cli = builtCli();
    dir = mkdtempSync(join(tmpdir(), 'zigzag-hostile-'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  HOSTILE_CASES.forEach((c, i) => {
    it(c.name, function () {
      this.timeout(BOUND_MS + 10_000);
      const file = join(dir, `case${i}.zigzag.json`);
      writeFileSync(file, c.text);
      const r = spawnSync(process.execPath, [cli, 'run', file, '--json'], { encoding: 'utf8', timeout: BOUND_MS, maxBuffer: 1 << 30 });
      assert.equal(r.signal, null, `still running after ${BOUND_MS} ms`);
      if (r.status === 2) {
        // Refused: one line naming the file, and the field when the corpus names one.
        assert.equal(r.stdout, '');
        assert.match(r.stderr, new RegExp(`^zigzag: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[: ][^\n]+\n$`));
        if (c.expect && 'diverges' in c.expect) assert.fail(`expected a run, got: ${r.stderr}`);
        if (c.expect && c.expect.refused !== '') {
          const field = c.expect.refused.replace(/[.[\]]/g, '\\$&');
          assert.match(r.stderr, new RegExp(`: ${field}(\\[\\d+\\]|\\.[A-Za-z]+)? `), `names ${c.expect.refused}`);
        }
        return;
      }
      assert.equal(r.status, 0, r.stderr);
      if (c.expect && 'refused' in c.expect) assert.fail(`expected a refusal naming ${c.expect.refused}, the CLI ran it`);
      assert.doesNotMatch(r.stdout, /NaN|Infinity/);
      const run = JSON.parse(r.stdout) as RunJson;
      assert.equal(run.loss.length, run.trajectory.length);
      const divergedAt = run.metrics.divergedAt;
      if (c.expect && 'diverges' in c.expect) assert.equal(divergedAt !== null, c.expect.diverges, `divergedAt ${divergedAt}`);
    });
  });
});
