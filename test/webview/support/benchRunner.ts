// The body of `npm run bench:ui` (run by bench-ui.mjs under tsx after a production build, with
// ZZ_DIST pointing at a private snapshot of it). See test/webview/pages/benchUi.ts for what is timed.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ChangeKind, ChangeSample, DragResult, FrameSample, ReplaySample } from '../pages/benchUi';
import { type WebviewPage, openWebview, startHarness, stopHarness } from './harness';
import { FAN_IN, startPixel, targetPixel } from './fanInCase';

const CHANGES = 50;
/** Changes per round made at an arbitrary moment (a click), besides the aligned ones. */
const UNALIGNED = 20;
const WARM_UP = 20;
const REPLAYS = 20;
const DRAG_MOVES = 60;
/** One frame at 60 frames a second. */
const TARGET_MS = 1000 / 60;
const BUDGET_KB = 100;
const LONG_RUN_STEPS = 50_000;
const KINDS: readonly ChangeKind[] = ['lr', 'batch', 'distribution', 'quadrant'];
const KIND_NAMES: Readonly<Record<ChangeKind, string>> = {
  lr: 'η slider',
  batch: 'batch size',
  distribution: 'distribution',
  quadrant: 'target quadrant',
};

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '–').padStart(7);
const pct = (part: number, whole: number): string => `${whole > 0 ? Math.round((100 * part) / whole) : 0}%`;

/** One line: p50, p95, max, and p95 against one frame (only for the end-to-end rows). */
function row(name: string, xs: readonly number[], target = false): string {
  const p95 = percentile(xs, 95);
  const ratio = target ? `   ${(p95 / TARGET_MS).toFixed(2).padStart(5)}×${p95 <= TARGET_MS ? '  ok' : '  OVER'}` : '';
  return `  ${name.padEnd(56)}${ms(percentile(xs, 50))}${ms(p95)}${ms(xs.length ? Math.max(...xs) : NaN)}${ratio}`;
}

const HEADER = `  ${''.padEnd(56)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'max'.padStart(7)}   p95 / ${TARGET_MS.toFixed(1)} ms`;
const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

/** How the frames were shown: in the input's own frame, by what. */
function frameCounts(samples: readonly FrameSample[]): string {
  const own = samples.filter((s) => s.frames === 1).length;
  const sources = new Map<string, number>();
  for (const s of samples) sources.set(s.source, (sources.get(s.source) ?? 0) + 1);
  const by = [...sources].map(([k, n]) => `${n} ${k}`).join(', ');
  return `shown in the input's own frame: ${own}/${samples.length} (${pct(own, samples.length)}); first shown by ${by}`;
}

function changeRows(title: string, samples: readonly ChangeSample[]): void {
  const count = (k: ChangeKind): number => samples.filter((s) => s.kind === k).length;
  console.log(`\n${title} (${samples.length} changes: ${KINDS.map((k) => `${count(k)} ${KIND_NAMES[k]}`).join(', ')})`);
  console.log(HEADER);
  console.log(
    row(
      'change → frame rendered',
      samples.map((s) => s.frameMs),
      true,
    ),
  );
  console.log(
    row(
      'change → plot painted',
      samples.map((s) => s.paintMs),
    ),
  );
  console.log(
    row(
      '  of which the preview (engine + RunView in the page)',
      samples.map((s) => s.previewMs),
    ),
  );
  console.log(
    row(
      '  of which d3-contour (coarse pass, new surfaces only)',
      samples.map((s) => s.contourMs),
    ),
  );
  for (const k of KINDS) {
    const of = samples.filter((s) => s.kind === k);
    const deferred = of.filter((s) => s.ownContoursMs !== null);
    const fresh = of.filter((s) => s.contourMs > 0 || s.ownContoursMs !== null).length;
    if (of.length > 0)
      console.log(
        row(
          `  frame rendered after ${KIND_NAMES[k]} (${fresh}/${of.length} new contours)`,
          of.map((s) => s.frameMs),
          true,
        ),
      );
    // Where each kind's time goes: what differs between kinds is the new surface's contours.
    if (of.length > 0) {
      console.log(
        row(
          '      → plot painted',
          of.map((s) => s.paintMs),
        ),
      );
      console.log(
        row(
          '      of which the preview',
          of.map((s) => s.previewMs),
        ),
      );
      console.log(
        row(
          '      of which d3-contour',
          of.map((s) => s.contourMs),
        ),
      );
    }
    // A new surface's first frame keeps the previous lines; its own come in the task after that frame.
    if (deferred.length > 0)
      console.log(
        row(
          `      → frame with the new surface's own contours (${deferred.length}: first frame kept the previous lines)`,
          deferred.map((s) => s.ownContoursMs ?? 0),
        ),
      );
  }
  console.log(
    row(
      'change → host’s run shown (confirmed)',
      samples.map((s) => s.confirmMs),
    ),
  );
  console.log(
    row(
      '  engine + RunView in the host stand-in',
      samples.map((s) => s.engineMs),
    ),
  );
  const equal = samples.filter((s) => s.equal).length;
  console.log(`  ${frameCounts(samples)}`);
  console.log(`  after the host's answer the plot shows the host's run, bit for bit: ${equal}/${samples.length}`);
}

