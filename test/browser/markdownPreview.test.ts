// The Markdown preview's plots against hostile course material, in Chromium: a page rendered the way
// VS Code's preview renders a sheet (markdown-it with the extension's plugin, the preview script and
// stylesheet, a nonce-only script policy) holding every case of test/hostile/corpus.ts as a ```zigzag
// block, plus a block over the page's budget and one just under it. The Long Tasks API watches the
// page's main thread from before the script runs: no task may take over 50 ms. Each block must end in
// its message, a diverged run, a finished plot or the budget notice.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Browser, Page } from 'playwright-core';
import { resolveScenario } from '../../src/engine/index';
import { zigzagBlocks } from '../../src/host/markdownBlocks';
import { EMBED_LIMITS, blockCost } from '../../src/shared/embedScenario';
import { HOSTILE_CASES, type HostileCase } from '../hostile/corpus';
import { launchChromium } from '../webview/support/harness';
import { withCpuTime, within, type LongTask, type MeasuredTask, type TraceEvent } from './support/longTasks';
import { serveDist } from './support/distServer';

const root = resolve(__dirname, '../..');
// The embed as released (minified, production): the page's first task is the script's evaluation, and that
// must be the shipped script's.
const dist = join(root, 'dist', 'production');

/** The Long Tasks budget. */
const LONG_TASK_MS = 50;
/** How long the blocks may take to settle, as a limit on the wait (the slowest is seconds of work). */
const SETTLE_LIMIT_MS = 180_000;

/** What a block must end as (the corpus's expectation, or for the page's own cases, theirs). */
type Ending = { readonly refused: string } | { readonly diverges: boolean } | { readonly overBudget: true } | undefined;

interface Block {
  readonly name: string;
  readonly text: string;
  readonly ending: Ending;
}

const logisticBlock = (count: number): string =>
  `{ "steps": ${EMBED_LIMITS.maxSteps}, "batchSize": "full", "loss": "logistic", "inputs": { "count": ${count} } }`;

