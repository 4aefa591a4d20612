// Runs in the page before any of its scripts (page.addInitScript): what VS Code provides a webview.
// - acquireVsCodeApi(): records posted messages, hands them to the in-page host stand-in, and keeps
//   getState/setState in sessionStorage so state survives a reload as it survives hide/show in VS Code.
// - the theme: --vscode-* variables on <html> (set through CSSOM, as VS Code does) and the body class.
// - a record of CSP violations.
// Its arguments arrive as window.__zzShimArgs, set just before this script by the harness's page script
// (support/harness.ts pageScript, from the document's URL).
import type { Theme } from '../support/themes';

export interface ShimArgs {
  readonly initialState: unknown;
  readonly theme: Theme;
  readonly hostConfig: { scenario?: Record<string, unknown>; auto?: boolean; gridSize?: number; latencyMs?: number; held?: string };
}

const w = window as unknown as Record<string, unknown>;
const args = w.__zzShimArgs as ShimArgs;
const KEY = 'zz-webview-state';
const stored = sessionStorage.getItem(KEY);
let state: unknown = stored !== null ? JSON.parse(stored) : args.initialState;
let acquired = false;
const posted: unknown[] = [];
const csp: string[] = [];
w.__zzPosted = posted;
w.__zzCsp = csp;
w.__zzHostConfig = args.hostConfig;
w.acquireVsCodeApi = () => {
  if (acquired) throw new Error('acquireVsCodeApi may only be called once');
  acquired = true;
  return {
    postMessage(m: unknown) {
      posted.push(JSON.parse(JSON.stringify(m)));
      const host = w.__zzHost as { receive(m: unknown): void } | undefined;
      // The real host answers asynchronously, from another process (and, remote, after a network delay).
      const copy = JSON.parse(JSON.stringify(m)) as unknown;
      setTimeout(() => host?.receive(copy), args.hostConfig.latencyMs ?? 0);
    },
    getState: () => state,
    setState(s: unknown) {
      state = s;
      sessionStorage.setItem(KEY, JSON.stringify(s));
    },
  };
};
document.addEventListener('securitypolicyviolation', (e) => csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));

function applyTheme(theme: Theme): void {
  const html = document.documentElement;
  if (html) for (const [k, v] of Object.entries(theme.vars)) html.style.setProperty(k, v);
  if (document.body) {
    document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light');
    document.body.classList.add(theme.bodyClass);
  }
}
w.__zzApplyTheme = applyTheme;
// Apply as soon as <html> and <body> exist, before the webview script runs.
const observer = new MutationObserver(() => {
  applyTheme(args.theme);
  if (document.body) observer.disconnect();
});
observer.observe(document, { childList: true, subtree: true });

// Canvas text is invisible to the DOM: record what the plots write, so tests can check it too.
const canvasText = new Set<string>();
w.__zzCanvasText = canvasText;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this, …)
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (
  this: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth?: number,
) {
  if (canvasText.size < 5000) canvasText.add(String(text));
  if (maxWidth === undefined) fillText.call(this, text, x, y);
  else fillText.call(this, text, x, y, maxWidth);
};
