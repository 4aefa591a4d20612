// Raw against centred inputs at a fair step size. Centring takes the inputs' mean out of the loss bowl's
// curvature: its largest eigenvalue λmax falls (sigmoid inputs: about var + 2μ² ≈ 0.53 raw, var ≈ 0.04
// centred), so at the same η the centred run takes steps about twelve times too timid and looks no faster.
// Gradient descent is equally aggressive on two bowls when η·λmax is the same, so by default the raw run
// keeps the user's η and the centred run gets η·λmax(raw)/λmax(centred). The host's comparison and the
// CLI's both come from here.
import { HYPERPARAMETERS, optimizerInfo, withinRange } from './catalog/optimizers';
import type { MatchFallback, StepSizeRule } from './catalog/stepSizeRules';
import { ScenarioError, resolveScenario, scenarioToJson } from './scenario';
import { complete, type Pieces } from './pieces';
import { curvaturePiecesOf } from './problem';
import { modelPieces, targetOf } from './simulate';
import type { Scenario } from './types';

export interface CentringComparison {
  readonly raw: Scenario;
  readonly centred: Scenario;
  /** The rule asked for. */
  readonly requested: StepSizeRule;
  /** The rule applied: 'same' when asked for, or when matching does not apply (`fallback` says why). */
  readonly applied: StepSizeRule;
  /** Why 'matched' was asked for and 'same' applied: an adaptive optimizer, a centred bowl with no curvature, η out of range. */
  readonly fallback: MatchFallback | null;
  /** The centred η that matches η·λmax, when computed: the centred run's (applied 'matched') or one out of range (fallback 'range'). */
  readonly matchedLr: number | null;
  /** λmax of the full-data loss's Hessian at w* for [raw, centred]; null where it is not a positive number. */
  readonly lambdaMax: readonly [number | null, number | null];
}

/** λmax of the full-data loss's Hessian at w* (mse: constant; logistic: taken at w*, as the condition number is). */
export function curvatureAtTarget(s: Scenario): number | null {
  return complete(curvaturePieces(s));
}

/** curvatureAtTarget with the data generated a block of values at a time. */
function* curvaturePieces(s: Scenario): Pieces<number | null> {
  const target = targetOf(s);
  if (!target) return null;
  const max = (yield* curvaturePiecesOf(yield* modelPieces(s), target)).max;
  return max > 0 && Number.isFinite(max) ? max : null;
}

/** The scenario with raw or centred inputs and, when given, another learning rate. */
function variant(s: Scenario, center: boolean, lr?: number): Scenario {
  const json = scenarioToJson(s);
  const inputs = json.inputs as Record<string, unknown>;
  const optimizer = json.optimizer as Record<string, unknown>;
  return resolveScenario(
    { ...json, inputs: { ...inputs, center }, optimizer: { ...optimizer, ...(lr === undefined ? {} : { lr }) } },
    { inputFile: s.inputs.table },
  );
}

/**
 * The two scenarios of "Compare Positive and Zero-Centred Inputs": `s` with raw inputs at its own η, and
 * with centred inputs at the η of `rule`. Adaptive optimizers (their step does not grow with the
 * gradient), a centred bowl without curvature and a matched η outside optimizer.lr's range keep the
 * same η, and say so. Throws ScenarioError for
 * the function model, which has no inputs.
 */
export function compareCentring(s: Scenario, rule: StepSizeRule = 'matched'): CentringComparison {
  return complete(compareCentringPieces(s, rule));
}

/** compareCentring with each side's data generated a block of values at a time. */
export function* compareCentringPieces(s: Scenario, rule: StepSizeRule = 'matched'): Pieces<CentringComparison> {
  if (s.model !== 'neuron') {
    throw new ScenarioError('model', 'comparing raw and centred inputs needs the neuron model (model is "function")');
  }
  const raw = variant(s, false);
  const sameLr = variant(s, true);
  const lambdaMax: [number | null, number | null] = [yield* curvaturePieces(raw), yield* curvaturePieces(sameLr)];
  const same = (fallback: MatchFallback | null, matchedLr: number | null = null): CentringComparison => ({
    raw,
    centred: sameLr,
    requested: rule,
    applied: 'same',
    fallback,
    matchedLr,
    lambdaMax,
  });
  if (rule === 'same') return same(null);
  if (optimizerInfo(s.optimizer.name).adaptive) return same('adaptive');
  const [a, b] = lambdaMax;
  if (a === null || b === null) return same('flat');
  const lr = (s.optimizer.lr * a) / b;
  // λmax(raw)/λmax(centred) has no bound: a nearly flat centred bowl asks for an η no scenario may have.
  if (!withinRange(lr, HYPERPARAMETERS.lr.range)) return same('range', lr);
  return { raw, centred: variant(s, true, lr), requested: rule, applied: 'matched', fallback: null, matchedLr: lr, lambdaMax };
}
