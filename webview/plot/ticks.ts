// Axis tick labels: short enough for a fixed-width axis at any magnitude (a diverged run reaches 10⁵+).
import { formatNumber } from '../format';

export function formatTick(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  if (Math.abs(v) < 1e-12) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return formatNumber(v, 2);
  // Ticks are round numbers: print them as they are, without float noise (0.30000000000000004).
  return String(Number(v.toPrecision(6)));
}
