// A scenario embedded in course material (a ```zigzag block in Markdown, a notebook output) runs in the
// page that shows it, on that page's main thread, in slices (src/shared/slices.ts) so no block holds
// the page for long. Its text is untrusted: it is checked for size and nesting before it is parsed,
// validated by the engine and held to limits; a run whose estimated work is over the page's budget is
// not computed at all: the block says so and offers the playground instead. Pure; no DOM, no vscode.
import { ScenarioError, exampleCount, resolveScenario, type Scenario } from '../engine/index';
import type { RunView } from './protocol';
import { RunViewJob, computeRunView, runWork } from './runView';
import { ScenarioEditError, parseScenarioText } from './scenarioEdit';
import { runInSlices, type SliceClock } from './slices';

/** Limits for a plot computed inside a document (the playground itself allows more). */
export const EMBED_LIMITS = {
  /** Characters of JSON in one block. */
  maxTextLength: 20_000,
  /** Nesting of arrays and objects; a scenario needs 3 (inputs.points). */
  maxDepth: 8,
  maxSteps: 5_000,
  /** Examples N in the data set. */
  maxExamples: 2_000,
  /**
   * The page's budget: the most work (blockWork, the cost model's estimate) a block computes, about two
   * seconds on the 2-core machine the tests run on. Above it the block shows a notice and the playground.
   */
  maxWork: 20_000_000,
  /** Contour grid resolution (n×n loss evaluations). */
  gridSize: 96,
} as const;

/** What to tell the reader when a block is over a limit: where the full-size run can be had. */
const ELSEWHERE = 'open it in the playground for a larger run';

export type EmbedReading =
  | { readonly ok: true; readonly scenario: Scenario }
  /** `overBudget`: a valid scenario whose run costs more than the page's budget (the message says so). */
  | { readonly ok: false; readonly message: string; readonly overBudget?: boolean };

/**
 * The work of computing a block, as the cost model estimates it: the one place the estimate enters the
 * embeds. Today it counts examples touched (runWork); issue 17's measured cost model replaces it here.
 */
export function blockWork(s: Scenario): number {
  return runWork(s);
}

/** Deepest nesting of [ and { outside strings; stops counting past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      deepest = Math.max(deepest, depth);
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

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
    const work = blockWork(scenario);
    if (work > L.maxWork) {
      return {
        ok: false,
        overBudget: true,
        message:
          `this run is too large to compute in a document: its estimated work is ${count(work)}, over the page's budget of ` +
          `${count(L.maxWork)} (about two seconds). Open it in the playground, or lower steps or batchSize`,
      };
    }
    return { ok: true, scenario };
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof ScenarioEditError) return { ok: false, message: e.message };
    throw e;
  }
}

export type EmbedRun = { readonly ok: true; readonly run: RunView } | { readonly ok: false; readonly message: string };

/** Runs a validated scenario at the embed's grid size in one go; a failure is a message, never an exception. */
export function runEmbedScenario(scenario: Scenario): EmbedRun {
  try {
    return { ok: true, run: computeRunView(scenario, EMBED_RUN) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const EMBED_RUN = { gridSize: EMBED_LIMITS.gridSize, inPage: true } as const;

/** Thrown at a pause of a run nobody wants any more. */
class Superseded extends Error {}

/**
 * runEmbedScenario in slices on the page's thread. `progress` hears how far it has got at each pause;
 * `wanted` is asked there too: once false the run stops and resolves to null.
 */
export async function runEmbedScenarioInSlices(
  scenario: Scenario,
  clock: SliceClock,
  wanted: () => boolean,
  progress: (fraction: number) => void = () => undefined,
): Promise<EmbedRun | null> {
  try {
    const job = new RunViewJob(scenario, EMBED_RUN);
    const run = await runInSlices(job.pieces, clock, () => {
      if (!wanted()) throw new Superseded();
      progress(job.progress);
    });
    return { ok: true, run };
  } catch (e) {
    if (e instanceof Superseded) return null;
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
