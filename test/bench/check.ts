// node esbuild.mjs bench cli && node dist/bench/check.js: how long `zigzag check` takes to grade a class's
// worth of files as a grader runs it (a new Node process, 20 exercise files against a folder of references),
// wall clock over several runs. The aim is under 2 s on a 2-core machine.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const kit = join(root, 'examples/course');
const cli = join(root, 'dist/cli.js');
const FILES = 20;
const RUNS = 7;

const exercises = readdirSync(join(kit, 'solutions'));
const dir = mkdtempSync(join(tmpdir(), 'zigzag-bench-check-'));
const files: string[] = [];
for (let i = 0; files.length < FILES; i++) {
  const student = join(dir, `student-${i}`);
  mkdirSync(student);
  for (const f of exercises.slice(0, FILES - files.length)) {
    cpSync(join(kit, 'solutions', f), join(student, f));
    files.push(join(student, f));
  }
}

const wall: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [cli, 'check', ...files, '--reference', join(kit, 'exercises')], { encoding: 'utf8' });
  wall.push(performance.now() - t0);
  if (run.status !== 0) throw new Error(`zigzag check failed: ${run.stdout}${run.stderr}`);
}
const sorted = [...wall].sort((a, b) => a - b);
console.log(`zigzag check, ${FILES} exercise files against a folder of references, ${RUNS} runs (new Node process each):`);
console.log(
  `  wall clock: median ${sorted[Math.floor(RUNS / 2)].toFixed(0)} ms, max ${sorted[RUNS - 1].toFixed(0)} ms (aim: under 2000 ms)`,
);
