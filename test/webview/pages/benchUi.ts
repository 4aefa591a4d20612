// The repaint benchmark, run inside the page: move the learning-rate slider as a user would and time
// until the weight plane has repainted the host's answer (engine + message + render).
export interface BenchSample {
  /** Input event → the plot's draw hook finished for the new revision. */
  readonly paintMs: number;
  /** Input event → the next animation frame after that paint (what reaches the screen). */
  readonly frameMs: number;
  /** Of which: the engine run and RunView in the host stand-in. */
  readonly engineMs: number;
  /** Of which: the run message's arrival → the plot repainted (webview render). */
  readonly renderMs: number;
}

declare global {
  interface Window {
    __zzBench: { run(changes: number): Promise<BenchSample[]> };
  }
}

function nextPaint(after: number): Promise<number> {
  return new Promise((resolve) => {
    const onPaint = (e: Event): void => {
      const detail = (e as CustomEvent<{ revision: number }>).detail;
      if (detail.revision > after) {
        document.removeEventListener('zigzag:painted', onPaint);
        resolve(performance.now());
      }
    };
    document.addEventListener('zigzag:painted', onPaint);
  });
}

// Installed before the webview's script, so it hears each run message before the webview does.
let arrived = 0;
window.addEventListener('message', (e: MessageEvent) => {
  if ((e.data as { type?: string } | null)?.type === 'run') arrived = performance.now();
});

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

window.__zzBench = {
  async run(changes) {
    const slider = document.querySelector<HTMLInputElement>('input[name=lr]');
    const root = document.getElementById('root');
    if (!slider || !root) throw new Error('the playground is not rendered');
    const samples: BenchSample[] = [];

    for (let i = 0; i < changes; i++) {
      // η between 0.05 and 1.6 (log positions −1.3 … 0.2): every change is a real one, none diverges.
      const position = -1.3 + ((i * 7) % 16) * 0.1;
      const revision = Number(root.dataset.paintedRevision ?? -1);
      const painted = nextPaint(revision);
      const t0 = performance.now();
      slider.value = position.toFixed(2);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await painted;
      const t2 = await nextFrame();
      samples.push({ paintMs: t1 - t0, frameMs: t2 - t0, engineMs: window.__zzHost.lastComputeMs, renderMs: t1 - arrived });
      await pause(20);
    }
    return samples;
  },
};
