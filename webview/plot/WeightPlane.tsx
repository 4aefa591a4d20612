// The main plot: the (w1, w2) plane with loss contours, the cone, the trajectory, the step's gradient
// arrows and the markers. uPlot provides the axes, scales and canvas; everything specific is drawn by
// plugins through its hooks. Scales are set so one unit of w1 and of w2 span the same pixels.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';
import type { RunView } from '../../src/shared/protocol';
import { formatPoint } from '../../src/shared/format';
import { type Palette, applyGridWidth } from '../theme';
import { arrowsPlugin } from './arrowsPlugin';
import { conePlugin } from './conePlugin';
import { ContourCache } from '../../src/shared/contours';
import { contourPlugin } from './contourPlugin';
import { type Domain, equalAspectRanges, padDomain } from './equalAspect';
import { TARGET_RADIUS, markersPlugin } from './markersPlugin';
import { attachPlaneInteraction, nudgeStep, roundToPixel } from './planeInteraction';
import { type PlaneFrame, currentPoint } from './planeFrame';
import { fitTickLabels, formatTick } from './ticks';
import { trajectoryPlugin } from './trajectoryPlugin';
import { useElementWidth } from './useElementSize';

export interface WeightPlaneProps {
  readonly run: RunView | null;
  readonly cursor: number;
  readonly palette: Palette;
  readonly levels: number;
  readonly compact: boolean;
  readonly label: string;
  readonly onSetStart: (point: Vec2) => void;
  readonly onSetTarget: (point: Vec2) => void;
  /** Called after every complete repaint with the run's identity (benchmark and tests). */
  readonly onPainted?: (run: RunView) => void;
}

/** One cache for every plane: compare mode's two panes and the runs before and after a change. */
const contourCache = new ContourCache();
/** The performance-timeline name of a d3-contour run (one entry kept: the latest). */
export const CONTOUR_MEASURE = 'zigzag:contours';

const AXIS_X_SIZE = 38;
const AXIS_Y_SIZE = 52;

/** The region the plot must show: the contour grid, plus start and target if they fall outside it. */
export function plotDomain(run: RunView): Domain {
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
 * The canvas height for a width: the plot area takes the contour window's shape (width : height of the
 * grid), so the contours reach every edge, within limits that keep the page usable.
 */
export function plotHeight(width: number, compact: boolean, gridAspect: number): number {
  const aspect = Number.isFinite(gridAspect) && gridAspect > 0 ? gridAspect : 1;
  const fitted = (width - AXIS_Y_SIZE) / aspect + AXIS_X_SIZE;
  return compact ? Math.round(Math.min(340, Math.max(180, fitted))) : Math.round(Math.min(600, Math.max(240, fitted)));
}

function gridAspectOf(run: RunView | null | undefined): number {
  const g = run?.grid;
  return g ? Math.abs(g.x1 - g.x0) / Math.abs(g.y1 - g.y0) : 1;
}

