// The UI benchmark, run inside the page: change controls as a user would (learning-rate slider steps,
// batch size, input distribution, target quadrant) and drag the start and the target across the plane,
// and time each input to the end of the frame that shows its result.
//
// Where an input starts: Chromium delivers pointer moves (a drag, a slider being dragged) at the start of
// a frame, just before requestAnimationFrame callbacks, and draws that frame right after them. The
// benchmark dispatches each input there too (`aligned`), so "input → frame rendered" is what the page
// adds: one frame means the frame that began with the input already shows its result. A click on a
// select arrives at any moment and then waits for the next frame whatever the page does; `aligned:
// false` measures that way too (the wait, 0–16.7 ms, is part of the time).
import { ALL_KEPT, resolveScenario } from '../../../src/engine/index';
import { PREVIEW_MAX_WORK, previewWork } from '../../../src/shared/preview';
import type { ContourGrid } from '../../../src/shared/runModel';
import type { PaintedEventDetail } from '../../../webview/paintSignal';
import { identical } from './identical';

export type ChangeKind = 'lr' | 'batch' | 'distribution' | 'quadrant';

export interface FrameSample {
  /** Input event → the plot's draw hook finished with the result. */
  readonly paintMs: number;
  /** Input event → the rendering of the frame that shows it is done (style, layout, paint). */
  readonly frameMs: number;
  /** Frames begun from the input to the one that shows it: 1 = the input's own frame. */
  readonly frames: number;
  /** What showed it first: the page's preview ('preview' or a drag's 'draft') or the host's run. */
  readonly source: string;
  /** The preview's computation in the page (0 without one). */
  readonly previewMs: number;
  /** d3-contour on the way to that frame (0 when the contours of an identical grid were reused). */
  readonly contourMs: number;
  /**
   * A new surface whose first frame kept the previous surface's contour lines: input → the end of the
   * frame with its own lines (null: the first frame had them).
   */
  readonly ownContoursMs: number | null;
}

export interface ChangeSample extends FrameSample {
  readonly kind: ChangeKind;
  /** Input → the host's answer shown (its run, or the preview kept because the host sent the same bits). */
  readonly confirmMs: number;
  /** The run on screen after the host's answer equals the host's last run, every bit. */
  readonly equal: boolean;
  /** The engine run + RunView in the host stand-in. */
  readonly engineMs: number;
}

export interface DragResult {
  readonly moves: FrameSample[];
  /** The release: its frame, and the host's confirmation. */
  readonly release: ChangeSample;
  /** Messages the drag posted to the host (one change). */
  readonly posted: number;
  /** Frames during the drag that showed a run other than the latest draft, or the host's, before release. */
  readonly staleFrames: number;
  /** Moves whose frame kept the previous surface's contour lines (a target drag changes the surface). */
  readonly overPreviousContours: number;
  /** Of those, the moves whose own lines were drawn before the next move. */
  readonly ownContoursBeforeNext: number;
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
      /** `changes` control changes from the page's controls (previewed in the page, confirmed by the host). */
      run(changes: number, offset: number, aligned: boolean): Promise<ChangeSample[]>;
      /** The same changes made on the host's side (a palette command): no preview, the host's run only. */
      foreign(changes: number, offset: number): Promise<FrameSample[]>;
      /** Presses at `from` (client pixels) and drags the marker there through `moves` moves, one per frame, then releases. */
      drag(from: [number, number], moves: number, radius: number): Promise<DragResult>;
      /** Re-sends the last run `count` times; `freshGrid` perturbs the grid so its contours must be recomputed. */
      replay(count: number, freshGrid: boolean): Promise<ReplaySample[]>;
      /** Milliseconds a fixed CPU workload takes, `count` times: how much the machine steals from the page. */
      calibrate(count: number): number[];
      /** Drops the benchmark's references to runs (before a memory reading). */
      forget(): void;
      /** The work of previewing the host's scenario (src/shared/preview.ts previewWork) and the most a preview may take. */
      previewWork(): { run: number; kept: number; max: number };
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// What the page reports

interface Paint extends PaintedEventDetail {
  readonly at: number;
}
const paints: Paint[] = [];
document.addEventListener('zigzag:painted', (e: Event) => {
  paints.push({ ...(e as CustomEvent<PaintedEventDetail>).detail, at: performance.now() });
  // Kept short: each holds its run (the memory figures must not count the benchmark's own references).
  if (paints.length > 40) paints.splice(0, 20);
});

/** The first paint after `since` that satisfies `accept`. */
function paintAfter(since: number, accept: (p: Paint) => boolean, timeoutMs = 20_000): Promise<Paint> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const look = (): void => {
      const p = paints.find((x) => x.at >= since && accept(x));
      if (p) resolve(p);
      else if (performance.now() - started > timeoutMs) reject(new Error(`no matching paint within ${timeoutMs} ms`));
      else setTimeout(look, 1);
    };
    look();
  });
}

