// Input on the weight plane: a click sets the starting point, dragging the target marker moves w* (sent
// once, on release), arrow keys nudge the start (or, after T, the target). Coordinates come from uPlot's own scale inversion, so a click lands on the
// data point under the pointer to within a pixel.
import type uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';

export interface PlaneInteractionHandlers {
  /** The target in data coordinates, if it can be dragged. */
  target(): Vec2 | null;
  /** Grab radius around the target, CSS pixels. */
  grabRadius: number;
  onClick(point: Vec2): void;
  onDrag(point: Vec2): void;
  onDrop(point: Vec2): void;
}

/** Round to the pixel's precision (≤ half a pixel), so scenarios get tidy numbers like 1.23, not 1.2345678. */
export function roundToPixel(u: uPlot, point: Vec2): Vec2 {
  const unitsPerPx = Math.abs(u.posToVal(1, 'x') - u.posToVal(0, 'x'));
  if (!(unitsPerPx > 0) || !Number.isFinite(unitsPerPx)) return point;
  const quantum = 10 ** Math.floor(Math.log10(unitsPerPx));
  const r = (v: number): number => Number((Math.round(v / quantum) * quantum).toPrecision(12));
  return [r(point[0]), r(point[1])];
}

/** The data point under a pointer event. */
function eventPoint(u: uPlot, e: PointerEvent): { point: Vec2; css: [number, number] } {
  const rect = u.over.getBoundingClientRect();
  const x = e.clientX - rect.left;
  const y = e.clientY - rect.top;
  return { point: [u.posToVal(x, 'x'), u.posToVal(y, 'y')], css: [x, y] };
}

export function attachPlaneInteraction(u: uPlot, h: PlaneInteractionHandlers): () => void {
  const over = u.over;
  let dragging = false;
  let down: [number, number] | null = null;

  const nearTarget = (css: [number, number]): boolean => {
    const t = h.target();
    if (!t) return false;
    const dx = u.valToPos(t[0], 'x') - css[0];
    const dy = u.valToPos(t[1], 'y') - css[1];
    return Math.hypot(dx, dy) <= h.grabRadius;
  };

  const onDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const { css } = eventPoint(u, e);
    down = css;
    dragging = nearTarget(css);
    if (dragging) {
      over.setPointerCapture(e.pointerId);
      over.classList.add('is-dragging');
      e.preventDefault();
    }
  };
  const onMove = (e: PointerEvent): void => {
    const { point, css } = eventPoint(u, e);
    if (dragging) h.onDrag(roundToPixel(u, point));
    else over.classList.toggle('is-over-target', nearTarget(css));
  };
  const onUp = (e: PointerEvent): void => {
    if (e.button !== 0 || !down) return;
    const { point, css } = eventPoint(u, e);
    const moved = Math.hypot(css[0] - down[0], css[1] - down[1]);
    if (dragging) {
      over.classList.remove('is-dragging');
      if (over.hasPointerCapture(e.pointerId)) over.releasePointerCapture(e.pointerId);
      h.onDrop(roundToPixel(u, point));
    } else if (moved < 5) {
      h.onClick(roundToPixel(u, point));
    }
    dragging = false;
    down = null;
  };
  const onCancel = (): void => {
    dragging = false;
    down = null;
    over.classList.remove('is-dragging');
  };

  over.addEventListener('pointerdown', onDown);
  over.addEventListener('pointermove', onMove);
  over.addEventListener('pointerup', onUp);
  over.addEventListener('pointercancel', onCancel);
  return () => {
    over.removeEventListener('pointerdown', onDown);
    over.removeEventListener('pointermove', onMove);
    over.removeEventListener('pointerup', onUp);
    over.removeEventListener('pointercancel', onCancel);
  };
}

const ARROWS: Readonly<Record<string, Vec2>> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/**
 * Where an arrow key moves a point (the start, or the target) from `from`: one tidy nudge (Shift: ten) in
 * its direction, rounded to the pixel. null for any other key.
 */
export function nudgedPoint(u: uPlot, e: Pick<KeyboardEvent, 'key' | 'shiftKey'>, from: Vec2, span: number): Vec2 | null {
  const d = ARROWS[e.key];
  if (!d) return null;
  const step = nudgeStep(span) * (e.shiftKey ? 10 : 1);
  return roundToPixel(u, [from[0] + d[0] * step, from[1] + d[1] * step]);
}

/** A tidy keyboard nudge: about 1% of the visible span, rounded to 1, 2 or 5 × 10^k. */
export function nudgeStep(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 0.1;
  const raw = span / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}
