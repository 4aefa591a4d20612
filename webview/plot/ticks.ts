// Axis tick labels: short enough for a fixed-width axis at any magnitude (a diverged run reaches 10⁵+).
import { formatNumber } from '../../src/shared/format';

export function formatTick(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  if (Math.abs(v) < 1e-12) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return formatNumber(v, 2);
  // Ticks are round numbers: print them as they are, without float noise (0.30000000000000004).
  return String(Number(v.toPrecision(6)));
}

let measure: CanvasRenderingContext2D | null = null;

/**
 * A uPlot axis size (CSS px) that fits the widest tick label, at least `min`: long labels (1e-13,
 * -2.0e5 after a divergence) never run under the axis title.
 */
export function fitTickLabels(font: string, min: number): (u: unknown, values: string[] | null) => number {
  return (_u, values) => {
    measure ??= document.createElement('canvas').getContext('2d');
    if (!measure || !values) return min;
    measure.font = font;
    let widest = 0;
    for (const v of values) widest = Math.max(widest, measure.measureText(v ?? '').width);
    return Math.max(min, Math.ceil(widest) + 10); // tick (4) + gap
  };
}
