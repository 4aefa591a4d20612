// Loss versus step on a log scale (uPlot, lossChartOptions), with the animation cursor drawn as a
// vertical line. Clicking or dragging on the chart scrubs the animation to that step.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { RunView } from '../../src/shared/protocol';
import { type Palette, applyGridWidth } from '../theme';
import { type LossChartState, lossChartOptions } from './lossChartOptions';
import { lossSeries } from './lossSeries';
import { attachScrubbing } from './scrubbing';
import { useElementWidth } from './useElementSize';
import { useUniqueId } from '../uniqueId';

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
  const state = useRef<LossChartState & { readonly onSeek: (step: number) => void }>({ cursor, palette, series, onSeek });
  state.current = { cursor, palette, series, onSeek };
  const width = useElementWidth(containerRef);
  const height = compact ? 110 : 170;

  // The chart itself, made again only when its height changes.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const s = state.current.series;
    const u = new uPlot(
      lossChartOptions(() => state.current, Math.max(100, el.clientWidth), height),
      [s.steps, s.values],
      el,
    );
    plotRef.current = u;
    const detach = attachScrubbing(
      u,
      () => state.current.series.steps.length - 1,
      (step) => state.current.onSeek(step),
    );
    return () => {
      detach();
      u.destroy();
      plotRef.current = null;
    };
  }, [height]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && width > 0 && u.width !== width) u.setSize({ width, height });
  }, [width, height]);

  // New data replaces the series; a new cursor or palette only repaints.
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

  const id = useUniqueId('loss');
  return (
    <>
      <div class="loss-chart" ref={containerRef} role="img" aria-labelledby={id} />
      <p class="sr-only" id={id}>
        Loss versus step, log scale, with the current step marked. Click or drag on it to move the animation to a step.
      </p>
    </>
  );
}
