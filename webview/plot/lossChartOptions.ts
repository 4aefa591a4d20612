// The uPlot behind the loss chart: step on x, loss on a log y axis labelled in decades; the loss line and
// the animation cursor (a vertical line with a dot on the curve) on its moving layer.
import type uPlot from 'uplot';
import type { Palette } from '../theme';
import { type LossSeries, decadeLabel, decadeSplits } from './lossSeries';
import { BARE_PLOT, type PlotRanges, axisFont, clipToPlot, pxRatio, themedAxis } from './plotBase';
import { fitTickLabels, formatTick } from './ticks';

/** What the chart draws from; read at draw time, so a new cursor only needs a redraw. */
export interface LossChartState {
  readonly cursor: number;
  readonly palette: Palette;
  readonly series: LossSeries;
}

/** Whole-number step ticks: no 2.5. */
const STEP_INCREMENTS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7,
];

/** The chart's scales: steps 0 … last, and the loss range in whole decades. */
export function lossRanges(series: LossSeries): PlotRanges {
  return { x: [0, Math.max(1, series.steps.length - 1)], y: series.range };
}

export function lossChartOptions(state: () => LossChartState, width: number, height: number, moving: uPlot.Plugin): uPlot.Options {
  const palette = () => state().palette;
  return {
    ...BARE_PLOT,
    width,
    height,
    // Set by the chart (setScale), never by data: uPlot holds none, the moving layer draws the line.
    scales: {
      x: { time: false, auto: false, range: () => lossRanges(state().series).x },
      y: { distr: 3, log: 10, auto: false, range: () => lossRanges(state().series).y },
    },
    axes: [
      { ...themedAxis(palette, 22, 'step'), incrs: STEP_INCREMENTS, values: (_u, splits) => splits.map((v) => formatTick(v)) },
      {
        ...themedAxis(palette, fitTickLabels(axisFont(palette()), 40), 'loss'),
        splits: () => decadeSplits(state().series.range, Math.max(2, Math.floor(height / 28))),
        // uPlot's default log filter would blank some of our decades; keep them all.
        filter: (_u, splits) => splits,
        values: (_u, splits) => splits.map((v) => decadeLabel(v)),
      },
    ],
    series: [{}, { scale: 'y', paths: () => null, points: { show: false } }],
    plugins: [moving],
  };
}

/**
 * The loss chart's moving layer: the loss line (gaps where the loss is not a positive number) and the
 * animation cursor, a vertical line at its step with a dot where it meets the curve.
 */
export function drawLossMoving(u: uPlot, ctx: CanvasRenderingContext2D, { cursor, palette, series }: LossChartState): void {
  const n = series.steps.length;
  if (n === 0) return;
  const px = pxRatio();
  const { bbox } = u;
  clipToPlot(u, ctx);
  ctx.strokeStyle = palette.loss;
  ctx.lineWidth = 1.5 * px;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let drawing = false;
  for (let t = 0; t < n; t++) {
    const v = series.values[t];
    if (v === null) {
      drawing = false;
      continue;
    }
    const x = u.valToPos(t, 'x', true);
    const y = u.valToPos(v, 'y', true);
    if (drawing) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    drawing = true;
  }
  ctx.stroke();
  const t = Math.max(0, Math.min(n - 1, Math.floor(cursor)));
  const x = u.valToPos(t, 'x', true);
  ctx.strokeStyle = palette.current;
  ctx.lineWidth = 1.5 * px;
  ctx.beginPath();
  ctx.moveTo(x, bbox.top);
  ctx.lineTo(x, bbox.top + bbox.height);
  ctx.stroke();
  const v = series.values[t];
  if (v !== null) {
    ctx.fillStyle = palette.current;
    ctx.beginPath();
    ctx.arc(x, u.valToPos(v, 'y', true), 3.5 * px, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
}
