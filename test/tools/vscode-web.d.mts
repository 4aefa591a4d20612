// Types for vscode-web.mjs (the e2e tests are TypeScript; the tools are plain ESM so that the
// launcher runs with a bare `node`).
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';

export const repoRoot: string;
export const artifactsDir: string;
export const screenshotsDir: string;

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Leader of the server's process group. */
  readonly pid: number;
  /** Temp dir holding all of the server's state; removed by stop(). */
  readonly baseDir: string;
  /** An empty folder inside baseDir, usable as the workspace. */
  readonly workspaceDir: string;
  readonly userDataDir: string;
  /** The server's extensions folder (where --install-extension put a `vsix`). */
  readonly extensionsDir: string;
  readonly logPath: string;
  logTail(lines?: number): string;
  /** Rewrites the user settings: the server's own, with `more` over them (a window opened next reads them). */
  setUserSettings(more: Record<string, unknown>): void;
  /** Kills the whole process group (SIGTERM, then SIGKILL) and removes the temp dir. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readyTimeoutMs?: number;
  /** Extra user settings (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  log?: (line: string) => void;
  /** Fixed port (default: a free one). */
  port?: number;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  /** A .vsix installed with code-server's --install-extension before the server starts. */
  vsix?: string;
  /** 'disabled' (default): --disable-workspace-trust. 'untrusted': trust on, the opened folder untrusted (Restricted Mode). */
  trust?: 'disabled' | 'untrusted';
}

export function startCodeServer(options?: StartOptions): Promise<CodeServer>;
export function workbenchUrl(
  server: CodeServer,
  /** extensionDevelopmentPath: default this repo; null or [] loads none (only installed extensions). */
  options?: { folder?: string; extensionDevelopmentPath?: string | string[] | null; extensionTestsPath?: string },
): string;
export function freePort(): Promise<number>;
export function killGroup(pid: number, graceMs?: number): Promise<void>;
export function onSignalCleanup(fn: () => Promise<unknown>): () => void;
export function sleep(ms: number): Promise<void>;
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;

export const CHROMIUM_ARGS: readonly string[];
export function launchChromium(options?: { headless?: boolean }): Promise<Browser>;

export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
  /** The message came from a webview frame. */
  webview: boolean;
}
export type WorkbenchPage = Page & { consoleLog?: ConsoleEntry[] };

export function openWorkbench(
  browser: Browser,
  url: string,
  options?: {
    onAutomationLog?: (type: string, args: unknown[]) => void;
    onAutomationExit?: (code: number) => void;
    viewport?: { width: number; height: number };
    readyTimeoutMs?: number;
  },
): Promise<WorkbenchPage>;

export function isWebviewUrl(url: string | undefined): boolean;
/** Webview console errors and CSP violations (anywhere) seen on the page so far. */
export function webviewProblems(page: WorkbenchPage | { consoleLog?: ConsoleEntry[] }): string[];
export function collectWebviewConsole(page: WorkbenchPage): { problems(): string[]; all(): ConsoleEntry[] };

