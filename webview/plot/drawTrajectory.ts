// The trajectory w_0 … w_K in step order: the part already animated drawn solid, the rest faint so
// the eye can see where the run is heading.
import type uPlot from 'uplot';
import { isHighContrast } from '../theme';
import { type PlaneFrame, clampCursor, pointCount, toCanvas } from './planeFrame';
import { clipToPlot, pxRatio } from './plotBase';

/** A polyline through trajectory points [from, to]; stops at the first non-finite point. */
function polyline(u: uPlot, trajectory: Float64Array, from: number, to: number): Path2D {
  const path = new Path2D();
  let started = false;
  for (let t = from; t <= to; t++) {
    const [x, y] = toCanvas(u, trajectory[2 * t], trajectory[2 * t + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) break;
    if (started) path.lineTo(x, y);
    else path.moveTo(x, y);
    started = true;
  }
  return path;
}

export function drawTrajectory(u: uPlot, layer: CanvasRenderingContext2D, { run, cursor, palette }: PlaneFrame): void {
  if (!run) return;
  const last = pointCount(run) - 1;
  if (last < 0) return;
  const c = clampCursor(run, cursor);
  const r = pxRatio();
  const hc = isHighContrast(palette);
  const ctx = clipToPlot(u, layer);
  ctx.lineJoin = 'round';
  ctx.strokeStyle = palette.trajectory;
  if (c < last) {
    // The path still to come: faint, and in high contrast dashed instead (no faint colours there).
    ctx.globalAlpha = hc ? 0.6 : 0.22;
    ctx.lineWidth = 1 * r;
    if (hc) ctx.setLineDash([3 * r, 3 * r]);
    ctx.stroke(polyline(u, run.trajectory, c, last));
    ctx.setLineDash([]);
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = (hc ? 2.5 : 1.75) * r;
  ctx.stroke(polyline(u, run.trajectory, 0, c));
  // Vertices show the step lengths, as long as they do not merge into a smear.
  if (c <= 300) {
    ctx.fillStyle = palette.trajectory;
    for (let t = 1; t <= c; t++) {
      const [x, y] = toCanvas(u, run.trajectory[2 * t], run.trajectory[2 * t + 1]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) break;
      ctx.fillRect(x - 1.5 * r, y - 1.5 * r, 3 * r, 3 * r);
    }
  }
  ctx.restore();
}
