// End-to-end tests for exercises (issue 20) in a real VS Code (code-server 4.139.1) driven from headless
// Chromium, as a student meets them: the course kit's exercise files double-clicked in the Explorer open
// with their task above the plot and every fixed control disabled (with its reason); a predict-first
// exercise hides the run until the predictions are entered, then shows it with each prediction marked;
// the answers are in the file (saved with Ctrl+S) and Ctrl+Z takes them back. Dragging a fixed start does
// not touch the file; the one editable control meets the goals, and that state is the docs' screenshot
// (media/screenshot-exercise.png with ZIGZAG_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { checkExercise } from '../../src/shared/exerciseCheck';
import { resolveExerciseFile } from '../../src/shared/exerciseFile';
import { clickPastHovers, repoRoot, screenshot, type Playground } from '../tools/vscode-web.mjs';
import {
  command,
  failureScreenshot,
  openDarkPlayground,
  painted,
  pauseAnimation,
  planeCanvas,
  readmeScreenshot,
  seekToEnd,
  waitForPlot,
  waitUntil,
} from './support';

const KIT = join(repoRoot, 'examples', 'course', 'exercises');
const PREDICT = '01-predict-the-lock.zigzag.json';
const BATCH = '03-a-batch-that-helps.zigzag.json';

/** The content frame of the webview showing the file `name` (the active editor's). */
async function fileFrame(page: Page, title: string): Promise<FrameLocator> {
  return waitUntil(
    `the playground of the file whose exercise is "${title}"`,
    async () => {
      const outer = page.locator('iframe.webview.ready');
      const n = await outer.count();
      for (let i = 0; i < n; i++) {
        const inner = outer.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
        const shown = await inner
          .locator('#exercise-title')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        if (shown === `Exercise: ${title}`) return inner;
      }
      return undefined;
    },
    60_000,
  );
}

const tab = (page: Page, label: string): Locator => page.locator('.part.editor .tabs-container .tab', { hasText: label }).first();
async function isDirty(page: Page, label: string): Promise<boolean> {
  return (await tab(page, label).getAttribute('class'))?.split(/\s+/).includes('dirty') ?? false;
}

async function openFromExplorer(page: Page, name: string): Promise<void> {
  await command(page, 'View: Show Explorer');
  await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }), { double: true });
  await page.locator('.part.editor .tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
}

async function save(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+S');
  await waitUntil(`${name} saved`, async () => !(await isDirty(page, name)), 20_000);
}

