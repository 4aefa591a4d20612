// Hostile course material in the real workbench (issue 17): one case of test/hostile/corpus.ts for each
// way a case ends (refused, diverged, a heavy run computed in pieces) as a *.zigzag.json opened from the
// Explorer in its custom editor (the default editor, as a student's double-click opens it) shows that on
// screen, and the demo still opens afterwards. Every case of the corpus goes through the same custom
// editor in the extension-host suite (test/extension/suite/hostile.test.ts). A window reloaded while the
// shared playground computes must not compute that scenario again by itself: the restored panel shows it
// with a message and Run it.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { HOSTILE_CASES } from '../hostile/corpus';
import {
  clickPastHovers,
  chooseContextMenuItem,
  collectWebviewConsole,
  screenshot,
  webviewFrame,
  type Playground,
} from '../tools/vscode-web.mjs';
import {
  assertNoProblems,
  command,
  failureScreenshot,
  openDarkPlayground,
  planeCanvas,
  seekToEnd,
  stepReadout,
  waitForPlot,
  waitUntil,
  webviewText,
  reloadWindow,
} from './support';

const fileOf = (i: number): string => `hostile-${i}.zigzag.json`;

/** The cases shown on screen here: one refused (after a byte-order mark, CRLF), one diverged, one heavy run. */
const ON_SCREEN = [
  'a key given twice after a byte-order mark, with CRLF line ends',
  'a loss that runs to −∞ (huge negative expression)',
  'fan-in of 1,024 inputs, logistic, full batch of 400: the Gram matrix at w* and its reduction',
].map((name) => {
  const i = HOSTILE_CASES.findIndex((c) => c.name === name);
  assert.ok(i >= 0, `test/hostile/corpus.ts has the case "${name}"`);
  return i;
});

/**
 * A run that computes for many minutes (1,024 inputs, 4,096 examples, 50,000 full-batch steps), so the
 * reload surely comes while it computes: a run of seconds could finish, and be shown, first.
 */
const LONG = JSON.stringify(
  { model: 'neuron', inputs: { dimension: 1024, count: 4096 }, batchSize: 'full', steps: 50_000, optimizer: { lr: 1e-6 } },
  null,
  2,
);

/** The content frame of the newest webview whose body has data-view="file". */
async function fileFrame(page: Page): Promise<FrameLocator> {
  return webviewFrame(page, { view: 'file', timeoutMs: 60_000 });
}

/** What a scenario file's playground ended as: its message, or a drawn run (diverged or not). */
async function outcome(frame: FrameLocator): Promise<{ kind: 'invalid' | 'run'; text: string; diverged: boolean } | undefined> {
  const invalid = frame.locator('[data-testid="invalid"]');
  if ((await invalid.count()) > 0) return { kind: 'invalid', text: await invalid.first().innerText(), diverged: false };
  if ((await frame.locator('.weight-plane').count()) === 0) return undefined;
  const { last } = await stepReadout(frame);
  if (!(last >= 0)) return undefined;
  if (last > 0) await seekToEnd(frame); // a run that diverged at once has only its start to show

  return { kind: 'run', text: await webviewText(frame), diverged: (await frame.locator('.divergence').count()) > 0 };
}

