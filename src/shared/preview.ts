// A change previewed in the webview before the host answers: the host's own steps, in the same order
// and with the same pure code (merge the patch into the scenario as written, validate, check the
// playground's limits, run, build the RunView), so a preview is bit for bit the run the host sends back
// for the same change (the engine gives the same bits in Node and Chromium). Only changes cheap enough
// to run inside one animation frame are previewed; the rest wait for the host as before.
import { ALL_KEPT, ExpressionError, ScenarioError, complete, gridSizeFor, runCost, type GridBounds, type Scenario } from '../engine/index';
import { PlaygroundScenario } from './playgroundScenario';
import type { RunView } from './runModel';
import { RunViewJob, RunViewMemo } from './runView';
import { ScenarioEditError, mergeScenario, type ScenarioPatch, type WrittenScenario } from './scenarioEdit';

/** A live view's memo of its previews (the webview reaches the engine only through this module). */
export { RunViewMemo } from './runView';

/**
 * The most work (runCost's total: data, run with records, loss grid, in CostUnits) a preview may take:
 * small enough to leave most of a 16.7 ms frame for drawing (docs/scenario-format.md relates units to
 * time; `npm run bench:ui` prints the preview's cost per change in Chromium).
 */
export const PREVIEW_MAX_WORK = 500_000;

/**
 * Milliseconds a change too dear to preview spends on what later previews keep (RunViewMemo.warm): the
 * dragged marker is redrawn in the rest of the frame.
 */
export const WARM_MS = 5;

/**
 * Work of computing `s` as the playground draws it: data, run (with records) and loss grid, in CostUnits;
 * what earlier runs keep with its fan-in inputs (`kept`: a memo's, or ALL_KEPT) is not counted.
 */
export function previewWork(s: Scenario, kept?: RunViewMemo | typeof ALL_KEPT): number {
  const k = kept instanceof RunViewMemo ? kept.datasets.keptFor(s) : kept;
  return runCost(s, { records: true, gridSize: gridSizeFor(s), kept: k }).total;
}

/** What the host will make of a change, worked out in the page. */
export interface Preview {
  /** The scenario as written once the host has taken the change (the one it had, when it refuses it). */
  readonly raw: WrittenScenario;
  /** The run the host will send back; null when it refuses the change, cannot run it, or it costs too much to preview. */
  readonly run: RunView | null;
  /** The message of the host's `invalid` answer, when there will be one. */
  readonly problem: string | null;
}

export interface PreviewOptions {
  /** See RunViewOptions.window: a drag in progress keeps the plane's window. */
  readonly window?: GridBounds;
  /** Work above which no run is computed (default PREVIEW_MAX_WORK). */
  readonly maxWork?: number;
  /** See RunViewOptions.memo. */
  readonly memo?: RunViewMemo;
  /** Milliseconds (performance.now): with a memo, a change too dear to preview warms it (RunViewMemo.warm). */
  readonly now?: () => number;
}

/** `patch` applied to the scenario as the host has it written (`raw`), as the host will apply it. */
export function previewChange(raw: WrittenScenario, patch: ScenarioPatch, options: PreviewOptions = {}): Preview {
  let next: WrittenScenario;
  let job: RunViewJob;
  try {
    next = mergeScenario(raw, patch);
    // Validated and checked against the playground's limits as the host does.
    job = new RunViewJob(PlaygroundScenario.check(next).scenario, { window: options.window, memo: options.memo, inPage: true });
  } catch (e) {
    // Refused before anything changes: the host keeps its scenario.
    if (e instanceof ScenarioError || e instanceof ScenarioEditError) return { raw, run: null, problem: e.message };
    throw e;
  }
  const maxWork = options.maxWork ?? PREVIEW_MAX_WORK;
  if (previewWork(job.scenario, options.memo) > maxWork) {
    // Too dear only for what is not kept yet (a fan-in's Gram columns and curvature): a slice towards it.
    if (options.memo && options.now && previewWork(job.scenario, ALL_KEPT) <= maxWork)
      options.memo.warm(job.scenario, WARM_MS, options.now);
    return { raw: next, run: null, problem: null };
  }
  try {
    return { raw: next, run: complete(job.pieces), problem: null };
  } catch (e) {
    // An expression that does not compile fails when the host runs it, after the scenario was taken.
    if (e instanceof ExpressionError) return { raw: next, run: null, problem: e.message };
    throw e;
  }
}