// The webview's own timings (performance measures): d3-contour on the way to a frame, and previews.
const measures: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => measures.push(...list.getEntries()));
observer.observe({ type: 'measure' });
/**
 * What was measured since the last call and began before `until` (work after the frame that showed a
 * change, such as a new surface's contours, is not on the way to it); entries not yet delivered to the
 * observer included.
 */
const takeMeasured = (until = Infinity): { contours: number; preview: number } => {
  measures.push(...observer.takeRecords());
  const v = { contours: 0, preview: 0 };
  for (const entry of measures) {
    if (entry.startTime >= until) continue;
    if (entry.name === 'zigzag:contours') v.contours += entry.duration;
    if (entry.name === 'zigzag:preview') v.preview += entry.duration;
  }
  measures.length = 0;
  return v;
};

/** Frames begun so far (a requestAnimationFrame loop; the page is never hidden here). */
let frameCount = 0;
const countFrames = (): void => {
  frameCount++;
  requestAnimationFrame(countFrames);
};
requestAnimationFrame(countFrames);

/** When a task queued now runs: after the rendering of the frame under way (or the next one). */
function afterRendering(): Promise<{ at: number; frame: number }> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve({ at: performance.now(), frame: frameCount });
    channel.port2.postMessage(null);
  });
}

/** After the next frame's rendering update: a task queued from inside requestAnimationFrame runs after it. */
const afterNextFrame = (): Promise<{ at: number; frame: number }> =>
  new Promise((resolve) => requestAnimationFrame(() => void afterRendering().then(resolve)));
const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The paint the last timed input was first shown by. */
let lastShown: Paint | null = null;

/**
 * Runs `input` at the start of a frame (aligned) or at an arbitrary moment, then waits for the paint
 * `shows` accepts; times input → paint and → the end of the frame that showed it.
 */
async function timeInput(
  input: () => void,
  shows: (p: Paint) => boolean,
  aligned: boolean,
  followContours = true,
): Promise<FrameSample & { t0: number }> {
  takeMeasured();
  const started = await new Promise<{ t0: number; frame: number; ownFrame: Promise<{ at: number; frame: number }> }>((resolve) => {
    const go = (): void => {
      // The probe is queued before the input, so it runs before any task the input queues (the host
      // stand-in's work, which a real host does in another process): right after this frame's rendering.
      const ownFrame = afterRendering();
      const t0 = performance.now();
      const frame = frameCount;
      input();
      resolve({ t0, frame, ownFrame });
    };
    if (aligned) requestAnimationFrame(go);
    else setTimeout(go, Math.random() * 17);
  });
  const { t0 } = started;
  const paint = await paintAfter(t0, shows);
  lastShown = paint;
  const own = await started.ownFrame;
  // Aligned, the input's own frame is frame 1; otherwise the first frame begun after the input is.
  const end = aligned && paint.at <= own.at ? own : await afterNextFrame();
  const frames = end.frame - started.frame + (aligned ? 1 : 0);
  const m = takeMeasured(end.at);
  let ownContoursMs: number | null = null;
  if (paint.contours === 'stale' && followContours) {
    // Its own lines are drawn in a task after that frame, so they show in a later one (the next, if the
    // repaint below is seen before that frame begins; counted conservatively otherwise).
    await paintAfter(paint.at, (p) => p.run === paint.run && p.contours !== 'stale');
    ownContoursMs = (await afterNextFrame()).at - t0;
  }
  return {
    t0,
    paintMs: paint.at - t0,
    frameMs: end.at - t0,
    frames,
    source: paint.source,
    previewMs: m.preview,
    contourMs: m.contours,
    ownContoursMs,
  };
}

