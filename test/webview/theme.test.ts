// Theme: colours come from the --vscode-* variables and follow a theme change without a reload.
import assert from 'node:assert/strict';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

describe('theme', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('redraws the plots with the new theme’s colours when VS Code switches theme', async () => {
    wp = await openWebview({ theme: 'dark', state: { cursor: 0, playing: false } });
    const colours = [
      wp.colour('--vscode-charts-green', 'dark'), wp.colour('--vscode-charts-green', 'light'),
      wp.colour('--vscode-charts-red', 'dark'), wp.colour('--vscode-charts-red', 'light'),
    ];
    const dark = (await wp.canvasStats('.weight-plane', colours, 0, 6)).colours.map((c) => c.count);
    assert.ok(dark[0] > 40 && dark[2] > 20, `dark target/current pixels: ${dark}`);
    assert.equal(dark[1] + dark[3], 0, `light colours drawn in the dark theme: ${dark}`);
    await wp.screenshot('panel-dark-start');

    const paints = await wp.paintCount();
    await wp.applyTheme('light');
    await wp.waitRepaint(paints);
    const light = (await wp.canvasStats('.weight-plane', colours, 0, 6)).colours.map((c) => c.count);
    assert.ok(light[1] > 40 && light[3] > 20, `light target/current pixels: ${light}`);
    assert.equal(light[0] + light[2], 0, `dark colours left after switching to light: ${light}`);
    const bg = await wp.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(255, 255, 255)');
  });

  it('takes screenshots in light, dark and high-contrast themes, panel and side panel', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      wp = await openWebview({ theme, state: { cursor: 1e9, playing: false } });
      // Show one mid-run step so the cone, arrows and chain rule are on screen.
      await wp.page.locator('.scrubber').fill('6');
      await wp.page.getByText('step 6 / 400').waitFor();
      await wp.screenshot(`panel-${theme}`);
      await assertClean(wp);
      await wp.close();
      wp = await openWebview({ theme, view: 'sidebar', state: { cursor: 1e9, playing: false } });
      await wp.screenshot(`sidebar-${theme}`);
      if (theme !== 'high-contrast') {
        await assertClean(wp);
        await wp.close();
      }
    }
  });
});
