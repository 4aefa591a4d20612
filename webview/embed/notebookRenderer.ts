// The notebook renderer (contributes.notebookRenderer) for application/vnd.zigzag.scenario+json: a
// cell output holding a scenario shows the same live plot as a ```zigzag block. Its "Open in Playground"
// asks the extension (renderer messaging) to load the scenario into the playground panel.
import type { ActivationFunction } from 'vscode-notebook-renderer';
import type { OpenInPlaygroundMessage } from '../../src/shared/embedScenario';
import { mountEmbed } from './mount';

/** The renderer's stylesheet sits beside its script; link it once per notebook page. */
function linkStylesheet(): void {
  const href = new URL('./notebook.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => (l as HTMLLinkElement).href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

export const activate: ActivationFunction = (ctx) => {
  linkStylesheet();
  const outputs = new Map<string, () => void>();
  return {
    renderOutputItem(item, element) {
      outputs.get(item.id)?.();
      const scenario = item.text();
      const message: OpenInPlaygroundMessage = { type: 'openInPlayground', scenario };
      // postMessage exists when the extension host can answer (the renderer asks for messaging, optionally).
      const open = ctx.postMessage ? () => void ctx.postMessage?.(message) : undefined;
      outputs.set(item.id, mountEmbed(element, scenario, { onOpenInPlayground: open, openButton: true }));
    },
    disposeOutputItem(id) {
      for (const [key, unmount] of outputs) {
        if (id !== undefined && key !== id) continue;
        unmount();
        outputs.delete(key);
      }
    },
  };
};
