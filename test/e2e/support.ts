// Helpers shared by the e2e files: one code-server and one Chromium for the whole e2e run (started by the
// root hooks in hooks.ts), a fresh workbench window per file (its own browser context: VS Code's browser-side
// state, workspace state included, starts empty; its own folder and settings), waits by condition (the
// machine is shared and often loaded: nothing here sleeps for a fixed time and hopes), DOM readers for the
// playground webview, and README screenshots.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import {
  canvasStats,
  chooseContextMenuItem,
  closeQuickInput,
  gridDifference,
  launchChromium,
  openWorkbench,
  pickQuickItem,
  repoRoot,
  screenshot,
  screenshotsWanted,
  sleep,
  runCommand,
  startCodeServer,
  workbenchUrl,
  type CanvasStats,
  type CodeServer,
  type Playground,
} from '../tools/vscode-web.mjs';

/** A drawn plot: at least this share of the canvas painted, in at least this many colours. */
const MIN_PAINTED_SHARE = 0.005;
const MIN_COLOURS = 3;
/** Mean per-cell difference (0–255 luminance on a 32×32 grid) that counts as "the plot changed". */
export const MIN_CHANGE = 0.5;

export const VIEWPORT = { width: 1280, height: 800 };

/** The user settings every e2e window starts from: VS Code's dark theme, whatever the system's. */
const DARK = { 'workbench.colorTheme': 'Default Dark Modern', 'window.autoDetectColorScheme': false };

/** The code-server and the Chromium the e2e files share. */
export interface E2eHost {
  readonly server: CodeServer;
  readonly browser: Browser;
}

let host: Promise<E2eHost> | undefined;

/** The shared code-server and Chromium, started (side by side) on first use. */
export function e2eHost(): Promise<E2eHost> {
  host ??= (async () => {
    const [server, browser] = await Promise.allSettled([startCodeServer({ settings: DARK }), launchChromium()]);
    if (server.status === 'fulfilled' && browser.status === 'fulfilled') return { server: server.value, browser: browser.value };
    if (server.status === 'fulfilled') await server.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close().catch(() => undefined);
    throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
  })();
  return host;
}

/** Stops the shared code-server and Chromium, if they were started. */
export async function stopE2eHost(): Promise<void> {
  const started = await host?.catch(() => undefined);
  host = undefined;
  await started?.browser.close().catch(() => undefined);
  await started?.server.stop();
}

/**
 * A workbench window on `folder` (default: a new empty one) with the extension under test, dark theme and
 * `settings` over the server's user settings, in a browser context of its own: the shared code-server and
 * Chromium, a fresh window (`folder`: the one it opened). close() closes the window (and removes the folder it made).
 */
export async function openDarkPlayground(
  options: { folder?: string; settings?: Record<string, unknown> } = {},
): Promise<Playground & { readonly folder: string }> {
  const { server, browser } = await e2eHost();
  const madeFolder = options.folder === undefined ? mkdtempSync(join(tmpdir(), 'zigzag-e2e-')) : undefined;
  const folder = options.folder ?? madeFolder!;
  // The window reads the user settings as it opens: these are the ones it gets.
  server.setUserSettings({ ...DARK, ...options.settings });
  const url = workbenchUrl(server, { folder, extensionDevelopmentPath: process.env.ZIGZAG_EXTENSION_PATH || repoRoot });
  const page = await openWorkbench(browser, url, { viewport: VIEWPORT });
  return {
    server,
    browser,
    page,
    folder,
    async close() {
      await page
        .context()
        .close()
        .catch(() => undefined);
      if (madeFolder) rmSync(madeFolder, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value; the error names what was awaited and the last value seen. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs = 20_000,
  describe?: () => Promise<string> | string,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = describe ? ` (now: ${await Promise.resolve(describe()).catch((e) => String(e))})` : '';
      const err = lastError ? ` (last error: ${String(lastError).split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${err}`);
    }
    await sleep(50);
  }
}

/**
 * Selects a word in a text editor by double-clicking it, as a user does, and waits until the editor shows
 * a selection: on a loaded machine the two clicks can arrive as two single clicks (the caret then lands
 * inside the word, and typing inserts instead of replacing: "150" became "16050" once beside two burners),
 * so it double-clicks again until the selection is drawn.
 */
