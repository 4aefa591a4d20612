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
      wp.colour('--vscode-charts-green', 'dark'),
      wp.colour('--vscode-charts-green', 'light'),
      wp.colour('--vscode-charts-red', 'dark'),
      wp.colour('--vscode-charts-red', 'light'),
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

  it('draws the path opaque even when the theme’s chart colour is translucent (charts.orange = #ea5c0055)', async () => {
    wp = await openWebview({ theme: 'dark', state: { cursor: 1e9, playing: false } });
    const stats = await wp.canvasStats('.weight-plane', [[234, 92, 0]], 0, 12, 200);
    assert.ok(stats.colours[0].count > 300, `opaque path pixels: ${stats.colours[0].count}`);
    // The computed value reads color(srgb r g b[ / a]) (relative colour syntax) or rgb[a](…).
    const swatch = await wp.page.locator('.swatch-trajectory').evaluate((el) => getComputedStyle(el).backgroundColor);
    const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/.exec(swatch);
    const channels = srgb
      ? [...srgb.slice(1, 4).map((c) => Math.round(Number(c) * 255)), srgb[4] === undefined ? 1 : Number(srgb[4])]
      : (/^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(swatch) ?? []).slice(1).map((c) => (c === undefined ? 1 : Number(c)));
    assert.deepEqual(channels, [234, 92, 0, 1], `legend swatch ${swatch}`);
  });

  for (const [theme, trajectoryVar] of [
    ['high-contrast', '--vscode-contrastActiveBorder'],
    ['high-contrast-light', '--vscode-editor-foreground'],
  ] as const) {
    it(`${theme}: contours and path in the theme’s contrast colours, a visible slider accent and a thick focus ring`, async () => {
      wp = await openWebview({ theme, state: { cursor: 1e9, playing: false } });
      const contour = wp.colour('--vscode-contrastBorder');
      const path = wp.colour(trajectoryVar);
      const orange = wp.colour('--vscode-charts-orange');
      const stats = await wp.canvasStats('.weight-plane', [contour, path, orange], 0, 16, 200);
      assert.ok(stats.colours[0].count > 300, `contrastBorder contours on ${stats.colours[0].count} px`);
      assert.ok(stats.colours[1].count > 300, `${trajectoryVar} path on ${stats.colours[1].count} px`);
      if (theme === 'high-contrast') assert.equal(stats.colours[2].count, 0, 'the dim charts.orange is still drawn');

      const background = wp.colour('--vscode-editor-background');
      const accent = await wp.page.locator('input[name=lr]').evaluate((el) => getComputedStyle(el).accentColor);
      const ratio = contrastRatio(parseRgb(accent), background);
      assert.ok(ratio >= 3, `slider accent ${accent} has contrast ${ratio.toFixed(2)}:1 against the background`);

      // Keyboard focus, as a teacher tabbing through the controls would see it.
      await wp.page.locator('select[name=optimizer]').focus();
      await wp.page.keyboard.press('Tab');
      const ring = await wp.page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const st = getComputedStyle(el);
        return { name: el.getAttribute('name'), width: st.outlineWidth, style: st.outlineStyle, color: st.outlineColor };
      });
      assert.equal(ring.name, 'lr');
      assert.equal(ring.style, 'solid');
      assert.equal(ring.width, '2px');
      assert.deepEqual(parseRgb(ring.color), wp.colour('--vscode-focusBorder'));
      await wp.screenshot(`focus-${theme}`);
    });
  }
});

/** 'rgb(r, g, b)' or 'rgba(r, g, b, a)' → [r, g, b]. */
function parseRgb(css: string): [number, number, number] {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** WCAG contrast ratio of two sRGB colours. */
function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const lum = (c: readonly number[]): number => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
