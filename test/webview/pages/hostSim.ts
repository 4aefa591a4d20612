// A stand-in for the extension host inside the test page: it answers the webview's messages with runs
// computed by the real engine and src/shared/runView.ts (bundled into this script), merging patches with the
// host's own mergeScenario into the scenario as written, acknowledging numbered changes (`applied`) as
// the webview bridge does, and lets tests send any HostMessage. Installed by page.addInitScript.
// With `latencyMs`, every message each way is delayed by that much (a remote extension host, as in
// Codespaces); messages keep their order.
// The host's own pure pieces: the same merge of patches and the same RunView.
import { compareCentring, resolveScenario, type StepSizeRule } from '../../../src/engine/index';
import type { Scenario } from '../../../src/engine/types';
import { comparisonLabels } from '../../../src/shared/comparison';
import type { HostMessage, WebviewMessage } from '../../../src/shared/protocol';
import type { RunView } from '../../../src/shared/runModel';
import { computeRunView } from '../../../src/shared/runView';
import { mergeScenario, startPatch, targetPatch } from '../../../src/shared/scenarioEdit';
import { PlaygroundSession } from '../../../src/host/session';

type Json = { [key: string]: unknown };
const mergePatch = (base: Json, patch: Json): Json => mergeScenario(base, patch);

export interface HostSim {
  /** The session's scenario as written (a v1 object, what a scenario file would hold). */
  scenario: Json;
  revision: number;
  /** Answer webview messages automatically (false: tests answer by hand). */
  auto: boolean;
  /** Grid size requested for the contour grid (computeRunView may lower it for costly losses). */
  gridSize: number;
  /** Milliseconds the last engine run + RunView took. */
  lastComputeMs: number;
  /** The last run sent. */
  lastRun: RunView | null;
  /** Milliseconds each message waits, each way. */
  latencyMs: number;
  /** The webview's numbered changes acknowledged so far (`applied`). */
  appliedSeq: number;
  /** As a restored session whose last computation never showed: 'ready' gets `held` with this message. */
  held: string | null;
  receive(m: WebviewMessage): void;
  /** receive's work, without the acknowledgement. */
  handle(m: WebviewMessage): void;
  /** Validates and runs `input` (a v1 object), sending `run` or `invalid`. */
  runScenario(input: Json): boolean;
  /** A change made on the host's side (a palette command, the other view): merged and run, no `applied`. */
  applyForeign(patch: Json): boolean;
  /** Sends the current scenario side by side, raw inputs and centred inputs, as the host's session pairs them. */
  compare(stepSize?: StepSizeRule): void;
  /**
   * Applies `patch` through the host's real PlaygroundSession, forwarding its events as the webview
   * bridge does: a long run is computed in chunks, with a `computing` message after each chunk.
   * Resolves when the run has been sent.
   */
  applyInSession(patch: Json): Promise<void>;
  send(m: HostMessage): void;
}

declare global {
  interface Window {
    __zzHost: HostSim;
    __zzHostConfig?: { scenario?: Json; auto?: boolean; gridSize?: number; latencyMs?: number; held?: string };
  }
}

const config = window.__zzHostConfig ?? {};

const sim: HostSim = {
  scenario: config.scenario ?? {},
  revision: 0,
  auto: config.auto ?? true,
  gridSize: config.gridSize ?? 128,
  lastComputeMs: 0,
  lastRun: null,
  latencyMs: config.latencyMs ?? 0,
  appliedSeq: 0,
  held: config.held ?? null,
  send(m) {
    if (this.latencyMs > 0) setTimeout(() => window.postMessage(m, '*'), this.latencyMs);
    else window.postMessage(m, '*');
  },
  runScenario(input) {
    let scenario: Scenario;
    let run: RunView;
    const t0 = performance.now();
    try {
      scenario = resolveScenario(input);
      run = computeRunView(scenario, { gridSize: this.gridSize });
    } catch (e) {
      this.send({ type: 'invalid', message: e instanceof Error ? e.message : String(e) });
      return false;
    }
    this.lastComputeMs = performance.now() - t0;
    // As the session: the scenario as written is kept (patches merge into it), not its resolved form.
    this.scenario = input;
    this.revision += 1;
    this.lastRun = run;
    this.send({ type: 'run', revision: this.revision, run, raw: input });
    return true;
  },
  applyForeign(patch) {
    return this.runScenario(mergePatch(this.scenario, patch));
  },
  compare(stepSize = 'matched') {
    const { raw, centred, ...choice } = compareCentring(resolveScenario(this.scenario), stepSize);
    this.revision += 1;
    this.send({
      type: 'compare',
      raw: this.scenario,
      revision: this.revision,
      runs: [computeRunView(raw, { gridSize: this.gridSize }), computeRunView(centred, { gridSize: this.gridSize })],
      labels: comparisonLabels(raw.inputs),
      stepSize: choice,
    });
  },
  async applyInSession(patch) {
    const session = new PlaygroundSession(
      { get: () => undefined, update: async () => undefined },
      (_title, work) =>
        work(
          () => undefined,
          () => false,
        ),
      () => this.scenario,
    );
    // The session counts its own revisions from 1; continue ours, as one host's revisions would.
    const base = this.revision;
    session.onEvent((e) => {
      if (e.kind === 'computing') this.send({ type: 'computing', revision: base + e.revision, fraction: e.fraction });
      else if (e.kind === 'run') {
        this.revision = base + e.revision;
        this.lastRun = e.run;
        this.scenario = e.raw;
        this.send({ type: 'run', revision: this.revision, run: e.run, raw: e.raw });
      } else if (e.kind === 'failed') this.send({ type: 'invalid', message: e.message });
    });
    await session.apply(patch);
  },
  receive(m) {
    if (!this.auto) return;
    this.handle(m);
    // As the webview bridge: a numbered change is acknowledged after its run or `invalid` was sent.
    if ('seq' in m && m.seq !== undefined) {
      this.appliedSeq = Math.max(this.appliedSeq, m.seq);
      this.send({ type: 'applied', seq: m.seq });
    }
  },
  handle(m) {
    switch (m.type) {
      case 'ready':
        // As the host does: settings first, then the session's run.
        this.send({ type: 'settings', settings: { stepsPerSecond: 60, contourLevels: 14 } });
        if (this.held !== null) this.send({ type: 'held', message: this.held, raw: this.scenario });
        else this.runScenario(this.scenario);
        break;
      case 'runHeld':
        this.held = null;
        this.runScenario(this.scenario);
        break;
      case 'patch':
        this.runScenario(mergePatch(this.scenario, m.patch));
        break;
      case 'setStart':
        this.runScenario(mergePatch(this.scenario, startPatch(m.point, resolveScenario(this.scenario))));
        break;
      case 'setTarget':
        this.runScenario(mergePatch(this.scenario, targetPatch(m.point, resolveScenario(this.scenario))));
        break;
      case 'reset':
        this.runScenario({});
        break;
      case 'compare':
        this.compare(m.stepSize);
        break;
      case 'export':
        break;
    }
  },
};

window.__zzHost = sim;
