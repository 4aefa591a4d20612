// The notebook renderer's outputs against hostile course material, in Chromium: a page that loads the
// renderer as VS Code's notebook webview does (an ES module, activated, then asked to render each output,
// the first in the task that evaluated the module), one output per case of test/hostile/corpus.ts plus
// the default demo and an output over the page's budget. The Long Tasks API watches the page's main
// thread from before anything runs: no task may take over 50 ms of the page's own CPU time (the first,
// the module's evaluation, took ~45 ms while uPlot's formatters loaded ICU in it). Each output must end
// in its message, a diverged run, a finished plot or the budget notice.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EMBED_LIMITS } from '../../src/shared/embedScenario';
import { HOSTILE_CASES } from '../hostile/corpus';
import { launchChromium } from '../webview/support/harness';
import { withCpuTime, within, type LongTask, type MeasuredTask, type TraceEvent } from './support/longTasks';
import { serveDist } from './support/distServer';

const root = resolve(__dirname, '../..');
// The renderer as released (minified, production): its module's evaluation is the page's first task.
const dist = join(root, 'dist', 'production');

/** The Long Tasks budget. */
const LONG_TASK_MS = 50;
/** How long the outputs may take to settle, as a limit on the wait. */
const SETTLE_LIMIT_MS = 120_000;

type Ending = { readonly refused: string } | { readonly diverges: boolean } | { readonly overBudget: true } | undefined;

interface Output {
  readonly name: string;
  readonly text: string;
  readonly ending: Ending;
}

const OUTPUTS: readonly Output[] = [
  { name: 'the default demo', text: '{}', ending: { diverges: false } },
  ...HOSTILE_CASES.map((c) => ({ name: c.name, text: c.text, ending: c.expect })),
  {
    name: 'a logistic run over the page budget',
    text: JSON.stringify({
      steps: EMBED_LIMITS.maxSteps,
      batchSize: 'full',
      loss: 'logistic',
      inputs: { count: EMBED_LIMITS.maxExamples },
    }),
    ending: { overBudget: true },
  },
];

/**
 * The notebook webview as far as the renderer sees it: a nonce-only script policy, the renderer module
 * imported and activated, and each output rendered into an element of its own, one output per task.
 */
function notebookHtml(nonce: string): string {
  const elements = OUTPUTS.map((_, i) => `<div class="cell-output"><div class="zz-output" data-case="${i}"></div></div>`).join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}' 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:">
