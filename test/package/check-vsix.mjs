#!/usr/bin/env node
// Builds the .vsix (npm run package) and checks what a user would install: under 1 MB, the bundles,
// manifest strings, schema and media inside; no sources, tests, maps or node_modules; bundle budgets.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const vsix = join(root, 'dist', 'zigzag-playground.vsix');

/** File names from the zip's central directory (a .vsix is a zip). */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? '  ok  ' : 'FAILED'} ${what}`);
  if (!ok) failures.push(what);
};

const size = statSync(vsix).size;
const names = zipEntries(readFileSync(vsix)).map((n) => n.replace(/^extension\//, ''));
check(size < 1024 * 1024, `.vsix is ${(size / 1024).toFixed(1)} KB (< 1 MB)`);
for (const f of [
  'package.json',
  'package.nls.json',
  'README.md',
  'LICENSE.txt',
  'dist/extension.js',
  'dist/web/extension.js',
  'dist/webview/main.js',
  'dist/webview/main.css',
  'dist/scenario.schema.json',
  'dist/embed/markdown.js',
  'dist/embed/markdown.css',
  'dist/embed/notebook.js',
  'dist/embed/notebook.css',
  'media/zigzag.svg',
  'media/walkthrough/open.md',
]) {
  check(
    names.some((n) => n.toLowerCase() === f.toLowerCase()),
    `contains ${f}`,
  );
}
const stray = names.filter((n) => /^(src|test|webview|node_modules|examples|\.ci)\//.test(n) || n.endsWith('.map') || n.endsWith('.ts'));
check(stray.length === 0, `no sources, tests, maps or node_modules${stray.length ? `: ${stray.slice(0, 5).join(', ')}` : ''}`);
const kb = (f) => statSync(join(root, f)).size / 1024;
const gz = (f) => gzipSync(readFileSync(join(root, f))).length / 1024;
check(kb('dist/extension.js') < 150, `extension bundle ${kb('dist/extension.js').toFixed(1)} KB (< 150 KB)`);
check(kb('dist/web/extension.js') < 150, `browser extension bundle ${kb('dist/web/extension.js').toFixed(1)} KB (< 150 KB)`);
check(gz('dist/webview/main.js') < 100, `webview bundle ${gz('dist/webview/main.js').toFixed(1)} KB gzipped (< 100 KB)`);
// The plots in Markdown previews and notebook outputs carry the engine (they compute in the page): the
// same budget as the playground's webview, each.
for (const f of ['dist/embed/markdown.js', 'dist/embed/notebook.js'])
  check(gz(f) < 100, `embed bundle ${f} ${gz(f).toFixed(1)} KB gzipped (< 100 KB)`);
// The browser bundle must not reach for Node: require() of a Node builtin would fail in vscode.dev.
const web = readFileSync(join(root, 'dist/web/extension.js'), 'utf8');
const nodeRequires = [...web.matchAll(/require\(["'](node:[^"']+|fs|path|os|child_process|crypto)["']\)/g)].map((m) => m[1]);
check(nodeRequires.length === 0, `browser bundle requires no Node modules${nodeRequires.length ? `: ${nodeRequires.join(', ')}` : ''}`);
// Production bundles replace the development ones the other stages use: rebuild those.
execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'extension', 'webExtension', 'webview', 'markdownEmbed', 'notebookEmbed'], {
  cwd: root,
  stdio: 'ignore',
});
if (failures.length) {
  console.error(`${failures.length} package check(s) failed`);
  process.exit(1);
}
