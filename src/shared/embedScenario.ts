// A scenario embedded in course material (a ```zigzag block in Markdown, a notebook output) runs in the
// page that shows it, on that page's main thread. Its text is untrusted: it is checked for size and
// nesting before it is parsed, validated by the engine, and held to limits that keep one block's run
// to about 0.2 s at most (npm run bench times the heaviest), so a hostile or careless block cannot
// freeze a preview. Pure; no DOM, no vscode.
import { ScenarioError, exampleCount, resolveScenario, type Scenario } from '../engine/index';
import type { RunView } from './protocol';
import { computeRunView, runWork } from './runView';
import { ScenarioEditError } from './scenarioEdit';
import { nestingDepth, parseScenarioText } from './scenarioText';

/** Limits for a plot computed inside a document (the playground itself allows more). */
export const EMBED_LIMITS = {
  /** Characters of JSON in one block. */
  maxTextLength: 20_000,
  /** Nesting of arrays and objects; a scenario needs 3 (inputs.points). */
  maxDepth: 8,
  maxSteps: 5_000,
  /** Examples N in the data set. */
  maxExamples: 2_000,
  /** Examples touched by the whole run (steps × batch, plus N per step for the logistic loss). */
  maxWork: 250_000,
  /** Contour grid resolution (n×n loss evaluations). */
  gridSize: 96,
} as const;

/** What to tell the reader when a block is over a limit: where the full-size run can be had. */
const ELSEWHERE = 'open it in the playground for a larger run';

export type EmbedReading = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly message: string };

const count = (n: number): string => n.toLocaleString('en-US');

/** The engine's scenario for an embedded block, or a message naming the problem (and the field). */
export function readEmbedScenario(text: string): EmbedReading {
  const L = EMBED_LIMITS;
  if (text.length > L.maxTextLength) {
    return { ok: false, message: `the block holds ${count(text.length)} characters; a plot block takes at most ${count(L.maxTextLength)}` };
  }
  if (text.trim() === '') return { ok: false, message: 'the block is empty: write a scenario as JSON, e.g. { "steps": 200 }' };
  if (nestingDepth(text, L.maxDepth) > L.maxDepth) {
    return { ok: false, message: `the block nests arrays and objects more than ${L.maxDepth} levels deep; a scenario needs 3` };
  }
  try {
    const scenario = resolveScenario(parseScenarioText(text, 'the block'));
    if (scenario.steps > L.maxSteps) {
      throw new ScenarioError(
        'steps',
        `steps must be at most ${count(L.maxSteps)} in a document, got ${count(scenario.steps)} (${ELSEWHERE})`,
      );
    }
    const n = exampleCount(scenario.inputs);
    if (scenario.model === 'neuron' && n > L.maxExamples) {
      const field = scenario.inputs.distribution === 'points' ? 'inputs.points' : 'inputs.count';
      throw new ScenarioError(
        field,
        `${field} must be at most ${count(L.maxExamples)} examples in a document, got ${count(n)} (${ELSEWHERE})`,
      );
    }
    const work = runWork(scenario);
    if (work > L.maxWork) {
      throw new ScenarioError(
        'steps',
        `this run would touch ${count(work)} examples (steps × examples per step); a document computes at most ${count(L.maxWork)}: ` +
          `lower steps or batchSize (${ELSEWHERE})`,
      );
    }
    return { ok: true, scenario };
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof ScenarioEditError) return { ok: false, message: e.message };
    throw e;
  }
}

export type EmbedRun = { readonly ok: true; readonly run: RunView } | { readonly ok: false; readonly message: string };

/** Runs a validated scenario at the embed's grid size; a failure is a message, never an exception. */
export function runEmbedScenario(scenario: Scenario): EmbedRun {
  try {
    return { ok: true, run: computeRunView(scenario, { gridSize: EMBED_LIMITS.gridSize, inPage: true }) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Notebook renderer → extension: load this output's scenario into the playground panel. */
export interface OpenInPlaygroundMessage {
  readonly type: 'openInPlayground';
  readonly scenario: string;
}

/** Validates a message from the notebook renderer (a webview: untrusted). Never throws. */
export function parseRendererMessage(
  raw: unknown,
): { readonly ok: true; readonly value: OpenInPlaygroundMessage } | { readonly ok: false; readonly error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'message must be an object' };
  const m = raw as Record<string, unknown>;
  if (m.type !== 'openInPlayground') return { ok: false, error: `unknown message type ${JSON.stringify(m.type)}` };
  const extra = Object.keys(m).find((k) => k !== 'type' && k !== 'scenario');
  if (extra !== undefined) return { ok: false, error: `openInPlayground message has unknown field ${extra}` };
  if (typeof m.scenario !== 'string' || m.scenario.length > EMBED_LIMITS.maxTextLength) {
    return { ok: false, error: `openInPlayground.scenario must be a string of at most ${EMBED_LIMITS.maxTextLength} characters` };
  }
  return { ok: true, value: { type: 'openInPlayground', scenario: m.scenario } };
}
