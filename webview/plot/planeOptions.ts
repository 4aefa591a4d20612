// The uPlot behind the weight plane: axes titled by the shown pair (w₁ and w₂ for d = 2), fixed scales (set by planeLayout, never by the data),
// the contour lines on its canvas, and the moving layer above it (cone, path, arrows, markers).
import type uPlot from 'uplot';
import { contourPlugin } from './contourPlugin';
import { drawArrows } from './drawArrows';
import { drawCone } from './drawCone';
import { drawMarkers } from './drawMarkers';
import { drawTrajectory } from './drawTrajectory';
import type { FrameSource, PlaneFrame } from './planeFrame';
import { AXIS_X_SIZE, AXIS_Y_SIZE, type PlaneRanges } from './planeLayout';
import { BARE_PLOT, axisFont, themedAxis } from './plotBase';
import { fitTickLabels, formatTick } from './ticks';

export function planeOptions(
  source: FrameSource,
  ranges: () => PlaneRanges,
  width: number,
  height: number,
  moving: uPlot.Plugin,
  /** The axis titles: the names of the shown pair of weights. */
  names: readonly [string, string] = ['w₁', 'w₂'],
): uPlot.Options {
  const palette = () => source().palette;
  const axis = (size: uPlot.Axis['size'], label: string): uPlot.Axis => ({
    ...themedAxis(palette, size, label),
    values: (_u, splits) => splits.map((v) => formatTick(v)),
  });
  return {
    ...BARE_PLOT,
    width,
    height,
    scales: {
      x: { time: false, auto: false, range: () => ranges().x },
      y: { auto: false, range: () => ranges().y },
    },
    axes: [axis(AXIS_X_SIZE - 16, names[0]), axis(fitTickLabels(axisFont(palette()), AXIS_Y_SIZE - 16), names[1])],
    series: [{}, { scale: 'y', paths: () => null, points: { show: false } }],
    plugins: [contourPlugin(source), moving],
  };
}

/** What the plane draws on its moving layer, in order (then it reports the repaint). */
export function drawMovingParts(u: uPlot, ctx: CanvasRenderingContext2D, frame: PlaneFrame): void {
  drawCone(u, ctx, frame);
  drawTrajectory(u, ctx, frame);
  drawArrows(u, ctx, frame);
  drawMarkers(u, ctx, frame);
  frame.onPainted?.();
}