export async function selectWord(editor: Locator, word: Locator, what: string): Promise<void> {
  await waitUntil(
    `${what} selected by a double-click`,
    async () => {
      await word.dblclick({ timeout: 5000 });
      return editor
        .locator('.selected-text')
        .first()
        .waitFor({ timeout: 2000 })
        .then(
          () => true,
          () => false,
        );
    },
    20_000,
  );
}

export async function waitForPlot(
  canvas: Locator,
  what: string,
  accept: (s: CanvasStats) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<CanvasStats> {
  const deadline = Date.now() + timeoutMs;
  let last: CanvasStats | undefined;
  for (;;) {
    last = await canvasStats(canvas).catch(() => last);
    if (last && last.painted >= MIN_PAINTED_SHARE * last.width * last.height && last.colours >= MIN_COLOURS && accept(last)) return last;
    if (Date.now() > deadline) {
      const seen = last ? `${last.width}×${last.height} canvas, ${last.painted} px painted, ${last.colours} colours` : 'no canvas';
      throw new Error(`${what}: not drawn within ${timeoutMs} ms (${seen})`);
    }
    await sleep(50);
  }
}

/** Resolves after the frame holding `target` has rendered `n` more animation frames. */
async function renderedFrames(target: Locator, n = 2): Promise<void> {
  // (No named functions inside: tsx would wrap them in a helper the page does not have.)
  await target.evaluate(async (_el, count) => {
    for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, n);
}

/**
 * The plot once drawn (and accepted) and the same in two reads with two rendered frames between them:
 * nothing left to paint (the page had its frames, not merely some wall-clock time).
 */
export async function waitForSettledPlot(
  canvas: Locator,
  what: string,
  accept: (s: CanvasStats) => boolean = () => true,
  timeoutMs = 40_000,
): Promise<CanvasStats> {
  const deadline = Date.now() + timeoutMs;
  let previous = await waitForPlot(canvas, what, () => true, timeoutMs);
  for (;;) {
    await renderedFrames(canvas);
    const now = await waitForPlot(canvas, what, () => true, Math.max(1000, deadline - Date.now()));
    if (gridDifference(previous, now) < 0.02 && accept(now)) return now;
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: did not settle${accept(now) ? '' : ' into the expected state'} within ${timeoutMs} ms ` +
          `(change between the last two frames ${gridDifference(previous, now).toFixed(3)})`,
      );
    }
    previous = now;
  }
}

// ---------------------------------------------------------------------------------------------------
// The playground webview's DOM

/** The weight plane's canvas of the n-th run pane (0: the only one, or the raw run in compare mode). */
export function planeCanvas(frame: FrameLocator, pane = 0): Locator {
  return frame.locator('.run-pane').nth(pane).locator('.weight-plane .uplot canvas').first();
}

export interface StepReadout {
  cursor: number;
  last: number;
}

/** "step 43 / 400" under the playback bar. */
export async function stepReadout(frame: FrameLocator): Promise<StepReadout> {
  const text = (await frame.locator('[data-testid="step-readout"]').innerText({ timeout: 10_000 })).replace(/,/g, '');
  const m = /step\s+(\d+)\s*\/\s*(\d+)/.exec(text);
  if (!m) throw new Error(`unexpected step readout ${JSON.stringify(text)}`);
  return { cursor: Number(m[1]), last: Number(m[2]) };
}

/** The current point the weight plane shows, as its data-current attribute ("(0.5, -1)"). */
export async function currentPoint(frame: FrameLocator, pane = 0): Promise<string> {
  return (await frame.locator('.run-pane').nth(pane).locator('.weight-plane').getAttribute('data-current', { timeout: 10_000 })) ?? '';
}

/** What a playground webview painted last: #root's data-painted-* attributes (webview/paintSignal.ts). */
export interface Painted {
  /** 'host' (the host's run), 'preview' (a change, run in the page until the host answers) or 'draft' (a drag). */
  readonly source: string;
  readonly seq: number;
  /** The path's first and last point, every digit ("w1,w2"). */
  readonly start: string;
  readonly end: string;
  /** Repaints so far. */
  readonly count: number;
  /** Previews the host's run contradicted (must stay 0). */
  readonly mismatches: number;
}

export async function painted(frame: FrameLocator): Promise<Painted> {
  return frame.locator('#root').evaluate((el) => {
    const d = (el as HTMLElement).dataset;
    return {
      source: d.paintedSource ?? '',
      seq: Number(d.paintedSeq ?? -1),
      start: d.paintedStart ?? '',
      end: d.paintedEnd ?? '',
      count: Number(d.paintCount ?? 0),
      mismatches: Number(d.previewMismatches ?? 0),
    };
  });
}

/**
 * Drags the start on a playground's plot with the page's mouse (pressed, not released): presses at
 * (fx, fy) of the plot's area, then moves `moves` times by (dx, dy) pixels. After the press and after
 * each move it waits for the repaint of that position's draft (a new start, the whole path from it).
 * Returns those repaints, the press's first.
 */
export async function dragStartWithoutRelease(
  page: Page,
  frame: FrameLocator,
  at: { readonly fx: number; readonly fy: number },
  by: { readonly dx: number; readonly dy: number },
  moves: number,
): Promise<Painted[]> {
  const over = frame.locator('.run-pane').first().locator('.weight-plane .u-over');
  const box = await over.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, `the plot's area: ${JSON.stringify(box)}`);
  const drafts: Painted[] = [];
  let last = await painted(frame);
  const nextDraft = async (what: string): Promise<void> => {
    const previous = last;
    last = await waitUntil(
      `the draft of ${what}`,
      async () => {
        const p = await painted(frame);
        return p.source === 'draft' && p.count > previous.count && p.start !== previous.start ? p : undefined;
      },
      20_000,
      async () => JSON.stringify(await painted(frame)),
    );
    drafts.push(last);
  };
  const x = box.x + box.width * at.fx;
  const y = box.y + box.height * at.fy;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await nextDraft('the press');
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(x + by.dx * i, y + by.dy * i);
    await nextDraft(`move ${i}`);
  }
  return drafts;
}

/** Parses "(w1, w2)" as the webview prints it. */
export function parsePoint(text: string): [number, number] {
  const m = /^\(\s*(-?[\d.e-]+)\s*,\s*(-?[\d.e-]+)\s*\)$/.exec(text.trim().replace(/−/g, '-'));
  if (!m) throw new Error(`not a point: ${JSON.stringify(text)}`);
  return [Number(m[1]), Number(m[2])];
}

/** The webview's number format (src/shared/format.ts formatNumber, 3 significant figures). */
export function formatLikeWebview(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.max(0, digits - 1)).replace('e+', 'e');
  const s = v.toPrecision(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** The play/pause button's label: "Play" while paused, "Pause" while playing. */
export async function playButtonLabel(frame: FrameLocator): Promise<string> {
  return (await frame.locator('.playback button.is-primary').getAttribute('aria-label', { timeout: 10_000 })) ?? '';
}

/** Pauses the animation (its own button) and waits until the cursor stays put. */
export async function pauseAnimation(frame: FrameLocator): Promise<number> {
  if ((await playButtonLabel(frame)) === 'Pause') await frame.locator('.playback button.is-primary').click({ timeout: 10_000 });
  let previous = -1;
  return waitUntil(
    'the animation paused',
    async () => {
      const label = await playButtonLabel(frame);
      const { cursor } = await stepReadout(frame);
      const still = label === 'Play' && cursor === previous;
      previous = cursor;
      return still ? { cursor } : undefined;
    },
    10_000,
  ).then((r) => r.cursor);
}

/**
 * Moves the animation cursor to step 0 with the webview's own "Reset animation" button (after pausing:
 * an animation frame already scheduled can otherwise move the cursor on by a step after the reset).
 */
export async function rewind(frame: FrameLocator): Promise<void> {
  await pauseAnimation(frame);
  await frame.locator('button[aria-label="Reset animation to step 0"]').click({ timeout: 10_000 });
  await waitUntil(
    'the cursor at step 0',
    async () => (await stepReadout(frame)).cursor === 0,
    10_000,
    async () => JSON.stringify(await stepReadout(frame)),
  );
}

/** Moves the animation cursor to the last step with the scrubber. */
export async function seekToEnd(frame: FrameLocator): Promise<StepReadout> {
  const scrubber = frame.locator('input.scrubber');
  const max = await scrubber.getAttribute('max', { timeout: 10_000 });
  await scrubber.fill(String(max));
  await scrubber.blur(); // no focus ring in screenshots
  return waitUntil(
    'the cursor at the last step',
    async () => {
      const r = await stepReadout(frame);
      return r.cursor === r.last && r.last > 0 ? r : undefined;
    },
    10_000,
    async () => JSON.stringify(await stepReadout(frame)),
  );
}

/** A select's value once it equals `value` (the webview re-renders after the host's answer). */
export async function waitForSelect(frame: FrameLocator, name: string, value: string, what: string, timeoutMs = 20_000): Promise<void> {
  const select = frame.locator(`select[name="${name}"]`).first();
  await waitUntil(
    `${what}: select[name=${name}] = ${value}`,
    async () => (await select.inputValue({ timeout: 5000 })) === value,
    timeoutMs,
    () => select.inputValue({ timeout: 2000 }),
  );
}

/** Text of the whole webview document (what a user can read), for "no NaN on screen" checks. */
export async function webviewText(frame: FrameLocator): Promise<string> {
  return frame.locator('body').evaluate((b) => {
    const values = [...b.querySelectorAll('input, select, output')].map((e) => (e as HTMLInputElement).value ?? '');
    const attrs = [...b.querySelectorAll('[aria-label], [title], [aria-valuetext], [data-current]')].flatMap((e) =>
      ['aria-label', 'title', 'aria-valuetext', 'data-current'].map((a) => e.getAttribute(a) ?? ''),
    );
    return [(b as HTMLElement).innerText, ...values, ...attrs].join('\n');
  });
}

// ---------------------------------------------------------------------------------------------------
// Workbench

/**
 * The rows of the open quick pick (label and detail), once one of them shows `expectLabel` (until then the
 * widget may still list the command palette's rows).
 */
export async function quickPickRows(page: Page, expectLabel: string): Promise<{ label: string; detail: string }[]> {
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.filter({ hasText: expectLabel }).first().waitFor({ state: 'visible', timeout: 10_000 });
  return rows.evaluateAll((els) =>
    els.map((el) => ({
      label: (el.querySelector('.quick-input-list-row .label-name')?.textContent ?? '').trim(),
      detail: (el.querySelector('.quick-input-list-label-meta')?.textContent ?? '').trim(),
    })),
  );
}

/**
 * Runs a palette command (the library's runCommand: from a plain workbench element, F1, the title, its row
 * focused, Enter; see test/tools/vscode-web.mjs for why focus starts outside any webview).
 */
export async function command(page: Page, title: string, { timeoutMs = 30_000 } = {}): Promise<void> {
  await runCommand(page, title, { timeoutMs });
}

/**
 * Developer: Reload Window, as a user reloads (VS Code writes its editor state out first), until the new
 * page has loaded. The reload can come while the palette's row is still being checked for acceptance,
 * which then fails with the old page's destroyed context: that is the reload, not a failure.
 */
export async function reloadWindow(page: Page): Promise<void> {
  const reloaded = command(page, 'Developer: Reload Window').catch((e: unknown) => {
    if (!/Execution context was destroyed|navigat|Target page, context or browser has been closed/.test(String(e))) throw e;
  });
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), reloaded]);
}

