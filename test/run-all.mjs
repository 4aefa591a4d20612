#!/usr/bin/env node
// `npm test`: every stage, in order, each reported; exits non-zero if any failed; ends with ONE summary line.
//   typecheck → lint → build → unit → browser → webview → extension-host → e2e → package → artifact
// A stage that needs the build is reported failed (not run) when the build failed. Each stage has a
// timeout; Ctrl-C / SIGTERM stop the running stage (which stops its code-server and Chromium) and exit.
// Run one stage alone with its npm script (test:unit, test:webview, test:extension, test:e2e).
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const node = process.execPath;

/** name, commands (run in sequence), timeout, needs build, optional presence check. */
const STAGES = [
  {
    name: 'typecheck',
    cmds: [
      [bin('tsc'), '-p', '.', '--noEmit'],
      [bin('tsc'), '-p', 'src/engine', '--noEmit'],
      [bin('tsc'), '-p', 'src/shared', '--noEmit'],
    ],
    minutes: 5,
  },
  // ESLint (typescript-eslint, type-aware) and Prettier's check: `npm run lint`; `npm run format` fixes.
  {
    name: 'lint',
    cmds: [
      [bin('eslint'), '.'],
      [bin('prettier'), '--check', '--log-level', 'warn', '.'],
    ],
    minutes: 5,
  },
  { name: 'build', cmds: [[node, 'esbuild.mjs']], minutes: 3 },
  { name: 'unit', cmds: [[bin('mocha')]], minutes: 10 },
  // The engine's browser bundle in Chromium against its Node bundle, bit for bit.
  {
    name: 'browser',
    cmds: [
      [bin('mocha'), '--no-config', '--node-option', 'import=tsx', '--timeout', '120000', '--reporter', 'dot', 'test/browser/*.test.ts'],
    ],
    minutes: 5,
  },
  { name: 'webview', cmds: [[node, 'test/webview/run.mjs']], minutes: 10, needsBuild: true },
  { name: 'extension-host', cmds: [[node, 'test/extension/runTest.mjs']], minutes: 10, needsBuild: true },
  // (Limits against hangs, not budgets: on a loaded 2-core machine these two take 7–9 minutes.)
  { name: 'e2e', cmds: [[bin('mocha'), '--config', 'test/e2e/.mocharc.json']], minutes: 15, needsBuild: true },
  // The .vsix's contents: size, files, icon, bundle budgets (it rebuilds dist/: after the stages that use it).
  { name: 'package', cmds: [[node, 'test/package/check-vsix.mjs']], minutes: 3 },
  // The .vsix installed as users install it, driven in Restricted Mode, the web worker and the Node host.
  { name: 'artifact', cmds: [[bin('mocha'), '--config', 'test/artifact/.mocharc.json']], minutes: 15 },
];

let current = null; // the running child (leader of its own process group)
let interrupted = null;

function killCurrent(signal) {
  if (!current) return;
  try {
    process.kill(-current.pid, signal);
  } catch {
    /* gone */
  }
}

for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(sig, () => {
    if (interrupted) {
      killCurrent('SIGKILL');
      process.exit(code);
    }
    interrupted = { sig, code };
    console.error(`\n[test] ${sig}: stopping the running stage …`);
    killCurrent(sig === 'SIGHUP' ? 'SIGTERM' : sig);
    setTimeout(() => {
      killCurrent('SIGKILL');
      process.exit(code);
    }, 15_000).unref();
  });
}

function runOne(cmd, args, timeoutMs) {
  return new Promise((resolveRun) => {
    // Own process group: a timeout or a signal reaches the stage and everything it started in-group.
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[test] ${args.join(' ')} timed out after ${timeoutMs / 60_000} min: stopping it`);
      killCurrent('SIGTERM');
      setTimeout(() => killCurrent('SIGKILL'), 15_000).unref();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      current = null;
      resolveRun({ ok: false, why: e.message });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      if (timedOut) resolveRun({ ok: false, why: 'timed out' });
      else resolveRun({ ok: code === 0, why: signal ? `killed by ${signal}` : `exit ${code}` });
    });
  });
}

const seconds = (ms) => `${Math.round(ms / 1000)}s`;
const results = [];
let buildOk = true;
const t0 = Date.now();

for (const stage of STAGES) {
  const start = Date.now();
  const line = '─'.repeat(Math.max(4, 60 - stage.name.length));
  console.log(`\n── ${stage.name} ${line}`);
  let result;
  if (interrupted) {
    result = { ok: false, why: `not run (${interrupted.sig})` };
  } else if (stage.needsBuild && !buildOk) {
    result = { ok: false, why: 'not run: the build failed' };
  } else {
    result = { ok: true };
    for (const [cmd, ...args] of stage.cmds) {
      console.log(`$ ${[cmd.startsWith(root) ? cmd.slice(root.length + 1) : cmd === node ? 'node' : cmd, ...args].join(' ')}`);
      const r = await runOne(cmd, args, stage.minutes * 60_000);
      if (!r.ok) {
        result = r;
        break;
      }
    }
  }
  if (stage.name === 'build') buildOk = result.ok;
  const ms = Date.now() - start;
  results.push({ name: stage.name, ms, ...result });
  console.log(`── ${stage.name}: ${result.ok ? 'passed' : `FAILED (${result.why})`} in ${seconds(ms)}`);
}

const failed = results.filter((r) => !r.ok);
const parts = results.map((r) => `${r.name}${r.ok ? '' : ' FAILED'} ${seconds(r.ms)}`);
console.log(
  `\n${failed.length === 0 ? 'PASS' : `FAIL (${failed.map((r) => r.name).join(', ')})`} ${parts.join(' · ')} · total ${seconds(Date.now() - t0)}`,
);
process.exit(interrupted ? interrupted.code : failed.length === 0 ? 0 : 1);
