// One build script for every bundle: `node esbuild.mjs [--watch] [--production] [--dist DIR] [name…]`.
// Each bundle is one row of BUNDLES; a row whose entry file does not exist yet is skipped. The name
// `schema` writes dist/scenario.schema.json, generated from the engine's catalogs. Each build also
// writes esbuild's metafile, dist/meta/<bundle>.json: which sources each bundle holds, and how much of
// each (test/webview/bundle.test.ts reads the webview's). `--check` builds in memory and writes nothing:
// it exits 1 naming every output that differs from the file on disk (for outputs kept in git). `--dist DIR`
// writes all of it under DIR instead of dist/ (the .vsix is built that way, in a folder of its own: package-vsix.mjs).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const argv = process.argv.slice(2);
const distAt = argv.indexOf('--dist');
const distDir = distAt >= 0 ? resolve(argv[distAt + 1] ?? '') : 'dist';
if (distAt >= 0 && !argv[distAt + 1]) throw new Error('--dist needs a folder');
const args = new Set(argv.filter((_, i) => distAt < 0 || (i !== distAt && i !== distAt + 1)));
const watch = args.has('--watch');
const check = args.has('--check');
const production = args.has('--production');
/** A path under the output folder: dist/… by default, or under --dist. */
const out = (path) => (distDir === 'dist' ? path : join(distDir, path.replace(/^dist(\/|$)/, '')));

/** Every `*.ts` file under dir (recursively), for bundles that take a whole folder. */
function tsFilesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const node = { platform: 'node', format: 'cjs', target: 'node20' };
const browser = { platform: 'browser', format: 'iife', target: 'es2022' };