/** Runs a palette command that asks for a format, picks it, and accepts the save dialog's default path. */
export async function exportThroughDialog(page: Page, title: string, format: string, expectedPath: string): Promise<void> {
  await command(page, title);
  await waitUntil(
    `the ${title} format pick`,
    async () => (await page.locator('.quick-input-widget .monaco-list-row', { hasText: format }).count()) > 0,
    10_000,
  );
  await pickQuickItem(page, format);
  // code-server's save dialog is a quick input holding the path; the default is the workspace folder.
  const box = page.locator('.quick-input-widget .quick-input-box input');
  await waitUntil(
    `the save dialog with ${expectedPath}`,
    async () => (await box.inputValue()) === expectedPath,
    15_000,
    () => box.inputValue(),
  );
  await screenshot(page, `save-dialog-${format.toLowerCase()}`);
  await page.keyboard.press('Enter');
}

/** Fails with the failing test's screenshot; closes any quick input left open. */
export async function failureScreenshot(page: Page, title: string): Promise<void> {
  await screenshot(page, `FAILED ${title}`, { always: true }).catch(() => undefined);
  await closeQuickInput(page).catch(() => undefined);
  await page.keyboard.press('Escape').catch(() => undefined); // a context menu left open
}

/**
 * Until every weight plane in every frame of the workbench draws its surface's full contour lines (a new
 * surface shows the previous lines for a frame, then a coarse pass refined in idle time): a README
 * picture must show the run's own contours.
 */
