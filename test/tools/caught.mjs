#!/usr/bin/env node
// `npm run test:caught`: the suite still catches real bugs. Each case undoes one fix from the project's
// history (an engine, a webview and a real-workbench fix) in a worktree of HEAD, runs the stage of
// `npm test` that should catch it, and passes only if that stage fails in the named test. Slow (several
// minutes) and uses npm test's ports, so it is not part of `npm test`; run it after changing a test harness.
//   node test/tools/caught.mjs [case…]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each case: the fix it undoes, the source text the fix wrote and the text it replaced, the stage and test that catch it. */
const CASES = [
  {
    name: 'engine',
    fix: '4e1fd34 (a value nested 5,000 deep gets its message, not a stack overflow)',
    file: 'src/engine/scenario.ts',
    fixed: 'const s = clipped(v, SHOWN_CHARS + 1);\n  return s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 3)}...` : s;',
    broken: 'const s = JSON.stringify(v);\n  return s.length > 60 ? `${s.slice(0, 57)}...` : s;',
    stage: 'unit',
    caughtBy: 'arrays nested 5,000 deep',
  },
  {
    name: 'webview',
    fix: '536e15f (a frame already scheduled no longer moves the cursor after Reset, Step or Pause)',
    file: 'webview/usePlayback.ts',
    fixed: '      if (!playingRef.current) return;\n',
    broken: '',
    stage: 'webview',
    caughtBy: 'reset and step while playing land exactly where they say',
  },
  {
    name: 'workbench',
    fix: "648a3c2 (Save Scenario As…'s dialog filter is 'json': the simple file dialog appended .zigzag.json again)",
    file: 'src/host/fileCommands.ts',
    fixed: "{ 'Zig-Zag scenario': ['json'] }",
    broken: "{ 'Zig-Zag scenario': ['zigzag.json'] }",
    stage: 'e2e-course',
    caughtBy: '"Save Scenario As…" through the save dialog writes that scenario',
  },
];

const named = process.argv.slice(2);
const unknown = named.filter((n) => !CASES.some((c) => c.name === n));
if (unknown.length > 0) {
  console.error(`[caught] no case named ${unknown.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
const cases = named.length > 0 ? CASES.filter((c) => named.includes(c.name)) : CASES;

/** Runs a command in `cwd`, its output kept (and echoed), resolving with the exit code. */
function run(cmd, args, cwd) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => done({ code: code ?? 1, out }));
  });
}

const verdicts = [];
// One worktree of HEAD with its own install (npm ci, as CI installs; a link to this checkout's node_modules
// would change the paths the bundles are checked by), each case undone there and then restored.
const tree = mkdtempSync(join(tmpdir(), 'zz-caught-'));
try {
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', tree, 'HEAD'], { cwd: root });
  const install = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], tree);
  if (install.code !== 0) throw new Error(`npm ci in ${tree} failed (exit ${install.code})`);
  for (const c of cases) {
    const path = join(tree, c.file);
    const text = readFileSync(path, 'utf8');
    // The fix must still be there, once, or this case proves nothing.
    const at = text.indexOf(c.fixed);
    if (at < 0 || text.indexOf(c.fixed, at + 1) >= 0) {
      verdicts.push(`FAIL ${c.name}: ${c.file} no longer holds the fix's text once; update this case`);
      continue;
    }
    writeFileSync(path, text.replace(c.fixed, c.broken));
    console.log(`[caught] ${c.name}: undoing ${c.fix} in ${c.file}; running the ${c.stage} stage`);
    const { code, out } = await run(process.execPath, ['test/run-all.mjs', 'build', c.stage], tree);
    writeFileSync(path, text);
    // Mocha lists each failure after "N failing" (the spec reporter names passing tests too, above it).
    const failing = out.search(/\d+ failing/);
    const failedAsExpected = code !== 0 && out.includes(`── ${c.stage}: FAILED`) && failing >= 0 && out.slice(failing).includes(c.caughtBy);
    verdicts.push(
      failedAsExpected
        ? `caught ${c.name}: the ${c.stage} stage failed, in "${c.caughtBy}"`
        : `FAIL ${c.name}: the ${c.stage} stage ${code === 0 ? 'passed' : `failed but not in "${c.caughtBy}"`} with ${c.fix} undone`,
    );
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root });
  rmSync(tree, { recursive: true, force: true });
}
console.log(verdicts.join('\n'));
process.exit(verdicts.every((v) => v.startsWith('caught')) ? 0 : 1);