function dragRows(title: string, drags: readonly DragResult[], redrawn = 'path, contours and metrics redrawn'): void {
  const moves = drags.flatMap((d) => d.moves);
  const releases = drags.map((d) => d.release);
  const each = drags.length > 0 ? drags[0].moves.length : 0;
  console.log(`\n${title} (${drags.length} drag${drags.length === 1 ? '' : 's'} of ${each} moves, one move per frame)`);
  console.log(HEADER);
  console.log(
    row(
      `move → frame rendered (${redrawn})`,
      moves.map((s) => s.frameMs),
      true,
    ),
  );
  console.log(
    row(
      '  of which the preview (engine + RunView in the page)',
      moves.map((s) => s.previewMs),
    ),
  );
  console.log(
    row(
      '  of which d3-contour (coarse pass)',
      moves.map((s) => s.contourMs),
    ),
  );
  console.log(
    row(
      'release → frame rendered',
      releases.map((s) => s.frameMs),
      true,
    ),
  );
  console.log(
    row(
      'release → host’s run shown (confirmed)',
      releases.map((s) => s.confirmMs),
    ),
  );
  console.log(`  moves ${frameCounts(moves)}`);
  const stale = drags.reduce((a, d) => a + d.staleFrames, 0);
  const posted = drags.map((d) => d.posted).join(', ');
  const equal = releases.filter((r) => r.equal).length;
  console.log(
    `  frames not showing their move's draft: ${stale}; messages to the host per drag: ${posted}; after release the plot shows the host's run, bit for bit: ${equal}/${releases.length}`,
  );
  const over = drags.reduce((a, d) => a + d.overPreviousContours, 0);
  const own = drags.reduce((a, d) => a + d.ownContoursBeforeNext, 0);
  if (over > 0)
    console.log(
      `  moves first drawn over the previous surface's contour lines: ${over}/${moves.length}; their own lines drawn before the next move: ${own}/${over}`,
    );
}

function frameRows(name: string, samples: readonly FrameSample[]): void {
  console.log(
    row(
      `${name} → frame rendered`,
      samples.map((s) => s.frameMs),
      true,
    ),
  );
  console.log(`    ${frameCounts(samples)}`);
}

