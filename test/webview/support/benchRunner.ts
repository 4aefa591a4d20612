// The body of `npm run bench:ui` (run by bench-ui.mjs under tsx after a production build).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, openWebview, startHarness, stopHarness } from './harness';

const CHANGES = 50;
const TARGET_MS = 33;
const BUDGET_KB = 100;

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function row(name: string, xs: readonly number[]): void {
  const p50 = percentile(xs, 50);
  const p95 = percentile(xs, 95);
  console.log(`${name.padEnd(32)} p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   p95 / ${TARGET_MS} ms target = ${(p95 / TARGET_MS).toFixed(2)}`);
}

async function main(): Promise<void> {
  const gz = gzipSync(new Uint8Array(readFileSync(join(ROOT, 'dist/webview/main.js'))), { level: 9 }).length;
  await startHarness();
  try {
    const wp = await openWebview({ state: { cursor: 1e9, playing: false }, width: 1280, height: 900, initScripts: ['benchUi.js'] });
    await wp.page.evaluate(() => window.__zzBench.run(5)); // warm-up: JIT and caches
    const samples = await wp.page.evaluate((n) => window.__zzBench.run(n), CHANGES);
    const problems = [...wp.errors, ...(await wp.cspViolations())];
    await wp.close();
    console.log(`\nUI repaint after a control change: default scenario, ${CHANGES} learning-rate slider changes, headless Chromium, production bundle`);
    row('change → plot repainted', samples.map((s) => s.paintMs));
    row('change → next frame', samples.map((s) => s.frameMs));
    row('  of which engine + RunView', samples.map((s) => s.engineMs));
    row('  of which webview render', samples.map((s) => s.renderMs));
    console.log(`\nwebview bundle dist/webview/main.js: ${(gz / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB: ${((gz / 1024 / BUDGET_KB) * 100).toFixed(0)}% used)`);
    if (problems.length > 0) console.log(`\npage problems during the run:\n  ${problems.join('\n  ')}`);
  } finally {
    await stopHarness();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
