#!/usr/bin/env node
// Renders the Marketplace icon, media/icon.png (256×256), from the activity-bar motif media/zigzag.svg:
// the same loss ellipses, zig-zag path, start and target, coloured on a dark rounded square. Drawn by
// Debian's Chromium through playwright-core, so the PNG is what a browser makes of the SVG.
//   node test/tools/render-icon.mjs        (re-run after changing media/zigzag.svg; commit the PNG)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, repoRoot } from './vscode-web.mjs';

const SIZE = 256;
const motif = readFileSync(join(repoRoot, 'media', 'zigzag.svg'), 'utf8');
// The motif's own shapes (it draws everything in currentColor); only the colours are chosen here.
const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(motif)?.[1];
if (!inner) throw new Error('media/zigzag.svg: no <svg> element');

const page = `<!DOCTYPE html><html><head><style>
  html, body { margin: 0; background: transparent; }
  svg { display: block; }
  .motif ellipse { stroke: #5aa9e6; }
  .motif polyline { stroke: #ff9f43; }
  .motif circle { stroke: none; }
  .motif circle:nth-of-type(1) { fill: #f4f4f4; }  /* start */
  .motif circle:nth-of-type(2) { fill: #3ddc84; }  /* target w* */
</style></head><body>
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24">
  <rect x="0.5" y="0.5" width="23" height="23" rx="5" fill="#1b2433"/>
  <g class="motif" transform="translate(1.8 1.8) scale(0.85)" fill="none" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${inner}</g>
</svg></body></html>`;

const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const tab = await context.newPage();
  await tab.setContent(page);
  const out = join(repoRoot, 'media', 'icon.png');
  await tab.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${out} (${SIZE}×${SIZE})`);
} finally {
  await browser.close();
}
