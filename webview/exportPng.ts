// The answer to the host's "Export Plot" (PNG): the first weight plane's canvas as drawn now, or as soon
// as the first plot is painted when the request arrives before it.
import { PAINTED_EVENT } from './paintSignal';
import { hostChannel } from './vscodeApi';

export function exportPng(): void {
  const send = (): boolean => {
    const canvas = document.querySelector<HTMLCanvasElement>('.runs .uplot canvas');
    if (canvas) hostChannel().post({ type: 'export', format: 'png', data: canvas.toDataURL('image/png') });
    return canvas !== null;
  };
  if (!send()) document.addEventListener(PAINTED_EVENT, () => send(), { once: true });
}
