#!/usr/bin/env node
// Runs the extension-host suites (dist/test/extension/suite, built by `node esbuild.mjs`) in a real VS Code
// through @vscode/test-electron's runTests:
//   - a downloaded desktop VS Code when one can be had (ZIGZAG_VSCODE=desktop forces it; "auto", the
//     default, tries it only when the update server answers within 3 s and a display is available);
//   - otherwise code-server 4.139.1 under Node 24 through test/tools/code-server-launcher.mjs
//     (ZIGZAG_VSCODE=code-server forces it).
// Env: ZIGZAG_TEST_FILE=extension (one suite file), ZIGZAG_GREP=pattern, ZIGZAG_EXTENSION_PATH=dir (the
// extension under test; default: this repo), ZIGZAG_TEST_TIMEOUT=seconds (code-server run, default 300).
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools, requireChromium, toolsDir } from '../tools/install-tools.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const launcher = join(repoRoot, 'test', 'tools', 'code-server-launcher.mjs');
const extensionDevelopmentPath = resolve(process.env.ZIGZAG_EXTENSION_PATH || repoRoot);
const extensionTestsPath = join(repoRoot, 'dist', 'test', 'extension', 'suite', 'index.js');

async function desktopReachable() {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display ($DISPLAY unset)';
  try {
    const res = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(3000) });
    return res.ok ? true : `update server answered ${res.status}`;
  } catch (e) {
    return `update server unreachable (${e.cause?.code ?? e.name})`;
  }
}

async function main() {
  if (!existsSync(extensionTestsPath)) {
    console.error(`[extension-host] ${extensionTestsPath} is missing: build first with \`node esbuild.mjs\``);
    return 1;
  }
  const mode = process.env.ZIGZAG_VSCODE || 'auto';
  if (!['auto', 'desktop', 'code-server'].includes(mode)) {
    console.error(`[extension-host] ZIGZAG_VSCODE must be auto, desktop or code-server, got ${mode}`);
    return 1;
  }
  const workspace = mkdtempSync(join(tmpdir(), 'zigzag-ext-workspace-'));
  const profile = mkdtempSync(join(tmpdir(), 'zigzag-ext-profile-'));
  // runTests forwards SIGINT to VS Code / the launcher itself; on SIGTERM/SIGHUP we remove our temp dirs
  // and exit, and the launcher, seeing its parent gone, stops code-server and Chromium.
  const removeTemp = () => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  };
  process.on('exit', removeTemp);
  for (const [sig, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])
    process.on(sig, () => process.exit(code));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ZIGZAG_')));
  try {
    let vscodeExecutablePath;
    let why = 'ZIGZAG_VSCODE=code-server';
    if (mode !== 'code-server') {
      const reachable = mode === 'desktop' ? true : await desktopReachable();
      if (reachable === true) {
        try {
          vscodeExecutablePath = await downloadAndUnzipVSCode({ cachePath: join(toolsDir, 'vscode-test'), timeout: 20_000 });
          console.error(`[extension-host] desktop VS Code: ${vscodeExecutablePath}`);
        } catch (e) {
          if (mode === 'desktop') throw e;
          why = `desktop download failed (${e.message})`;
        }
      } else {
        why = reachable;
      }
    }
    if (!vscodeExecutablePath) {
      console.error(`[extension-host] code-server 4.139.1 (${why})`);
      requireChromium();
      await ensureTools();
      vscodeExecutablePath = launcher;
    }
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        `--user-data-dir=${join(profile, 'user')}`,
        `--extensions-dir=${join(profile, 'ext')}`,
        '--disable-extensions',
      ],
    });
    return 0;
  } catch (e) {
    console.error(`[extension-host] FAILED: ${e.message}`);
    return 1;
  } finally {
    removeTemp();
  }
}

main().then((code) => process.exit(code));
