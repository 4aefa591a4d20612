#!/usr/bin/env node
// `npm run package`: the .vsix as released, built in a folder of its own. The manifest, docs and media that
// .vscodeignore lets in are copied there, the production bundles are built into its dist/, and vsce packages
// that folder; the checkout's dist/ (the development build other tools and test stages run) is never touched.
//   node package-vsix.mjs [--out FILE]     (default: dist/zigzag-playground.vsix)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const outAt = process.argv.indexOf('--out');
const target = resolve(outAt >= 0 ? (process.argv[outAt + 1] ?? '') : join(root, 'dist', 'zigzag-playground.vsix'));
if (outAt >= 0 && !process.argv[outAt + 1]) throw new Error('--out needs a file name');

const stage = mkdtempSync(join(tmpdir(), 'zigzag-package-'));
try {
  // What .vscodeignore lets into the package, other than the bundles built below.
  const allowed = readFileSync(join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!') && !line.startsWith('!dist/'))
    .map((line) => line.slice(1).replace(/\/\*\*$/, ''));
  for (const path of ['.vscodeignore', ...allowed]) {
    if (existsSync(join(root, path))) cpSync(join(root, path), join(stage, path), { recursive: true });
  }
  execFileSync(
    process.execPath,
    [
      join(root, 'esbuild.mjs'),
      'extension',
      'webExtension',
      'webview',
      'schema',
      'markdownEmbed',
      'notebookEmbed',
      '--production',
      '--dist',
      join(stage, 'dist'),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  mkdirSync(dirname(target), { recursive: true });
  execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', target], {
    cwd: stage,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`packaged ${target}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
