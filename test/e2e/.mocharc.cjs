// The e2e run (`npm run test:e2e`, the e2e stages of `npm test`): every test/e2e/*.test.ts, or only the
// files named on the command line (`npx mocha --config test/e2e/.mocharc.cjs test/e2e/course.test.ts`),
// with one code-server and one Chromium for them all (hooks.ts). `npm test` runs the files in two shards,
// side by side, each with a code-server and a Chromium of its own: ZIGZAG_E2E_SHARD=course runs the files
// about course material (COURSE below), ZIGZAG_E2E_SHARD=playground every other file (so a new file runs).
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const COURSE = ['course.test.ts', 'courseMaterial.test.ts', 'hostile.test.ts'];

const named = process.argv.slice(2).some((a) => a.endsWith('.test.ts'));
const shard = process.env.ZIGZAG_E2E_SHARD;
if (shard !== undefined && shard !== 'course' && shard !== 'playground') {
  throw new Error(`ZIGZAG_E2E_SHARD must be course or playground, got ${shard}`);
}
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => shard === undefined || COURSE.includes(f) === (shard === 'course'))
  .map((f) => join('test', 'e2e', f));

module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/e2e/hooks.ts'],
  ...(named ? {} : { spec: files }),
  timeout: 60000,
  slow: 2000,
  reporter: 'spec',
};
