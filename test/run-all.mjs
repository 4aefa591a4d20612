#!/usr/bin/env node
// `npm test`: every stage, each reported; exits non-zero if any failed; ends with ONE summary line.
// A small scheduler runs LANES stages at a time (three on the two cores it was written for, so both e2e
// shards start with the checks): when one ends, the next stage in ORDER whose needs are met
// starts, preferably one of another kind than the stages still running. A stage whose need failed is
// reported failed (not run). Each stage's output is printed whole when it ends (a line says when each
// starts), so two stages' lines never mix; the end says how busy the machine's cores were. Each stage
// gets a temp folder of its own (TMPDIR, removed at the end) and each slot its own range of loopback ports
// for code-server (ZIGZAG_PORTS). Nothing rebuilds dist/ after the build stage (ZIGZAG_BUILT=1), and the
// package stage builds the .vsix in a folder of its own. Each stage has a timeout; Ctrl-C / SIGTERM stop the
// running stages (which stop their code-server and Chromium) and exit.
//   node test/run-all.mjs [--quick] [stage…]
// `--quick` (npm run test:quick): typecheck, lint, build and unit only. Named stages: only those.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const node = process.execPath;
// (Short: sockets of code-server and Chromium live under it, and a socket's path has at most 107 bytes.)
const runDir = mkdtempSync(join(tmpdir(), 'zz-test-'));
const vsix = join(runDir, 'zigzag-playground.vsix');

/**
 * How many stages run at a time (ZIGZAG_LANES, default 3: both e2e shards and a check start together),
 * and the loopback ports each slot's code-servers take theirs from (below Linux's ephemeral range).
 */
const LANES = Number(process.env.ZIGZAG_LANES ?? 3);
if (!Number.isInteger(LANES) || LANES < 1 || LANES > 8) {
  console.error(`[test] ZIGZAG_LANES must be a whole number from 1 to 8, got ${process.env.ZIGZAG_LANES}`);
  process.exit(2);
}
const SLOT_PORTS = Array.from({ length: LANES }, (_, i) => `${21000 + 1000 * i}-${21999 + 1000 * i}`);

/**
 * In summary order: name, kind ('cpu': computes; 'browser': drives Chromium, much of it waiting), commands
 * (run in sequence), timeout, the stages it needs, extra environment.
 */
/** `npm run test:quick`: the everyday loop. */
const QUICK_RUN = process.argv.includes('--quick');

/**
 * A full run starts the build alone, so both e2e shards (the longest stages) start the moment it ends
 * instead of waiting behind the checks that need no build; the everyday loop starts everything at once.
 */
const AFTER_BUILD = QUICK_RUN ? [] : ['build'];

