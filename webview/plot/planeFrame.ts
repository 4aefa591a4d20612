// The state the weight-plane plugins draw from, read at draw time: an animation frame only updates
// `cursor` and redraws; nothing is rebuilt per frame.
import type uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';
import type { RunView } from '../../src/shared/runModel';
import type { Palette } from '../theme';
import type { ContourLevel } from '../../src/shared/contours';
import type { DragKind } from './planeInteraction';

/** Which marker, and where it is drawn (the run shown may not have it there yet). */
export interface DraftMarker {
  readonly kind: DragKind;
  readonly point: Vec2;
}

export interface PlaneFrame {
  run: RunView | null;
  /** Index into the trajectory of the animated current point. */
  cursor: number;
  palette: Palette;
  contours: readonly ContourLevel[];
  /** A marker drawn where a drag or an arrow key put it, ahead of the run shown. */
  draftMarker: DraftMarker | null;
  /** Called after each complete redraw (for the repaint benchmark and tests). */
  onPainted: (() => void) | null;
}

export type FrameSource = () => PlaneFrame;

/** Canvas pixels of a data point. */
export function toCanvas(u: uPlot, w1: number, w2: number): [number, number] {
  // Canvas dislikes astronomically large coordinates (diverged runs): clamp far outside the plot.
  const clamp = (v: number): number => (Number.isFinite(v) ? Math.max(-1e6, Math.min(1e6, v)) : NaN);
  return [clamp(u.valToPos(w1, 'x', true)), clamp(u.valToPos(w2, 'y', true))];
}

/** The number of trajectory points w_0 … w_K. */
export function pointCount(run: RunView): number {
  return Math.floor(run.trajectory.length / 2);
}

/** The cursor clamped to the run. */
export function clampCursor(run: RunView, cursor: number): number {
  return Math.max(0, Math.min(pointCount(run) - 1, Math.floor(cursor)));
}

/** w_t, or null when it is not finite (a diverged run's last point). */
export function pointAt(run: RunView, t: number): Vec2 | null {
  const a = run.trajectory[2 * t];
  const b = run.trajectory[2 * t + 1];
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
}

/** The current point: the last finite trajectory point at or before the cursor. */
export function currentPoint(run: RunView, cursor: number): Vec2 | null {
  for (let t = clampCursor(run, cursor); t >= 0; t--) {
    const p = pointAt(run, t);
    if (p) return p;
  }
  return null;
}
