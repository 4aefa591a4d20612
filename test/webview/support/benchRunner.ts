// The body of `npm run bench:ui` (run by bench-ui.mjs under tsx after a production build, with
// ZZ_DIST pointing at a private snapshot of it).
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchSample, ChangeKind, ReplaySample } from '../pages/benchUi';
import { openWebview, startHarness, stopHarness } from './harness';

const CHANGES = 50;
const WARM_UP = 20;
const REPLAYS = 20;
const TARGET_MS = 33;
const BUDGET_KB = 100;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '–').padStart(7);

/** One line: p50, p95, and p95 against the two-frame target (only for the end-to-end rows). */
function row(name: string, xs: readonly number[], target = false): string {
  const p50 = percentile(xs, 50);
  const p95 = percentile(xs, 95);
  const ratio = target ? `   ${(p95 / TARGET_MS).toFixed(2).padStart(5)}×${p95 < TARGET_MS ? '  ok' : '  OVER'}` : '';
  return `  ${name.padEnd(50)}${ms(p50)}${ms(p95)}${ms(Math.max(...xs))}${ratio}`;
}

const HEADER = `  ${''.padEnd(50)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'max'.padStart(7)}   p95 / ${TARGET_MS} ms`;
const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

function report(title: string, samples: readonly BenchSample[]): void {
  const count = (k: ChangeKind): number => samples.filter((s) => s.kind === k).length;
  console.log(
    `\n${title} (${samples.length} changes: ${count('lr')} η slider, ${count('batch')} batch size, ${count('distribution')} distribution, ${count('quadrant')} target quadrant)`,
  );
  console.log(HEADER);
  console.log(
    row(
      'change → plot repainted',
      samples.map((s) => s.paintMs),
      true,
    ),
  );
  console.log(
    row(
      'change → that frame rendered',
      samples.map((s) => s.frameMs),
      true,
    ),
  );
  console.log(
    row(
      '  engine + RunView (host)',
      samples.map((s) => s.engineMs),
    ),
  );
  console.log(
    row(
      '  input + messaging (both ways)',
      samples.map((s) => s.paintMs - s.engineMs - s.renderMs),
    ),
  );
  console.log(
    row(
      '  webview render (message → painted)',
      samples.map((s) => s.renderMs),
    ),
  );
  console.log(
    row(
      '    of which d3-contour',
      samples.map((s) => s.contourMs),
    ),
  );
  for (const k of ['lr', 'batch', 'distribution', 'quadrant'] as const) {
    const of = samples.filter((s) => s.kind === k);
    const misses = of.filter((s) => s.contourMs > 0).length;
    if (of.length > 0)
      console.log(
        row(
          `  repainted after ${k} (${misses}/${of.length} new contours)`,
          of.map((s) => s.paintMs),
        ),
      );
  }
}

function replayRows(name: string, samples: readonly ReplaySample[]): void {
  console.log(
    row(
      `${name}: message → painted`,
      samples.map((s) => s.renderMs),
    ),
  );
  console.log(
    row(
      `${name}: → frame rendered`,
      samples.map((s) => s.frameMs),
    ),
  );
  console.log(
    row(
      `  of which d3-contour (${samples.filter((s) => s.contourMs > 0).length}/${samples.length} ran)`,
      samples.map((s) => s.contourMs),
    ),
  );
}

async function main(): Promise<void> {
  const rounds = option('--rounds', 3);
  const before = load();
  await startHarness();
  try {
    const wp = await openWebview({ state: { cursor: 1e9, playing: false }, width: 1280, height: 900, initScripts: ['benchUi.js'] });
    const version = wp.context.browser()?.version() ?? '?';
    const calibrateBefore = await wp.page.evaluate(() => window.__zzBench.calibrate(20));
    // Warm-up: JIT tiers, font and layout caches, the contour cache's first entries.
    await wp.page.evaluate((n) => window.__zzBench.run(n, 0), WARM_UP);
    await wp.page.evaluate(() => window.__zzBench.replay(3, true));
    const all: BenchSample[][] = [];
    const heap: number[] = [];
    const usedHeap = (): Promise<number> =>
      wp.page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN);
    for (let r = 0; r < rounds; r++) {
      all.push(await wp.page.evaluate(([n, o]) => window.__zzBench.run(n, o), [CHANGES, WARM_UP + r * CHANGES] as const));
      heap.push(await usedHeap());
    }
    const hit = await wp.page.evaluate((n) => window.__zzBench.replay(n, false), REPLAYS);
    const miss = await wp.page.evaluate((n) => window.__zzBench.replay(n, true), REPLAYS);
    const calibrateAfter = await wp.page.evaluate(() => window.__zzBench.calibrate(20));
    const problems = [...wp.errors, ...(await wp.cspViolations())];
    await wp.close();

    const main = readFileSync(join(process.env.ZZ_DIST ?? 'dist', 'webview/main.js'));
    const gz = gzipSync(new Uint8Array(main), { level: 9 }).length;
    const calib = [...calibrateBefore, ...calibrateAfter];
    const fastest = Math.min(...calib);

    console.log(
      `\nUI repaint after a control change — default scenario, headless Chromium ${version}, production bundle, ${WARM_UP} warm-up changes`,
    );
    console.log(`machine: ${cpus().length} cores, load average (1/5/15 min) ${before} before, ${load()} after`);
    console.log(
      `CPU noise: a fixed workload took p50 ${percentile(calib, 50).toFixed(1)} ms, p95 ${percentile(calib, 95).toFixed(1)} ms (fastest ${fastest.toFixed(1)} ms; p95/fastest ${(percentile(calib, 95) / fastest).toFixed(1)}× — above ~1.5× the machine was busy)`,
    );
    all.forEach((samples, r) => report(`round ${r + 1} of ${rounds} (JS heap after it: ${(heap[r] / 2 ** 20).toFixed(1)} MB)`, samples));
    const pooled = all.flat();
    report(`all ${rounds} rounds pooled`, pooled);
    const p95s = all.map((s) =>
      percentile(
        s.map((x) => x.paintMs),
        95,
      ),
    );
    const median = percentile(p95s, 50);
    console.log(
      `\n  p95 of "change → plot repainted" per round, in order: ${p95s.map((v) => v.toFixed(1)).join(', ')} ms; median round ${median.toFixed(1)} ms = ${(median / TARGET_MS).toFixed(2)}× the ${TARGET_MS} ms target`,
    );
    console.log(`\nReferences, no engine (the host's last run sent again, ${REPLAYS} times each):`);
    console.log(HEADER);
    replayRows('same grid', hit);
    replayRows('grid perturbed by 1e-12', miss);
    console.log(
      `\nwebview bundle dist/webview/main.js: ${(gz / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB: ${((gz / 1024 / BUDGET_KB) * 100).toFixed(0)}% used)`,
    );
    if (problems.length > 0) console.log(`\npage problems during the run:\n  ${problems.join('\n  ')}`);
  } finally {
    await stopHarness();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