/** Focuses the active editor tab (with no editor open: the page body) and waits until it has focus. */
export function focusWorkbench(page: Page, options?: { timeoutMs?: number }): Promise<void>;
/** Escape until the quick input is hidden (waits for it); throws if it stays open. */
export function closeQuickInput(page: Page, options?: { timeoutMs?: number }): Promise<void>;
/** Waits for the quick input's box to hold keyboard focus, types (with replace: over its text), waits until the box shows it. */
export function typeInQuickInput(page: Page, text: string, options?: { replace?: boolean; timeoutMs?: number }): Promise<void>;
/** Clicks `target` (right: button 'right', double: a double click), past a workbench hover left over it (dismissed with Escape), until timeoutMs (20 s). */
export function clickPastHovers(
  page: Page,
  target: Locator,
  options?: { timeoutMs?: number; double?: boolean; button?: 'left' | 'right' },
): Promise<void>;
/** In the open context menu, focuses the item labelled `label` with the arrow keys, presses Enter, waits until the menu is gone. */
export function chooseContextMenuItem(page: Page, label: string, options?: { timeoutMs?: number; openOn?: Locator }): Promise<void>;
/** From a plain workbench element: F1, the title, its row focused, Enter; reopened while the row is missing (up to timeoutMs, default 30 s). */
export function runCommand(page: Page, title: string, options?: { timeoutMs?: number; rowTimeoutMs?: number }): Promise<void>;
/** In an open quick pick: types the label, focuses its row, Enter, and waits until it is accepted. */
export function pickQuickItem(page: Page, label: string, options?: { timeoutMs?: number }): Promise<void>;
/** Waits for the open input box's error state and returns the validation message shown under it. */
export function inputValidationMessage(page: Page, options?: { timeoutMs?: number }): Promise<string>;
export function webviewFrame(page: Page, options?: { view?: 'panel' | 'sidebar' | string; timeoutMs?: number }): Promise<FrameLocator>;

export interface CanvasStats {
  /** Canvas size in device pixels. */
  width: number;
  height: number;
  /** Pixels with alpha > 0. */
  painted: number;
  /** Distinct colours among painted pixels (4 bits per channel). */
  colours: number;
  /** 32×32 mean luminance×alpha, for comparing states (gridDifference). */
  grid: number[];
}
export function canvasStats(canvas: Locator, options?: { timeoutMs?: number }): Promise<CanvasStats>;
export function plotCanvas(frame: FrameLocator, options?: { selector?: string; timeoutMs?: number }): Promise<Locator>;
export function gridDifference(a: CanvasStats, b: CanvasStats): number;
/** ZIGZAG_SCREENSHOTS=1 or ZIGZAG_UPDATE_SCREENSHOTS=1: pictures of each state are wanted. */
export const screenshotsWanted: boolean;
/** A PNG in .test-artifacts/screenshots/ when pictures are wanted or `always` (a failure's); else undefined. */
export function screenshot(target: Page | Locator, name: string, options?: { always?: boolean }): Promise<string | undefined>;
export interface RunningExtension {
  /** Display name, e.g. "Zig-Zag Playground". */
  name: string;
  /** Where it runs as VS Code says: "web worker", or the remote host's address. */
  host: string;
  /** e.g. "Activation: 27ms", "Startup Activation: 39ms". */
  activation: string;
}
/** Opens (or shows) "Developer: Show Running Extensions". */
export function showRunningExtensions(page: Page): Promise<void>;
/** Every extension the open Running Extensions editor lists (its virtual list scrolled through). */
export function runningExtensions(page: Page): Promise<RunningExtension[]>;
/** The hover on an extension's activation time there (name: the whole name, or a pattern), e.g. "Activated by … on onCommand:zigzag.runDemo". */
export function activationReason(page: Page, name: string | RegExp): Promise<string>;

export interface Activation {
  /** e.g. "zigzag-playground.zigzag-playground" */
  id: string;
  startup: boolean;
  /** e.g. "onCommand:zigzag.runDemo", "onStartupFinished" */
  event: string;
}
/** The log files of the remote (Node) extension hosts started so far (one per window), oldest first. */
export function extensionHostLogs(server: CodeServer): string[];
/** The activations the remote (Node) extension hosts have logged so far, in order (not the web worker host's), without the logs in `except`. */
export function extensionHostActivations(server: CodeServer, options?: { except?: readonly string[] }): Activation[];

export function openActivityBarContainer(page: Page, title: string, options?: { timeoutMs?: number }): Promise<Locator>;

export interface Playground {
  server: CodeServer;
  browser: Browser;
  page: WorkbenchPage;
  close(): Promise<void>;
}
export function openPlayground(options?: {
  folder?: string;
  extensionDevelopmentPath?: string | string[];
  settings?: Record<string, unknown>;
}): Promise<Playground>;
