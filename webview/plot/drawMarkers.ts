// Start, target (w*) and current-point markers, drawn last on the moving layer so nothing hides them.
import type uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';
import { isHighContrast } from '../theme';
import { type PlaneFrame, currentPoint, pointAt, toCanvas } from './planeFrame';
import { clipToPlot, pxRatio } from './plotBase';

/** Target marker radius in CSS pixels; also the grab radius for dragging (plus slack). */
export const TARGET_RADIUS = 7;

function disc(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number, fill: string, ring: string, ringWidth: number): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = ringWidth;
  ctx.strokeStyle = ring;
  ctx.stroke();
}

export function drawMarkers(u: uPlot, layer: CanvasRenderingContext2D, { run, cursor, palette, draftMarker }: PlaneFrame): void {
  if (!run) return;
  const r = pxRatio();
  // High contrast: the markers' rings are the text colour, thick enough to read from the back row.
  const hc = isHighContrast(palette);
  const ring = hc ? palette.foreground : palette.background;
  const ringWidth = (hc ? 2 : 1.5) * r;
  const ctx = clipToPlot(u, layer);
  const start = draftMarker?.kind === 'start' ? draftMarker.point : pointAt(run, 0);
  if (start) {
    const [x, y] = toCanvas(u, start[0], start[1]);
    disc(ctx, x, y, 5 * r, palette.background, palette.start, (hc ? 3 : 2.5) * r);
  }
  const target: Vec2 | null = draftMarker?.kind === 'target' ? draftMarker.point : run.target;
  if (target) {
    const [x, y] = toCanvas(u, target[0], target[1]);
    disc(ctx, x, y, TARGET_RADIUS * r, palette.target, ring, ringWidth);
    // A cross-hair reads as "target" even without colour.
    ctx.strokeStyle = palette.background;
    ctx.lineWidth = 1.5 * r;
    ctx.beginPath();
    ctx.moveTo(x - 3 * r, y);
    ctx.lineTo(x + 3 * r, y);
    ctx.moveTo(x, y - 3 * r);
    ctx.lineTo(x, y + 3 * r);
    ctx.stroke();
  }
  const c = currentPoint(run, cursor);
  if (c) {
    const [x, y] = toCanvas(u, c[0], c[1]);
    disc(ctx, x, y, 4.5 * r, palette.current, ring, ringWidth);
  }
  ctx.restore();
}
