// npm run bench:ui — time from a control change (and each move of a drag) to the rendered frame for the
// default scenario, in headless Chromium on the production webview bundle, plus the page's memory and
// the bundle's gzipped size.
// The extension host is simulated in the page with the real engine (src/shared/runView.ts and the host's
// mergeScenario), so the time covers engine + message + render. A benchmark, not a test.
//   npm run bench:ui                      3 rounds of 50 changes
//   npm run bench:ui -- --rounds 5        more rounds
//   npm run bench:ui -- --latency 50      a remote host: every host↔webview message 50 ms late, each way
//   npm run bench:ui -- --profile         CPU profile (development build, readable names) instead
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const profile = args.includes('--profile');

// The working tree (and so dist/) may be shared with other builds: snapshot what we built into a
// private directory, and check it is the kind of build we asked for before measuring it.
const isProduction = (dir) => !readFileSync(join(dir, 'webview/main.js'), 'utf8').includes('sourceMappingURL');
const snapshot = mkdtempSync(join(tmpdir(), 'zigzag-bench-'));
let ok = false;
for (let attempt = 0; attempt < 3 && !ok; attempt++) {
  const build = spawnSync(process.execPath, ['esbuild.mjs', 'webview', 'webviewTests', ...(profile ? [] : ['--production'])], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  for (const sub of ['webview', 'test/webview']) cpSync(join(root, 'dist', sub), join(snapshot, sub), { recursive: true });
  ok = isProduction(snapshot) !== profile;
  if (!ok) console.log('dist/ was rebuilt by another process meanwhile; building again');
}
if (!ok) {
  console.error('could not get a stable build of the webview (another build keeps overwriting dist/)');
  process.exit(1);
}
const runner = profile ? 'test/webview/support/profileUi.ts' : 'test/webview/support/benchRunner.ts';
const run = spawnSync(process.execPath, ['--import', 'tsx', runner, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ZZ_DIST: snapshot },
});
rmSync(snapshot, { recursive: true, force: true });
process.exit(run.status ?? 1);
