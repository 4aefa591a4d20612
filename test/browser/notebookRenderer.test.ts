// The notebook renderer's outputs against hostile course material, in Chromium: a page that loads the
// renderer as VS Code's notebook webview does (an ES module, activated, then asked to render each output,
// the first in the task that evaluated the module), one output per case of test/hostile/corpus.ts plus
// the default demo and an output over the page's budget; the suite itself (no task over 50 ms of the
// page's own CPU time, each output's ending) is support/plotPage.ts's.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { EMBED_LIMITS } from '../../src/shared/embedScenario';
import { HOSTILE_CASES } from '../hostile/corpus';
import { serveDist } from './support/distServer';
import { PRODUCTION_DIST, describePlotPage, type PlotCase } from './support/plotPage';

const OUTPUTS: readonly PlotCase[] = [
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
  return serveDist(PRODUCTION_DIST, {
    // One text, the outputs' separated by U+0001 (which none holds).
    '/texts': { type: 'text/plain; charset=utf-8', body: () => OUTPUTS.map((o) => o.text).join('\u0001') },
    '/notebook.html': { type: 'text/html; charset=utf-8', body: () => notebookHtml(nonce) },
  });
}

describePlotPage({
  title: 'notebook outputs: hostile scenarios in Chromium',
  cases: OUTPUTS,
  noun: 'output',
  target: 'notebookEmbed',
  serve,
  path: '/notebook.html',
  items: 'div.zz-output',
  plot: null,
  settleLimitMs: 120_000,
  longTaskNote: ", the module's evaluation included",
});
