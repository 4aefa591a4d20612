// The contour lines of a run's loss grid at the current level count, from one cache shared by every
// plane (compare mode's two panes, and the runs before and after a change).
import { useMemo } from 'preact/hooks';
import { ContourCache, type ContourLevel } from '../../src/shared/contours';
import type { RunView } from '../../src/shared/protocol';

const contourCache = new ContourCache();
/** The performance-timeline name of a d3-contour run (one entry kept: the latest). */
export const CONTOUR_MEASURE = 'zigzag:contours';

export function useContours(run: RunView | null, levels: number): readonly ContourLevel[] {
  return useMemo(() => {
    if (!run) return [];
    const t0 = performance.now();
    const c = contourCache.get(run.grid, levels);
    // Only real d3-contour runs are measured: the benchmark and tests count and time them.
    if (c.computed) {
      performance.clearMeasures(CONTOUR_MEASURE);
      performance.measure(CONTOUR_MEASURE, { start: t0 });
    }
    return c.contours;
  }, [run?.grid, levels]);
}
