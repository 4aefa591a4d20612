// The e2e run (`npm run test:e2e`, the e2e stage of `npm test`): every test/e2e/*.test.ts, or only the
// files named on the command line (`npx mocha --config test/e2e/.mocharc.cjs test/e2e/course.test.ts`),
// with one code-server and one Chromium for them all (hooks.ts).
const named = process.argv.slice(2).some((a) => a.endsWith('.test.ts'));

module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/e2e/hooks.ts'],
  ...(named ? {} : { spec: ['test/e2e/**/*.test.ts'] }),
  timeout: 60000,
  slow: 2000,
  reporter: 'spec',
};
