#!/usr/bin/env node
// Checks what a user would install: under 1 MB, the bundles, manifest strings, schema and media inside, the
// Marketplace icon (a 256×256 PNG); no sources, tests, maps or node_modules; the budgets of the bundles in it.
//   node test/package/check-vsix.mjs [FILE.vsix]   (default: $ZIGZAG_VSIX, else a package built now by
//   package-vsix.mjs into a temp folder; the checkout's dist/ is never rebuilt)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync, inflateRawSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let vsix = process.argv[2] ?? process.env.ZIGZAG_VSIX;
if (!vsix) {
  const dir = mkdtempSync(join(tmpdir(), 'zigzag-check-vsix-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  vsix = join(dir, 'zigzag-playground.vsix');
  execFileSync(process.execPath, [join(root, 'package-vsix.mjs'), '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The zip's files from its central directory (a .vsix is a zip): name, method, sizes, local header offset. */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One file's bytes out of the zip (stored or deflated). */
function zipRead(buf, entry) {
  const h = entry.offset;
  if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`bad local header for ${entry.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entry.name}: unsupported zip method ${entry.method}`);
}

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? '  ok  ' : 'FAILED'} ${what}`);
  if (!ok) failures.push(what);
};

const size = statSync(vsix).size;
const zip = readFileSync(vsix);
const entries = zipEntries(zip);
const names = entries.map((e) => e.name.replace(/^extension\//, ''));
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
// The Marketplace icon: named by the manifest, inside the .vsix, a PNG of 256×256.
const manifest = JSON.parse(packaged('package.json').toString('utf8'));
check(manifest.icon === 'media/icon.png', `package.json "icon" is media/icon.png (got ${JSON.stringify(manifest.icon)})`);
const iconEntry = entries.find((e) => e.name === `extension/${manifest.icon}`);
const icon = iconEntry && pngSize(zipRead(zip, iconEntry));
check(
  icon?.width === 256 && icon?.height === 256,
  `the icon in the .vsix is a 256×256 PNG (${icon ? `${icon.width}×${icon.height}` : 'missing or not a PNG'})`,
);
const stray = names.filter((n) => /^(src|test|webview|node_modules|examples|\.ci)\//.test(n) || n.endsWith('.map') || n.endsWith('.ts'));
check(stray.length === 0, `no sources, tests, maps or node_modules${stray.length ? `: ${stray.slice(0, 5).join(', ')}` : ''}`);
/** A file of the package, by its path in the extension folder. */
function packaged(f) {
  const entry = entries.find((e) => e.name === `extension/${f}`);
  if (!entry) throw new Error(`${f} is not in ${vsix}`);
  return zipRead(zip, entry);
}
const kb = (f) => packaged(f).length / 1024;
const gz = (f) => gzipSync(packaged(f)).length / 1024;
// 220 KB since data files are read in pieces and watched and fan-in runs keep their Gram columns (205 KB then; papaparse
// 21 KB of it); it catches a library pulled in by mistake.
const HOST_BUNDLE_KB = 220;
check(kb('dist/extension.js') < HOST_BUNDLE_KB, `extension bundle ${kb('dist/extension.js').toFixed(1)} KB (< ${HOST_BUNDLE_KB} KB)`);
check(
  kb('dist/web/extension.js') < HOST_BUNDLE_KB,
  `browser extension bundle ${kb('dist/web/extension.js').toFixed(1)} KB (< ${HOST_BUNDLE_KB} KB)`,
);
check(gz('dist/webview/main.js') < 100, `webview bundle ${gz('dist/webview/main.js').toFixed(1)} KB gzipped (< 100 KB)`);
// The plots in Markdown previews and notebook outputs carry the engine (they compute in the page): the
// same budget as the playground's webview, each.
for (const f of ['dist/embed/markdown.js', 'dist/embed/notebook.js'])
  check(gz(f) < 100, `embed bundle ${f} ${gz(f).toFixed(1)} KB gzipped (< 100 KB)`);
// The browser bundle must not reach for Node: require() of a Node builtin would fail in vscode.dev.
const web = packaged('dist/web/extension.js').toString('utf8');
const nodeRequires = [...web.matchAll(/require\(["'](node:[^"']+|fs|path|os|child_process|crypto)["']\)/g)].map((m) => m[1]);
check(nodeRequires.length === 0, `browser bundle requires no Node modules${nodeRequires.length ? `: ${nodeRequires.join(', ')}` : ''}`);
if (failures.length) {
  console.error(`${failures.length} package check(s) failed`);
  process.exit(1);
}
