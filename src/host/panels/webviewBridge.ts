// What every playground webview shares (the editor panel, the side view, a scenario file's editor):
// the HTML and options, the model's messages out, and the validation of everything that comes back in
// (a webview is untrusted input).
import * as vscode from 'vscode';
import { ScenarioError } from '../../engine/index';
import { parseWebviewMessage, type HostMessage, type ViewKind, type WebviewMessage } from '../../shared/protocol';
import type { UiSettings } from '../../shared/uiLimits';
import type { ExerciseDocument } from '../exerciseDocument';
import type { PlaygroundModel } from '../playgroundModel';
import { RunCancelled, type SessionEvent } from '../session';
import { makeNonce, webviewHtml } from '../webviewHtml';
import { ScenarioEditError } from '../../shared/scenarioEdit';

/** Options for every playground webview: scripts on, and only the built UI and media/ readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export interface BridgeContext {
  readonly extensionUri: vscode.Uri;
  /** Where the view's scenario comes from and its edits go: the shared session, or one scenario file. */
  readonly model: PlaygroundModel;
  readonly log: vscode.LogOutputChannel;
  readonly uiSettings: () => UiSettings;
  /** Handles an export request from the webview (issue: export plot). */
  readonly onExport?: (pngDataUrl: string) => Promise<void>;
  /** A scenario file's exercise (its own playground only). */
  readonly exercise?: ExerciseDocument;
}

/** Connects one webview to its model until disposed. */
export class WebviewBridge implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private markReady: () => void = () => undefined;
  /** Resolves once the webview's script runs and has said `ready` (it can answer requests from then on). */
  readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  constructor(
    private readonly webview: vscode.Webview,
    readonly kind: ViewKind,
    private readonly ctx: BridgeContext,
  ) {
    webview.options = webviewOptions(ctx.extensionUri);
    const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'webview', file)).toString();
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => globalThis.crypto.getRandomValues(new Uint8Array(n))),
      scriptUri: asset('main.js'),
      styleUri: asset('main.css'),
      view: kind,
      title: 'Zig-Zag Playground',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      ctx.model.onEvent((e) => this.forward(e)),
      // An invalid file: its message over the last good run (which a later valid text replaces).
      ctx.model.onProblem((message) => {
        if (message !== undefined) this.post({ type: 'invalid', message });
      }),
    );
    if (ctx.exercise) this.disposables.push(ctx.exercise.onChange((view) => this.post({ type: 'exercise', view })));
  }

  post(message: HostMessage): void {
    // A webview that is being disposed rejects; nothing to do about it.
    void Promise.resolve(this.webview.postMessage(message)).then(undefined, () => undefined);
  }

  private forward(e: SessionEvent): void {
    switch (e.kind) {
      case 'run':
        return this.post({ type: 'run', revision: e.revision, run: e.run, raw: e.raw });
      case 'compare':
        return this.post({ type: 'compare', revision: e.revision, ...e.comparison, raw: e.raw });
      case 'computing':
        return this.post({ type: 'computing', revision: e.revision, fraction: e.fraction });
      case 'failed':
        return this.post({ type: 'invalid', message: e.message });
      case 'held':
        return this.post({ type: 'held', message: e.message, raw: e.raw });
    }
  }

  /** A message from the webview (untrusted); resolves to the refusal posted back to it, if any. */
  async receive(raw: unknown): Promise<string | undefined> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.ctx.log.warn(`Dropped a message from the ${this.kind} webview: ${parsed.error}`);
      return parsed.error;
    }
    const m = parsed.value;
    let refusal: string | undefined;
    try {
      await this.handle(m);
    } catch (e) {
      if (e instanceof RunCancelled && !e.byUser) {
        this.acknowledge(m);
        return undefined;
      }
      const message = e instanceof Error ? e.message : String(e);
      if (!(e instanceof ScenarioError) && !(e instanceof ScenarioEditError) && !(e instanceof RunCancelled))
        this.ctx.log.error(`While handling ${m.type}: ${message}`);
      // Invalid input goes back to the view that sent it; the last good run stays on screen.
      this.post({ type: 'invalid', message });
      refusal = message;
    }
    this.acknowledge(m);
    return refusal;
  }

  /**
   * After a numbered change: the run it caused (emitted by the session before apply resolves) or its
   * `invalid` has been posted, so the webview may drop its preview for the host's state.
   */
  private acknowledge(m: WebviewMessage): void {
    if ('seq' in m && m.seq !== undefined) this.post({ type: 'applied', seq: m.seq });
  }

  private async handle(m: WebviewMessage): Promise<void> {
    const { model } = this.ctx;
    switch (m.type) {
      case 'ready': {
        this.markReady();
        this.post({ type: 'settings', settings: this.ctx.uiSettings() });
        if (this.ctx.exercise) this.post({ type: 'exercise', view: this.ctx.exercise.view });
        const latest = model.latest(this.kind === 'panel');
        if (latest) this.forward(latest);
        else if (model.problem === undefined) await model.compute();
        if (model.problem !== undefined) this.post({ type: 'invalid', message: model.problem });
        return;
      }
      case 'patch':
        await model.apply(m.patch);
        return;
      case 'setStart':
        await model.setStart(m.point);
        return;
      case 'setTarget':
        await model.setTarget(m.point);
        return;
      case 'reset':
        await model.reset();
        return;
      case 'runHeld':
        await model.compute();
        return;
      case 'compare':
        await model.compareCentring(m.stepSize);
        return;
      case 'export':
        if (!this.ctx.onExport) throw new Error('Export is not available here.');
        await this.ctx.onExport(m.data);
        return;
      case 'answers':
        if (!this.ctx.exercise) throw new ScenarioEditError('This playground shows no exercise to answer.');
        await this.ctx.exercise.setAnswers(m.answers);
        return;
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
