// Loss versus step on a log scale (uPlot), with the animation cursor drawn as a vertical line.
// Clicking or dragging on the chart scrubs the animation to that step.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { RunView } from '../../src/shared/protocol';
import { type Palette, applyGridWidth } from '../theme';
import { decadeLabel, decadeSplits, lossSeries } from './lossSeries';
import { fitTickLabels, formatTick } from './ticks';
import { useElementWidth } from './useElementSize';

export interface LossChartProps {
  readonly run: RunView | null;
  readonly cursor: number;
  readonly palette: Palette;
  readonly compact: boolean;
  readonly onSeek: (step: number) => void;
}

export function LossChart({ run, cursor, palette, compact, onSeek }: LossChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const series = useMemo(() => (run ? lossSeries(run.loss) : lossSeries(new Float64Array(0))), [run?.loss]);
  const state = useRef({ cursor, palette, series, onSeek });
  state.current = { cursor, palette, series, onSeek };
  const width = useElementWidth(containerRef);
  const height = compact ? 110 : 170;

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const p = state.current.palette;
    const axisFont = `${p.fontSize - 1}px ${p.fontFamily}`;
    const axis = (size: uPlot.Axis['size'], label: string): uPlot.Axis => ({
      size,
      font: axisFont,
      labelFont: `italic ${p.fontSize}px ${p.fontFamily}`,
      label,
      labelSize: 16,
      stroke: () => state.current.palette.muted,
      grid: { stroke: () => state.current.palette.grid, width: 0.5 },
      ticks: { stroke: () => state.current.palette.grid, width: 0.5, size: 4 },
    });
    const opts: uPlot.Options = {
      width: Math.max(100, el.clientWidth),
      height,
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false },
        y: { distr: 3, log: 10, range: () => state.current.series.range },
      },
      axes: [
        // Steps are whole numbers: no 2.5 ticks.
        {
          ...axis(22, 'step'),
          incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7],
          values: (_u, splits) => splits.map((v) => formatTick(v)),
        },
        {
          ...axis(fitTickLabels(axisFont, 40), 'loss'),
          splits: () => decadeSplits(state.current.series.range, Math.max(2, Math.floor(height / 28))),
          // uPlot's default log filter would blank some of our decades; keep them all.
          filter: (_u, splits) => splits,
          values: (_u, splits) => splits.map((v) => decadeLabel(v)),
        },
      ],
      series: [{}, { stroke: () => state.current.palette.loss, width: 1.5, points: { show: false }, spanGaps: false }],
      plugins: [
        {
          hooks: {
            draw: (u) => {
              const { cursor: c, palette: pal, series: s } = state.current;
              if (s.steps.length === 0) return;
              const t = Math.max(0, Math.min(s.steps.length - 1, Math.floor(c)));
              const x = u.valToPos(t, 'x', true);
              const { ctx, bbox } = u;
              ctx.save();
              ctx.strokeStyle = pal.current;
              ctx.lineWidth = 1.5 * (devicePixelRatio || 1);
              ctx.beginPath();
              ctx.moveTo(x, bbox.top);
              ctx.lineTo(x, bbox.top + bbox.height);
              ctx.stroke();
              const v = s.values[t];
              if (v !== null) {
                ctx.fillStyle = pal.current;
                ctx.beginPath();
                ctx.arc(x, u.valToPos(v, 'y', true), 3.5 * (devicePixelRatio || 1), 0, 2 * Math.PI);
                ctx.fill();
              }
              ctx.restore();
            },
          },
        },
      ],
    };
    const u = new uPlot(opts, [state.current.series.steps, state.current.series.values], el);
    plotRef.current = u;
    let scrubbing = false;
    const seekAt = (e: PointerEvent): void => {
      const rect = u.over.getBoundingClientRect();
      const step = Math.round(u.posToVal(e.clientX - rect.left, 'x'));
      const last = state.current.series.steps.length - 1;
      if (last >= 0 && Number.isFinite(step)) state.current.onSeek(Math.max(0, Math.min(last, step)));
    };
    const down = (e: PointerEvent): void => {
      scrubbing = true;
      u.over.setPointerCapture(e.pointerId);
      seekAt(e);
    };
    const move = (e: PointerEvent): void => {
      if (scrubbing) seekAt(e);
    };
    const up = (): void => {
      scrubbing = false;
    };
    u.over.addEventListener('pointerdown', down);
    u.over.addEventListener('pointermove', move);
    u.over.addEventListener('pointerup', up);
    u.over.addEventListener('pointercancel', up);
    return () => {
      u.destroy();
      plotRef.current = null;
    };
  }, [height]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && width > 0 && u.width !== width) u.setSize({ width, height });
  }, [width, height]);

  const shownSeries = useRef(series);
  useLayoutEffect(() => {
    const u = plotRef.current;
    if (!u) return;
    applyGridWidth(u.axes, palette);
    if (shownSeries.current !== series) {
      shownSeries.current = series;
      u.setData([series.steps, series.values]);
    } else {
      u.redraw(false, false);
    }
  }, [series, cursor, palette]);

  return (
    <div
      class="loss-chart"
      ref={containerRef}
      role="img"
      aria-label="Loss versus step, log scale. Click or drag to move the animation to a step."
    />
  );
}
