// The editor-area playground ("Zig-Zag Playground"): one panel at a time, revealed when it exists,
// restored after a window reload through the registered serializer.
import * as vscode from 'vscode';
import type { HostMessage } from '../protocol';
import { WebviewBridge, webviewOptions, type BridgeContext } from './webviewBridge';

export const PANEL_VIEW_TYPE = 'zigzag.playground';
export const PANEL_TITLE = 'Zig-Zag Playground';

export class PlaygroundPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private bridge: WebviewBridge | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: BridgeContext) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
          this.adopt(panel);
        },
      }),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens the panel, or reveals it when it is already open. */
  show(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, PANEL_TITLE, vscode.ViewColumn.Active, webviewOptions(this.ctx.extensionUri));
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

  dispose(): void {
    this.bridge?.dispose();
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
