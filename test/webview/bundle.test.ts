// What the webview bundles hold, read from esbuild's metafile of the build this stage just made
// (dist/meta/<bundle>.json): each may take from the repository only the sources listed for it here.
// The playground's main bundle draws the runs the host sends; the engine's computation enters it only
// through the preview (src/shared/preview.ts), which runs a change in the page until the host answers,
// and the metrics up to the step shown (src/engine/metrics.ts). Runs in Node; no page needed.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

interface Metafile {
  readonly inputs: Record<string, { readonly imports: readonly { readonly path: string }[] }>;
  readonly outputs: Record<string, { readonly entryPoint?: string; readonly inputs: Record<string, { readonly bytesInOutput: number }> }>;
}

/** A source a bundle may hold, and why when it is not the bundle's own kind of code. */
interface Source {
  readonly path: RegExp;
  readonly why?: string;
}

/** The engine's metrics, which the playground's webview uses directly (MetricsTimeline). */
const METRICS_SOURCES: readonly Source[] = [
  {
    path: /^src\/engine\/(metrics|hypot)\.ts$/,
    why: 'MetricsTimeline: the metrics of the run up to the current step by the engine’s one definition (pure arithmetic over the run the webview has), so at the last step the panel shows the host’s numbers bit for bit',
  },
];

/** Each webview bundle and where its code may come from; one that needs the engine itself says why. */
const WEBVIEW_BUNDLES: readonly {
  readonly bundle: string;
  readonly allowed: readonly Source[];
  readonly why: string;
  /**
   * The engine's computation may enter only through these sources, or as one of `direct` (its
   * catalogs and types anywhere).
   */
  readonly engineVia?: { readonly gateways: readonly string[]; readonly direct: readonly Source[] };
}[] = [
  {
    bundle: 'webview',
    why: 'the playground draws the host’s runs and previews a change with the engine until the host answers (issue 12)',
    allowed: [
      { path: /^webview\// },
      { path: /^src\/shared\// },
      { path: /^src\/engine\//, why: 'the preview of a change (through src/shared/preview.ts only) and the metrics timeline' },
      { path: /^node_modules\/(preact|uplot|d3-array|d3-contour)\// },
    ],
    engineVia: { gateways: ['src/shared/preview.ts'], direct: METRICS_SOURCES },
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
      { path: /^node_modules\/jsonc-parser\//, why: 'the scenario reader finds a key given twice in a block (its visitor)' },
    ],
  })),
];

const isEngineComputation = (path: string): boolean => /^src\/engine\/(?!catalog\/|types\.ts$)/.test(path);

/**
 * The engine sources reachable from the bundle's own code without passing through `gateways`: the
 * import graph from the metafile, walked from every webview/ source, stopping at the gateways.
 */
function engineOutsideGateway(bundle: string, gateways: readonly string[]): string[] {
  const meta = readMeta(bundle);
  const seen = new Set<string>();
  const stack = Object.keys(meta.inputs).filter((p) => p.startsWith('webview/'));
  const found = new Set<string>();
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (seen.has(path) || gateways.includes(path)) continue;
    seen.add(path);
    if (isEngineComputation(path)) found.add(path);
    for (const i of meta.inputs[path]?.imports ?? []) stack.push(i.path);
  }
  return [...found].sort();
}

function readMeta(bundle: string): Metafile {
  const file = join(root, 'dist/meta', `${bundle}.json`);
  assert.ok(existsSync(file), `${file} is missing: build with node esbuild.mjs ${bundle}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Metafile;
}

/** The bundle's sources and the bytes each puts into the output. */
function bundleInputs(bundle: string): Map<string, number> {
  const meta = readMeta(bundle);
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
  for (const { bundle, allowed, why, engineVia } of WEBVIEW_BUNDLES) {
    it(`${bundle}: only its listed sources (${why})`, function () {
      const inputs = bundleInputs(bundle);
      assert.deepEqual(strays(inputs.keys(), allowed), [], `${bundle} bundles sources it may not hold`);
      // The bundle really was read: its entry and its libraries are there.
      assert.ok([...inputs.keys()].some((p) => p.startsWith('webview/')) && [...inputs.keys()].some((p) => p.includes('uplot')));
      console.log(`      ${bundle}: ${summary(inputs)}`);
    });
    if (engineVia) {
      const { gateways, direct } = engineVia;
      it(`${bundle}: the engine's computation only through ${gateways.join(', ')} (and its metrics directly)`, function () {
        const around = engineOutsideGateway(bundle, gateways);
        assert.deepEqual(strays(around, direct), [], `${bundle} reaches the engine around ${gateways.join(', ')}`);
        // The walk does see the engine behind the gateway.
        assert.ok(engineOutsideGateway(bundle, []).includes('src/engine/simulate.ts'), 'the preview should bring in the engine');
      });
    }
  }

  it('the playground guard names host, CLI and Node sources', () => {
    const seen = [
      'webview/App.tsx',
      'src/shared/contours.ts',
      'src/engine/catalog/optimizers.ts',
      'src/engine/metrics.ts',
      'src/engine/simulate.ts',
      'node_modules/uplot/dist/uPlot.esm.js',
    ];
    const bad = ['src/host/session.ts', 'src/cli/main.ts', 'node_modules/ajv/lib/ajv.js'];
    assert.deepEqual(strays([...seen, ...bad], WEBVIEW_BUNDLES[0].allowed), bad);
  });
});
