// The notebook renderer (contributes.notebookRenderer) for application/vnd.zigzag.scenario+json: a
// cell output holding a scenario shows the same live plot as a ```zigzag block. Its "Open in Playground"
// asks the extension (renderer messaging) to load the scenario into the playground panel.
//
// The module only defines; the first output loads the plots' code a part per task (loadMount.ts), and
// each output is mounted in a task of its own.
import type { ActivationFunction } from 'vscode-notebook-renderer';
import type { OpenInPlaygroundMessage } from '../../src/shared/embedScenario';
import { loadMount, nextTask } from './loadMount';

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
  /** Each output's way out: its plot's unmount, or, while the plots' code loads, a flag that it is gone. */
  const outputs = new Map<string, () => void>();
  return {
    async renderOutputItem(item, element, signal) {
      outputs.get(item.id)?.();
      const scenario = item.text();
      let gone = false;
      const drop = (): void => {
        gone = true;
      };
      outputs.set(item.id, drop);
      const { mountEmbed } = await loadMount();
      // Every output waits on the same load: each then mounts in a task of its own, not all in the one that loaded.
      await nextTask();
      // Disposed or rendered again while the plots' code loaded: that later call has the output now.
      if (gone || signal.aborted || outputs.get(item.id) !== drop) return;
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
