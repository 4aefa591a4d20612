// Input on the weight plane. Pressing on the target marker and moving drags w*; pressing anywhere else
// puts the start there and drags it while the button is held (a click is a drag that does not move).
// Every move reports the marker's new place (the playground previews the run from there); the release
// reports the final place once, which is the one change sent to the host; Escape cancels. Arrow keys
// nudge the start (or, after T, the target).
// Coordinates come from uPlot's own scale inversion, so a press lands on the data point under the
// pointer to within a pixel.
import type uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';

/** The marker a drag moves. */
export type DragKind = 'start' | 'target';

/** What the plane asks of the playground; without it the plane is a picture of the run. */
export interface PlaneInput {
  /** The start nudged by the keyboard. */
  setStart(point: Vec2): void;
  /** The target nudged by the keyboard (after T). */
  setTarget(point: Vec2): void;
  /** A marker dragged to `point`, button still down (called on every move). */
  drag(kind: DragKind, point: Vec2): void;
  /** Released at `point`: the change. */
  drop(kind: DragKind, point: Vec2): void;
  /** The drag ended without a release on the plane (pointer lost, Escape). */
  cancelDrag(): void;
  /** Why the start or the target may not be moved here (an exercise fixes it); absent: both may. */
  readonly fixed?: Readonly<Record<DragKind, string | null>>;
}

/** Whether `input` lets the marker `kind` be moved. */
export const canMove = (input: PlaneInput | undefined, kind: DragKind): input is PlaneInput =>
  input !== undefined && (input.fixed?.[kind] ?? null) === null;

export interface PlaneInteractionHandlers {
  /** The target in data coordinates, if it can be dragged. */
  target(): Vec2 | null;
  /** Whether a press may move the start. */
  canMoveStart(): boolean;
  /** Grab radius around the target, CSS pixels. */
  grabRadius: number;
  onDrag(kind: DragKind, point: Vec2): void;
  onDrop(kind: DragKind, point: Vec2): void;
  onCancel(): void;
}

/** Round to the pixel's precision (≤ half a pixel), so scenarios get tidy numbers like 1.23, not 1.2345678. */
function roundToPixel(u: uPlot, point: Vec2): Vec2 {
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

/** Attaches the handlers; the result tells whether a drag is under way and detaches them. */
export function attachPlaneInteraction(u: uPlot, h: PlaneInteractionHandlers): { detach(): void; dragging(): boolean } {
  const over = u.over;
  let drag: { kind: DragKind; pointerId: number; last: Vec2 | null } | null = null;

  const nearTarget = (css: [number, number]): boolean => {
    const t = h.target();
    if (!t) return false;
    const dx = u.valToPos(t[0], 'x') - css[0];
    const dy = u.valToPos(t[1], 'y') - css[1];
    return Math.hypot(dx, dy) <= h.grabRadius;
  };

  // Escape cancels a drag wherever the focus is (a press on the plot does not move it there).
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !drag) return;
    e.preventDefault();
    onCancel();
  };
  const end = (): void => {
    if (drag && over.hasPointerCapture(drag.pointerId)) over.releasePointerCapture(drag.pointerId);
    drag = null;
    over.classList.remove('is-dragging');
    window.removeEventListener('keydown', onKey, true);
  };

  const onDown = (e: PointerEvent): void => {
    if (e.button !== 0 || drag) return;
    const { point, css } = eventPoint(u, e);
    const kind: DragKind | null = nearTarget(css) ? 'target' : h.canMoveStart() ? 'start' : null;
    if (!kind) return;
    drag = { kind, pointerId: e.pointerId, last: null };
    over.setPointerCapture(e.pointerId);
    window.addEventListener('keydown', onKey, true);
    over.classList.add('is-dragging');
    e.preventDefault();
    // The start jumps to the press at once; the target moves with the first move (a press slightly off
    // its centre must not shift it).
    if (kind === 'start') {
      drag.last = roundToPixel(u, point);
      h.onDrag(kind, drag.last);
    }
  };
  const onMove = (e: PointerEvent): void => {
    const { point, css } = eventPoint(u, e);
    if (drag && e.pointerId === drag.pointerId) {
      const p = roundToPixel(u, point);
      // Sub-pixel moves round to the same point: nothing new to preview.
      if (drag.last && p[0] === drag.last[0] && p[1] === drag.last[1]) return;
      drag.last = p;
      h.onDrag(drag.kind, p);
    } else if (!drag) over.classList.toggle('is-over-target', nearTarget(css));
  };
  const onUp = (e: PointerEvent): void => {
    if (e.button !== 0 || !drag || e.pointerId !== drag.pointerId) return;
    const { kind, last } = drag;
    end();
    // A press on the target released without moving changes nothing.
    if (kind === 'target' && !last) return h.onCancel();
    h.onDrop(kind, roundToPixel(u, eventPoint(u, e).point));
  };
  function onCancel(): void {
    if (!drag) return;
    end();
    h.onCancel();
  }

  over.addEventListener('pointerdown', onDown);
  over.addEventListener('pointermove', onMove);
  over.addEventListener('pointerup', onUp);
  over.addEventListener('pointercancel', onCancel);
  over.addEventListener('lostpointercapture', onCancel);
  return {
    dragging: () => drag !== null,
    detach: () => {
      end();
      over.removeEventListener('pointerdown', onDown);
      over.removeEventListener('pointermove', onMove);
      over.removeEventListener('pointerup', onUp);
      over.removeEventListener('pointercancel', onCancel);
      over.removeEventListener('lostpointercapture', onCancel);
    },
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
function nudgeStep(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 0.1;
  const raw = span / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}