// ---------------------------------------------------------------------------------------------------
// Inputs

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

/** η between 0.05 and 0.8 (log positions −1.3 … −0.1), a different one each time. */
function lrPosition(i: number, current: number): number {
  let position = -1.3 + ((i * 7) % 13) * 0.1;
  if (Math.abs(current - position) < 0.005) position += 0.1;
  return position;
}

/** The control change number i, made in the page's controls as a user would. */
function change(kind: ChangeKind, i: number): void {
  if (kind === 'lr') {
    const slider = document.querySelector<HTMLInputElement>('input[name=lr]');
    if (!slider) throw new Error('no learning-rate slider');
    slider.value = lrPosition(i, Number(slider.value)).toFixed(2);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  const name = kind === 'batch' ? 'batchSize' : kind;
  const values = kind === 'batch' ? BATCHES : kind === 'distribution' ? DISTRIBUTIONS : QUADRANTS;
  const el = select(name);
  el.value = nextOf(values, el.value);
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The same change as a scenario patch, made on the host's side. */
function foreignPatch(kind: ChangeKind, i: number): Record<string, unknown> {
  const s = window.__zzHost.lastRun!.scenario;
  if (kind === 'lr') return { optimizer: { lr: Number((10 ** lrPosition(i, Math.log10(s.optimizer.lr))).toPrecision(2)) } };
  if (kind === 'batch') return { batchSize: Number(nextOf(BATCHES, String(s.batchSize))) };
  if (kind === 'distribution') return { inputs: { distribution: nextOf(DISTRIBUTIONS, s.inputs.distribution) } };
  const t = s.target && 'quadrant' in s.target ? s.target : { quadrant: 'nw', distance: 3 };
  return { target: { quadrant: nextOf(QUADRANTS, t.quadrant), distance: t.distance, point: null } };
}

function root(): HTMLElement {
  const el = document.getElementById('root');
  if (!el) throw new Error('the playground is not rendered');
  return el;
}

/** The number of the webview's last change (the shim records every posted message). */
function lastSeq(): number {
  const posted = (window as unknown as { __zzPosted: { seq?: number }[] }).__zzPosted;
  for (let i = posted.length - 1; i >= 0; i--) if (typeof posted[i].seq === 'number') return posted[i].seq!;
  return 0;
}

/** Waits for the host's answer to change `seq` on screen; returns when, and whether it equals the host's run. */
async function confirmation(seq: number, since: number): Promise<{ at: number; equal: boolean }> {
  const p = await paintAfter(since, (x) => x.source === 'host' && x.seq >= seq);
  const host = window.__zzHost.lastRun;
  return { at: p.at, equal: host !== null && identical(p.run, host) };
}

const shownSeq = (): number => Number(root().dataset.paintedSeq ?? 0);
const shownRevision = (): number => Number(root().dataset.paintedRevision ?? -1);

/** Synthetic pointer events on the plane's input layer, as Chromium would deliver them. */
function pointer(type: string, x: number, y: number): void {
  const over = document.querySelector('.weight-plane .u-over');
  if (!over) throw new Error('no weight plane');
  over.dispatchEvent(
    new PointerEvent(type, {
      clientX: x,
      clientY: y,
      button: type === 'pointermove' ? -1 : 0,
      buttons: type === 'pointerup' ? 0 : 1,
      pointerId: 1,
      pointerType: 'mouse',
      isPrimary: true,
      bubbles: true,
      cancelable: true,
    }),
  );
}

window.__zzBench = {
  async run(changes, offset, aligned) {
    const samples: ChangeSample[] = [];
    for (let k = 0; k < changes; k++) {
      const i = k + offset;
      const kind = MIX[i % MIX.length];
      const revision = shownRevision();
      let seq = 0;
      const sample = await timeInput(
        () => {
          change(kind, i);
          seq = lastSeq();
        },
        (p) => p.seq >= seq || (p.source === 'host' && p.revision > revision),
        aligned,
      );
      const confirmed = await confirmation(seq, sample.t0);
      samples.push({
        ...sample,
        kind,
        confirmMs: confirmed.at - sample.t0,
        equal: confirmed.equal,
        engineMs: window.__zzHost.lastComputeMs,
      });
      await pause(20);
    }
    return samples;
  },

  async foreign(changes, offset) {
    const host = window.__zzHost;
    const samples: FrameSample[] = [];
    for (let k = 0; k < changes; k++) {
      const i = k + offset;
      const kind = MIX[i % MIX.length];
      const revision = shownRevision();
      const patch = foreignPatch(kind, i);
      samples.push(
        await timeInput(
          () => host.applyForeign(patch),
          (p) => p.source === 'host' && p.revision > revision,
          true,
        ),
      );
      await pause(20);
    }
    return samples;
  },

  async drag(from, moves, radius) {
    const posted = (window as unknown as { __zzPosted: unknown[] }).__zzPosted;
    const postedBefore = posted.length;
    const seqBefore = lastSeq();
    const samples: FrameSample[] = [];
    let stale = 0;
    // Moves first shown over the previous surface's contour lines, and how many of those had their own
    // lines drawn before the next move was made (checked as the next input is dispatched).
    let overPrevious = 0;
    let ownBeforeNext = 0;
    let awaitingOwn: Paint | null = null;
    const settleContours = (): void => {
      const first = awaitingOwn;
      if (first && paints.some((p) => p.at >= first.at && p.run === first.run && p.contours !== 'stale')) ownBeforeNext++;
      awaitingOwn = null;
    };
    // The press (a start drag shows the start there at once; a target drag begins with the first move).
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        pointer('pointerdown', from[0], from[1]);
        resolve();
      }),
    );
    await nextFrame();
    let x = from[0];
    let y = from[1];
    for (let k = 1; k <= moves; k++) {
      // A loop from the press point and back: every move a new place, some changing the contour window.
      const a = (2 * Math.PI * k) / moves;
      const mx = (x = from[0] + radius * Math.sin(a));
      const my = (y = from[1] - radius * (1 - Math.cos(a)) * 0.5);
      const sample = await timeInput(
        () => {
          settleContours();
          pointer('pointermove', mx, my);
        },
        (p) => p.source === 'draft' || p.source === 'host',
        true,
        false,
      );
      // A frame that shows anything but this move's draft is stale (or, without previews, the host's run).
      if (sample.frames !== 1 || sample.source !== 'draft') stale++;
      if (lastShown?.contours === 'stale') {
        overPrevious++;
        awaitingOwn = lastShown;
      }
      samples.push(sample);
    }
    const revision = shownRevision();
    const release = await timeInput(
      () => {
        settleContours();
        pointer('pointerup', x, y);
      },
      (p) => p.seq > seqBefore || (p.source === 'host' && p.revision > revision),
      true,
    );
    const seq = lastSeq();
    const confirmed = await confirmation(seq, release.t0);
    return {
      moves: samples,
      release: {
        ...release,
        kind: 'lr',
        confirmMs: confirmed.at - release.t0,
        equal: confirmed.equal && shownSeq() >= seq,
        engineMs: window.__zzHost.lastComputeMs,
      },
      posted: posted.length - postedBefore,
      staleFrames: stale,
      overPreviousContours: overPrevious,
      ownContoursBeforeNext: ownBeforeNext,
    };
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
      const grid: ContourGrid = { ...run.grid, values };
      const revision = shownRevision();
      host.revision += 1;
      // Straight into the page (no simulated network): the render alone.
      const sample = await timeInput(
        () => window.postMessage({ type: 'run', revision: host.revision, run: { ...run, grid }, raw: host.scenario }, '*'),
        (p) => p.revision > revision,
        true,
      );
      samples.push({ renderMs: sample.paintMs, frameMs: sample.frameMs, contourMs: sample.contourMs });
      await pause(20);
    }
    return samples;
  },

  previewWork() {
    const s = resolveScenario(window.__zzHost.scenario);
    return { run: previewWork(s), kept: previewWork(s, ALL_KEPT), max: PREVIEW_MAX_WORK };
  },

  forget() {
    paints.length = 0;
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