function replayRows(name: string, samples: readonly ReplaySample[]): void {
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

interface Memory {
  /** The V8 heap in use. */
  readonly heap: number;
  /** ArrayBuffer backing stores (typed arrays' data lives outside the V8 heap). */
  readonly buffers: number;
  /** Blink's own heap (the DOM). */
  readonly dom: number;
}

/** The page's memory after a full GC. */
async function memory(wp: WebviewPage): Promise<Memory> {
  const cdp = await wp.context.newCDPSession(wp.page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const u = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { heap: u.usedSize, buffers: u.backingStorageSize, dom: u.embedderHeapUsedSize };
}

const total = (m: Memory): number => m.heap + m.buffers + m.dom;

/** Moves per fan-in drag: each waits for the host's run after the release, so fewer than the default's. */
const FAN_IN_MOVES = 30;

/** Start drags on the fan-in scenario, one per round, and what they say. */
async function fanInDrags(wp: WebviewPage, rounds: number): Promise<void> {
  await wp.runScenario(FAN_IN);
  // Warm-up: the first runs of a d = 784 model compile its code paths, and enough moves that the previews
  // (after the moves that make what the inputs keep) compile theirs.
  await wp.page.evaluate(([p, n]) => window.__zzBench.drag(p, n, 40), [await startPixel(wp, await targetPixel(wp)), FAN_IN_MOVES] as const);
  const drags: DragResult[] = [];
  for (let r = 0; r < rounds; r++) {
    await wp.runScenario(FAN_IN);
    const target = await targetPixel(wp);
    drags.push(await wp.page.evaluate(([p, n]) => window.__zzBench.drag(p, n, 60), [await startPixel(wp, target), FAN_IN_MOVES] as const));
  }
  const work = await wp.page.evaluate(() => window.__zzBench.previewWork());
  console.log(
    `
fan-in d = 784 (N = 256, batch 1, 400 steps): a start drag; the page previews a change costing at most ${work.max.toLocaleString('en-US')} units, this run costs ${Math.round(work.run).toLocaleString('en-US')} with nothing kept, ${Math.round(work.kept).toLocaleString('en-US')} once its inputs, Gram columns and curvature are kept from earlier moves` +
      (work.kept > work.max
        ? ' — so a move shows the dragged marker over the last run, and the run follows the release (the host computes it)'
        : ' — so the first moves show the marker over the last run while the page works towards them, and the later ones the previewed run'),
  );
  dragRows(
    `fan-in d = 784, all ${rounds} rounds pooled: dragging the start`,
    drags,
    work.kept > work.max ? 'the marker redrawn over the last run' : 'the marker, or path, contours and metrics redrawn',
  );
  const moves = drags.flatMap((d) => d.moves.map((m) => m.frameMs));
  console.log(
    `  p95 move → frame rendered at d = 784: ${percentile(moves, 95).toFixed(1)} ms (target ${TARGET_MS.toFixed(1)} ms); host's run after release: ${drags.map((d) => `${d.release.engineMs.toFixed(0)} ms`).join(', ')}`,
  );
}

const MB = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MB`;

async function main(): Promise<void> {
  const rounds = Math.max(1, Math.round(option('--rounds', 3)));
  const latencyMs = option('--latency', 0);
  const before = load();
  await startHarness();
  if (process.argv.includes('--fan-in')) {
    // The fan-in case alone (npm run bench:ui -- --fan-in).
    try {
      const wp = await openWebview({ state: { cursor: 1e9, playing: false }, width: 1280, height: 900, initScripts: ['benchUi.js'] });
      console.log(`machine: ${cpus().length} cores, load average (1/5/15 min) ${before} before`);
      await fanInDrags(wp, rounds);
      console.log(`load average after: ${load()}`);
      const problems = [...wp.errors, ...(await wp.cspViolations())];
      if (problems.length > 0) console.log(`\npage problems during the run:\n  ${problems.join('\n  ')}`);
      await wp.close();
    } finally {
      await stopHarness();
    }
    return;
  }
  try {
    const wp = await openWebview({
      state: { cursor: 1e9, playing: false },
      width: 1280,
      height: 900,
      initScripts: ['benchUi.js'],
      latencyMs,
    });
    const version = wp.context.browser()?.version() ?? '?';
    const calibrateBefore = await wp.page.evaluate(() => window.__zzBench.calibrate(20));
    // Warm-up: JIT tiers, font and layout caches, the contour cache's first entries.
    await wp.page.evaluate((n) => window.__zzBench.run(n, 0, true), WARM_UP);
    await wp.page.evaluate((n) => window.__zzBench.foreign(n, 0), 10);
    await wp.page.evaluate(() => window.__zzBench.replay(3, true));
    await wp.runScenario({});
    await wp.page.evaluate(([x, y]) => window.__zzBench.drag([x, y], 20, 40), await startPixel(wp, await targetPixel(wp)));

    const changes: ChangeSample[][] = [];
    const unaligned: ChangeSample[][] = [];
    const foreign: FrameSample[][] = [];
    const startDrags: DragResult[] = [];
    const targetDrags: DragResult[] = [];
    const heap: Memory[] = [];
    for (let r = 0; r < rounds; r++) {
      const offset = WARM_UP + r * CHANGES;
      await wp.runScenario({});
      // The previewed changes and the host-side reference alternate, so load hits both alike.
      changes.push(await wp.page.evaluate(([n, o]) => window.__zzBench.run(n, o, true), [CHANGES, offset] as const));
      await wp.runScenario({});
      foreign.push(await wp.page.evaluate(([n, o]) => window.__zzBench.foreign(n, o), [CHANGES, offset] as const));
      await wp.runScenario({});
      unaligned.push(await wp.page.evaluate(([n, o]) => window.__zzBench.run(n, o, false), [UNALIGNED, offset] as const));
      await wp.runScenario({});
      const target = await targetPixel(wp);
      startDrags.push(
        await wp.page.evaluate(([p, n]) => window.__zzBench.drag(p, n, 60), [await startPixel(wp, target), DRAG_MOVES] as const),
      );
      await wp.runScenario({});
      targetDrags.push(await wp.page.evaluate(([p, n]) => window.__zzBench.drag(p, n, 60), [await targetPixel(wp), DRAG_MOVES] as const));
      heap.push(await memory(wp));
    }
    await wp.runScenario({});
    const hit = await wp.page.evaluate((n) => window.__zzBench.replay(n, false), REPLAYS);
    const miss = await wp.page.evaluate((n) => window.__zzBench.replay(n, true), REPLAYS);

    // Memory: the default run on screen, then a 50,000-step run typed into the steps field.
    // What the page itself holds: the host stand-in's copy of the run (a real host keeps it in another
    // process) and the benchmark's references are dropped before each reading.
    const forget = (): Promise<void> =>
      wp.page.evaluate(() => {
        window.__zzHost.lastRun = null;
        window.__zzBench.forget();
      });
    await wp.runScenario({});
    await forget();
    const before50k = await memory(wp);
    const seqBefore = await wp.page.evaluate(() => Number(document.getElementById('root')?.dataset.paintedSeq ?? 0));
    const t0 = Date.now();
    await wp.page.fill('input[name=steps]', String(LONG_RUN_STEPS));
    await wp.page.press('input[name=steps]', 'Enter');
    await wp.page.waitForFunction(
      (s) => {
        const d = document.getElementById('root')?.dataset;
        return d?.paintedSource === 'host' && Number(d.paintedSeq) > s;
      },
      seqBefore,
      { timeout: 60_000 },
    );
    const longMs = Date.now() - t0;
    const runBytes = await wp.page.evaluate(() => {
      const r = window.__zzHost.lastRun!;
      const arrays = [r.trajectory, r.loss, r.grid.values, r.records?.gradient, r.records?.dLdf, r.records?.x, r.records?.perExample];
      return arrays.reduce((a, x) => a + (x ? x.byteLength : 0), 0);
    });
    await forget();
    const after50k = await memory(wp);

    const calibrateAfter = await wp.page.evaluate(() => window.__zzBench.calibrate(20));
    // Issue 21's fan-in case, printed at the end.
    const fanIn = async (): Promise<void> => fanInDrags(wp, rounds);
    const problems = [...wp.errors, ...(await wp.cspViolations())];
    const mismatches = await wp.page.evaluate(() => document.getElementById('root')?.dataset.previewMismatches ?? '0');
    const main = readFileSync(join(process.env.ZZ_DIST ?? 'dist', 'webview/main.js'));
    const gz = gzipSync(new Uint8Array(main), { level: 9 }).length;
    const calib = [...calibrateBefore, ...calibrateAfter];
    const fastest = Math.min(...calib);

    console.log(
      `\nUI: input → the frame that shows it — default scenario, headless Chromium ${version}, production bundle, ${WARM_UP} warm-up changes`,
    );
    console.log(
      latencyMs > 0
        ? `remote host: every host↔webview message delayed by ${latencyMs} ms each way (a ${2 * latencyMs} ms round trip, as in Codespaces)`
        : 'local host: host↔webview messages are not delayed (see --latency 50 for a remote one)',
    );
    console.log(`machine: ${cpus().length} cores, load average (1/5/15 min) ${before} before, ${load()} after`);
    console.log(
      `CPU noise: a fixed workload took p50 ${percentile(calib, 50).toFixed(1)} ms, p95 ${percentile(calib, 95).toFixed(1)} ms (fastest ${fastest.toFixed(1)} ms; p95/fastest ${(percentile(calib, 95) / fastest).toFixed(1)}× — above ~1.5× the machine was busy)`,
    );
    console.log(
      'Inputs are dispatched at the start of a frame (requestAnimationFrame), where Chromium delivers pointer and slider drags;\n"frame rendered" is when that frame\'s rendering is done, so one frame = the input\'s own frame shows the result.',
    );
    for (let r = 0; r < rounds; r++) {
      changeRows(
        `round ${r + 1} of ${rounds}: control changes in the page (page memory after the round: ${MB(total(heap[r]))})`,
        changes[r],
      );
      dragRows(`round ${r + 1} of ${rounds}: dragging the start`, [startDrags[r]]);
      dragRows(`round ${r + 1} of ${rounds}: dragging the target`, [targetDrags[r]]);
    }
    changeRows(`all ${rounds} rounds pooled: control changes in the page`, changes.flat());
    dragRows(`all ${rounds} rounds pooled: dragging the start`, startDrags);
    dragRows(`all ${rounds} rounds pooled: dragging the target`, targetDrags);
    const p95s = changes.map((s) =>
      percentile(
        s.map((x) => x.frameMs),
        95,
      ),
    );
    console.log(
      `\n  p95 of "change → frame rendered" per round, in order: ${p95s.map((v) => v.toFixed(1)).join(', ')} ms; median round ${percentile(p95s, 50).toFixed(1)} ms = ${(percentile(p95s, 50) / TARGET_MS).toFixed(2)}× one frame`,
    );

    console.log('\nReferences, measured in the same rounds (alternating with the rows above):');
    console.log(HEADER);
    frameRows(
      'the same changes made on the host’s side (no preview)',
      foreign.flat().map((s) => s),
    );
    console.log(
      row(
        'the same changes at an arbitrary moment (a click) → frame',
        unaligned.flat().map((s) => s.frameMs),
      ),
    );
    console.log(`    ${frameCounts(unaligned.flat())} (the wait for the next frame, 0–16.7 ms, is included)`);
    replayRows('the host’s last run sent again, same grid (render only)', hit);
    replayRows('the same, grid perturbed by 1e-12 (render + contours)', miss);

    const describe = (m: Memory): string => `${MB(total(m))} (V8 heap ${MB(m.heap)}, array buffers ${MB(m.buffers)}, DOM ${MB(m.dom)})`;
    console.log(`\nmemory of the page after a full GC, with the default run (400 steps): ${describe(before50k)}`);
    console.log(
      `  with a ${LONG_RUN_STEPS.toLocaleString('en-US')}-step run typed into the steps field: ${describe(after50k)}, +${MB(total(after50k) - total(before50k))}; the RunView's own arrays ${MB(runBytes)}; typed in → host's run shown in ${longMs} ms`,
    );
    console.log(
      `webview bundle dist/webview/main.js: ${(gz / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB: ${((gz / 1024 / BUDGET_KB) * 100).toFixed(0)}% used)`,
    );
    console.log(`previews that differed from the host's run of the same scenario: ${mismatches}`);
    await fanIn();
    const fanInProblems = [...wp.errors, ...(await wp.cspViolations())].slice(problems.length);
    if (fanInProblems.length > 0) console.log(`\npage problems during the fan-in case:\n  ${fanInProblems.join('\n  ')}`);
    await wp.close();
    if (problems.length > 0) console.log(`\npage problems during the run:\n  ${problems.join('\n  ')}`);
  } finally {
    await stopHarness();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