async function contoursSettled(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    await frame
      .waitForFunction(
        () => Array.from(document.querySelectorAll<HTMLElement>('.weight-plane')).every((p) => p.dataset.contours === 'full'),
        undefined,
        {
          timeout: 15_000,
        },
      )
      .catch((e: unknown) => {
        // A frame that went away meanwhile (a closed editor) has no plot to wait for.
        if (!(e instanceof Error && /detached/i.test(e.message))) throw e;
      });
  }
}

/**
 * README screenshots, taken when asked (ZIGZAG_SCREENSHOTS=1, or ZIGZAG_UPDATE_SCREENSHOTS=1, which also
 * copies them to media/<name>.png): once every plot shows its run's own contour lines, as
 * .test-artifacts/screenshots/<name>.png.
 */
export async function readmeScreenshot(
  target: Page | Locator,
  name: string,
  options: { clip?: { x: number; y: number; width: number; height: number } } = {},
): Promise<string | undefined> {
  if (!screenshotsWanted) return undefined;
  await contoursSettled('page' in target ? target.page() : target);
  let path: string | undefined;
  if (options.clip) {
    const page = target as Page;
    const dir = join(repoRoot, '.test-artifacts', 'screenshots');
    mkdirSync(dir, { recursive: true });
    path = join(dir, `${name}.png`);
    await page.screenshot({ path, clip: options.clip, timeout: 15_000 });
  } else {
    path = await screenshot(target, name);
  }
  if (path && process.env.ZIGZAG_UPDATE_SCREENSHOTS === '1') {
    const media = join(repoRoot, 'media', `${name}.png`);
    copyFileSync(path, media);
    // A 256-colour palette (pngquant: the difference does not show on a UI) and optipng's lossless pass cut
    // them to about half: the screenshots are most of the .vsix's 1 MB (Debian's pngquant and optipng).
    for (const [tool, args] of [
      ['pngquant', ['--quality=80-98', '--speed', '1', '--force', '--output', media, media]],
      ['optipng', ['-quiet', '-o2', media]],
    ] as const) {
      const shrunk = spawnSync(tool, args);
      if (shrunk.error || shrunk.status !== 0) console.warn(`${tool} did not shrink ${media}: apt-get install ${tool}`);
    }
  }
  return path;
}

