// The weight plane draws what the run says: contours, the trajectory, markers, at an equal aspect ratio.
import assert from 'node:assert/strict';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

describe('weight plane', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('draws contours and the trajectory for the default run', async () => {
    wp = await openWebview({ state: { cursor: 100000, playing: false } });
    const traj = wp.colour('--vscode-charts-orange');
    const contour = wp.colour('--vscode-charts-blue');
    const stats = await wp.canvasStats('.weight-plane', [traj, contour], 0, 40);
    const area = stats.width * stats.height;
    assert.ok(stats.painted > area * 0.2, `only ${stats.painted} of ${area} pixels painted`);
    assert.ok(stats.colours[0].count > 150, `trajectory colour on ${stats.colours[0].count} pixels`);
    await wp.screenshot('panel-dark');
  });
});