/** The most examples that block may have within the page's budget, read off the cost model (≤ 11 halvings). */
const COUNT_AT_BUDGET = ((): number => {
  const within = (count: number): boolean => blockCost(resolveScenario(JSON.parse(logisticBlock(count)))).total <= EMBED_LIMITS.maxCost;
  let [lo, hi]: number[] = [1, EMBED_LIMITS.maxExamples];
  assert.ok(within(lo) && !within(hi), 'the block fits the budget at 1 example and not at the most a page allows');
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (within(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
})();

const BLOCKS: readonly Block[] = [
  ...HOSTILE_CASES.map((c: HostileCase) => ({ name: c.name, text: c.text, ending: c.expect })),
  {
    name: 'a logistic run over the page budget',
    text: logisticBlock(COUNT_AT_BUDGET + 1),
    ending: { overBudget: true },
  },
  {
    name: 'a logistic run just under the page budget (seconds of work, in slices)',
    text: logisticBlock(COUNT_AT_BUDGET),
    ending: { diverges: false },
  },
];

/** The sheet as Markdown: one fenced block per case, each under a heading naming it. */
function sheet(): string {
  return BLOCKS.map((b, i) => `## ${i}: ${b.name}\n\n\`\`\`zigzag\n${b.text}\n\`\`\`\n`).join('\n');
}

/** The page VS Code's preview would make of the sheet: its body from markdown-it with our plugin. */
function previewHtml(nonce: string): string {
  const md = zigzagBlocks(new MarkdownIt());
  const body = md.render(sheet(), { currentDocument: { path: '/course/hostile.md' } });
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:">
<link rel="stylesheet" href="/embed/markdown.css">
</head><body class="vscode-body vscode-dark">${body}
<script async src="/embed/markdown.js" nonce="${nonce}"></script>
</body></html>`;
}

function serve(): Promise<{ origin: string; server: Server }> {
  const nonce = randomBytes(16).toString('base64');
  return serveDist(dist, { '/sheet.html': { type: 'text/html; charset=utf-8', body: () => previewHtml(nonce) } });
}

/** How a block ended, read from its plot element. */
interface Shown {
  readonly state: 'computing' | 'invalid' | 'over-budget' | 'plot' | 'none';
  readonly text: string;
  readonly diverged: boolean;
  readonly contours: string | null;
}

/** Each block's state. (No named functions inside: the page's copy of this code would not know esbuild's helper for them.) */
async function blocksShown(page: Page): Promise<Shown[]> {
  return page.$$eval('div.zigzag-embed', (blocks) =>
    blocks.map((block): Shown => {
      const plot = block.querySelector<HTMLElement>('zigzag-plot');
      const plane = plot?.querySelector<HTMLElement>('.weight-plane') ?? null;
      const state = plot?.querySelector('[data-testid="computing"]')
        ? 'computing'
        : plot?.querySelector('[data-testid="invalid"]')
          ? 'invalid'
          : plot?.querySelector('[data-testid="over-budget"]')
            ? 'over-budget'
            : plane && plot?.dataset.painted
              ? 'plot'
              : 'none';
      return {
        state,
        text: (plot?.textContent ?? '').slice(0, 400),
        diverged: plot?.querySelector('.divergence') != null,
        contours: plane?.dataset.contours ?? null,
      };
    }),
  );
}

describe('Markdown preview: hostile blocks in Chromium', function () {
  this.timeout(240_000);
  let browser: Browser;
  let server: Server;
  let page: Page;
  const errors: string[] = [];
  let shown: Shown[] = [];
  let longTasks: MeasuredTask[] = [];
  /** Why the page could not be read, if it could not. */
  let hung: string | null = null;

  before(async () => {
    // (Built already after `npm test`'s build stage, ZIGZAG_BUILT=1: other stages read dist/ meanwhile.)
    if (process.env.ZIGZAG_BUILT !== '1') {
      execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--dist', dist, 'markdownEmbed'], { cwd: root });
    }
    const served = await serve();
    server = served.server;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    // Set up before any script of the page runs, so no task of the preview script escapes: the Long
    // Tasks observer, a mark that ties the page's clock to the trace's, and a check (every 50 ms, in
    // the page) that calls back once every block has settled. Nothing of Playwright's runs in the page
    // meanwhile: its injected scripts are long tasks of their own.
    await page.exposeBinding('zzSettled', (_source, tasks: LongTask[]) => settle(tasks));
    await page.addInitScript((count: number) => {
      const tasks: { start: number; duration: number }[] = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      performance.mark('zz-clock');
      const timer = setInterval(() => {
        const blocks = [...document.querySelectorAll('div.zigzag-embed')];
        const settled =
          blocks.length === count &&
          blocks.every((block) => {
            const plot = block.querySelector<HTMLElement>('zigzag-plot');
            if (!plot || plot.querySelector('[data-testid="computing"]')) return false;
            if (plot.querySelector('[data-testid="invalid"], [data-testid="over-budget"]')) return true;
            return plot.dataset.painted !== undefined && plot.querySelector<HTMLElement>('.weight-plane')?.dataset.contours === 'full';
          });
        if (!settled) return;
        clearInterval(timer);
        (window as unknown as { zzSettled: (t: typeof tasks) => void }).zzSettled(tasks);
      }, 50);
    }, BLOCKS.length);
    let settle: (tasks: LongTask[]) => void = () => undefined;
    const settled = new Promise<LongTask[]>((resolve) => (settle = resolve));
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
    await page.goto(`${served.origin}/sheet.html`);
    const tasks = await within(settled, SETTLE_LIMIT_MS, null);
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    if (tasks !== null) longTasks = withCpuTime(tasks, trace.traceEvents);
    else hung = `the blocks did not settle within ${SETTLE_LIMIT_MS / 1000} s`;
    // A page whose main thread never comes back answers nothing: the blocks are then reported unread.
    shown = await within(blocksShown(page), 10_000, []);
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it(`no task on the page's main thread takes over ${LONG_TASK_MS} ms`, () => {
    assert.equal(hung, null);
    const report = longTasks.map(
      (t) => `${t.duration.toFixed(0)} ms (${t.cpu.toFixed(0)} ms of CPU: ${t.what}) at ${t.start.toFixed(0)} ms`,
    );
    console.log(`      long tasks seen: ${report.length === 0 ? 'none' : report.join('; ')}`);
    assert.deepEqual(
      longTasks.filter((t) => t.cpu > LONG_TASK_MS),
      [],
    );
  });

  BLOCKS.forEach((b, i) => {
    const expected = !b.ending
      ? 'a message or a finished plot'
      : 'refused' in b.ending
        ? `its message naming ${b.ending.refused}`
        : 'overBudget' in b.ending
          ? 'the budget notice with Open in Playground'
          : b.ending.diverges
            ? 'a diverged run'
            : 'a finished run';
    it(`${b.name}: ${expected}`, () => {
      const s = shown[i];
      assert.ok(s, hung ? `the page could not be read: ${hung}, and its main thread does not answer` : `block ${i} is on the page`);
      const what = `${s.state}: ${s.text}`;
      const e = b.ending;
      if (!e) assert.ok(s.state === 'invalid' || s.state === 'plot' || s.state === 'over-budget', what);
      else if ('refused' in e) {
        assert.equal(s.state, 'invalid', what);
        assert.ok(s.text.includes(e.refused), `the message names ${e.refused}: ${what}`);
      } else if ('overBudget' in e) {
        assert.equal(s.state, 'over-budget', what);
        assert.match(s.text, /Open in Playground/);
      } else {
        assert.equal(s.state, 'plot', what);
        assert.equal(s.diverged, e.diverges, what);
        if (s.state === 'plot') assert.equal(s.contours, 'full', 'the plot drew its contour lines');
      }
    });
  });

  it('no errors on the page', () => {
    assert.deepEqual(errors, []);
  });
});
