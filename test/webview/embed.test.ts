// The plots in course material, as their pages load them, in headless Chromium: the Markdown preview's
// page (the built markdown.js and markdown.css over HTML that the extension's markdown-it plugin renders
// from a sheet) and a notebook output (the built notebook renderer's activate()). What the playground
// keeps for screen readers must not show here either: read from the rendered boxes, not the class names.
// An exercise block shows its task and goals with the run's values, and its plot is read-only.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Page } from 'playwright-core';
import { zigzagBlocks } from '../../src/host/markdownBlocks';
import { checkExercise } from '../../src/shared/exerciseCheck';
import { resolveExerciseFile } from '../../src/shared/exerciseFile';
import { launchChromium, serve, type Served } from './support/harness';

const PLAIN = { version: 1, inputs: { distribution: 'sigmoid', count: 64 }, steps: 120 };
const EXERCISE = {
  version: 1,
  inputs: { distribution: 'sigmoid', count: 64 },
  target: { quadrant: 'nw', distance: 3 },
  batchSize: 1,
  steps: 150,
  exercise: {
    title: 'Predict the <b>lock</b>',
    task: 'Look at the cone.\nThen predict.',
    editable: ['batchSize'],
    goals: [
      { metric: 'reversals', atMost: 10 },
      { metric: 'lockedFraction', atLeast: 0.9 },
    ],
    predict: [{ id: 'locked', question: 'Share locked?', metric: 'lockedFraction', plusMinus: 0.05 }],
  },
};

/** The fan-in case, within a document's budget, and one over it. */
const WIDE = {
  version: 1,
  inputs: { distribution: 'sigmoid', count: 256, dimension: 784 },
  optimizer: { name: 'sgd', lr: 0.002 },
  batchSize: 1,
  steps: 400,
  axes: [5, 300],
};
const TOO_WIDE = { version: 1, inputs: { distribution: 'uniform', count: 2000, dimension: 1024 }, batchSize: 'full', steps: 2000 };

const sheet = (...blocks: object[]): string => blocks.map((b) => `\`\`\`zigzag\n${JSON.stringify(b, null, 2)}\n\`\`\`\n`).join('\n');

/** What the Markdown preview's page holds: the plugin's HTML, the preview's stylesheet and script. */
function previewPage(origin: string, markdown: string): string {
  const body = zigzagBlocks(new MarkdownIt()).render(markdown, { currentDocument: { path: '/course/sheet.md' } });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${origin}/embed/markdown.css"></head>
<body>${body}<script src="${origin}/embed/markdown.js"></script></body></html>`;
}

/** A notebook output's page: the renderer's module activated, one output item rendered per scenario. */
function notebookPage(origin: string, scenarios: readonly object[]): string {
  const items = JSON.stringify(scenarios.map((s, i) => ({ id: `out${i}`, text: JSON.stringify(s) })));
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<script type="module">
import { activate } from '${origin}/embed/notebook.js';
const renderer = activate({ postMessage: () => undefined });
for (const item of ${items}) {
  const element = document.createElement('div');
  element.className = 'output';
  document.body.append(element);
  renderer.renderOutputItem({ id: item.id, text: () => item.text }, element);
}
</script></body></html>`;
}

/** Boxes of what a reader sees, measured after layout. */
async function speedBoxes(page: Page) {
  // No named functions inside: the page gets this code as written, without the test's transpiler helpers.
  return page.evaluate(() =>
    [...document.querySelectorAll('.zz-embed .playback .speed')].map((speed) => {
      const [label, value] = [speed.querySelector('.sr-only')!, speed.querySelector('.speed-value')!];
      const [l, v, s] = [label, value, speed].map((e) => e.getBoundingClientRect());
      return {
        label: { width: l.width, height: l.height },
        value: { width: v.width, height: v.height },
        speed: { width: s.width, height: s.height },
        valueText: value.textContent,
        labelText: label.textContent,
      };
    }),
  );
}

