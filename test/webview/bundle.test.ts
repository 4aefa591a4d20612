// What the webview bundles hold, read from esbuild's metafile of the build this stage just made
// (dist/meta/<bundle>.json): each may take from the repository only the sources listed for it here.
// The playground's main bundle gets the engine's types (erased) and catalogs (data), never the engine's
// computation: runs come from the host in messages. Runs in Node; no page needed.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

interface Metafile {
  readonly outputs: Record<string, { readonly entryPoint?: string; readonly inputs: Record<string, { readonly bytesInOutput: number }> }>;
}

/** A source a bundle may hold, and why when it is not the bundle's own kind of code. */
interface Source {
  readonly path: RegExp;
  readonly why?: string;
}

/**
 * Each webview bundle and where its code may come from. A bundle that needs the engine itself (say a
 * Markdown-preview embed that computes its own run) is added here with `src/engine/` and its reason.
 */
const WEBVIEW_BUNDLES: readonly { readonly bundle: string; readonly allowed: readonly Source[]; readonly why: string }[] = [
  {
    bundle: 'webview',
    why: 'the playground draws runs the host computed',
    allowed: [
      { path: /^webview\// },
      { path: /^src\/shared\// },
      { path: /^src\/engine\/catalog\// },
      { path: /^node_modules\/(preact|uplot|d3-array|d3-contour)\// },
      {
        path: /^src\/engine\/(metrics|hypot)\.ts$/,
        why: 'MetricsTimeline: the metrics of the run up to the current step by the engine’s one definition (pure arithmetic over the run the webview has), so at the last step the panel shows the host’s numbers bit for bit',
      },
    ],
  },
  // A Markdown preview or a notebook output has no host to ask for runs: these compute their own.
  ...['markdownEmbed', 'notebookEmbed'].map((bundle) => ({
    bundle,
    why: 'a plot in course material computes its run in the page',
    allowed: [
      { path: /^webview\// },
      { path: /^src\/shared\// },
      { path: /^src\/engine\// },
      { path: /^node_modules\/(preact|uplot|d3-array|d3-contour)\// },
    ],
  })),
];

/** The bundle's sources and the bytes each puts into the output. */
function bundleInputs(bundle: string): Map<string, number> {
  const file = join(root, 'dist/meta', `${bundle}.json`);
  assert.ok(existsSync(file), `${file} is missing: build with node esbuild.mjs ${bundle}`);
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Metafile;
  const inputs = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    if (!output.entryPoint) continue;
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) inputs.set(path, (inputs.get(path) ?? 0) + bytesInOutput);
  }
  return inputs;
}

/** The sources no entry allows. */
function strays(paths: Iterable<string>, allowed: readonly Source[]): string[] {
  return [...paths].filter((path) => !allowed.some((a) => a.path.test(path)));
}

/** Bytes per group of sources: a package, or a folder of ours. */
function summary(inputs: Map<string, number>): string {
  const groups = new Map<string, number>();
  for (const [path, bytes] of inputs) {
    const key = path.startsWith('node_modules/')
      ? path.split('/')[1]
      : path
          .split('/')
          .slice(0, path.startsWith('src/') ? 2 : 1)
          .join('/');
    groups.set(key, (groups.get(key) ?? 0) + bytes);
  }
  return [...groups]
    .sort((a, b) => b[1] - a[1])
    .map(([k, b]) => `${k} ${(b / 1024).toFixed(1)} KB`)
    .join(', ');
}

describe('webview bundles hold only what they use', () => {
  for (const { bundle, allowed, why } of WEBVIEW_BUNDLES) {
    it(`${bundle}: only its listed sources (${why})`, function () {
      const inputs = bundleInputs(bundle);
      assert.deepEqual(strays(inputs.keys(), allowed), [], `${bundle} bundles sources it may not hold`);
      // The bundle really was read: its entry and its libraries are there.
      assert.ok([...inputs.keys()].some((p) => p.startsWith('webview/')) && [...inputs.keys()].some((p) => p.includes('uplot')));
      console.log(`      ${bundle}: ${summary(inputs)}`);
    });
  }

  it('the playground guard names engine, host and Node sources (what an engine value import used to bring in)', () => {
    const seen = [
      'webview/App.tsx',
      'src/shared/contours.ts',
      'src/engine/catalog/optimizers.ts',
      'src/engine/metrics.ts',
      'src/engine/hypot.ts',
      'node_modules/uplot/dist/uPlot.esm.js',
    ];
    const bad = [
      'src/engine/portableMath.ts',
      'src/engine/expression.ts',
      'src/engine/scenario.ts',
      'src/engine/simulate.ts',
      'src/host/session.ts',
      'node_modules/ajv/lib/ajv.js',
    ];
    assert.deepEqual(strays([...seen, ...bad], WEBVIEW_BUNDLES[0].allowed), bad);
  });
});
