// The weight plane's geometry: which region it shows, how tall it is for a width, and the scales that
// give one unit of w1 and of w2 the same pixels. Pure, apart from reading uPlot's plot-area size.
import type uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';
import type { RunView } from '../../src/shared/runModel';
import { type Domain, equalAspectRanges, padDomain } from './equalAspect';
import { type PlotRanges, hasRanges, setRanges } from './plotBase';

export const AXIS_X_SIZE = 38;
export const AXIS_Y_SIZE = 52;

/** The plane's scales: one unit of w1 and of w2 the same pixels. */
export type PlaneRanges = PlotRanges;

/** The region the plot must show: the contour grid, plus start and target if they fall outside it. */
function plotDomain(run: RunView): Domain {
  const g = run.grid;
  let d: Domain = { xMin: Math.min(g.x0, g.x1), xMax: Math.max(g.x0, g.x1), yMin: Math.min(g.y0, g.y1), yMax: Math.max(g.y0, g.y1) };
  const include = (p: Vec2 | null): void => {
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return;
    d = { xMin: Math.min(d.xMin, p[0]), xMax: Math.max(d.xMax, p[0]), yMin: Math.min(d.yMin, p[1]), yMax: Math.max(d.yMax, p[1]) };
  };
  include([run.trajectory[0], run.trajectory[1]]);
  include(run.target);
  return d;
}

/**
 * The canvas size for the width available: the plot area takes the contour window's shape (width : height
 * of the grid), so the contours reach every edge, within limits that keep the page usable. `maxHeight`
 * (the panel reserves room below the plot for the chain-rule strip and the key metrics) caps the height;
 * the canvas then narrows to keep the shape instead of showing empty margins.
 */
export function plotSize(width: number, compact: boolean, gridAspect: number, maxHeight = Infinity): { width: number; height: number } {
  const aspect = Number.isFinite(gridAspect) && gridAspect > 0 ? gridAspect : 1;
  const fitted = (width - AXIS_Y_SIZE) / aspect + AXIS_X_SIZE;
  const [min, max] = compact ? [180, 340] : [240, 600];
  const height = Math.round(Math.min(max, Math.max(min, maxHeight), Math.max(min, fitted)));
  const narrowed = height < fitted ? Math.round((height - AXIS_X_SIZE) * aspect + AXIS_Y_SIZE) : width;
  return { width: Math.max(100, Math.min(width, narrowed)), height };
}

/** Height the editor panel keeps above and below the plot for the header, the chain-rule strip and the key metrics. */
const STORY_RESERVE = 320;

/** The tallest plot that leaves the story in view in a viewport `viewportHeight` tall. */
export function maxPlotHeight(viewportHeight: number): number {
  return Number.isFinite(viewportHeight) && viewportHeight > 0 ? viewportHeight - STORY_RESERVE : Infinity;
}

/** Width : height of the run's contour window (1 without a run). */
export function gridAspectOf(run: RunView | null | undefined): number {
  const g = run?.grid;
  return g ? Math.abs(g.x1 - g.x0) / Math.abs(g.y1 - g.y0) : 1;
}

/** Scales for the run at the plot area's current size, equal units per pixel on both axes. */
export function planeRanges(u: uPlot, run: RunView): PlaneRanges {
  return equalAspectRanges(padDomain(plotDomain(run), 0.02), u.bbox.width, u.bbox.height);
}

/** Sets the scales to `ranges` and redraws now, unless they are there already (runs in the same snapped window keep them, and a redraw skips uPlot's axis layout). */
export function applyRanges(u: uPlot, ranges: PlaneRanges): void {
  if (!hasRanges(u, ranges)) u.batch(() => setRanges(u, ranges));
}
