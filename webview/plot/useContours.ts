// The contour lines of a run's loss grid at the current level count, from one cache shared by every
// plane (compare mode's two panes, and the runs before and after a change). A surface not seen before
// is drawn at once from the cache's coarse pass (a quarter of the work: every second sample of the same
// grid, the same levels), and its full pass runs in idle time, level by level, replacing the coarse
// lines in one repaint when complete. The frame that shows a change never waits for the full pass.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ContourCache, type ContourLevel } from '../../src/shared/contours';
import type { ContourGrid, RunView } from '../../src/shared/protocol';

const contourCache = new ContourCache();
/** The performance-timeline name of d3-contour work on the way to a frame (one entry kept: the latest). */
export const CONTOUR_MEASURE = 'zigzag:contours';
/** The same for the full pass done in idle time. */
export const CONTOUR_REFINE_MEASURE = 'zigzag:contours-refine';
/** Idle time left (ms) below which no further level is started. */
const SLICE_MS = 3;
/**
 * The longest stretch (ms) of refinement per idle callback: an idle period can last 50 ms, and an input
 * arriving meanwhile (a pointer down, a key) waits until the callback returns.
 */
const MAX_SLICE_MS = 8;
/** Longest wait for idle time before refining anyway (a page that never idles still gets full contours). */
const IDLE_TIMEOUT_MS = 250;

type IdleHandle = { cancel(): void };
/** requestIdleCallback where there is one (Chromium, Electron); a timer otherwise. */
function whenIdle(work: (timeLeft: () => number) => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback((d) => work(() => d.timeRemaining()), { timeout: IDLE_TIMEOUT_MS });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(() => {
    const end = performance.now() + 8;
    work(() => end - performance.now());
  }, 16);
  return { cancel: () => clearTimeout(id) };
}

function measure(name: string, start: number): void {
  performance.clearMeasures(name);
  performance.measure(name, { start });
}

/** The lines to draw, and whether they are the full pass (false: the coarse pass, refinement pending). */
export interface ShownContours {
  readonly levels: readonly ContourLevel[];
  readonly final: boolean;
}

export function useContours(run: RunView | null, levels: number): ShownContours {
  const grid: ContourGrid | null = run ? run.grid : null;
  // Bumped when the full pass of the shown grid completes.
  const [refined, setRefined] = useState(0);
  const result = useMemo(() => {
    if (!grid) return null;
    const t0 = performance.now();
    const r = contourCache.get(grid, levels, { progressive: true });
    // Only real d3-contour runs are measured: the benchmark and tests count and time them.
    if (r.computed) measure(CONTOUR_MEASURE, t0);
    return r;
  }, [grid, levels, refined]);

  const final = result?.final ?? true;
  useEffect(() => {
    if (!grid || final) return;
    let handle: IdleHandle;
    const step = (idleLeft: () => number): void => {
      const t0 = performance.now();
      const timeLeft = (): number => Math.min(idleLeft(), t0 + MAX_SLICE_MS - performance.now());
      const full = contourCache.refine(grid, levels, timeLeft, SLICE_MS);
      measure(CONTOUR_REFINE_MEASURE, t0);
      // Complete (or evicted meanwhile: then `get` starts over): repaint from the cache.
      if (full === 'more') handle = whenIdle(step);
      else setRefined((n) => n + 1);
    };
    handle = whenIdle(step);
    return () => handle.cancel();
  }, [grid, levels, final]);

  return useMemo(() => ({ levels: result?.contours ?? [], final }), [result, final]);
}
