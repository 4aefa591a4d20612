// The spec promises the same numbers, bit for bit, in Node and in a browser: run the engine's browser
// bundle in Debian's Chromium and the CLI's Node bundle on the same scenarios and compare every bit.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../webview/support/harness';
import type * as Engine from '../../src/engine/index';

const root = resolve(__dirname, '../..');

const SCENARIOS: object[] = [
  {},
  {
    inputs: { distribution: 'tanh', center: true },
    order: 'shuffle',
    labelNoise: 0.3,
    optimizer: { name: 'adam', lr: 0.05 },
    batchSize: 7,
  },
  { loss: 'logistic', inputs: { distribution: 'relu', mean: 0.5 }, optimizer: { name: 'rmsprop', lr: 0.01 }, seed: 12345 },
  { inputs: { distribution: 'uniform', mean: 1, std: 2 }, optimizer: { name: 'nesterov', lr: 0.01 }, batchSize: 'full' },
  // mse batch sums on a cyclic batch that recurs every 8 steps, under an optimizer that magnifies rounding.
  { inputs: { count: 256, std: 0.3 }, optimizer: { name: 'rmsprop', lr: 0.05 }, batchSize: 32, steps: 2000 },
  { model: 'function', function: { preset: 'rosenbrock' }, start: [-1.5, 2], optimizer: { name: 'adagrad', lr: 0.3 }, steps: 300 },
  {
    model: 'function',
    function: { expression: 'softplus(w1 - 2*w2) + 0.1*sin(3*w1)^2 + tanh(w2)^2 + exp(-w1^2)' },
    start: [1, 1],
    optimizer: { name: 'momentum', lr: 0.05 },
  },
  // Fan-in: the loss followed through Gram columns (momentum, batch < d), and a logistic adaptive run.
  {
    inputs: { dimension: 40, count: 120, distribution: 'relu' },
    optimizer: { name: 'momentum', lr: 0.01 },
    batchSize: 3,
    steps: 500,
    axes: [7, 3],
  },
  {
    inputs: { dimension: 12, count: 90, distribution: 'uniform' },
    loss: 'logistic',
    order: 'shuffle',
    optimizer: { name: 'adam', lr: 0.05 },
    batchSize: 5,
  },
];

interface Numbers {
  trajectory: number[];
  loss: number[];
  metrics: Record<string, unknown>;
}

/** Exact bit patterns, so -0 vs 0 or the last ulp would show. */
const bits = (xs: number[]): string => Buffer.from(Float64Array.from(xs).buffer).toString('hex');

describe('engine: Node and browser bundles give identical numbers', function () {
  this.timeout(120000);
  let browser: Browser;
  /** One page holds the engine's browser bundle for every test (its functions keep no state). */
  let page: Page;

  before(async () => {
    // (After `npm test`'s build stage, ZIGZAG_BUILT=1: built already.)
    if (process.env.ZIGZAG_BUILT !== '1')
      execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'cli', 'engineBrowser'], { cwd: root });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.addScriptTag({ content: readFileSync(join(root, 'dist/browser/engine.js'), 'utf8') });
  });
  after(async () => browser?.close());

  it('the elementary functions themselves agree bit for bit on 60,000 arguments each', async () => {
    // Arguments from a fixed LCG over many magnitudes, including large ones (sin/cos range reduction).
    const args = (): number[] => {
      let s = 7;
      const out: number[] = [];
      for (let i = 0; i < 60000; i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const u = s / 4294967296;
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        // Not Math.pow: it differs between V8 versions too (exact powers of ten by multiplication).
        const k = (s % 24) - 12;
        let p = 1;
        for (let j = 0; j < Math.abs(k); j++) p *= 10;
        out.push((u - 0.5) * (k < 0 ? 1 / p : p) * (i % 7 === 0 ? 1e6 : 1));
      }
      return out;
    };
    const evaluate = (xs: number[], M: Record<string, (x: number, y?: number) => number>): Record<string, number[]> => {
      const out: Record<string, number[]> = {};
      for (const name of ['exp', 'expm1', 'log', 'log1p', 'sin', 'cos', 'tanh', 'sigmoid', 'softplus']) {
        out[name] = xs.map((x) => M[name](name === 'log' ? Math.abs(x) : x));
      }
      out.pow = xs.map((x, i) => M.pow(Math.abs(x), xs[(i + 1) % xs.length] / 10));
      return out;
    };
    const { portableMath } = await import('../../src/engine/index');
    const node = evaluate(args(), portableMath as unknown as Record<string, (x: number, y?: number) => number>);
    const web = await page.evaluate(
      ([argsSrc, evalSrc]) => {
        const M = (globalThis as unknown as { ZigzagEngine: { portableMath: Record<string, (x: number, y?: number) => number> } })
          .ZigzagEngine.portableMath;
        const makeArgs = new Function(`return (${argsSrc})`)() as () => number[];
        const run = new Function(`return (${evalSrc})`)() as (xs: number[], m: typeof M) => Record<string, number[]>;
        return run(makeArgs(), M);
      },
      [args.toString(), evaluate.toString()],
    );
    for (const name of Object.keys(node)) assert.equal(bits(web[name]), bits(node[name]), `${name} bits`);
  });

  for (const [i, scenario] of SCENARIOS.entries()) {
    it(`scenario ${i}: ${JSON.stringify(scenario).slice(0, 70)}`, async () => {
      const cli = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'run', '-', '--json'], {
        input: JSON.stringify(scenario),
        maxBuffer: 1 << 28,
      });
      const node = JSON.parse(cli.toString()) as { trajectory: number[][]; loss: number[]; metrics: Record<string, unknown> };
      const web = (await page.evaluate((input) => {
        const E = (globalThis as unknown as { ZigzagEngine: typeof Engine }).ZigzagEngine;
        const run = E.simulate(E.resolveScenario(input));
        return {
          trajectory: Array.from(run.trajectory),
          loss: Array.from(run.loss),
          metrics: run.metrics as unknown as Record<string, unknown>,
        };
      }, scenario)) as Numbers;
      assert.equal(web.loss.length, node.loss.length);
      assert.equal(bits(web.trajectory), bits(node.trajectory.flat()), 'trajectory bits');
      assert.equal(bits(web.loss), bits(node.loss), 'loss bits');
      assert.deepEqual(web.metrics, node.metrics);
    });
  }
});
