// A restored playground whose scenario's last computation never showed: the host sends `held` instead
// of a run. The page shows the scenario as text, why it is not running, and a button that asks for it.
import assert from 'node:assert/strict';
import { type WebviewPage, assertClean, openWebview } from './support/harness';

describe('held scenario (restored without running)', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  it('shows the scenario and the message, computes nothing until Run it, then shows the run', async () => {
    // Markup in the scenario's strings is shown as text, never as HTML.
    const scenario = { steps: 77, $schema: '<img src=x onerror="document.title=1">' };
    wp = await openWebview({ scenario, held: 'The last computation of this scenario did not finish.', waitForFirstPaint: false });
    const held = wp.page.getByTestId('held');
    await held.waitFor();
    assert.match(await held.innerText(), /The last computation of this scenario did not finish\./);
    assert.deepEqual(JSON.parse(await held.locator('pre').innerText()), scenario);
    assert.equal(await wp.page.locator('img').count(), 0);
    assert.equal(await wp.paintedRevision(), -1, 'nothing painted');
    assert.deepEqual(
      (await wp.posted()).map((m) => m.type),
      ['ready'],
    );
    await wp.page.getByRole('button', { name: 'Run it' }).click();
    await wp.waitPosted('runHeld');
    await wp.waitPainted(1);
    assert.equal((await wp.stepReadout())[1], 77, 'the held scenario’s run');
    assert.equal(await held.count(), 0);
  });
});
