// The allowed-update cone: with every input positive and one example per step, dL/dw = (dL/df)·x has
// both components of the same sign, so each update heads north-east or south-west of the current point
// (quadrants I and III). Shaded only when that argument holds.
import type uPlot from 'uplot';
import type { RunView } from '../../src/shared/runModel';
import { isHighContrast } from '../theme';
import { type PlaneFrame, currentPoint, toCanvas } from './planeFrame';
import { clipToPlot, pxRatio } from './plotBase';

/** The cone applies to the neuron model with all-positive inputs and batches of one. */
export function coneApplies(run: RunView): boolean {
  const batch = run.records?.batchSize ?? (run.scenario.batchSize === 'full' ? Infinity : run.scenario.batchSize);
  return run.scenario.model === 'neuron' && run.allPositive && batch === 1;
}

/** The cone at the current point, on `layer` (the moving layer, above the contour lines). */
export function drawCone(u: uPlot, layer: CanvasRenderingContext2D, { run, cursor, palette }: PlaneFrame): void {
  if (!run || !coneApplies(run)) return;
  const c = currentPoint(run, cursor);
  if (!c) return;
  const [cx, cy] = toCanvas(u, c[0], c[1]);
  const { left, top, width, height } = u.bbox;
  const right = left + width;
  const bottom = top + height;
  const ctx = clipToPlot(u, layer);
  const hc = isHighContrast(palette);
  ctx.fillStyle = palette.cone;
  // A tint, never a wash: on white the same alpha reads heavier than on black.
  ctx.globalAlpha = palette.kind === 'high-contrast' ? 0.16 : hc ? 0.12 : 0.11;
  ctx.fillRect(cx, top, right - cx, cy - top); // quadrant I: north-east
  ctx.fillRect(left, cy, cx - left, bottom - cy); // quadrant III: south-west
  ctx.globalAlpha = hc ? 1 : 0.7;
  ctx.strokeStyle = palette.cone;
  ctx.lineWidth = (hc ? 1.5 : 1) * pxRatio();
  ctx.setLineDash([4 * pxRatio(), 3 * pxRatio()]);
  ctx.beginPath();
  ctx.moveTo(left, cy);
  ctx.lineTo(right, cy);
  ctx.moveTo(cx, top);
  ctx.lineTo(cx, bottom);
  ctx.stroke();
  ctx.restore();
}
