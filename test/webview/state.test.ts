// UI state (cursor, playing, speed, expanded sections) survives hide/show via getState/setState.
import assert from 'node:assert/strict';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

describe('state', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('restores cursor, speed and collapsed sections after a reload', async () => {
    wp = await openWebview({ state: { cursor: 0, playing: false } });
    const step = wp.page.getByRole('button', { name: 'Step forward one update' });
    for (let i = 0; i < 3; i++) await step.click();
    await wp.page.getByRole('button', { name: 'Faster' }).click();
    await wp.page.locator('[data-section=data] > summary').click();
    assert.equal(await wp.page.locator('[data-section=data]').getAttribute('open'), null);
    // What a reload restores is what setState last saved (the shim keeps it in sessionStorage).
    await wp.page.waitForFunction(() => {
      const saved = JSON.parse(sessionStorage.getItem('zz-webview-state') ?? 'null') as {
        cursor?: number;
        speed?: number;
        expanded?: { data?: boolean };
      } | null;
      return saved?.cursor === 3 && saved.speed === 120 && saved.expanded?.data === false;
    });

    await wp.page.reload();
    await wp.waitPainted(1);
    assert.deepEqual(await wp.stepReadout(), [3, 400]);
    assert.equal(await wp.page.locator('.speed-value').innerText(), '120/s');
    assert.equal(await wp.page.locator('[data-section=data]').getAttribute('open'), null);
    assert.notEqual(await wp.page.locator('[data-section=optimizer]').getAttribute('open'), null);
    await wp.page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });

  it('ignores a malformed saved state', async () => {
    wp = await openWebview({ state: { cursor: 'x', playing: 3, speed: -Infinity, expanded: null } });
    const [, last] = await wp.stepReadout();
    assert.equal(last, 400);
  });
});
