// The plots' code for a page that is not ours (the Markdown preview, a notebook output), evaluated a
// part per task. A page's first Intl formatter loads ICU's data, and uPlot, the engine and the rest each
// take a while to evaluate: in one task they held the page for up to 112 ms of CPU on a loaded machine,
// over the 50 ms a task may take (docs/architecture.md). Each part below is evaluated once, in a task of
// its own; mount.tsx, evaluated last, finds the parts it imports already evaluated.
import type * as Mount from './mount';

/** Resolves in a new task: the work after it is not charged to the task that waited. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let loading: Promise<typeof Mount> | undefined;

/** The plots' code, once, each part in a task of its own, resolved in a task after the last. */
export function loadMount(): Promise<typeof Mount> {
  loading ??= (async () => {
    await nextTask();
    new Intl.NumberFormat(navigator.language).format(0);
    await nextTask();
    await import('uplot');
    await nextTask();
    await import('../../src/engine/index');
    await nextTask();
    await import('../../src/shared/runView');
    await nextTask();
    const mount = await import('./mount');
    await nextTask();
    return mount;
  })();
  return loading;
}
