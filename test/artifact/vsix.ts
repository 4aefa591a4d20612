// The .vsix under test: `npm run package`, as the release is built, copied out of dist/ (the development
// bundles are rebuilt afterwards, so a later stage or `npm start` does not run the minified production
// ones). ZIGZAG_VSIX=file.vsix tests a given package instead.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../tools/vscode-web.mjs';

export interface PackagedVsix {
  readonly path: string;
  dispose(): void;
}

export function packageVsix(): PackagedVsix {
  const given = process.env.ZIGZAG_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`ZIGZAG_VSIX=${given}: no such file`);
    return { path: resolve(given), dispose: () => undefined };
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(npm, ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  } finally {
    execFileSync(process.execPath, [join(repoRoot, 'esbuild.mjs'), 'extension', 'webExtension', 'webview'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'zigzag-vsix-'));
  const path = join(dir, 'zigzag-playground.vsix');
  copyFileSync(join(repoRoot, 'dist', 'zigzag-playground.vsix'), path);
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
