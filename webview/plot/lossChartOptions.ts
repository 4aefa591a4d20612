// The uPlot behind the loss chart: step on x, loss on a log y axis labelled in decades, the loss line,
// and the animation cursor as a vertical line with a dot on the curve.
import type uPlot from 'uplot';
import type { Palette } from '../theme';
import { type LossSeries, decadeLabel, decadeSplits } from './lossSeries';
import { BARE_PLOT, axisFont, themedAxis } from './plotBase';
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

export function lossChartOptions(state: () => LossChartState, width: number, height: number): uPlot.Options {
  const palette = () => state().palette;
  return {
    ...BARE_PLOT,
    width,
    height,
    scales: {
      x: { time: false },
      y: { distr: 3, log: 10, range: () => state().series.range },
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
    series: [{}, { stroke: () => state().palette.loss, width: 1.5, points: { show: false }, spanGaps: false }],
    plugins: [lossCursorPlugin(state)],
  };
}

/** The animation cursor: a vertical line at its step and a dot where it meets the loss curve. */
function lossCursorPlugin(state: () => LossChartState): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { cursor, palette, series } = state();
        if (series.steps.length === 0) return;
        const t = Math.max(0, Math.min(series.steps.length - 1, Math.floor(cursor)));
        const x = u.valToPos(t, 'x', true);
        const { ctx, bbox } = u;
        const px = devicePixelRatio || 1;
        ctx.save();
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
      },
    },
  };
}
