// The Markdown preview's plots against hostile course material, in Chromium: a page rendered the way
// VS Code's preview renders a sheet (markdown-it with the extension's plugin, the preview script and
// stylesheet, a nonce-only script policy) holding every case of test/hostile/corpus.ts as a ```zigzag
// block, plus a block over the page's budget and one just under it; the suite itself (no task over 50 ms
// of the page's own CPU time, each block's ending) is support/plotPage.ts's.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import MarkdownIt from 'markdown-it';
import { resolveScenario } from '../../src/engine/index';
import { zigzagBlocks } from '../../src/host/markdownBlocks';
import { EMBED_LIMITS, blockCost } from '../../src/shared/embedScenario';
import { HOSTILE_CASES, type HostileCase } from '../hostile/corpus';
import { serveDist } from './support/distServer';
import { PRODUCTION_DIST, describePlotPage, type PlotCase } from './support/plotPage';

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

const BLOCKS: readonly PlotCase[] = [
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
  return serveDist(PRODUCTION_DIST, { '/sheet.html': { type: 'text/html; charset=utf-8', body: () => previewHtml(nonce) } });
}

describePlotPage({
  title: 'Markdown preview: hostile blocks in Chromium',
  cases: BLOCKS,
  noun: 'block',
  target: 'markdownEmbed',
  serve,
  path: '/sheet.html',
  items: 'div.zigzag-embed',
  plot: 'zigzag-plot',
  // (The slowest block is seconds of work.)
  settleLimitMs: 180_000,
});
