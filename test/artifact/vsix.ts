// The .vsix under test: ZIGZAG_VSIX=file.vsix (npm test hands over the package stage's), else one built now
// by package-vsix.mjs, as the release is built, in a temp folder (the checkout's dist/ is never touched).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
  const dir = mkdtempSync(join(tmpdir(), 'zigzag-vsix-'));
  const path = join(dir, 'zigzag-playground.vsix');
  execFileSync(process.execPath, [join(repoRoot, 'package-vsix.mjs'), '--out', path], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