const STAGES = [
  {
    name: 'typecheck',
    kind: 'cpu',
    // The everyday loop keeps what tsc learnt of unchanged files (node_modules/.cache/tsc/; 24 CPU-s → 11 with
    // nothing changed, less saved when a file many import changed); a full run checks every file afresh.
    cmds: [
      ['.', 'root'],
      ['src/engine', 'engine'],
      ['src/shared', 'shared'],
    ].map(([project, name]) => [
      bin('tsc'),
      '-p',
      project,
      '--noEmit',
      ...(QUICK_RUN ? ['--incremental', '--tsBuildInfoFile', `node_modules/.cache/tsc/${name}.tsbuildinfo`] : []),
    ]),
    minutes: 5,
    needs: AFTER_BUILD,
  },
  // ESLint (typescript-eslint, type-aware), Prettier's check and knip (unused files, exports, dependencies): `npm run lint`.
  {
    name: 'lint',
    kind: 'cpu',
    cmds: [
      // The everyday loop reuses what ESLint found in unchanged files (24 s → 2 s); a full run checks every file
      // afresh, since a change of types in one file can change what another file's rules find.
      [bin('eslint'), ...(QUICK_RUN ? ['--cache', '--cache-location', 'node_modules/.cache/eslint/'] : []), '.'],
      [bin('prettier'), '--check', '--cache', '--log-level', 'warn', '.'],
      [bin('knip'), '--no-progress'],
    ],
    minutes: 5,
    needs: AFTER_BUILD,
  },
  // Also the Markdown embed and the notebook renderer as released, whose pages the browser stage measures for long tasks.
  {
    name: 'build',
    kind: 'cpu',
    cmds: [
      [node, 'esbuild.mjs'],
      [node, 'esbuild.mjs', '--production', '--dist', 'dist/production', 'markdownEmbed', 'notebookEmbed'],
    ],
    minutes: 3,
  },
  // Everything that runs in Node alone, the webview's logic included (.mocharc.cjs).
  // In the everyday loop its files run on both cores (the other quick stages end early); a full run keeps
  // one process, whose modules load once, as the other lanes keep the cores busy.
  { name: 'unit', kind: 'cpu', cmds: [[bin('mocha'), ...(QUICK_RUN ? ['--parallel', '--jobs', '2'] : [])]], minutes: 10, needs: ['build'] },
  // The engine's browser bundle in Chromium against its Node bundle, bit for bit.
  {
    name: 'browser',
    kind: 'browser',
    cmds: [
      [bin('mocha'), '--no-config', '--node-option', 'import=tsx', '--timeout', '120000', '--reporter', 'dot', 'test/browser/**/*.test.ts'],
    ],
    minutes: 5,
    needs: ['build'],
  },
  { name: 'webview', kind: 'browser', cmds: [[node, 'test/webview/run.mjs']], minutes: 10, needs: ['build'] },
  { name: 'extension-host', kind: 'browser', cmds: [[node, 'test/extension/runTest.mjs']], minutes: 10, needs: ['build'] },
  // (Limits against hangs, not budgets.)
  // The real workbench in two shards side by side, each with a code-server and a Chromium of its own.
  {
    name: 'e2e',
    kind: 'browser',
    cmds: [[bin('mocha'), '--config', 'test/e2e/.mocharc.cjs']],
    minutes: 15,
    needs: ['build'],
    env: { ZIGZAG_E2E_SHARD: 'playground' },
  },
  {
    name: 'e2e-course',
    kind: 'browser',
    cmds: [[bin('mocha'), '--config', 'test/e2e/.mocharc.cjs']],
    minutes: 15,
    needs: ['build'],
    env: { ZIGZAG_E2E_SHARD: 'course' },
  },
  // The .vsix as released, built in a folder of its own, and its contents: size, files, icon, bundle budgets.
  {
    name: 'package',
    kind: 'cpu',
    cmds: [
      [node, 'package-vsix.mjs', '--out', vsix],
      [node, 'test/package/check-vsix.mjs', vsix],
    ],
    minutes: 3,
  },
  // That .vsix installed as users install it, driven in Restricted Mode and in the web worker host.
  {
    name: 'artifact',
    kind: 'browser',
    cmds: [[bin('mocha'), '--config', 'test/artifact/.mocharc.cjs']],
    minutes: 10,
    needs: ['package'],
    env: { ZIGZAG_VSIX: vsix },
  },
];
/**
 * The order stages start in as slots free up: the build first (the browser stages wait for it), then the
 * two e2e shards, the longest, beside the type check; the other checks and browser stages after them.
 */
const ORDER = ['build', 'typecheck', 'e2e', 'e2e-course', 'lint', 'unit', 'package', 'browser', 'webview', 'extension-host', 'artifact'];
const QUICK = ['typecheck', 'lint', 'build', 'unit'];

