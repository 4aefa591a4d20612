// npm run bench:ui — time from a control change to the repainted plot for the default scenario, in
// headless Chromium on the production webview bundle, plus the bundle's gzipped size.
// The extension host is simulated in the page with the real engine (src/runView.ts and the host's
// mergeScenario), so the time covers engine + message + render. A benchmark, not a test.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const build = spawnSync(process.execPath, ['esbuild.mjs', 'webview', 'webviewTests', '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/webview/support/benchRunner.ts'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
