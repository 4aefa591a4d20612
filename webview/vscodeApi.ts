// The one handle on the VS Code webview API: typed messages out, typed UI state in and out.
import type { WebviewMessage } from '../src/shared/protocol';
import { type UiState, sanitizeUiState } from './uiState';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: WebviewMessage): void;
  loadState(): UiState;
  saveState(state: UiState): void;
}

let channel: HostChannel | null = null;

/** acquireVsCodeApi may be called only once per page; every caller shares this channel. */
export function hostChannel(): HostChannel {
  if (channel) return channel;
  const api: VsCodeApi =
    typeof acquireVsCodeApi === 'function'
      ? acquireVsCodeApi()
      : { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };
  channel = {
    post: (message) => api.postMessage(message),
    loadState: () => sanitizeUiState(api.getState()),
    saveState: (state) => api.setState(state),
  };
  return channel;
}
