// The artifact run (`npm run test:artifact`, the artifact stage of `npm test`): every test/artifact/*.test.ts,
// or only the files named on the command line.
const named = process.argv.slice(2).some((a) => a.endsWith('.test.ts'));

module.exports = {
  'node-option': ['import=tsx'],
  ...(named ? {} : { spec: ['test/artifact/**/*.test.ts'] }),
  timeout: 60000,
  slow: 2000,
  reporter: 'spec',
};
