// The repaint benchmark, run inside the page: change controls as a user would (learning-rate slider
// steps, batch size, input distribution, target quadrant) and time until the weight plane has repainted
// the host's answer (engine + message + render), then until that frame has been rendered.
export type ChangeKind = 'lr' | 'batch' | 'distribution' | 'quadrant';

export interface BenchSample {
  readonly kind: ChangeKind;
  /** Input event → the plot's draw hook finished for the new revision. */
  readonly paintMs: number;
  /** Input event → the frame after that paint has been rendered (style, layout, paint done). */
  readonly frameMs: number;
  /** Of which: the engine run and RunView in the host stand-in. */
  readonly engineMs: number;
  /** Of which: the run message's arrival → the plot repainted (webview render). */
  readonly renderMs: number;
  /** Of which: d3-contour (0 when the webview reused the contours of an identical grid). */
  readonly contourMs: number;
}

/** A render-only reference: the host's last run sent again (no engine), timed to the repaint. */
export interface ReplaySample {
  readonly renderMs: number;
  readonly frameMs: number;
  readonly contourMs: number;
}

declare global {
  interface Window {
    __zzBench: {
      run(changes: number, offset?: number): Promise<BenchSample[]>;
      /** Re-sends the last run `count` times; `freshGrid` perturbs the grid so its contours must be recomputed. */
      replay(count: number, freshGrid: boolean): Promise<ReplaySample[]>;
      /** Milliseconds a fixed CPU workload takes, `count` times: how much the machine steals from the page. */
      calibrate(count: number): number[];
    };
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

// The webview measures each d3-contour run as 'zigzag:contours'; sum what happened since the last read.
let contourMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) contourMs += entry.duration;
}).observe({ type: 'measure' });
const takeContourMs = (): number => {
  const v = contourMs;
  contourMs = 0;
  return v;
};

/** After the next frame's rendering update: a task queued from inside requestAnimationFrame runs after it. */
const afterNextFrame = (): Promise<number> =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// A realistic session: mostly learning-rate slider steps, now and then a batch size, a distribution
// switch or a new target quadrant (the last two change the loss surface, so new contours).
const MIX: readonly ChangeKind[] = ['lr', 'lr', 'batch', 'lr', 'distribution', 'lr', 'lr', 'quadrant', 'lr', 'batch'];
const BATCHES = ['1', '4', '16'];
const DISTRIBUTIONS = ['sigmoid', 'tanh', 'relu'];
const QUADRANTS = ['nw', 'ne', 'sw', 'se'];

function select(name: string): HTMLSelectElement {
  const el = document.querySelector<HTMLSelectElement>(`select[name=${name}]`);
  if (!el) throw new Error(`no select[name=${name}]`);
  return el;
}

/** The next value of a cycle that differs from the current one, so every change is a real change. */
function nextOf(values: readonly string[], current: string): string {
  const i = values.indexOf(current);
  return values[(i + 1) % values.length];
}

function change(kind: ChangeKind, i: number): void {
  if (kind === 'lr') {
    const slider = document.querySelector<HTMLInputElement>('input[name=lr]');
    if (!slider) throw new Error('no learning-rate slider');
    // η between 0.05 and 0.8 (log positions −1.3 … −0.1), a different one each time.
    let position = -1.3 + ((i * 7) % 13) * 0.1;
    if (Math.abs(Number(slider.value) - position) < 0.005) position += 0.1;
    slider.value = position.toFixed(2);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  const name = kind === 'batch' ? 'batchSize' : kind;
  const values = kind === 'batch' ? BATCHES : kind === 'distribution' ? DISTRIBUTIONS : QUADRANTS;
  const el = select(name);
  el.value = nextOf(values, el.value);
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

function root(): HTMLElement {
  const el = document.getElementById('root');
  if (!el) throw new Error('the playground is not rendered');
  return el;
}

window.__zzBench = {
  async run(changes, offset = 0) {
    const samples: BenchSample[] = [];
    for (let k = 0; k < changes; k++) {
      const i = k + offset;
      const kind = MIX[i % MIX.length];
      const revision = Number(root().dataset.paintedRevision ?? -1);
      const painted = nextPaint(revision);
      takeContourMs();
      const t0 = performance.now();
      change(kind, i);
      const t1 = await painted;
      const t2 = await afterNextFrame();
      samples.push({
        kind,
        paintMs: t1 - t0,
        frameMs: t2 - t0,
        engineMs: window.__zzHost.lastComputeMs,
        renderMs: t1 - arrived,
        contourMs: takeContourMs(),
      });
      await pause(20);
    }
    return samples;
  },

  async replay(count, freshGrid) {
    const host = window.__zzHost;
    const samples: ReplaySample[] = [];
    for (let k = 0; k < count; k++) {
      const run = host.lastRun;
      if (!run) throw new Error('no run to replay');
      const values = run.grid.values.slice();
      // A relative change far below anything visible, but a different grid.
      if (freshGrid) for (let j = 0; j < values.length; j += 7) values[j] *= 1 + (k + 1) * 1e-12;
      const revision = Number(root().dataset.paintedRevision ?? -1);
      const painted = nextPaint(revision);
      takeContourMs();
      host.revision += 1;
      const t0 = performance.now();
      host.send({ type: 'run', revision: host.revision, run: { ...run, grid: { ...run.grid, values } } });
      const t1 = await painted;
      const t2 = await afterNextFrame();
      samples.push({ renderMs: t1 - t0, frameMs: t2 - t0, contourMs: takeContourMs() });
      await pause(20);
    }
    return samples;
  },

  calibrate(count) {
    const times: number[] = [];
    let sink = 0;
    for (let k = 0; k < count; k++) {
      const t0 = performance.now();
      for (let j = 1; j < 300_000; j++) sink += Math.sqrt(j) * 1e-9;
      times.push(performance.now() - t0);
    }
    if (sink < 0) times.push(sink); // never: keeps the loop from being optimised away
    return times;
  },
};
