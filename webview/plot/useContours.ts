// The contour lines of a run's loss grid at the current level count, from one cache shared by every
// plane (compare mode's two panes, and the runs before and after a change). A surface seen before is
// drawn at once. A surface not seen before is contoured after the frame that shows its run, before the
// next one: that frame keeps the previous surface's lines (stale for that one frame; a change outside
// a frame, such as a click, usually gets its own lines in time for its first frame), and the next has
// the cache's coarse pass (every second sample of the same grid, the same levels); the full pass runs
// in idle time, level by level, replacing the coarse lines in one repaint when complete. The frame that
// shows a change never waits for d3-contour.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ContourCache, type ContourLevel } from '../../src/shared/contours';
import type { ContourGrid, RunView } from '../../src/shared/runModel';

const contourCache = new ContourCache();
/** The performance-timeline name of d3-contour work on the way to a frame (one entry kept: the latest). */
const CONTOUR_MEASURE = 'zigzag:contours';
/** The same for the full pass done in idle time. */
const CONTOUR_REFINE_MEASURE = 'zigzag:contours-refine';
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

/**
 * Runs `work` once, in a task of its own or at the next frame's start, whichever comes first. Queued
 * while a frame is being made (an input Chromium delivers with the frame: a pointer move, a slider
 * being dragged), the task runs after that frame's rendering, as a rule before the next frame; on a
 * busy page the next frame can come first, and then `work` runs at its start, so the frame after the
 * one it was queued in never misses it.
 */
function beforeNextFrame(work: () => void): IdleHandle {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    work();
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = once;
  channel.port2.postMessage(null);
  const frame = requestAnimationFrame(once);
  return {
    cancel: () => {
      done = true;
      cancelAnimationFrame(frame);
    },
  };
}

function measure(name: string, start: number): void {
  performance.clearMeasures(name);
  performance.measure(name, { start });
}

/**
 * Which lines are drawn: the full pass, the coarse one (refinement pending), or still the previous
 * surface's (its own lines come with the next frame).
 */
export type ContourPass = 'full' | 'coarse' | 'stale';

/** The lines to draw, and which pass they are. */
export interface ShownContours {
  readonly levels: readonly ContourLevel[];
  readonly pass: ContourPass;
}

const NONE: ShownContours = { levels: [], pass: 'full' };

export function useContours(run: RunView | null, levels: number): ShownContours {
  const grid: ContourGrid | null = run ? run.grid : null;
  // Bumped when a deferred pass is due, and when the full pass of the shown grid completes.
  const [version, setVersion] = useState(0);
  const shownRef = useRef<ShownContours>(NONE);
  const shown = useMemo((): ShownContours => {
    if (!grid) return NONE;
    const cached = contourCache.peek(grid, levels);
    if (cached) return { levels: cached.contours, pass: cached.final ? 'full' : 'coarse' };
    const previous = shownRef.current;
    // Something to show meanwhile (the previous surface's lines): this surface is contoured before the next frame.
    if (previous.levels.length > 0 && previous.pass !== 'stale') return { levels: previous.levels, pass: 'stale' };
    const t0 = performance.now();
    const r = contourCache.get(grid, levels, { progressive: true });
    // Only real d3-contour runs are measured: the benchmark and tests count and time them.
    if (r.computed) measure(CONTOUR_MEASURE, t0);
    return { levels: r.contours, pass: r.final ? 'full' : 'coarse' };
  }, [grid, levels, version]);
  useLayoutEffect(() => {
    shownRef.current = shown;
  }, [shown]);

  const pass = shown.pass;
  // The previous surface's lines were drawn for this change: contour its own before the next frame (a
  // layout effect, so it is queued from within the frame being made, not from a later one).
  useLayoutEffect(() => {
    if (!grid || pass !== 'stale') return;
    const handle = beforeNextFrame(() => {
      const t0 = performance.now();
      const r = contourCache.get(grid, levels, { progressive: true });
      if (r.computed) measure(CONTOUR_MEASURE, t0);
      setVersion((n) => n + 1);
    });
    return () => handle.cancel();
  }, [grid, levels, pass]);

  // Coarse lines shown: the full pass in idle time.
  useEffect(() => {
    if (!grid || pass !== 'coarse') return;
    let handle: IdleHandle;
    const step = (idleLeft: () => number): void => {
      const t0 = performance.now();
      const timeLeft = (): number => Math.min(idleLeft(), t0 + MAX_SLICE_MS - performance.now());
      const full = contourCache.refine(grid, levels, timeLeft, SLICE_MS);
      measure(CONTOUR_REFINE_MEASURE, t0);
      // Complete (or evicted meanwhile: then `get` starts over): repaint from the cache.
      if (full === 'more') handle = whenIdle(step);
      else setVersion((n) => n + 1);
    };
    handle = whenIdle(step);
    return () => handle.cancel();
  }, [grid, levels, pass]);

  return shown;
}