</head><body class="vscode-body vscode-dark">
${elements}
<script type="module" nonce="${nonce}">
// The texts are fetched as one text, not written into the page: a megabyte of HTML to parse, or of
// JSON, is a long task of the test's own.
const texts = (await (await fetch('/texts')).text()).split('\u0001');
const outputs = [...document.querySelectorAll('div.zz-output')];
const api = (await import('/embed/notebook.js')).activate({ postMessage: () => undefined });
const render = (i) => {
  api.renderOutputItem(
    { id: 'output-' + i, mime: 'application/vnd.zigzag.scenario+json', text: () => texts[i] },
    outputs[i],
    new AbortController().signal,
  );
  if (i + 1 < texts.length) setTimeout(() => render(i + 1), 0);
};
render(0);
</script>
</body></html>`;
}

function serve(): Promise<{ origin: string; server: Server }> {
  const nonce = randomBytes(16).toString('base64');
  return serveDist(dist, {
    // One text, the outputs' separated by U+0001 (which none holds).
    '/texts': { type: 'text/plain; charset=utf-8', body: () => OUTPUTS.map((o) => o.text).join('\u0001') },
    '/notebook.html': { type: 'text/html; charset=utf-8', body: () => notebookHtml(nonce) },
  });
}

interface Shown {
  readonly state: 'computing' | 'invalid' | 'over-budget' | 'plot' | 'none';
  readonly text: string;
  readonly diverged: boolean;
  readonly contours: string | null;
}

/** Each output's state. (No named functions inside: the page's copy of this code would not know esbuild's helper for them.) */
async function outputsShown(page: Page): Promise<Shown[]> {
  return page.$$eval('div.zz-output', (outputs) =>
    outputs.map((plot): Shown => {
      const plane = plot.querySelector<HTMLElement>('.weight-plane');
      const state = plot.querySelector('[data-testid="computing"]')
        ? 'computing'
        : plot.querySelector('[data-testid="invalid"]')
          ? 'invalid'
          : plot.querySelector('[data-testid="over-budget"]')
            ? 'over-budget'
            : plane && (plot as HTMLElement).dataset.painted
              ? 'plot'
              : 'none';
      return {
        state,
        text: (plot.textContent ?? '').slice(0, 400),
        diverged: plot.querySelector('.divergence') != null,
        contours: plane?.dataset.contours ?? null,
      };
    }),
  );
}

describe('notebook outputs: hostile scenarios in Chromium', function () {
  this.timeout(SETTLE_LIMIT_MS + 60_000);
  let browser: Browser;
  let server: Server;
  let page: Page;
  const errors: string[] = [];
  let shown: Shown[] = [];
  let longTasks: MeasuredTask[] = [];
  let hung: string | null = null;

  before(async () => {
    // (Built already after `npm test`'s build stage, ZIGZAG_BUILT=1: other stages read dist/ meanwhile.)
    if (process.env.ZIGZAG_BUILT !== '1') {
      execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--dist', dist, 'notebookEmbed'], { cwd: root });
    }
    const served = await serve();
    server = served.server;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    // As the Markdown preview's test: the observer, the clock mark and the settle check are in place
    // before any script of the page runs, and nothing of Playwright's runs in the page meanwhile.
    await page.exposeBinding('zzSettled', (_source, tasks: LongTask[]) => settle(tasks));
    await page.addInitScript((count: number) => {
      const tasks: { start: number; duration: number }[] = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      performance.mark('zz-clock');
      const timer = setInterval(() => {
        const outputs = [...document.querySelectorAll<HTMLElement>('div.zz-output')];
        const settled =
          outputs.length === count &&
          outputs.every((plot) => {
            if (plot.querySelector('[data-testid="computing"]')) return false;
            if (plot.querySelector('[data-testid="invalid"], [data-testid="over-budget"]')) return true;
            return plot.dataset.painted !== undefined && plot.querySelector<HTMLElement>('.weight-plane')?.dataset.contours === 'full';
          });
        if (!settled) return;
        clearInterval(timer);
        (window as unknown as { zzSettled: (t: typeof tasks) => void }).zzSettled(tasks);
      }, 50);
    }, OUTPUTS.length);
    let settle: (tasks: LongTask[]) => void = () => undefined;
    const settled = new Promise<LongTask[]>((resolve) => (settle = resolve));
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
    await page.goto(`${served.origin}/notebook.html`);
    const tasks = await within(settled, SETTLE_LIMIT_MS, null);
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    if (tasks !== null) longTasks = withCpuTime(tasks, trace.traceEvents);
    else hung = `the outputs did not settle within ${SETTLE_LIMIT_MS / 1000} s`;
    shown = await within(outputsShown(page), 10_000, []);
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it(`no task on the page's main thread takes over ${LONG_TASK_MS} ms, the module's evaluation included`, () => {
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

  OUTPUTS.forEach((o, i) => {
    const expected = !o.ending
      ? 'a message or a finished plot'
      : 'refused' in o.ending
        ? `its message naming ${o.ending.refused}`
        : 'overBudget' in o.ending
          ? 'the budget notice with Open in Playground'
          : o.ending.diverges
            ? 'a diverged run'
            : 'a finished run';
    it(`${o.name}: ${expected}`, () => {
      const s = shown[i];
      assert.ok(s, hung ? `the page could not be read: ${hung}` : `output ${i} is on the page`);
      const what = `${s.state}: ${s.text}`;
      const e = o.ending;
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
        assert.equal(s.contours, 'full', 'the plot drew its contour lines');
      }
    });
  });

  it('no errors on the page', () => {
    assert.deepEqual(errors, []);
  });
});
