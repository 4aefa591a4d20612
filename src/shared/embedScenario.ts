// A scenario embedded in course material (a ```zigzag block in Markdown, a notebook output) runs in the
// page that shows it, on that page's main thread, in slices (src/shared/slices.ts) so no block holds
// the page for long. Its text is untrusted: it is checked for size and nesting before it is parsed,
// validated by the engine and held to limits; a run whose cost (the engine's cost model: run, records,
// contour grid; docs/scenario-format.md relates its units to time) is over the page's budget is not
// computed at all: the block says so and offers the playground instead. Pure; no DOM, no vscode.
import { ScenarioError, exampleCount, gridSizeFor, resolveScenario, runCost, type RunCost, type Scenario } from '../engine/index';
import type { RunView } from './runModel';
import { RunViewJob, computeRunView } from './runView';
import { ScenarioEditError } from './scenarioEdit';
import { nestingDepth, parseScenarioText } from './scenarioText';
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
   * The page's budget: CostUnits of the whole block (blockCost: runCost's total with records and the
   * contour grid). A block over it is not computed; it says so, with Open in Playground.
   */
  maxCost: 20_000_000,
  /** Contour grid resolution (n×n loss evaluations). */
  gridSize: 96,
} as const;

/** What to tell the reader when a block is over a limit: where the full-size run can be had. */
const ELSEWHERE = 'open it in the playground for a larger run';

export type EmbedReading =
  | { readonly ok: true; readonly scenario: Scenario }
  /** `overBudget`: a valid scenario whose run costs more than the page's budget (the message says so). */
  | { readonly ok: false; readonly message: string; readonly overBudget?: boolean };

/** The cost of computing a block as the page does (run, records, contour grid): the one place the estimate enters the embeds. */
export function blockCost(s: Scenario): RunCost {
  return runCost(s, { records: true, gridSize: gridSizeFor(s, EMBED_LIMITS.gridSize) });
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The field whose part of the cost is largest (the steps, the expression each grid cell evaluates, the data), and what to do with it. */
function costliestField(s: Scenario, cost: RunCost): { readonly field: string; readonly advice: string } {
  const data = cost.setup + cost.finish;
  if (cost.run >= cost.grid && cost.run >= data) return { field: 'steps', advice: 'lower steps' };
  if (s.model === 'function') return { field: 'function.expression', advice: 'simplify function.expression' };
  return s.inputs.distribution === 'points'
    ? { field: 'inputs.points', advice: 'give fewer inputs.points' }
    : { field: 'inputs.count', advice: 'lower inputs.count' };
}

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
    const cost = blockCost(scenario);
    if (cost.total > L.maxCost) {
      const { advice } = costliestField(scenario, cost);
      return {
        ok: false,
        overBudget: true,
        message:
          `this run would cost ${count(Math.ceil(cost.total))} units of work (steps ${count(Math.ceil(cost.run))}, ` +
          `contour grid ${count(Math.ceil(cost.grid))}, data ${count(Math.ceil(cost.setup + cost.finish))}); ` +
          `a document computes at most ${count(L.maxCost)}: ${advice} (${ELSEWHERE})`,
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
