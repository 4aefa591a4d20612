// The Markdown preview's plots, loaded by markdownPreview.ts: every ```zigzag block the extension's
// markdown-it plugin rendered becomes a live plot. The preview may put its first content in the page
// before this (async) script runs, and it re-renders blocks in place (morphdom) on every edit, so the
// page is watched with a MutationObserver, as the Mermaid preview does, and each block is (re)mounted
// whenever its plot is missing or its text changed. One block mounted per task, and each block's run
// computed in slices, so the preview stays responsive.
import { mountEmbed } from './mount';

/** Our element inside a block: a tag the preview's HTML never has, so morphdom replaces it rather than reusing it. */
const PLOT_TAG = 'zigzag-plot';

interface Mounted {
  readonly plot: HTMLElement;
  readonly text: string;
  readonly unmount: () => void;
}

const mounted = new Map<HTMLElement, Mounted>();
let scheduled = false;

/** The block's scenario, exactly as written: the text of its code element (never parsed as HTML). */
const blockText = (block: HTMLElement): string => block.querySelector('code.zigzag-embed-json')?.textContent ?? '';

function forget(block: HTMLElement, m: Mounted): void {
  m.unmount();
  m.plot.remove();
  mounted.delete(block);
}

function sync(): void {
  scheduled = false;
  for (const [block, m] of mounted) {
    if (!block.isConnected || m.plot.parentElement !== block || m.text !== blockText(block)) forget(block, m);
  }
  const waiting = [...document.querySelectorAll<HTMLElement>('div.zigzag-embed')].filter((b) => !mounted.has(b));
  const block = waiting[0];
  if (!block) return;
  const text = blockText(block);
  const plot = document.createElement(PLOT_TAG);
  block.prepend(plot);
  // The block's own "Open in Playground" link (the preview hands its clicks to VS Code), for a block not computed here.
  const link = block.querySelector<HTMLAnchorElement>('a.zigzag-embed-open');
  mounted.set(block, { plot, text, unmount: mountEmbed(plot, text, { onOpenInPlayground: link ? () => link.click() : undefined }) });
  if (waiting.length > 1) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(sync, 0);
}

/** Changes inside our own plots (the animation's readout, uPlot) are not the preview's. */
const insidePlot = (node: Node): boolean => (node instanceof Element ? node : node.parentElement)?.closest(PLOT_TAG) != null;

new MutationObserver((records) => {
  if (records.some((r) => !insidePlot(r.target))) schedule();
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
window.addEventListener('vscode.markdown.updateContent', schedule);
schedule();