describe('plots in course material (Markdown preview, notebook outputs)', function () {
  this.timeout(60_000);
  let served: Served;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    served = await serve();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise<void>((ok) => served.server.close(() => ok()));
  });
  beforeEach(async () => {
    errors.length = 0;
    page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  afterEach(async () => {
    await page.close();
    assert.deepEqual(errors, []);
  });

  async function load(html: string, plots: number): Promise<void> {
    const url = `${served.origin}/course-page.html`;
    await page.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    await page.goto(url);
    await page.waitForFunction((n) => document.querySelectorAll('[data-painted]').length === n, plots);
  }

  for (const kind of ['Markdown preview', 'notebook output'] as const) {
    it(`${kind}: the speed's screen-reader label takes no room on screen; the speed shows once`, async () => {
      const scenarios = [PLAIN, EXERCISE];
      await load(kind === 'Markdown preview' ? previewPage(served.origin, sheet(...scenarios)) : notebookPage(served.origin, scenarios), 2);
      const boxes = await speedBoxes(page);
      assert.equal(boxes.length, 2);
      for (const b of boxes) {
        assert.equal(b.labelText, 'Speed 60 steps per second', 'still there for screen readers');
        assert.ok(b.label.width <= 1 && b.label.height <= 1, `the label is not drawn: ${JSON.stringify(b.label)}`);
        assert.equal(b.valueText, '60/s');
        assert.ok(b.value.width > 10, 'the value is shown');
        assert.ok(b.speed.width <= b.value.width + 1, `the speed's box holds the value alone: ${JSON.stringify(b)}`);
      }
      // Nothing else the playground keeps for screen readers shows (the plot's description, the key hint).
      const shown = await page.evaluate(
        () =>
          [...document.querySelectorAll('.zz-embed .sr-only')].filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 1 || r.height > 1;
          }).length,
      );
      assert.equal(shown, 0);
    });

    it(`${kind}: an exercise shows its task and goals with the run's values, its plot read-only`, async () => {
      await load(kind === 'Markdown preview' ? previewPage(served.origin, sheet(EXERCISE)) : notebookPage(served.origin, [EXERCISE]), 1);
      const task = page.locator('[data-testid=exercise-task]');
      assert.equal(await task.textContent(), EXERCISE.exercise.task);
      assert.equal(await task.evaluate((el) => (el as HTMLElement).innerText.split('\n').length), 2);
      assert.equal(await page.locator('.exercise-title').textContent(), 'Exercise: Predict the <b>lock</b>');
      assert.equal(await page.locator('.exercise b').count(), 0);
      // The grader's own computation of the same file (Node, not the page) is the oracle.
      const result = checkExercise(resolveExerciseFile(EXERCISE), null);
      const met = await page.locator('.exercise-goals li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.met));
      assert.deepEqual(
        met,
        result.goals.map((g) => String(g.passed)),
      );
      assert.equal(await page.locator('[data-testid=goal-actual]').first().textContent(), String(result.goals[0].actual));
      assert.match(
        (await page.locator('[data-testid=exercise-readonly]').textContent()) ?? '',
        /asks one prediction before it shows the run/,
      );
      assert.equal(await page.locator('.exercise-predict, .exercise input').count(), 0, 'no prediction is asked here');
      // Read-only: a picture, and a click changes nothing.
      const plane = page.locator('.weight-plane');
      assert.equal(await plane.getAttribute('role'), 'img');
      const box = (await page.locator('.weight-plane .u-over').boundingBox())!;
      const paints = await page.locator('[data-painted]').getAttribute('data-painted');
      await page.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
      assert.equal(await page.locator('.zz-embed-changed').count(), 0);
      assert.equal(await page.locator('[data-painted]').getAttribute('data-painted'), paints);
    });

    it(`${kind}: takes d within its limits: a fan-in of 784 draws its pair and moves the start there; a costlier block says so`, async () => {
      const scenarios = [WIDE, TOO_WIDE];
      const html = kind === 'Markdown preview' ? previewPage(served.origin, sheet(...scenarios)) : notebookPage(served.origin, scenarios);
      await load(html, 1);
      assert.match(
        (await page.locator('[data-testid=plane-note]').textContent()) ?? '',
        /^w₆ and w₃₀₁ of 784 weights: the path projected onto them, the contours a slice of the loss through w\*/,
      );
      assert.match((await page.locator('[data-testid=over-budget]').textContent()) ?? '', /a document computes at most 20,000,000/);
      // An arrow key moves the start along w₆; the block's other 782 weights keep theirs (nothing refused).
      const paints = Number(await page.locator('[data-painted]').getAttribute('data-painted'));
      await page.locator('.weight-plane').focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((n) => Number(document.querySelector('[data-painted]')?.getAttribute('data-painted')) > n, paints);
      await page.locator('.zz-embed-changed').waitFor();
      // The line names the pair the moved start lies in.
      assert.match((await page.locator('.zz-embed-changed').textContent()) ?? '', /^Changed on this plot only: start \(w₆, w₃₀₁\) = \(/);
      assert.deepEqual(await page.locator('.zz-embed [role=alert]').allTextContents(), []);
    });
  }
});
