// A stand-in for the extension host inside the test page: it answers the webview's messages with runs
// computed by the real engine (bundled into this script), exactly as the host would, and lets tests
// send any HostMessage. Installed before the webview's script by page.addInitScript.
import { resolveScenario, scenarioToJson } from '../../../src/engine/index';
import type { Scenario } from '../../../src/engine/types';
import type { HostMessage, RunView, ScenarioPatch, WebviewMessage } from '../../../src/protocol';
import { engineRunView } from '../support/engineRunView';

type Json = { [key: string]: unknown };

/** Fields whose value is one of several shapes: a patch replaces them whole instead of merging. */
const REPLACED_WHOLE = new Set(['target', 'function']);

/** Field-by-field merge of a v1 patch; null removes a field (back to its default). */
export function mergePatch(base: Json, patch: ScenarioPatch, top = true): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (typeof v === 'object' && !Array.isArray(v) && !(top && REPLACED_WHOLE.has(k)) && typeof out[k] === 'object' && out[k] !== null && !Array.isArray(out[k])) {
      out[k] = mergePatch(out[k] as Json, v as ScenarioPatch, false);
    } else out[k] = v;
  }
  return out;
}

export interface HostSim {
  /** The session's scenario as a v1 object (what a scenario file would hold). */
  scenario: Json;
  revision: number;
  /** Answer webview messages automatically (false: tests answer by hand). */
  auto: boolean;
  /** Grid size for the contour grid. */
  gridSize: number;
  /** Milliseconds the last engine run + RunView took. */
  lastComputeMs: number;
  /** The last run sent. */
  lastRun: RunView | null;
  receive(m: WebviewMessage): void;
  /** Validates and runs `input` (a v1 object), sending `run` or `invalid`. */
  runScenario(input: Json): boolean;
  /** Sends the current scenario side by side: raw inputs and centred inputs. */
  compare(): void;
  send(m: HostMessage): void;
}

declare global {
  interface Window {
    __zzHost: HostSim;
    __zzHostConfig?: { scenario?: Json; auto?: boolean; gridSize?: number };
  }
}

const config = window.__zzHostConfig ?? {};

const sim: HostSim = {
  scenario: config.scenario ?? {},
  revision: 0,
  auto: config.auto ?? true,
  gridSize: config.gridSize ?? 96,
  lastComputeMs: 0,
  lastRun: null,
  send(m) {
    window.postMessage(m, '*');
  },
  runScenario(input) {
    let scenario: Scenario;
    const t0 = performance.now();
    try {
      scenario = resolveScenario(input);
    } catch (e) {
      this.send({ type: 'invalid', message: e instanceof Error ? e.message : String(e) });
      return false;
    }
    const run = engineRunView(scenario, this.gridSize);
    this.lastComputeMs = performance.now() - t0;
    this.scenario = scenarioToJson(scenario);
    this.revision += 1;
    this.lastRun = run;
    this.send({ type: 'run', revision: this.revision, run });
    return true;
  },
  compare() {
    const raw = resolveScenario(mergePatch(this.scenario, { inputs: { center: false } }));
    const centred = resolveScenario(mergePatch(this.scenario, { inputs: { center: true } }));
    this.revision += 1;
    this.send({
      type: 'compare',
      revision: this.revision,
      runs: [engineRunView(raw, this.gridSize), engineRunView(centred, this.gridSize)],
      labels: ['Raw inputs (all positive)', 'Centred inputs'],
    });
  },
  receive(m) {
    if (!this.auto) return;
    switch (m.type) {
      case 'ready':
        this.runScenario(this.scenario);
        break;
      case 'patch':
        this.runScenario(mergePatch(this.scenario, m.patch));
        break;
      case 'setStart':
        this.runScenario(mergePatch(this.scenario, { start: [...m.point] }));
        break;
      case 'setTarget':
        this.runScenario(mergePatch(this.scenario, { target: { point: [...m.point] } }));
        break;
      case 'reset':
        this.runScenario({});
        break;
      case 'export':
        break;
    }
  },
};

window.__zzHost = sim;
