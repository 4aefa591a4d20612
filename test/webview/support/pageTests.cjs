// Which files under test/webview/ open a page in Chromium: those using the harness (support/harness.ts).
// They run in the webview stage (test/webview/run.mjs); the others are the webview's logic, run in Node
// with the unit tests (.mocharc.cjs). One rule for both, so a new file lands in the right stage by itself.
const { readFileSync, readdirSync } = require('node:fs');
const { join, sep } = require('node:path');

/** The webview test files (paths relative to the repository) that open a page. */
function webviewPageTests(repoRoot) {
  const dir = join(repoRoot, 'test', 'webview');
  // Recursive, so a test in a nested folder (test/webview/plot/) is sorted by the same rule.
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.test.ts') && readFileSync(join(dir, f), 'utf8').includes('/support/harness'))
    .map((f) => `test/webview/${f}`)
    .sort();
}

module.exports = { webviewPageTests };
