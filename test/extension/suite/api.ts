// Shared helpers for the extension-host suites: the extension's test API and polling.
import * as vscode from 'vscode';
import type { Scenario } from '../../../src/engine/types';
import type { RunView } from '../../../src/shared/runModel';

export const EXTENSION_ID = 'zigzag-playground.zigzag-playground';

/** What the extension's activate() returns, for tests. */
export interface PlaygroundApi {
  getScenario(): Scenario;
  isPanelOpen(): boolean;
  isSidebarResolved(): boolean;
  lastRun(): RunView | undefined;
  registeredCommands(): readonly string[];
}

export async function activatedApi(): Promise<PlaygroundApi> {
  const ext = vscode.extensions.getExtension<PlaygroundApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await ext.activate();
  if (!api || typeof api.getScenario !== 'function') {
    throw new Error(`${EXTENSION_ID}'s activate() did not return the test API { getScenario, isPanelOpen, isSidebarResolved, lastRun }`);
  }
  return api;
}

/** Polls `check` until it returns true (or a truthy value), failing with `what` after timeoutMs. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The open editor tab showing the playground webview panel, if any. */
export function playgroundTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.label === 'Zig-Zag Playground' && t.input instanceof vscode.TabInputWebview);
}
