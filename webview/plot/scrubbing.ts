// Scrubbing on a chart over steps: pressing or dragging on the plot area seeks to the step under the
// pointer (rounded, clamped to 0 … lastStep).
import type uPlot from 'uplot';

export function attachScrubbing(u: uPlot, lastStep: () => number, seek: (step: number) => void): () => void {
  const over = u.over;
  let scrubbing = false;
  const seekAt = (e: PointerEvent): void => {
    const rect = over.getBoundingClientRect();
    const step = Math.round(u.posToVal(e.clientX - rect.left, 'x'));
    const last = lastStep();
    if (last >= 0 && Number.isFinite(step)) seek(Math.max(0, Math.min(last, step)));
  };
  const down = (e: PointerEvent): void => {
    scrubbing = true;
    over.setPointerCapture(e.pointerId);
    seekAt(e);
  };
  const move = (e: PointerEvent): void => {
    if (scrubbing) seekAt(e);
  };
  const up = (): void => {
    scrubbing = false;
  };
  over.addEventListener('pointerdown', down);
  over.addEventListener('pointermove', move);
  over.addEventListener('pointerup', up);
  over.addEventListener('pointercancel', up);
  return () => {
    over.removeEventListener('pointerdown', down);
    over.removeEventListener('pointermove', move);
    over.removeEventListener('pointerup', up);
    over.removeEventListener('pointercancel', up);
  };
}