export function WeightPlane(props: WeightPlaneProps) {
  const { run, cursor, palette, levels, compact, label, onSetStart, onSetTarget, onPainted } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const rangesRef = useRef<{ x: [number, number]; y: [number, number] }>({ x: [-1, 1], y: [-1, 1] });
  const callbacks = useRef({ onSetStart, onSetTarget, onPainted });
  callbacks.current = { onSetStart, onSetTarget, onPainted };
  const pendingStart = useRef<Vec2 | null>(null);
  const contours = useMemo(() => {
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
  const frameRef = useRef<PlaneFrame>({ run, cursor, palette, contours, dragTarget: null, onPainted: null });
  const frame = frameRef.current;
  frame.run = run;
  frame.cursor = cursor;
  frame.palette = palette;
  frame.contours = contours;
  frame.onPainted = () => {
    const r = frameRef.current.run;
    if (r) callbacks.current.onPainted?.(r);
  };
  const width = useElementWidth(containerRef);

  // Fit the scales to the run's domain with equal units per pixel for the current plot-area size.
  const fit = (u: uPlot): void => {
    const r = frameRef.current.run;
    if (!r) return;
    const ranges = equalAspectRanges(padDomain(plotDomain(r), 0.02), u.bbox.width, u.bbox.height);
    rangesRef.current = ranges;
    // Runs in the same snapped window keep the scales: a plain redraw then skips uPlot's axis layout.
    const { x, y } = u.scales;
    if (x.min === ranges.x[0] && x.max === ranges.x[1] && y.min === ranges.y[0] && y.max === ranges.y[1]) return;
    u.batch(() => {
      u.setScale('x', { min: ranges.x[0], max: ranges.x[1] });
      u.setScale('y', { min: ranges.y[0], max: ranges.y[1] });
    });
  };

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const source = () => frameRef.current;
    const p = frameRef.current.palette;
    const axisFont = `${p.fontSize - 1}px ${p.fontFamily}`;
    const axis = (size: uPlot.Axis['size'], name: string): uPlot.Axis => ({
      size,
      font: axisFont,
      labelFont: `italic ${p.fontSize}px ${p.fontFamily}`,
      label: name,
      labelSize: 16,
      stroke: () => frameRef.current.palette.muted,
      values: (_u, splits) => splits.map((v) => formatTick(v)),
      grid: { stroke: () => frameRef.current.palette.grid, width: 0.5 },
      ticks: { stroke: () => frameRef.current.palette.grid, width: 0.5, size: 4 },
    });
    const opts: uPlot.Options = {
      width: Math.max(100, el.clientWidth),
      height: plotHeight(el.clientWidth, compact, gridAspectOf(frameRef.current.run)),
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false, auto: false, range: () => rangesRef.current.x },
        y: { auto: false, range: () => rangesRef.current.y },
      },
      axes: [axis(AXIS_X_SIZE - 16, 'w₁'), axis(fitTickLabels(axisFont, AXIS_Y_SIZE - 16), 'w₂')],
      series: [{}, { scale: 'y', paths: () => null, points: { show: false } }],
      plugins: [contourPlugin(source), conePlugin(source), trajectoryPlugin(source), arrowsPlugin(source), markersPlugin(source)],
    };
    const u = new uPlot(
      opts,
      [
        [0, 1],
        [null, null],
      ],
      el,
    );
    plotRef.current = u;
    fit(u);
    const detach = attachPlaneInteraction(u, {
      target: () => frameRef.current.run?.target ?? null,
      grabRadius: TARGET_RADIUS + 4,
      onClick: (point) => callbacks.current.onSetStart(point),
      onDrag: (point) => {
        frameRef.current.dragTarget = point;
        u.redraw(false, false);
      },
      onDrop: (point) => {
        frameRef.current.dragTarget = point;
        u.redraw(false, false);
        callbacks.current.onSetTarget(point);
      },
    });
    return () => {
      detach();
      u.destroy();
      plotRef.current = null;
    };
  }, [compact]);

  // Resize: keep the plot area's aspect honest at every width.
  const aspect = gridAspectOf(run);
  useEffect(() => {
    const u = plotRef.current;
    if (!u || width <= 0) return;
    const height = plotHeight(width, compact, aspect);
    if (u.width === width && u.height === height) return;
    u.setSize({ width, height });
    fit(u);
  }, [width, compact, aspect]);

  // A new run refits the scales; a new cursor or palette only repaints.
  const fittedRun = useRef<RunView | null>(null);
  useLayoutEffect(() => {
    const u = plotRef.current;
    if (!u) return;
    if (run !== fittedRun.current) {
      fittedRun.current = run;
      frameRef.current.dragTarget = null;
      pendingStart.current = null;
      fit(u);
    }
    applyGridWidth(u.axes, palette);
    u.redraw(false, false);
  }, [run, cursor, palette, contours]);

  const onKeyDown = (e: KeyboardEvent): void => {
    const u = plotRef.current;
    const r = frameRef.current.run;
    if (!u || !r) return;
    const dirs: Record<string, Vec2> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const d = dirs[e.key];
    if (!d) return;
    e.preventDefault();
    const ranges = rangesRef.current;
    const step = nudgeStep(Math.min(ranges.x[1] - ranges.x[0], ranges.y[1] - ranges.y[0])) * (e.shiftKey ? 10 : 1);
    const from = pendingStart.current ?? ([r.trajectory[0], r.trajectory[1]] as Vec2);
    const next = roundToPixel(u, [from[0] + d[0] * step, from[1] + d[1] * step]);
    pendingStart.current = next;
    callbacks.current.onSetStart(next);
  };

  const current = run ? currentPoint(run, cursor) : null;
  return (
    <div
      class={`weight-plane${compact ? ' is-compact' : ''}`}
      ref={containerRef}
      tabIndex={0}
      role="application"
      aria-roledescription="weight plane"
      aria-label={`${label}. Click to set the starting point, drag the target to move it, arrow keys nudge the start (Shift for bigger steps).`}
      onKeyDown={onKeyDown}
      data-current={current ? formatPoint(current) : ''}
    />
  );
}
