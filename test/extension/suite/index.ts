// Mocha runner loaded by the real VS Code extension host (desktop or code-server): the extension-host
// test entry point (`extensionTestsPath`). Runs every `*.test.js` built next to this file.
// Env (passed through runTest.mjs): ZIGZAG_GREP (mocha --grep), ZIGZAG_TEST_FILE (one file, e.g. "commands").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // The reporter's console.log(format, ...args) reaches the test runner's terminal through the workbench
  // log (code-server) as separate arguments: hand it finished lines.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.ZIGZAG_GREP;
  if (grep) mocha.grep(grep);
  const only = process.env.ZIGZAG_TEST_FILE;
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !only || f === only || f === `${only}.test.js` || f.startsWith(`${only}.`))
    .sort();
  if (files.length === 0) throw new Error(`no extension-host test files in ${__dirname}${only ? ` matching ${only}` : ''}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
