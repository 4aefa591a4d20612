// The unit tests (`npm run test:unit`, the unit stage of `npm test`): every test file that runs in Node
// alone, wherever it is, so a new folder of them runs without being listed (or only the files named on the
// command line: `npx mocha test/engine/claims.test.ts`). Left to their own stages:
// test/browser/ (Chromium against Node), test/extension/ (inside VS Code), test/e2e/ and test/artifact/
// (the workbench), and the files under test/webview/ that open a page (test/webview/support/pageTests.cjs);
// the webview's logic, which opens none, runs here.
const { webviewPageTests } = require('./test/webview/support/pageTests.cjs');

const named = process.argv.slice(2).some((a) => a.endsWith('.test.ts'));

module.exports = {
  'node-option': ['import=tsx'],
  ...(named
    ? {}
    : {
        spec: ['test/**/*.test.ts'],
        ignore: ['test/browser/**', 'test/extension/**', 'test/e2e/**', 'test/artifact/**', ...webviewPageTests(__dirname)],
      }),
  timeout: 30000,
  reporter: 'dot',
};
