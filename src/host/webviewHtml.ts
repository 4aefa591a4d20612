// The HTML shell of a playground webview. Pure (no vscode import) so the webview tests in Chromium
// load exactly the page VS Code shows, under exactly this Content-Security-Policy.
import type { ViewKind } from '../shared/protocol';

export interface WebviewHtmlOptions {
  /** webview.cspSource: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  /** A fresh random nonce per render; the only way a script may run. */
  readonly nonce: string;
  /** URI of dist/webview/main.js as the webview sees it. */
  readonly scriptUri: string;
  /** URI of dist/webview/main.css as the webview sees it. */
  readonly styleUri: string;
  readonly view: ViewKind;
  readonly title: string;
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function webviewHtml(o: WebviewHtmlOptions): string {
  // default-src 'none': nothing loads unless listed. Scripts only by nonce, styles only as files
  // from the extension (no inline style attributes or <style>), images only as data: for exports.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${o.cspSource}`,
    `img-src ${o.cspSource} data:`,
    `font-src ${o.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>${escapeAttr(o.title)}</title>
</head>
<body data-view="${o.view}">
<div id="root"></div>
<script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}

/** 32 random alphanumerics; callers pass a source of random bytes so this stays platform-free. */
export function makeNonce(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}
