// The editor-area playground ("Zig-Zag Playground"): one panel at a time, revealed when it exists,
// restored after a window reload through the registered serializer.
import * as vscode from 'vscode';
import type { HostMessage } from '../../shared/protocol';
import { WebviewBridge, webviewOptions, type BridgeContext } from './webviewBridge';

const PANEL_VIEW_TYPE = 'zigzag.playground';
/** The tab title (not translated: it names the product). */
const PANEL_TITLE = 'Zig-Zag Playground';

export class PlaygroundPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private bridge: WebviewBridge | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: BridgeContext) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: (panel: vscode.WebviewPanel) => {
          this.adopt(panel);
          return Promise.resolve();
        },
      }),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /**
   * Opens the panel, or reveals it when it is already open. A panel already on screen keeps it that way
   * without taking keyboard focus: a command that updates it leaves the focus where the user had it
   * (and a webview grabbing focus late closes whatever quick input is open by then).
   */
  show(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, this.panel.visible);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      PANEL_TITLE,
      vscode.ViewColumn.Active,
      webviewOptions(this.ctx.extensionUri),
    );
    this.adopt(panel);
    return panel;
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.bridge?.dispose();
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.ctx.extensionUri, 'media', 'zigzag.svg');
    this.bridge = new WebviewBridge(panel.webview, 'panel', this.ctx);
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.bridge?.dispose();
      this.bridge = undefined;
      this.panel = undefined;
    });
  }

  post(message: HostMessage): void {
    this.bridge?.post(message);
  }

  private pendingPng: { resolve: (dataUrl: string) => void; reject: (e: Error) => void } | undefined;

  /** A PNG of the panel's plot as a data: URL, drawn by the webview (the host has no canvas). */
  async requestPng(timeoutMs = 10_000): Promise<string> {
    this.pendingPng?.reject(new Error('superseded by a newer export'));
    const bridge = this.bridge;
    if (!bridge) throw new Error(vscode.l10n.t('the playground panel is not open'));
    // A panel opened just now has no script running yet: wait for its `ready` first.
    await Promise.race([bridge.ready, new Promise((r) => setTimeout(r, timeoutMs))]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingPng = undefined;
        reject(new Error(vscode.l10n.t('the playground did not send its image within {0} s', timeoutMs / 1000)));
      }, timeoutMs);
      this.pendingPng = {
        resolve: (d) => {
          clearTimeout(timer);
          this.pendingPng = undefined;
          resolve(d);
        },
        reject: (e) => {
          clearTimeout(timer);
          this.pendingPng = undefined;
          reject(e);
        },
      };
      this.post({ type: 'exportPng' });
    });
  }

  /** The webview's answer to requestPng. */
  receiveExport(data: string): void {
    if (!this.pendingPng) throw new Error('the playground sent an image nobody asked for');
    this.pendingPng.resolve(data);
  }

  dispose(): void {
    this.bridge?.dispose();
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
