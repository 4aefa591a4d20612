// What the weight plane and the loss chart share: a bare uPlot (no legend, cursor or selection: the
// playground draws its own) and axes in the theme's colours and font. Colours are read at draw time, so
// a theme switch only redraws; fonts are fixed when the plot is created.
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
