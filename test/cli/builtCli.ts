// The CLI as users run it, dist/cli.js, built once per test process for every test/cli suite (not after
// `npm test`'s build stage, ZIGZAG_BUILT=1: other stages read dist/ meanwhile).
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
let built = false;

/** The path of the freshly built CLI. */
export function builtCli(): string {
  if (!built) {
    if (process.env.ZIGZAG_BUILT !== '1') execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'cli'], { cwd: root });
    built = true;
  }
  return join(root, 'dist/cli.js');
}
