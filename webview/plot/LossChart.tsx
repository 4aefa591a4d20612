// Loss versus step on a log scale (uPlot, lossChartOptions), with the animation cursor drawn as a
// vertical line; line and cursor on the chart's moving layer, so a new run in the same ranges or an
// animation step leaves the axes as they are. Clicking or dragging on the chart scrubs the animation.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { RunView } from '../../src/shared/runModel';
import { type Palette, applyGridWidth } from '../theme';
import { type LossChartState, drawLossMoving, lossChartOptions, lossRanges } from './lossChartOptions';
import { type MovingLayer, movingLayer } from './movingLayer';
import { hasRanges, setRanges } from './plotBase';
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
  const movingRef = useRef<MovingLayer | null>(null);
  const series = useMemo(() => (run ? lossSeries(run.loss) : lossSeries(new Float64Array(0))), [run?.loss]);
  const state = useRef<LossChartState & { readonly onSeek: (step: number) => void }>({ cursor, palette, series, onSeek });
  state.current = { cursor, palette, series, onSeek };
  const width = useElementWidth(containerRef);
  const height = compact ? 110 : 170;

  // The chart itself, made again only when its height changes.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const moving = movingLayer((plot, ctx) => drawLossMoving(plot, ctx, state.current));
    const u = new uPlot(
      lossChartOptions(() => state.current, Math.max(100, el.clientWidth), height, moving.plugin),
      [
        [0, 1],
        [null, null],
      ],
      el,
    );
    plotRef.current = u;
    movingRef.current = moving;
    shownPalette.current = null;
    const detach = attachScrubbing(
      u,
      () => state.current.series.steps.length - 1,
      (step) => state.current.onSeek(step),
    );
    return () => {
      detach();
      u.destroy();
      plotRef.current = null;
      movingRef.current = null;
    };
  }, [height]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && width > 0 && u.width !== width) u.setSize({ width, height });
  }, [width, height]);

  // New ranges or palette redraw both canvases; a new series in the same ranges, or a new cursor, only
  // the moving layer.
  const shownPalette = useRef<Palette | null>(null);
  useLayoutEffect(() => {
    const u = plotRef.current;
    const moving = movingRef.current;
    if (!u || !moving) return;
    const ranges = lossRanges(series);
    if (hasRanges(u, ranges) && shownPalette.current === palette) {
      moving.draw(u);
      return;
    }
    shownPalette.current = palette;
    applyGridWidth(u.axes, palette);
    u.batch(() => setRanges(u, ranges));
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