const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !STAGES.some((s) => s.name === n));
if (unknown.length > 0) {
  console.error(`[test] no stage named ${unknown.join(', ')}; stages: ${STAGES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const wanted = named.length > 0 ? named : QUICK_RUN ? QUICK : STAGES.map((s) => s.name);
const stages = STAGES.filter((s) => wanted.includes(s.name));

const running = new Set(); // children running now (each the leader of its own process group)
let interrupted = null;

function kill(child, signal) {
  try {
    process.kill(-child.pid, signal);
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
      for (const c of running) kill(c, 'SIGKILL');
      process.exit(code);
    }
    interrupted = { sig, code };
    console.error(`\n[test] ${sig}: stopping the running stages …`);
    for (const c of running) kill(c, sig === 'SIGHUP' ? 'SIGTERM' : sig);
    setTimeout(() => {
      for (const c of running) kill(c, 'SIGKILL');
      rmSync(runDir, { recursive: true, force: true });
      process.exit(code);
    }, 15_000).unref();
  });
}

/**
 * The machine's CPU time so far, busy and in all (clock ticks; Linux: the first line of /proc/stat), or
 * undefined elsewhere. The share busy over a run says whether more lanes could help: near 100 %, the run
 * is bound by the cores, not by waiting.
 */
function machineTicks() {
  try {
    const [user, nice, system, idle, iowait, ...rest] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
    const all = user + nice + system + idle + iowait + rest.slice(0, 3).reduce((x, y) => x + y, 0);
    return { busy: all - idle - iowait, all };
  } catch {
    return undefined;
  }
}
const ticksAtStart = machineTicks();

/**
 * A CPU accounting group for one stage (Linux cgroups, writable as root: v1's cpuacct or v2), so a stage's
 * CPU time counts every process it starts — code-server and Chromium included, which reaped-children
 * figures miss. Undefined where there is none; the stage then runs as before and shows no CPU figure.
 */
function cpuGroup(name) {
  const id = `zz-test-${process.pid}-${name}`;
  for (const [dir, read] of [
    ['/sys/fs/cgroup/cpuacct', (d) => Number(readFileSync(join(d, 'cpuacct.usage'), 'utf8')) / 1e9],
    ['/sys/fs/cgroup', (d) => Number(/usage_usec (\d+)/.exec(readFileSync(join(d, 'cpu.stat'), 'utf8'))[1]) / 1e6],
  ]) {
    const path = join(dir, id);
    try {
      mkdirSync(path);
      read(path);
      return { procs: join(path, 'cgroup.procs'), seconds: () => read(path), remove: () => rmdirSync(path) };
    } catch {
      try {
        rmdirSync(path);
      } catch {
        /* never made */
      }
    }
  }
  return undefined;
}

/**
 * Runs one command in its own process group (in the stage's CPU group, entered before it starts);
 * its output (stdout and stderr, in order) goes to `out`.
 */
function runOne(cmd, cmdArgs, { timeoutMs, env, out, group }) {
  return new Promise((resolveRun) => {
    const [file, fileArgs] = group ? ['/bin/sh', ['-c', 'echo $$ > "$0" && exec "$@"', group.procs, cmd, ...cmdArgs]] : [cmd, cmdArgs];
    const child = spawn(file, fileArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
    running.add(child);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      out.push(Buffer.from(`\n[test] ${cmdArgs.join(' ')} timed out after ${timeoutMs / 60_000} min: stopping it\n`));
      kill(child, 'SIGTERM');
      setTimeout(() => kill(child, 'SIGKILL'), 15_000).unref();
    }, timeoutMs);
    const done = (result) => {
      clearTimeout(timer);
      running.delete(child);
      resolveRun(result);
    };
    child.on('error', (e) => done({ ok: false, why: e.message }));
    // 'close', not 'exit': the pipes are drained, so the stage's output is whole.
    child.on('close', (code, signal) => {
      if (timedOut) done({ ok: false, why: 'timed out' });
      else done({ ok: code === 0, why: signal ? `killed by ${signal}` : `exit ${code}` });
    });
  });
}

const seconds = (ms) => `${Math.round(ms / 1000)}s`;
const shown = (cmd) => (cmd.startsWith(root) ? cmd.slice(root.length + 1) : cmd === node ? 'node' : cmd);
const results = new Map(); // name → promise of { ok, why, ms }
const t0 = Date.now();

async function runStage(stage, slot) {
  const failedNeed = [];
  for (const n of (stage.needs ?? []).filter((need) => results.has(need))) if (!(await results.get(n)).ok) failedNeed.push(n);
  const start = Date.now();
  const out = [];
  let result;
  const group = cpuGroup(stage.name);
  if (interrupted) {
    result = { ok: false, why: `not run (${interrupted.sig})` };
  } else if (failedNeed.length > 0) {
    result = { ok: false, why: `not run: ${failedNeed.join(', ')} failed` };
  } else {
    console.log(`[test] ${stage.name} started (${seconds(start - t0)} in)`);
    const tmp = join(runDir, stage.name);
    mkdirSync(tmp, { recursive: true });
    const env = {
      ...process.env,
      FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0'),
      TMPDIR: tmp,
      ZIGZAG_PORTS: SLOT_PORTS[slot],
      ZIGZAG_BUILT: '1',
      ...stage.env,
    };
    result = { ok: true };
    for (const [cmd, ...cmdArgs] of stage.cmds) {
      out.push(Buffer.from(`$ ${[shown(cmd), ...cmdArgs].join(' ')}\n`));
      const r = await runOne(cmd, cmdArgs, { timeoutMs: stage.minutes * 60_000, env, out, group });
      if (!r.ok) {
        result = r;
        break;
      }
    }
  }
  const ms = Date.now() - start;
  const cpu = group?.seconds();
  try {
    group?.remove();
  } catch {
    out.push(Buffer.from(`[test] ${stage.name} left processes running\n`));
  }
  const rule = '─'.repeat(Math.max(4, 60 - stage.name.length));
  process.stdout.write(`\n── ${stage.name} ${rule}\n`);
  process.stdout.write(Buffer.concat(out));
  const cpuNote = cpu === undefined ? '' : ` (${Math.round(cpu)} s of CPU)`;
  console.log(`── ${stage.name}: ${result.ok ? 'passed' : `FAILED (${result.why})`} in ${seconds(ms)}${cpuNote}`);
  return { ...result, ms, cpu };
}

// The scheduler. Every stage's result is a promise registered up front, so a stage can wait for its needs.
const finish = new Map();
for (const s of stages) results.set(s.name, new Promise((resolveStage) => finish.set(s.name, resolveStage)));
const ended = new Set();
const pending = ORDER.map((name) => stages.find((s) => s.name === name)).filter(Boolean);
/** slot → the stage running in it. */
const slots = SLOT_PORTS.map(() => null);
/** A stage can start once each stage it needs (of those selected) has ended. */
const ready = (s) => (s.needs ?? []).every((n) => !results.has(n) || ended.has(n));
await new Promise((allDone) => {
  const fill = () => {
    for (let slot = 0; slot < slots.length; slot++) {
      if (slots[slot]) continue;
      const runningKinds = slots.filter(Boolean).map((s) => s.kind);
      const candidates = pending.filter(ready);
      const next = candidates.find((s) => !runningKinds.includes(s.kind)) ?? candidates[0];
      if (!next) break;
      pending.splice(pending.indexOf(next), 1);
      slots[slot] = next;
      void runStage(next, slot).then((result) => {
        slots[slot] = null;
        ended.add(next.name);
        finish.get(next.name)(result);
        fill();
      });
    }
    if (pending.length === 0 && slots.every((s) => s === null)) allDone();
  };
  fill();
});

const summary = [];
for (const s of stages) summary.push({ name: s.name, ...(await results.get(s.name)) });
const failed = summary.filter((r) => !r.ok);
const parts = summary.map(
  (r) => `${r.name}${r.ok ? '' : ' FAILED'} ${seconds(r.ms)}${r.cpu === undefined ? '' : ` (cpu ${Math.round(r.cpu)}s)`}`,
);
rmSync(runDir, { recursive: true, force: true });
const ticksAtEnd = machineTicks();
if (ticksAtStart && ticksAtEnd && ticksAtEnd.all > ticksAtStart.all) {
  const busy = (ticksAtEnd.busy - ticksAtStart.busy) / (ticksAtEnd.all - ticksAtStart.all);
  console.log(`\nThe machine's cores were busy ${Math.round(busy * 100)} % of the run (all its processes, ours and any others).`);
}
console.log(
  `\n${failed.length === 0 ? 'PASS' : `FAIL (${failed.map((r) => r.name).join(', ')})`} ${parts.join(' · ')} · total ${seconds(Date.now() - t0)}`,
);
process.exit(interrupted ? interrupted.code : failed.length === 0 ? 0 : 1);
