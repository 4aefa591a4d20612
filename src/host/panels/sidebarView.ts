// The side-panel playground (activity bar "Zig-Zag"): controls and a compact plot on the same session.
import type * as vscode from 'vscode';
import type { HostMessage } from '../../shared/protocol';
import { WebviewBridge, type BridgeContext } from './webviewBridge';

export const SIDEBAR_VIEW_ID = 'zigzag.explorer';

export class SidebarViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private bridge: WebviewBridge | undefined;

  constructor(private readonly ctx: BridgeContext) {}

  get isResolved(): boolean {
    return this.bridge !== undefined;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.bridge?.dispose();
    const bridge = new WebviewBridge(view.webview, 'sidebar', this.ctx);
    this.bridge = bridge;
    view.onDidDispose(() => {
      bridge.dispose();
      if (this.bridge === bridge) this.bridge = undefined;
    });
  }

  post(message: HostMessage): void {
    this.bridge?.post(message);
  }

  dispose(): void {
    this.bridge?.dispose();
  }
}
