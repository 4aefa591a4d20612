// Issue 21's fan-in drag, shared by the UI benchmark (benchRunner.ts) and its profiler (profileUi.ts).
import type { WebviewPage } from './harness';
import { THEMES, rgb } from './themes';

/**
 * Issue 21's fan-in case: a neuron with 784 inputs (an MNIST image's pixels), N = 256, batch 1, 400 steps;
 * η small enough for its steep direction (λmax grows with d).
 */
export const FAN_IN = {
  version: 1,
  inputs: { distribution: 'sigmoid', count: 256, dimension: 784 },
  optimizer: { name: 'sgd', lr: 0.002 },
  batchSize: 1,
  steps: 400,
};
/** Client pixels of the target marker (w*), from the plane's canvas (found with the cursor at step 0, where the current point does not cover it). */
export async function targetPixel(wp: WebviewPage): Promise<[number, number]> {
  await wp.page.getByRole('button', { name: 'Reset animation to step 0' }).click();
  await wp.page.waitForFunction(() => /step 0 \//.test(document.querySelector('[data-testid=step-readout]')?.textContent ?? ''));
  const stats = await wp.canvasStats('.weight-plane', [rgb(THEMES.dark.vars['--vscode-charts-green'])]);
  const c = stats.colours[0].centroid;
  // Back to the whole path, as the rest of the benchmark sees it.
  const scrubber = wp.page.locator('input.scrubber');
  await scrubber.fill((await scrubber.getAttribute('max')) ?? '0');
  if (!c) throw new Error('target marker not found');
  return c;
}

/** A press point for a start drag: left of the plane's centre, well away from the target. */
export async function startPixel(wp: WebviewPage, target: [number, number]): Promise<[number, number]> {
  const box = await wp.page.locator('.weight-plane .u-over').boundingBox();
  if (!box) throw new Error('no weight plane');
  const candidates: [number, number][] = [
    [box.x + box.width * 0.55, box.y + box.height * 0.7],
    [box.x + box.width * 0.35, box.y + box.height * 0.7],
    [box.x + box.width * 0.6, box.y + box.height * 0.4],
  ];
  return candidates.sort((a, b) => Math.hypot(b[0] - target[0], b[1] - target[1]) - Math.hypot(a[0] - target[0], a[1] - target[1]))[0];
}
