// Pixel probes the tests run inside the page: what the plot canvases actually show, and a record of
// every repaint (what it showed) and of what each frame showed.
import type { Metrics } from '../../../src/engine/types';
import type { PaintedEventDetail } from '../../../webview/paintSignal';
import { identical } from './identical';

export interface ColourStats {
  /** Pixels within the tolerance of the colour. */
  readonly count: number;
  /** Their centroid in page (CSS) coordinates, or null when none. */
  readonly centroid: [number, number] | null;
}

/** One repaint of a weight plane, as the playground reported it (zigzag:painted), without the run's arrays. */
export interface PaintRecord {
  readonly source: string;
  readonly seq: number;
  readonly revision: number;
  readonly start: [number, number];
  readonly target: [number, number] | null;
  readonly lr: number;
  readonly steps: number;
  /** The run's whole-path metrics. */
  readonly metrics: Metrics;
  /** The frame (requestAnimationFrame count since watchPaints) it happened in. */
  readonly frame: number;
  /** The contour lines drawn: 'full', 'coarse' or 'stale' (the previous surface's, until the next task). */
  readonly contours: string;
}

export interface CanvasStats {
  readonly width: number;
  readonly height: number;
  /** Pixels that are not fully transparent (uPlot clears to transparent). */
  readonly painted: number;
  readonly colours: ColourStats[];
}

declare global {
  interface Window {
    __zzProbe: {
      canvasStats(
        selector: string,
        colours: [number, number, number][],
        tolerance?: number,
        index?: number,
        minAlpha?: number,
      ): CanvasStats | null;
      /**
       * From now on, once per frame (requestAnimationFrame runs just before a frame is rendered), record
       * the `value` of the first visible element matching `selector`, or null when there is none.
       */
      watchFrames(selector: string): void;
      /** What watchFrames has recorded so far. */
      frames(): (number | null)[];
      /** From now on, record every host message of `type` (the webview's inbox). */
      watchMessages(type: string): void;
      messages(): unknown[];
      /** From now on, record every repaint, and the frame each happened in. */
      watchPaints(): void;
      paints(): PaintRecord[];
      /** Frames begun since watchPaints. */
      frameNow(): number;
      /** Whether the run the plane last painted has every bit of the host stand-in's last run. */
      shownIsHostRun(): boolean;
      /** From now on, count performance measures named `name` (the webview's own timings). */
      watchMeasures(name: string): void;
      measureCount(): number;
    };
  }
}

const frames: (number | null)[] = [];
const paints: PaintRecord[] = [];
let lastPainted: PaintedEventDetail | null = null;
let frameCount = 0;
document.addEventListener('zigzag:painted', (e: Event) => {
  lastPainted = (e as CustomEvent<PaintedEventDetail>).detail;
});

const messages: unknown[] = [];
let measureCount = 0;

window.__zzProbe = {
  watchFrames(selector) {
    const tick = (): void => {
      const el = document.querySelector<HTMLElement & { value?: unknown }>(selector);
      const visible = el !== null && el.getBoundingClientRect().width > 0;
      frames.push(visible ? Number(el.value) : null);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  frames: () => frames.slice(),
  watchMessages(type) {
    window.addEventListener('message', (e: MessageEvent) => {
      if ((e.data as { type?: unknown } | null)?.type === type) messages.push(e.data);
    });
  },
  messages: () => messages.slice(),
  watchMeasures(name) {
    new PerformanceObserver((list) => {
      measureCount += list.getEntriesByName(name).length;
    }).observe({ type: 'measure' });
  },
  measureCount: () => measureCount,
  watchPaints() {
    const tick = (): void => {
      frameCount++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    document.addEventListener('zigzag:painted', (e: Event) => {
      const d = (e as CustomEvent<PaintedEventDetail>).detail;
      const s = d.run.scenario;
      paints.push({
        source: d.source,
        seq: d.seq,
        revision: d.revision,
        start: [s.start[0], s.start[1]],
        target: d.run.target ? [d.run.target[0], d.run.target[1]] : null,
        lr: s.optimizer.lr,
        steps: d.steps,
        metrics: d.run.metrics,
        frame: frameCount,
        contours: d.contours,
      });
    });
  },
  paints: () => paints.slice(),
  frameNow: () => frameCount,
  shownIsHostRun() {
    const a = lastPainted?.run;
    const b = window.__zzHost.lastRun;
    return a !== undefined && b !== null && identical(a, b);
  },
  canvasStats(selector, colours, tolerance = 12, index = 0, minAlpha = 250) {
    // What the plot shows: its canvases stacked in order (the weight plane's moving layer over uPlot's).
    const plot = document.querySelectorAll(`${selector} .uplot`)[index];
    const layers = plot ? Array.from(plot.querySelectorAll<HTMLCanvasElement>('canvas')) : [];
    const canvas = layers[0];
    if (!canvas) return null;
    // Read a copy, so the page's own canvases are never switched to slow software readback.
    const { width, height } = canvas;
    const copy = document.createElement('canvas');
    copy.width = width;
    copy.height = height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    for (const layer of layers) ctx.drawImage(layer, 0, 0);
    const data = ctx.getImageData(0, 0, width, height).data;
    const rect = canvas.getBoundingClientRect();
    const sx = rect.width / width;
    const sy = rect.height / height;
    let painted = 0;
    const acc = colours.map(() => ({ n: 0, x: 0, y: 0 }));
    for (let i = 0, p = 0; i < data.length; i += 4, p++) {
      const a = data[i + 3];
      if (a === 0) continue;
      painted++;
      if (a < minAlpha) continue; // blended edge pixels are not the colour itself
      for (let c = 0; c < colours.length; c++) {
        const [r, g, b] = colours[c];
        if (Math.abs(data[i] - r) <= tolerance && Math.abs(data[i + 1] - g) <= tolerance && Math.abs(data[i + 2] - b) <= tolerance) {
          const s = acc[c];
          s.n++;
          s.x += (p % width) + 0.5;
          s.y += Math.floor(p / width) + 0.5;
        }
      }
    }
    return {
      width,
      height,
      painted,
      colours: acc.map((s) => ({
        count: s.n,
        centroid: s.n > 0 ? [rect.left + (s.x / s.n) * sx, rect.top + (s.y / s.n) * sy] : null,
      })),
    };
  },
};
