// Draws the step's per-example arrows (thin) and their mean (bold) from the current point. With one
// example per step the two coincide: only the bold arrow is drawn (the legend names that one).
import type uPlot from 'uplot';
import { isHighContrast } from '../theme';
import { arrowScale, stepArrows } from './gradientArrows';
import { type PlaneFrame, currentPoint, toCanvas } from './planeFrame';
import { clipToPlot, pxRatio } from './plotBase';

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, dx: number, dy: number, head: number): void {
  const len = Math.hypot(dx, dy);
  if (!(len > 0.5)) return;
  const x1 = x0 + dx;
  const y1 = y0 + dy;
  const ux = dx / len;
  const uy = dy / len;
  const h = Math.min(head, len * 0.5);
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.moveTo(x1 - h * ux + h * 0.5 * uy, y1 - h * uy - h * 0.5 * ux);
  ctx.lineTo(x1, y1);
  ctx.lineTo(x1 - h * ux - h * 0.5 * uy, y1 - h * uy + h * 0.5 * ux);
  ctx.stroke();
}

export function drawArrows(u: uPlot, layer: CanvasRenderingContext2D, { run, cursor, palette }: PlaneFrame): void {
  if (!run) return;
  const arrows = stepArrows(run, cursor);
  const c = currentPoint(run, cursor);
  if (!arrows || !c) return;
  const r = pxRatio();
  const scale = arrowScale(arrows, 0.16 * Math.min(u.bbox.width, u.bbox.height));
  if (scale === 0) return;
  const [x0, y0] = toCanvas(u, c[0], c[1]);
  const ctx = clipToPlot(u, layer);
  ctx.lineCap = 'round';
  ctx.strokeStyle = palette.arrow;
  const hc = isHighContrast(palette);
  ctx.lineWidth = (hc ? 1.75 : 1.25) * r;
  ctx.globalAlpha = hc ? 1 : arrows.examples.length > 16 ? 0.45 : 0.85;
  const examples = arrows.examples.length > 2 ? arrows.examples.length : 0;
  for (let i = 0; i < examples; i += 2) {
    // Screen y grows downwards: flip the w2 component.
    arrow(ctx, x0, y0, arrows.examples[i] * scale, -arrows.examples[i + 1] * scale, 6 * r);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.arrowMean;
  ctx.lineWidth = (hc ? 3 : 2.5) * r;
  arrow(ctx, x0, y0, arrows.mean[0] * scale, -arrows.mean[1] * scale, 9 * r);
  ctx.restore();
}
