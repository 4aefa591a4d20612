// Webview component tests: build the webview, the embeds (course material's plots) and the test pages
// (not with ZIGZAG_BUILT=1: `npm test`'s build stage made them), then run the test/webview/*.test.ts files
// that open a page (support/pageTests.cjs; the others run with the unit tests) with mocha (under tsx) in
// Node, driving headless Chromium (Debian's /usr/bin/chromium) through playwright-core. Extra arguments go
// to mocha (e.g. --grep theme). Exit code: mocha's.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

const { webviewPageTests } = require('./support/pageTests.cjs');

const started = Date.now();
if (process.env.ZIGZAG_BUILT !== '1') {
  const build = spawnSync(process.execPath, ['esbuild.mjs', 'webview', 'markdownEmbed', 'notebookEmbed', 'webviewTests'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const mochaBin = join(dirname(require.resolve('mocha/package.json')), 'bin', 'mocha.js');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    mochaBin,
    '--no-config',
    '--no-package',
    '--require',
    'test/webview/support/hooks.ts',
    '--timeout',
    '30000',
    '--reporter',
    process.env.WEBVIEW_TEST_REPORTER ?? 'spec',
    ...process.argv.slice(2),
    ...webviewPageTests(root),
  ],
  { cwd: root, stdio: 'inherit' },
);
console.log(`webview tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