describe('Exercises in the real workbench (e2e)', function () {
  let pg: Playground;
  let page: Page;
  let folder: string;
  const path = (name: string): string => join(folder, name);
  const kitFile = (name: string): { text: string; json: { exercise: { title: string; task: string } } } => {
    const text = readFileSync(join(KIT, name), 'utf8');
    return { text, json: JSON.parse(text) as { exercise: { title: string; task: string } } };
  };

  before(async function () {
    this.timeout(120_000);
    folder = mkdtempSync(join(tmpdir(), 'zigzag-e2e-exercise-'));
    for (const name of [PREDICT, BATCH]) cpSync(join(KIT, name), path(name));
    // Saved only by Ctrl+S (code-server saves after a second by default), so dirty state and undo can be watched.
    pg = await openDarkPlayground({ folder, settings: { 'files.autoSave': 'off' } });
    page = pg.page;
    await page.locator('.part.activitybar .action-item a.action-label[aria-label^="Zig-Zag"]').first().waitFor({ timeout: 60_000 });
  });

  after(async function () {
    this.timeout(30_000);
    await pg?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && pg) await failureScreenshot(pg.page, this.currentTest.title);
  });

  let predict: FrameLocator;

  it('an exercise file opens with its task above the plot and every fixed control disabled, with the reason', async function () {
    this.timeout(120_000);
    const { json } = kitFile(PREDICT);
    await openFromExplorer(page, PREDICT);
    predict = await fileFrame(page, json.exercise.title);
    assert.equal(await predict.locator('[data-testid=exercise-task]').textContent(), json.exercise.task);
    // This exercise fixes everything: each control is there, disabled, and says why.
    for (const name of ['batchSize', 'optimizer', 'distribution', 'steps', 'reset']) {
      const control = predict.locator(`[name=${name}]`).first();
      assert.equal(await control.isDisabled(), true, `${name} is disabled`);
      assert.match((await control.getAttribute('title')) ?? '', /exercise/, `${name}'s tooltip gives the reason`);
      assert.equal(await control.getAttribute('aria-describedby').then((d) => d?.includes('exercise-lock-note')), true);
    }
    assert.equal(
      await predict.locator('[data-testid=lock-note]').textContent(),
      'This exercise fixes every control: answer its questions. The greyed-out controls are fixed by the exercise.',
    );
    // The run is hidden until the predictions are in: no path, no loss chart, no metrics, no playback.
    await predict.locator('[data-testid=concealed-run]').waitFor({ timeout: 20_000 });
    await waitForPlot(planeCanvas(predict), 'the plane of the hidden run (contours, start, target)');
    assert.equal(await predict.locator('.loss-chart, .metrics-panel, .playback').count(), 0);
    const p = await painted(predict);
    assert.equal(p.end, p.start, 'no path drawn');
    await screenshot(page, 'exercise-predict-first');
  });

  it('entering the predictions reveals the run, marked; the answers are in the file and Ctrl+Z takes them back', async function () {
    this.timeout(120_000);
    const { text } = kitFile(PREDICT);
    await predict.locator('input[name=answer-locked]').fill('1');
    await predict.locator('input[name=answer-straightness]').fill('0.3');
    await predict.locator('.exercise-predict button[type=submit]').click();
    await predict.locator('.metrics-panel').waitFor({ timeout: 30_000 });
    await predict.locator('.loss-chart').waitFor();
    assert.equal(await predict.locator('[data-testid=concealed-run]').count(), 0);
    await waitUntil('the file marked dirty', () => isDirty(page, PREDICT), 20_000);
    await screenshot(page, 'exercise-predictions-marked');
    await save(page, PREDICT);
    const saved = JSON.parse(readFileSync(path(PREDICT), 'utf8')) as { answers: unknown };
    assert.deepEqual(saved.answers, { locked: 1, straightness: 0.3 });
    assert.deepEqual({ ...saved, answers: {} }, JSON.parse(text), 'nothing else changed');
    // Each prediction marked as the grader marks the saved file (zigzag check's own computation, in Node).
    const graded = checkExercise(resolveExerciseFile(saved), null).predictions;
    const marks = await predict
      .locator('.exercise-marks li')
      .evaluateAll((lis) => lis.map((li) => [(li as HTMLElement).dataset.prediction, (li as HTMLElement).dataset.passed]));
    assert.deepEqual(
      marks,
      graded.map((g) => [g.prediction.id, String(g.passed)]),
    );
    const shares = await predict.locator('.exercise-marks [data-testid=actual]').allTextContents();
    assert.deepEqual(
      shares.map((t) => Number(t.split(' ')[0])),
      graded.map((g) => Number(g.actual!.toPrecision(3))),
      "the true values shown are the run's",
    );

    // Undo, from the playground: one step takes both answers back, and the run is hidden again.
    await predict.locator('[data-testid=exercise-task]').click();
    await page.keyboard.press('Control+Z');
    await predict.locator('[data-testid=concealed-run]').waitFor({ timeout: 20_000 });
    assert.equal(await predict.locator('input[name=answer-locked]').inputValue(), '', 'asked again, empty');
    await waitUntil('dirty after undo', () => isDirty(page, PREDICT), 20_000);
    await save(page, PREDICT);
    assert.equal(readFileSync(path(PREDICT), 'utf8'), text, 'byte for byte');
  });

  it('a fixed start does not move; the editable batch size meets the goals (the docs screenshot)', async function () {
    this.timeout(120_000);
    const { text, json } = kitFile(BATCH);
    await command(page, 'View: Close Primary Side Bar', { timeoutMs: 20_000 });
    await command(page, 'View: Close All Editors', { timeoutMs: 20_000 });
    await command(page, 'View: Show Explorer');
    await openFromExplorer(page, BATCH);
    await command(page, 'View: Close Primary Side Bar', { timeoutMs: 20_000 });
    const file = await fileFrame(page, json.exercise.title);
    await waitForPlot(planeCanvas(file), 'the exercise plot');
    const goals = file.locator('.exercise-goals li');
    assert.deepEqual(
      await goals.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.met)),
      ['false', 'false'],
      'handed out, it fails',
    );

    // A drag on the plot: the start is fixed, so nothing is sent and the file stays clean.
    const plane = file.locator('.weight-plane');
    assert.equal(await plane.getAttribute('role'), 'img');
    const before = await painted(file);
    const box = (await file.locator('.weight-plane .u-over').first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.7);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    assert.equal((await painted(file)).start, before.start);
    assert.equal(await isDirty(page, BATCH), false, 'the file is untouched');

    // The one control the exercise leaves free.
    assert.equal(await file.locator('select[name=optimizer]').isDisabled(), true);
    await file.locator('select[name=batchSize]').selectOption('32');
    await waitUntil(
      'both goals met',
      async () => (await goals.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.met))).join() === 'true,true',
      30_000,
    );
    assert.match((await goals.first().textContent()) ?? '', /Reversals ≤ 10 — the run: 0 — met/);
    await waitUntil('dirty', () => isDirty(page, BATCH), 20_000);
    // The picture shows the whole run: the animation (which replays a new run) paused at its last step.
    await pauseAnimation(file);
    await seekToEnd(file);
    await readmeScreenshot(page, 'screenshot-exercise');
    await save(page, BATCH);
    assert.equal(readFileSync(path(BATCH), 'utf8'), text.replace('"batchSize": 1,', '"batchSize": 32,'));
  });
});