describe('Hostile course material in the real workbench (e2e)', function () {
  let pg: Playground;
  let page: Page;
  let folder: string;
  let webviewConsole: ReturnType<typeof collectWebviewConsole>;

  before(async function () {
    this.timeout(120_000);
    folder = mkdtempSync(join(tmpdir(), 'zigzag-e2e-hostile-'));
    for (const i of ON_SCREEN) writeFileSync(join(folder, fileOf(i)), HOSTILE_CASES[i].text);
    writeFileSync(join(folder, 'long.zigzag.json'), LONG);
    pg = await openDarkPlayground({ folder, settings: { 'files.autoSave': 'off' } });
    page = pg.page;
    webviewConsole = collectWebviewConsole(pg.page);
    // Until the workbench knows the extension's contributions (its activity-bar icon shows then), a
    // double-click has no custom editor to choose and opens the text.
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

  ON_SCREEN.forEach((i) => {
    const c = HOSTILE_CASES[i];
    const expected = !c.expect
      ? 'its message or its run'
      : 'refused' in c.expect
        ? `its message naming ${c.expect.refused}`
        : c.expect.diverges
          ? 'a diverged run'
          : 'a run';
    it(`${fileOf(i)} (${c.name}) opens in its playground and shows ${expected}`, async function () {
      this.timeout(120_000);
      await command(page, 'View: Show Explorer');
      await clickPastHovers(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileOf(i) }), { double: true });
      await page.locator('.part.editor .tabs-container .tab.active', { hasText: fileOf(i) }).waitFor({ timeout: 20_000 });
      const frame = await fileFrame(page);
      const shown = await waitUntil(
        `${fileOf(i)}: a message or a run`,
        () => outcome(frame),
        60_000,
        () => webviewText(frame),
      );
      await screenshot(page, `hostile-${i}`);
      const what = `${shown.kind}: ${shown.text.slice(0, 300)}`;
      if (c.expect && 'refused' in c.expect) {
        assert.equal(shown.kind, 'invalid', what);
        assert.ok(shown.text.includes(c.expect.refused), `the message names ${c.expect.refused}: ${what}`);
      } else if (c.expect) {
        assert.equal(shown.kind, 'run', what);
        assert.equal(shown.diverged, c.expect.diverges, what);
      }
      assert.doesNotMatch(shown.text, /\bNaN\b|undefined/, 'no NaN or undefined on screen');
      await command(page, 'View: Close Editor');
    });
  });

  it('the demo still opens afterwards, as quickly as ever', async function () {
    this.timeout(90_000);
    await command(page, 'Zig-Zag: Run Zig-Zag Demo');
    const panel = await webviewFrame(page, { view: 'panel', timeoutMs: 30_000 });
    await waitForPlot(planeCanvas(panel), 'the demo', () => true, 20_000);
    await waitUntil('the demo’s 400 steps', async () => (await stepReadout(panel)).last === 400, 20_000);
  });

  it('a window reloaded while the playground computes does not compute that scenario again: it is shown with Run it', async function () {
    this.timeout(240_000);
    await command(page, 'View: Show Explorer');
    await chooseContextMenuItem(page, 'Open Scenario in Playground', {
      openOn: page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'long.zigzag.json' }),
      timeoutMs: 20_000,
    });
    // Computing in slices: the host keeps answering, and the panel shows the progress it reports.
    const computing = await webviewFrame(page, { view: 'panel', timeoutMs: 30_000 });
    await computing.locator('progress.computing').waitFor({ timeout: 30_000 });
    assertNoProblems(webviewConsole.problems());
    // As a user reloads: VS Code writes its editor state out first (a bare page reload can come before that,
    // and then no panel is restored at all).
    await reloadWindow(page);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab', { hasText: 'Zig-Zag Playground' }).first().waitFor({ timeout: 60_000 });
    const panel = await webviewFrame(page, { view: 'panel', timeoutMs: 60_000 });
    const held = panel.locator('[data-testid="held"]');
    await held.waitFor({ timeout: 30_000 });
    assert.match(await held.innerText(), /did not finish/);
    const heldScenario = JSON.parse(await held.locator('pre').innerText()) as { steps?: unknown };
    assert.equal(heldScenario.steps, 50_000, 'the held scenario is the one that was computing');
    assert.equal(await panel.locator('progress.computing').count(), 0, 'nothing computes by itself');
    await screenshot(page, 'hostile-held-after-reload');
    await panel.getByRole('button', { name: 'Run it' }).click();
    await panel.locator('progress.computing').waitFor({ timeout: 60_000 });
    // Cancelled from its notification (headless, it sits in the notification centre without a toast).
    await command(page, 'Notifications: Show Notifications');
    await page
      .locator('.notifications-center .notification-list-item', { hasText: 'computing 50,000 steps' })
      .getByRole('button', { name: 'Cancel' })
      .click({ timeout: 30_000 });
    await panel.locator('progress.computing').waitFor({ state: 'detached', timeout: 30_000 });
  });
});
