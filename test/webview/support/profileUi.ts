// `npm run bench:ui -- --profile`: the benchmark's change mix under Chrome's sampling CPU profiler
// (DevTools protocol through playwright-core), on the development build so functions keep their names.
// Prints where the page's busy time goes, by source module (from esbuild's "// path" headers in the
// bundles) and by function, self and total. Writes the raw profile for DevTools' Performance panel.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAN_IN, startPixel, targetPixel } from './fanInCase';
import { ROOT, openWebview, startHarness, stopHarness, type WebviewPage } from './harness';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const DIST = process.env.ZZ_DIST ?? join(ROOT, 'dist');
const CHANGES = 50;

/** For each bundle URL: the 0-based line where each bundled module starts, from esbuild's comments. */
const moduleMaps = new Map<string, { line: number; name: string }[]>();
function moduleOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName || '(native)';
  // Page scripts come from the server (http URLs); init scripts by their file path.
  const path = frame.url.startsWith('http') ? new URL(frame.url).pathname : frame.url;
  let starts = moduleMaps.get(path);
  if (!starts) {
    starts = [];
    try {
      const lines = readFileSync(frame.url.startsWith('http') ? join(DIST, path) : path, 'utf8').split('\n');
      lines.forEach((l, i) => {
        const m = /^\s*\/\/ ((?:node_modules|src|webview|test)\/\S+)$/.exec(l);
        if (m) starts!.push({ line: i, name: m[1].replace(/^node_modules\//, '') });
      });
    } catch {
      // Not one of ours (e.g. an inline script): the URL is all we have.
    }
    moduleMaps.set(path, starts);
  }
  let name = path;
  for (const s of starts) if (s.line <= frame.lineNumber) name = s.name;
  return name;
}

/** Groups a module into what it is: our webview code, a library, the engine in the host stand-in… */
function area(module: string): string {
  if (module.startsWith('d3-')) return 'd3-contour';
  if (module.startsWith('uplot')) return 'uPlot';
  if (module.startsWith('preact')) return 'Preact';
  if (module === 'src/shared/contours.ts') return 'src/shared/contours.ts (rings → data coordinates)';
  if (module.startsWith('src/engine') || module === 'src/shared/runView.ts' || module === 'src/shared/scenarioEdit.ts')
    return 'engine + RunView (host stand-in)';
  if (module.startsWith('webview/plot')) return 'webview plots (plugins, hooks)';
  if (module.startsWith('webview/')) return 'webview components';
  if (module.startsWith('test/')) return 'bench + test harness';
  return module;
}

function table(title: string, rows: Map<string, number>, total: number, limit: number): void {
  console.log(`\n${title}`);
  for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Self time of the renderer main thread's trace events (complete events, nested by time), by name. */
function traceSummary(events: readonly TraceEvent[]): void {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return;
  const own = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && (e.dur ?? 0) > 0)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  const close = (upTo: number): void => {
    while (stack.length > 0 && stack[stack.length - 1].end <= upTo) {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + (top.e.dur ?? 0) - top.child);
    }
  };
  for (const e of own) {
    close(e.ts);
    if (stack.length > 0) stack[stack.length - 1].child += e.dur ?? 0;
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  close(Infinity);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  table('Renderer main thread, trace events by self time (a second run of the same changes)', self, total, 22);
}

/** Drags of the start on the fan-in scenario, `n` moves each: the sum of move → frame rendered. */
async function fanInWork(wp: WebviewPage): Promise<(n: number, from: number) => Promise<number>> {
  await wp.runScenario(FAN_IN);
  const press = await startPixel(wp, await targetPixel(wp));
  return async (n) => {
    await wp.runScenario(FAN_IN);
    const drag = await wp.page.evaluate(([p, k]) => window.__zzBench.drag(p, k, 60), [press, n] as const);
    return drag.moves.reduce((t, m) => t + m.frameMs, 0);
  };
}

async function main(): Promise<void> {
  await startHarness();
  try {
    const wp = await openWebview({ state: { cursor: 1e9, playing: false }, width: 1280, height: 900, initScripts: ['benchUi.js'] });
    // --fan-in: start drags on issue 21's d = 784 scenario instead of the change mix.
    const fanIn = process.argv.includes('--fan-in');
    const work = fanIn
      ? await fanInWork(wp)
      : (n: number, from: number) =>
          wp.page
            .evaluate(([k, f]) => window.__zzBench.run(k, f, true), [n, from] as const)
            .then((s) => s.reduce((t, x) => t + x.paintMs, 0));
    await work(20, 0);
    const cdp = await wp.context.newCDPSession(wp.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const wall = await work(CHANGES, 20);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    // The same changes again under a trace: what the main thread does outside JavaScript (message
    // deserialisation, style, layout, paint) that the sampling profiler lumps into "(program)".
    const browser = wp.context.browser()!;
    await browser.startTracing(wp.page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
    await work(CHANGES, 20 + CHANGES);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    await wp.close();

    const out = join(ROOT, '.test-artifacts', 'profiles');
    mkdirSync(out, { recursive: true });
    const file = join(out, `bench-ui-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));

    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const selfByModule = new Map<string, number>();
    const selfByArea = new Map<string, number>();
    const selfByFunction = new Map<string, number>();
    const totalByFunction = new Map<string, number>();
    const totalByArea = new Map<string, number>();
    let busy = 0;
    const add = (m: Map<string, number>, k: string, v: number): void => {
      m.set(k, (m.get(k) ?? 0) + v);
    };
    const label = (f: CallFrame): string => `${f.functionName || '(anonymous)'}  [${moduleOf(f)}:${f.lineNumber + 1}]`;
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i + 1] ?? 0;
      const node = byId.get(id)!;
      const f = node.callFrame;
      if (f.functionName === '(idle)') return;
      busy += dt;
      const module = moduleOf(f);
      add(selfByModule, module, dt);
      add(selfByArea, f.url ? area(module) : f.functionName || '(native)', dt);
      add(selfByFunction, label(f), dt);
      // Totals: every distinct function and area on the stack, counted once per sample.
      const seen = new Set<string>();
      const seenArea = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const cf = byId.get(n)!.callFrame;
        if (!cf.url) continue;
        const k = label(cf);
        if (!seen.has(k)) {
          seen.add(k);
          add(totalByFunction, k, dt);
        }
        const a = area(moduleOf(cf));
        if (!seenArea.has(a)) {
          seenArea.add(a);
          add(totalByArea, a, dt);
        }
      }
    });

    console.log(
      `\nCPU profile of ${CHANGES} ${fanIn ? 'moves of fan-in start drags' : 'changes'} (development build; timings are inflated by the profiler)`,
    );
    console.log(
      `  busy (not idle) ${(busy / 1000).toFixed(0)} ms over ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled; sum of change → repainted ${wall.toFixed(0)} ms`,
    );
    table('Self time by area', selfByArea, busy, 20);
    table('Total time by area (on the stack)', totalByArea, busy, 20);
    table('Self time by module', selfByModule, busy, 25);
    table('Self time by function', selfByFunction, busy, 30);
    table('Total time by function', totalByFunction, busy, 40);
    traceSummary(trace.traceEvents);
    console.log(`\nraw profile (open in DevTools → Performance): ${file}`);
  } finally {
    await stopHarness();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
