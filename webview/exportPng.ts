// The answer to the host's "Export Plot" (PNG): the first weight plane's canvases as drawn now, or as soon
// as the first plot is painted with its own contour lines when the request arrives before that (no plot
// yet, or a new surface still drawn over the previous surface's lines for a frame).
import { PAINTED_EVENT, type PaintedEventDetail } from './paintSignal';
import { composedCanvas } from './plot/movingLayer';
import { hostChannel } from './vscodeApi';

export function exportPng(): void {
  const send = (): boolean => {
    const plane = document.querySelector<HTMLElement>('.runs .weight-plane');
    const canvas = plane ? composedCanvas(plane) : null;
    if (!plane || !canvas || plane.dataset.contours === 'stale') return false;
    hostChannel().post({ type: 'export', format: 'png', data: canvas.toDataURL('image/png') });
    return true;
  };
  if (send()) return;
  const onPainted = (e: Event): void => {
    if ((e as CustomEvent<PaintedEventDetail>).detail.contours === 'stale' || !send()) return;
    document.removeEventListener(PAINTED_EVENT, onPainted);
  };
  document.addEventListener(PAINTED_EVENT, onPainted);
}
