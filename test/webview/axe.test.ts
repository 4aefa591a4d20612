// axe-core (a checker nobody here wrote) over the playground in the dark, light, high-contrast and
// high-contrast-light themes: the editor panel, compare mode and the side view, each with no violations and
// a clean console. axe is injected by the test harness through Playwright (as the DevTools would), not by
// the product: the page keeps its real CSP. With ZIGZAG_SCREENSHOTS=1, a picture of the panel mid-run and of
// the side view in each theme.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type WebviewPage, assertClean, openWebview } from './support/harness';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** axe's violations on the page as it is now, one line each. */
async function axeViolations(wp: WebviewPage): Promise<string[]> {
  await wp.page.evaluate(AXE_SOURCE);
  const violations = await wp.page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary}]` : ''}`).join('; ')}`,
  );
}

describe('accessibility (axe-core)', () => {
  let wp: WebviewPage;
  afterEach(async () => {
    if (wp) {
      await assertClean(wp);
      await wp.close();
    }
  });

  for (const theme of ['dark', 'light', 'high-contrast', 'high-contrast-light'] as const) {
    it(`${theme}: the panel mid-run, compare mode and the side view have no violations`, async () => {
      // One mid-run step, so the cone, arrows and chain rule are on screen.
      wp = await openWebview({ theme, state: { cursor: 6, playing: false } });
      await wp.screenshot(`panel-${theme}`);
      assert.deepEqual(await axeViolations(wp), [], 'panel');
      await wp.page.evaluate(() => window.__zzHost.compare());
      await wp.waitPainted(2);
      assert.deepEqual(await axeViolations(wp), [], 'compare');
      await assertClean(wp);
      await wp.close();
      wp = await openWebview({ theme, view: 'sidebar', state: { cursor: 6, playing: false } });
      await wp.screenshot(`sidebar-${theme}`);
      assert.deepEqual(await axeViolations(wp), [], 'side view');
    });
  }

  for (const theme of ['dark', 'high-contrast-light'] as const) {
    it(`${theme}: an exercise file's playground, predictions asked, then marked, has no violations`, async () => {
      wp = await openWebview({ theme, view: 'file', state: { cursor: 6, playing: false } });
      const exercise = {
        title: 'Predict the lock',
        task: 'Predict, then run.\nThen change the batch size.',
        editable: ['batchSize'],
        goals: [{ metric: 'reversals' as const, atMost: 10 }],
        predict: [{ id: 'locked', question: 'What share of the updates is locked?', metric: 'lockedFraction' as const, plusMinus: 0.05 }],
      };
      await wp.send({ type: 'exercise', view: { exercise, answers: {}, problem: null } });
      await wp.page.locator('.exercise-predict').waitFor();
      // An answer refused, with its message: the form as a student may leave it.
      await wp.page.click('.exercise-predict button[type=submit]');
      await wp.page.locator('.exercise-answer .invalid').waitFor();
      assert.deepEqual(await axeViolations(wp), [], 'predictions asked');
      await wp.send({ type: 'exercise', view: { exercise, answers: { locked: 0.5 }, problem: null } });
      await wp.page.locator('.exercise-marks').waitFor();
      await wp.screenshot(`exercise-${theme}`);
      assert.deepEqual(await axeViolations(wp), [], 'predictions marked');
    });
  }

  for (const theme of ['dark', 'light', 'high-contrast', 'high-contrast-light'] as const) {
    it(`${theme}: a fan-in of 10 (pair control, plane note, sign pattern, ledger) has no violations`, async () => {
      const scenario = {
        version: 1,
        inputs: { distribution: 'sigmoid', count: 64, dimension: 10 },
        optimizer: { name: 'sgd', lr: 0.05 },
        axes: [2, 7],
        batchSize: 'full',
        steps: 200,
      };
      wp = await openWebview({ theme, scenario, state: { cursor: 6, playing: false } });
      await wp.page.locator('[data-testid=ledger]').waitFor();
      await wp.page.locator('[data-testid=chain-rule-fan-in]').waitFor();
      await wp.screenshot(`fan-in-${theme}`);
      assert.deepEqual(await axeViolations(wp), [], 'panel');
    });
  }
});