/** name → esbuild options (merged over the shared ones below). */
const BUNDLES = {
  // The extension in desktop VS Code / code-server / Codespaces (Node extension host).
  // mainFields: jsonc-parser's `main` is a UMD build whose lazy require()s esbuild cannot follow; its ESM build bundles.
  extension: {
    ...node,
    entryPoints: { extension: 'src/host/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    mainFields: ['module', 'main'],
  },
  // The same extension for the browser extension host (vscode.dev, github.dev).
  webExtension: {
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    entryPoints: { extension: 'src/host/extension.ts' },
    outdir: 'dist/web',
    external: ['vscode'],
  },
  // The playground UI inside the webview.
  webview: { ...browser, entryPoints: { main: 'webview/main.tsx' }, outdir: 'dist/webview', loader: { '.css': 'css' } },
  // Live plots in course material, the engine running in the page: the Markdown preview's script
  // (markdown.previewScripts; a classic script) and the notebook renderer (an ES module).
  markdownEmbed: {
    ...browser,
    entryPoints: { markdown: 'webview/embed/markdownPreview.ts' },
    outdir: 'dist/embed',
    loader: { '.css': 'css' },
  },
  notebookEmbed: {
    ...browser,
    format: 'esm',
    entryPoints: { notebook: 'webview/embed/notebookRenderer.ts' },
    outdir: 'dist/embed',
    loader: { '.css': 'css' },
  },
  // The command-line front end.
  // mainFields: as the extension's, for jsonc-parser (the scenario reader).
  cli: {
    ...node,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    mainFields: ['module', 'main'],
  },
  // The same CLI as one file in the course kit, for its grading workflow (the runner has Node, not this
  // project). Kept in git, so always built the same way (minified, no source map, whatever the flags),
  // and only when named (ON_REQUEST below).
  courseCli: {
    ...node,
    entryPoints: { zigzag: 'src/cli/main.ts' },
    outdir: 'examples/course/.github/zigzag',
    outExtension: { '.js': '.cjs' },
    banner: {
      js: '#!/usr/bin/env node\n// zigzag, the Zig-Zag Playground CLI, bundled by esbuild.mjs (courseCli) from src/cli/main.ts: do not edit.',
    },
    minify: true,
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    mainFields: ['module', 'main'],
  },
  // The engine alone, as the browser would load it (for the Node-vs-browser determinism test).
  engineBrowser: {
    ...browser,
    format: 'iife',
    globalName: 'ZigzagEngine',
    entryPoints: { engine: 'src/engine/index.ts' },
    outdir: 'dist/browser',
  },
  // The webview's preview of a change alone, as the page runs it (for the preview-vs-host determinism test).
  previewBrowser: {
    ...browser,
    format: 'iife',
    globalName: 'ZigzagPreview',
    entryPoints: { preview: 'src/shared/preview.ts' },
    outdir: 'dist/browser',
  },
  // Benchmarks.
  // ESM entry points so TensorFlow.js's core, gradients and cpu backend share one registry.
  bench: { ...node, entryPoints: tsFilesUnder('test/bench'), outdir: 'dist/bench', mainFields: ['module', 'main'] },
  // Extension-host test suites (loaded by the real VS Code's extension host).
  extensionTests: {
    ...node,
    entryPoints: tsFilesUnder('test/extension'),
    outdir: 'dist/test/extension',
    outbase: 'test/extension',
    external: ['vscode', 'mocha'],
  },
  // Pages and scripts the webview component tests load into Chromium.
  webviewTests: {
    ...browser,
    entryPoints: tsFilesUnder('test/webview/pages'),
    outdir: 'dist/test/webview',
    outbase: 'test/webview/pages',
    loader: { '.css': 'css' },
  },
};

/** dist/scenario.schema.json (VS Code's jsonValidation for *.zigzag.json): the scenario's and the exercise's fields. */
async function writeScenarioSchema() {
  const built = await esbuild.build({
    entryPoints: ['src/shared/exerciseSchema.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const code = Buffer.from(built.outputFiles[0].contents).toString('base64');
  const { scenarioFileSchema } = await import(`data:text/javascript;base64,${code}`);
  mkdirSync(out('dist'), { recursive: true });
  writeFileSync(out('dist/scenario.schema.json'), `${JSON.stringify(scenarioFileSchema(), null, 2)}\n`);
}

function present(options) {
  const entries = options.entryPoints;
  const files = Array.isArray(entries) ? entries : Object.values(entries);
  return files.length > 0 && files.every((f) => existsSync(f));
}

const shared = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

// Bundles written into the checkout and kept in git: built only when named (`node esbuild.mjs courseCli`),
// so a plain build leaves the working tree alone and the kit's test still sees a stale copy.
const ON_REQUEST = new Set(['courseCli']);

const only = [...args].filter((a) => !a.startsWith('--'));
const selected = Object.entries(BUNDLES).filter(
  ([name, o]) => (only.length === 0 ? !ON_REQUEST.has(name) : only.includes(name)) && present(o),
);
const schema = only.length === 0 || only.includes('schema');

/** `--check`: every output of the selected bundles, built in memory, equals the file on disk. */
async function checkUpToDate(bundles) {
  const stale = [];
  for (const [, options] of bundles) {
    const result = await esbuild.build({ ...shared, ...options, write: false });
    for (const file of result.outputFiles) {
      if (!existsSync(file.path) || Buffer.compare(readFileSync(file.path), file.contents) !== 0) stale.push(relative('.', file.path));
    }
  }
  if (stale.length > 0) {
    console.error(`stale: ${stale.join(', ')} (rebuild: node esbuild.mjs ${bundles.map(([name]) => name).join(' ')})`);
    process.exit(1);
  }
  console.log(`up to date: ${bundles.map(([name]) => name).join(', ')}`);
}

const started = Date.now();
if (check) {
  await checkUpToDate(selected);
} else {
  if (schema) await writeScenarioSchema();
  if (watch) {
    for (const [name, options] of selected) {
      const ctx = await esbuild.context({ ...shared, ...options, outdir: out(options.outdir) });
      await ctx.watch();
      console.log(`watching ${name}`);
    }
  } else {
    mkdirSync(out('dist/meta'), { recursive: true });
    await Promise.all(
      selected.map(async ([name, options]) => {
        const result = await esbuild.build({ ...shared, ...options, outdir: out(options.outdir), metafile: true });
        writeFileSync(out(`dist/meta/${name}.json`), JSON.stringify(result.metafile));
      }),
    );
    const names = [...selected.map(([name]) => name), ...(schema ? ['schema'] : [])].join(', ');
    console.log(`built ${names} in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
  }
}
