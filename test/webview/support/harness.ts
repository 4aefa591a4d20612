// Serves dist/ and the webview page (exactly webviewHtml() with its CSP) on 127.0.0.1, drives headless
// Chromium with playwright-core, and gives tests a small API over one webview page.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { type Browser, type BrowserContext, type ConsoleMessage, type Page, type Request, type Response, chromium } from 'playwright-core';
import type { HostMessage, ViewKind, WebviewMessage } from '../../../src/shared/protocol';
import { makeNonce, webviewHtml } from '../../../src/host/webviewHtml';
import type { ShimArgs } from '../pages/vscodeShim';
import { THEMES, type ThemeName, rgb } from './themes';

export const ROOT = resolve(__dirname, '../../..');
// The benchmark serves a private snapshot of the build (ZZ_DIST), so another build of dist/ running
// meanwhile (the tree is shared) cannot swap bundles under it.
const DIST = resolve(process.env.ZZ_DIST ?? join(ROOT, 'dist'));
const SCREENSHOTS = join(ROOT, '.test-artifacts', 'screenshots');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.html': 'text/html',
  '.json': 'application/json',
};

export interface Served {
  readonly origin: string;
  readonly server: Server;
}

/** Static server for dist/ plus /view/<panel|sidebar|file>.html rendered by webviewHtml(). */
export async function serve(): Promise<Served> {
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const view = /^\/view\/(panel|sidebar|file)\.html$/.exec(url.pathname);
    if (view) {
      const html = webviewHtml({
        cspSource: origin,
        nonce: makeNonce((n) => new Uint8Array(randomBytes(n))),
        scriptUri: `${origin}/webview/main.js`,
        styleUri: `${origin}/webview/main.css`,
        view: view[1] as ViewKind,
        title: 'Zig-Zag Playground',
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      // Chromium asks for one on its own; VS Code's webview frame never does.
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(DIST, url.pathname));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, server };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface OpenOptions {
  readonly view?: ViewKind;
  readonly theme?: ThemeName;
  /** What getState() returns before the webview has saved anything. */
  readonly state?: unknown;
  /** The session's scenario (v1 object) the host stand-in starts from. */
  readonly scenario?: Record<string, unknown>;
  /** The contour grid size the host stand-in asks computeRunView for (default 128, as the host). */
  readonly gridSize?: number;
  /** Milliseconds every host↔webview message waits, each way (a remote extension host; default 0). */
  readonly latencyMs?: number;
  /** Let the host stand-in answer messages after the first run (default true). */
  readonly autoHost?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** More page scripts from dist/test/webview/ to install before the webview's own (e.g. 'benchUi.js'). */
  readonly initScripts?: readonly string[];
  /** Wait until the first run is painted (default true). */
  readonly waitForFirstPaint?: boolean;
  /** The host stand-in answers 'ready' with `held` and this message (a restored scenario), not with a run. */
  readonly held?: string;
}

/** One webview page and what it did. */
export class WebviewPage {
  readonly errors: string[] = [];
  private detach: (() => void) | null = null;
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly theme: ThemeName,
    /** Closes what this webview alone holds (its own context), or hands the shared page back. */
    private readonly release: () => Promise<void>,
  ) {
    const onConsole = (m: ConsoleMessage): void => {
      if (m.type() === 'error' || m.type() === 'warning') this.errors.push(`console.${m.type()}: ${m.text()}`);
    };
    const onPageError = (e: Error): void => {
      this.errors.push(`pageerror: ${e.message}`);
    };
    const onRequestFailed = (r: Request): void => {
      this.errors.push(`request failed: ${r.url()}`);
    };
    const onResponse = (r: Response): void => {
      if (r.status() >= 400) this.errors.push(`HTTP ${r.status()}: ${r.url()}`);
    };
    page.on('console', onConsole);
    page.on('pageerror', onPageError);
    page.on('requestfailed', onRequestFailed);
    page.on('response', onResponse);
    this.detach = () => {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('requestfailed', onRequestFailed);
      page.off('response', onResponse);
    };
  }

  /** Stops recording this webview's problems (the page goes on to show another webview, or closes). */
  stopListening(): void {
    this.detach?.();
    this.detach = null;
  }

  async posted(type?: WebviewMessage['type']): Promise<WebviewMessage[]> {
    const all = await this.page.evaluate(() => (window as unknown as { __zzPosted: WebviewMessage[] }).__zzPosted);
    return type ? all.filter((m) => m.type === type) : all;
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __zzPosted: unknown[] }).__zzPosted.length = 0;
    });
  }

  /** Waits for a message of `type` from the webview and returns the last one. */
  async waitPosted(type: WebviewMessage['type'], count = 1): Promise<WebviewMessage> {
    await this.page.waitForFunction(
      ([t, n]) => (window as unknown as { __zzPosted: { type: string }[] }).__zzPosted.filter((m) => m.type === t).length >= n,
      [type, count] as const,
      { timeout: 5000 },
    );
    const list = await this.posted(type);
    return list[list.length - 1];
  }

  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __zzCsp: string[] }).__zzCsp);
  }

  async paintedRevision(): Promise<number> {
    return this.page.evaluate(() => Number(document.getElementById('root')?.dataset.paintedRevision ?? -1));
  }

  /** Until the plane has painted host revision `revision` (or later) with that surface's own contours. */
  async waitPainted(revision: number): Promise<void> {
    await this.page.waitForFunction(
      (r) => {
        const d = document.getElementById('root')?.dataset;
        return Number(d?.paintedRevision ?? -1) >= r && d?.paintedContours !== 'stale';
      },
      revision,
      { timeout: 10000 },
    );
  }

  /** Until every weight plane draws its full contour pass (a new surface first shows a coarse one). */
  async contoursSettled(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const planes = [...document.querySelectorAll<HTMLElement>('.weight-plane')];
        return planes.length > 0 && planes.every((p) => p.dataset.contours === 'full');
      },
      undefined,
      { timeout: 10000 },
    );
  }

  async paintCount(): Promise<number> {
    return this.page.evaluate(() => Number(document.getElementById('root')?.dataset.paintCount ?? 0));
  }

  /** Waits for any repaint after `count` paints. */
  async waitRepaint(count: number): Promise<void> {
    await this.page.waitForFunction((c) => Number(document.getElementById('root')?.dataset.paintCount ?? 0) > c, count, { timeout: 10000 });
  }

  /** The playback readout "step c / K" as [c, K]. */
  async stepReadout(): Promise<[number, number]> {
    const text = await this.page.locator('[data-testid=step-readout]').innerText();
    const m = /step\s+([\d,]+)\s*\/\s*([\d,]+)/.exec(text);
    if (!m) throw new Error(`unexpected readout ${text}`);
    return [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
  }

  /** Every text and attribute value in the document and every text drawn on a canvas, for "never NaN on screen" checks. */
  async allVisibleStrings(): Promise<string> {
    return this.page.evaluate(() => {
      const parts = [document.body.innerText, ...Array.from((window as unknown as { __zzCanvasText: Set<string> }).__zzCanvasText)];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        for (const a of Array.from(el.attributes)) parts.push(a.value);
        if (el instanceof HTMLInputElement) parts.push(el.value);
      }
      return parts.join('\n');
    });
  }

  /** The host stand-in's revision (the last run it sent). */
  async hostRevision(): Promise<number> {
    return this.page.evaluate(() => window.__zzHost.revision);
  }

  /** Runs a scenario through the engine and waits until the webview has painted it. */
  async runScenario(scenario: Record<string, unknown>): Promise<void> {
    const ok = await this.page.evaluate((s) => window.__zzHost.runScenario(s), scenario);
    if (!ok) throw new Error(`scenario rejected: ${JSON.stringify(scenario)}`);
    await this.waitPainted(await this.hostRevision());
  }

  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate((m) => window.__zzHost.send(m), message);
  }

  async setAutoHost(auto: boolean): Promise<void> {
    await this.page.evaluate((a) => {
      window.__zzHost.auto = a;
    }, auto);
  }

  async applyTheme(name: ThemeName): Promise<void> {
    await this.page.evaluate((t) => (window as unknown as { __zzApplyTheme(t: unknown): void }).__zzApplyTheme(t), THEMES[name]);
  }

  /** What the n-th plot under `selector` shows (its canvases stacked), for theme colours by variable name. */
  async canvasStats(selector: string, colours: readonly [number, number, number][], index = 0, tolerance = 12, minAlpha = 250) {
    const stats = await this.page.evaluate(([sel, cols, i, tol, a]) => window.__zzProbe.canvasStats(sel, cols, tol, i, a), [
      selector,
      colours as [number, number, number][],
      index,
      tolerance,
      minAlpha,
    ] as const);
    if (!stats) throw new Error(`no canvas under ${selector}`);
    return stats;
  }

  /** A theme variable's colour as RGB. */
  colour(variable: string, theme: ThemeName = this.theme): [number, number, number] {
    return rgb(THEMES[theme].vars[variable]);
  }

  /** A picture of the page, taken only when asked (ZIGZAG_SCREENSHOTS=1 or ZIGZAG_UPDATE_SCREENSHOTS=1). */
  async screenshot(name: string): Promise<string | undefined> {
    if (process.env.ZIGZAG_SCREENSHOTS !== '1' && process.env.ZIGZAG_UPDATE_SCREENSHOTS !== '1') return undefined;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `webview-${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  async text(): Promise<string> {
    return this.page.evaluate(() => document.body.innerText);
  }

  async close(): Promise<void> {
    this.stopListening();
    await this.release();
  }
}

let browser: Browser | null = null;
let served: Served | null = null;

/**
 * The page openWebview shows webviews in, one after the other: starting a page's renderer costs more than
 * loading a document into it, and each webview gets a document of its own, its own session storage (see
 * pageScript) and its own viewport. Options that add page scripts get a page of their own.
 */
let shared: { context: BrowserContext; page: Page; showing: WebviewPage | null } | null = null;
/** Which webview the shared page shows (its session storage is that webview's). */
let opened = 0;

export async function startHarness(): Promise<void> {
  served = await serve();
  browser = await launchChromium();
}

export async function stopHarness(): Promise<void> {
  await browser?.close();
  await new Promise<void>((ok) => (served ? served.server.close(() => ok()) : ok()));
  browser = null;
  served = null;
  shared = null;
}

/**
 * The page scripts (what VS Code provides a webview, the host stand-in, the pixel probes, and `extra`) as
 * one init script. It runs in each document the page loads, before the document's own scripts; in a
 * webview's document (/view/…?open=N&zz=ARGS) it starts that webview's session storage empty when the
 * document is the first of webview N (a reload keeps it, as VS Code keeps a webview's state), then hands
 * the shim its arguments.
 */
function pageScript(extra: readonly string[]): string {
  const scripts = ['vscodeShim.js', 'hostSim.js', 'probe.js', ...extra].map((f) => readFileSync(join(DIST, 'test/webview', f), 'utf8'));
  return `if (location.pathname.startsWith('/view/')) {
  const params = new URLSearchParams(location.search);
  if (sessionStorage.getItem('zz-open') !== params.get('open')) {
    sessionStorage.clear();
    sessionStorage.setItem('zz-open', params.get('open'));
  }
  window.__zzShimArgs = JSON.parse(params.get('zz'));
${scripts.join('\n;\n')}
}`;
}

/** Opens a webview page: a fresh document with the given state, scenario, theme and size. */
export async function openWebview(o: OpenOptions = {}): Promise<WebviewPage> {
  if (!browser || !served) throw new Error('harness not started');
  const view = o.view ?? 'panel';
  const theme = o.theme ?? 'dark';
  const viewport = { width: o.width ?? (view === 'sidebar' ? 360 : 1200), height: o.height ?? 900 };
  let wp: WebviewPage;
  if (o.initScripts && o.initScripts.length > 0) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.addInitScript(pageScript(o.initScripts));
    wp = new WebviewPage(page, context, theme, () => context.close());
  } else {
    if (!shared) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.addInitScript(pageScript([]));
      shared = { context, page, showing: null };
    }
    const s = shared;
    // A webview still showing (its test failed before closing it) stops recording: this one takes over.
    s.showing?.stopListening();
    // Whatever the last one left pressed is let go, and its document goes before this one's viewport.
    await s.page.mouse.up().catch(() => undefined);
    if (s.page.url() !== 'about:blank') await s.page.goto('about:blank');
    await s.page.setViewportSize(viewport);
    wp = new WebviewPage(s.page, s.context, theme, async () => {
      if (s.showing === wp) s.showing = null;
      await s.page.goto('about:blank').catch(() => undefined);
    });
    s.showing = wp;
  }
  const args: ShimArgs = {
    initialState: o.state,
    theme: THEMES[theme],
    hostConfig: {
      scenario: o.scenario ?? {},
      auto: true,
      ...(o.gridSize ? { gridSize: o.gridSize } : {}),
      ...(o.latencyMs ? { latencyMs: o.latencyMs } : {}),
      ...(o.held ? { held: o.held } : {}),
    },
  };
  opened += 1;
  await wp.page.goto(`${served.origin}/view/${view}.html?open=${opened}&zz=${encodeURIComponent(JSON.stringify(args))}`);
  if (o.waitForFirstPaint ?? true) await wp.waitPainted(1);
  // The host always answers 'ready'; after that, tests may take over answering.
  if (o.autoHost === false) await wp.setAutoHost(false);
  return wp;
}

/** Fails with every console error and CSP violation the page produced. */
export async function assertClean(wp: WebviewPage): Promise<void> {
  const csp = await wp.cspViolations().catch(() => [] as string[]);
  const problems = [...wp.errors, ...csp.map((c) => `CSP violation: ${c}`)];
  if (problems.length > 0) throw new Error(`page was not clean:\n  ${problems.join('\n  ')}`);
}