export function assertNoProblems(problems: string[]): void {
  assert.equal(
    problems.length,
    0,
    `${problems.length} problem(s) in the webview console:\n${problems.map((p) => p.slice(0, 400)).join('\n')}`,
  );
}

/** What a scenario opened into the playground must show. */
export interface ExpectedScenario {
  readonly distribution: string;
  readonly batchSize: number;
  readonly steps: number;
  readonly start: readonly [number, number];
}

/**
 * "Open Scenario in Playground" from the Explorer's context menu on `fileName`, then waits until the panel
 * shows that scenario: its inputs and batch size, its number of steps, and its start at step 0.
 */
export async function openScenarioFromExplorer(
  page: Page,
  panel: FrameLocator,
  fileName: string,
  expected: ExpectedScenario,
): Promise<void> {
  await runCommand(page, 'View: Show Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName });
  await chooseContextMenuItem(page, 'Open Scenario in Playground', { openOn: row, timeoutMs: 20_000 });
  const what = `the panel after opening ${fileName}`;
  await waitForSelect(panel, 'distribution', expected.distribution, what);
  await waitForSelect(panel, 'batchSize', String(expected.batchSize), what);
  await waitUntil(
    `${expected.steps} steps`,
    async () => (await stepReadout(panel)).last === expected.steps,
    10_000,
    async () => JSON.stringify(await stepReadout(panel)),
  );
  await rewind(panel);
  assert.deepEqual(parsePoint(await currentPoint(panel)), expected.start, `the start of ${fileName}`);
}
