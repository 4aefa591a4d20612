// What the weight plane and the loss chart share: a bare uPlot (no legend, cursor or selection: the
// playground draws its own), axes in the theme's colours and font, scales the plot sets itself (never
// from data), and clipping to the plot area. Colours are read at draw time, so a theme switch only
// redraws; fonts are fixed when the plot is created.
import type uPlot from 'uplot';
import type { Palette } from '../theme';

export const BARE_PLOT: Pick<uPlot.Options, 'legend' | 'cursor' | 'select'> = {
  legend: { show: false },
  cursor: { show: false, drag: { x: false, y: false } },
  select: { show: false, left: 0, top: 0, width: 0, height: 0 },
};

/** The tick labels' font. */
export function axisFont(p: Palette): string {
  return `${p.fontSize - 1}px ${p.fontFamily}`;
}

/** An axis titled `label`, `size` CSS px deep, coloured by the palette current at each draw. */
export function themedAxis(palette: () => Palette, size: uPlot.Axis['size'], label: string): uPlot.Axis {
  const p = palette();
  return {
    size,
    font: axisFont(p),
    labelFont: `italic ${p.fontSize}px ${p.fontFamily}`,
    label,
    labelSize: 16,
    stroke: () => palette().muted,
    grid: { stroke: () => palette().grid, width: 0.5 },
    ticks: { stroke: () => palette().grid, width: 0.5, size: 4 },
  };
}

/** A plot's x and y scales, as the plot sets them. */
export interface PlotRanges {
  readonly x: [number, number];
  readonly y: [number, number];
}

/** The scales are at `ranges` already. */
export function hasRanges(u: uPlot, ranges: PlotRanges): boolean {
  const { x, y } = u.scales;
  return x.min === ranges.x[0] && x.max === ranges.x[1] && y.min === ranges.y[0] && y.max === ranges.y[1];
}

/** Sets the scales to `ranges` (inside a batch: drawn when it ends). */
export function setRanges(u: uPlot, ranges: PlotRanges): void {
  u.setScale('x', { min: ranges.x[0], max: ranges.x[1] });
  u.setScale('y', { min: ranges.y[0], max: ranges.y[1] });
}

/** Device pixels per CSS pixel for line widths and marker sizes. */
export function pxRatio(): number {
  return typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
}

/** Restricts drawing on `ctx` (uPlot's canvas or a moving layer) to the plot area (not the axes). Pair with ctx.restore(). */
export function clipToPlot(u: uPlot, ctx: CanvasRenderingContext2D = u.ctx): CanvasRenderingContext2D {
  const { bbox } = u;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  return ctx;
}
