// The webview previews a change in Chromium with src/shared/preview.ts; the extension host computes the
// same change in Node with its PlaygroundSession. The preview may only ever show what the host then
// confirms: same scenario → same bits. Run both on the same changes and compare every bit of the runs
// (trajectory, loss, contour grid, step records) and the rest (metrics, scenario) exactly.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../webview/support/harness';
import { PlaygroundSession, type SessionEvent } from '../../src/host/session';
import type * as Preview from '../../src/shared/preview';
import type { RunView } from '../../src/shared/runModel';

const root = resolve(__dirname, '../..');
type Json = Record<string, unknown>;

/** [scenario as the host has it written, the webview's change]: controls, a drag's release, the palette. */
const CHANGES: [Json, Json][] = [
  [{}, { optimizer: { lr: 0.3 } }],
  [{}, { start: [0.7, -1.2] }],
  [{}, { target: { point: [-1.5, 2.5], quadrant: null, distance: null } }],
  [{ inputs: { distribution: 'tanh' } }, { batchSize: 16, order: 'shuffle' }],
  [{ loss: 'logistic', inputs: { count: 64 } }, { optimizer: { name: 'adam', lr: 0.05 } }],
  [{ inputs: { distribution: 'relu', center: true } }, { optimizer: { name: 'rmsprop', lr: 0.01 }, steps: 3000 }],
  [{ batchSize: 'full' }, { optimizer: { name: 'nesterov', lr: 0.2 }, steps: 20_000 }],
  [{ model: 'function', function: { preset: 'rosenbrock' }, start: [-1.5, 2] }, { optimizer: { name: 'adagrad', lr: 0.3 } }],
  [{ model: 'function', function: { expression: 'softplus(w1 - 2*w2) + 0.1*sin(3*w1)^2' }, start: [1, 1] }, { start: [-0.5, 0.25] }],
  [{ labelNoise: 0.3, seed: 7 }, { inputs: { shift: [0.5, -0.25] } }],
];

interface Numbers {
  readonly arrays: Record<string, string>;
  readonly rest: string;
}

/** The run's arrays as hex bit patterns, and everything else as JSON (the same in both places). */
function numbers(run: RunView): Numbers {
  const hex = (a: Float64Array | null | undefined): string =>
    a ? Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), (b) => b.toString(16).padStart(2, '0')).join('') : '-';
  const { values, ...grid } = run.grid;
  return {
    arrays: {
      trajectory: hex(run.trajectory),
      loss: hex(run.loss),
      grid: hex(values),
      gradient: hex(run.records?.gradient),
      dLdf: hex(run.records?.dLdf),
      x: hex(run.records?.x),
      perExample: hex(run.records?.perExample),
    },
    rest: JSON.stringify([run.scenario, run.target, run.metrics, grid, run.allPositive, run.records?.batchSize]),
  };
}

async function hostRun(base: Json, patch: Json): Promise<RunView> {
  const s = new PlaygroundSession(
    { get: () => undefined, update: async () => undefined },
    (_t, work) =>
      work(
        () => undefined,
        () => false,
      ),
    () => base,
  );
  const events: SessionEvent[] = [];
  s.onEvent((e) => events.push(e));
  await s.apply(patch);
  const last = events.at(-1);
  assert.ok(last?.kind === 'run');
  return last.run;
}

describe('preview: Chromium predicts the Node host bit for bit', function () {
  this.timeout(180_000);
  let browser: Browser;
  /** One page holds the preview's browser bundle for every test (previewChange keeps no state). */
  let page: Page;

  before(async () => {
    // (After `npm test`'s build stage, ZIGZAG_BUILT=1: built already.)
    if (process.env.ZIGZAG_BUILT !== '1') execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'previewBrowser'], { cwd: root });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.addScriptTag({ content: readFileSync(join(root, 'dist/browser/preview.js'), 'utf8') });
  });
  after(async () => browser?.close());

  for (const [base, patch] of CHANGES) {
    it(`${JSON.stringify(base)} + ${JSON.stringify(patch)}`.slice(0, 110), async () => {
      // The same conversion as numbers(), written inline: functions handed to the page are serialised.
      const web = await page.evaluate(
        ([b, p]) => {
          const P = (globalThis as unknown as { ZigzagPreview: typeof Preview }).ZigzagPreview;
          const preview = P.previewChange(b, p, { maxWork: Infinity });
          if (!preview.run) return preview.problem ?? 'no run';
          const r = preview.run;
          const list: [string, Float64Array | null | undefined][] = [
            ['trajectory', r.trajectory],
            ['loss', r.loss],
            ['grid', r.grid.values],
            ['gradient', r.records?.gradient],
            ['dLdf', r.records?.dLdf],
            ['x', r.records?.x],
            ['perExample', r.records?.perExample],
          ];
          const arrays: Record<string, string> = {};
          for (const [k, a] of list) {
            let hex = '';
            if (a) {
              const u = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
              for (let i = 0; i < u.length; i++) hex += u[i].toString(16).padStart(2, '0');
            }
            arrays[k] = a ? hex : '-';
          }
          const { values: _values, ...grid } = r.grid;
          return { arrays, rest: JSON.stringify([r.scenario, r.target, r.metrics, grid, r.allPositive, r.records?.batchSize]) };
        },
        [base, patch] as const,
      );
      assert.notEqual(typeof web, 'string', `the preview refused: ${String(web)}`);
      const node = numbers(await hostRun(base, patch));
      const w = web as Numbers;
      for (const k of Object.keys(node.arrays)) assert.equal(w.arrays[k], node.arrays[k], `${k} bits`);
      assert.equal(w.rest, node.rest);
      assert.ok(node.arrays.trajectory.length > 64 && node.arrays.grid.length > 1000);
    });
  }
});
