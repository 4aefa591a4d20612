// The theory beside the run: the loss bowl's curvature at w* and what the theory of gradient descent on
// a quadratic predicts from it (Goh, "Why Momentum Really Works", Distill 2017). For full-batch gradient
// descent on a quadratic with Hessian H and minimiser w*, e_t = w_t − w* = (I − ηH)^t·e_0, so along each
// eigen-direction the error shrinks by |1 − ηλ| per step and ‖e_t‖ ≤ ρ^t·‖e_0‖ with ρ = max|1 − ηλ|,
// taken at λmin or λmax (|1 − ηλ| is convex in λ): the run is within 5 % of ‖e_0‖ after at most
// ⌈ln 0.05 / ln ρ⌉ steps. Where that argument does not hold the ledger says why instead of a number.
import { optimizerInfo } from './catalog/optimizers';
import { log } from './portableMath';
import type { Curvature } from './problem';
import type { Scenario } from './types';

/** The share of the start's distance to w* that counts as arrived (the metrics' stepsToTarget). */
export const ARRIVAL = 0.05;

/** Why a number of the ledger is not given. */
export type LedgerReason =
  /** There is no w* (a function's expression without target.point). */
  | 'no-target'
  /** The Hessian at w* has an entry that is not finite. */
  | 'not-finite'
  /** λmin ≤ 0: a flat direction (fewer examples than inputs, a constant input) or not a minimum. */
  | 'not-positive-definite'
  /** The loss is not a quadratic (logistic, a function's expression): the theory holds only near w*. */
  | 'not-quadratic'
  /** Label noise: the data's minimiser is not w*, so the distance to w* does not go to 0. */
  | 'label-noise'
  /** Batches smaller than N: each step's gradient is a sample, not the full-data gradient. */
  | 'batches'
  /** The step is divided by the gradient's running size, coordinate by coordinate. */
  | 'adaptive'
  /** Momentum's error is not bounded by ρ^t step by step (the prediction is plain gradient descent's). */
  | 'momentum';

/** The best a fixed step can do on this bowl. */
export interface BestRates {
  /** Gradient descent's best fixed η = 2/(λmax + λmin), its factor per step (κ−1)/(κ+1), and the steps to 5 % it gives. */
  readonly learningRate: number;
  readonly rate: number;
  /** null when the rate rounds to 1 (κ beyond ~10^16). */
  readonly steps: number | null;
  /** Heavy-ball momentum at its best: η = 4/(√λmax + √λmin)², μ = rate², rate (√κ−1)/(√κ+1) (asymptotic). */
  readonly momentumLearningRate: number;
  readonly momentumMomentum: number;
  readonly momentumRate: number;
}

/** This run's gradient descent, predicted. */
export interface Prediction {
  /** ρ = max|1 − ηλ|: the slowest direction's factor per step at the run's η. */
  readonly contraction: number;
  /** Steps by which ‖w_t − w*‖ ≤ 5 % of ‖w_0 − w*‖ at the latest; null: never (ρ ≥ 1). */
  readonly steps: number | null;
}

export interface Ledger {
  /** λmax and λmin of the full-data loss's Hessian at w*; null without w* or when not finite. */
  readonly lambdaMax: number | null;
  readonly lambdaMin: number | null;
  /** κ = λmax/λmin, null unless the Hessian is positive definite (the metric conditionNumber). */
  readonly conditionNumber: number | null;
  readonly best: BestRates | null;
  readonly bestReason: LedgerReason | null;
  readonly prediction: Prediction | null;
  readonly predictionReason: LedgerReason | null;
}

/** Steps t with rate^t ≤ ARRIVAL; null when rate ≥ 1. */
export function stepsToArrive(rate: number): number | null {
  if (!(rate < 1)) return null;
  if (rate <= 0) return 1;
  return Math.max(1, Math.ceil(log(ARRIVAL) / log(rate)));
}

/** The loss is a quadratic in w: the neuron's mse, or a quadratic preset. */
function isQuadratic(s: Scenario): boolean {
  if (s.model === 'neuron') return s.loss === 'mse';
  const f = s.function;
  return f !== undefined && 'preset' in f && (f.preset === 'quadratic' || f.preset === 'rotated');
}

/** The ledger of a scenario whose Hessian at w* has the extreme eigenvalues `curvature` (null: no w*). */
export function theoryLedger(s: Scenario, curvature: Curvature | null, examples: number): Ledger {
  const none = (reason: LedgerReason): Ledger => ({
    lambdaMax: curvature && Number.isFinite(curvature.max) ? curvature.max : null,
    lambdaMin: curvature && Number.isFinite(curvature.min) ? curvature.min : null,
    conditionNumber: null,
    best: null,
    bestReason: reason,
    prediction: null,
    predictionReason: reason,
  });
  if (!curvature) return none('no-target');
  const { max, min } = curvature;
  if (!Number.isFinite(max) || !Number.isFinite(min)) return none('not-finite');
  if (!(max > 0) || !(min > 0)) return none('not-positive-definite');
  const kappa = max / min;
  const quadratic = isQuadratic(s);
  const best = quadratic ? bestRates(max, min) : null;
  const batch = s.batchSize === 'full' ? examples : s.batchSize;
  const name = s.optimizer.name;
  const reason: LedgerReason | null = !quadratic
    ? 'not-quadratic'
    : s.model === 'neuron' && s.labelNoise > 0
      ? 'label-noise'
      : s.model === 'neuron' && batch < examples
        ? 'batches'
        : optimizerInfo(name).adaptive
          ? 'adaptive'
          : name !== 'sgd'
            ? 'momentum'
            : null;
  const eta = s.optimizer.lr;
  const contraction = Math.max(Math.abs(1 - eta * max), Math.abs(1 - eta * min));
  return {
    lambdaMax: max,
    lambdaMin: min,
    conditionNumber: kappa,
    best,
    bestReason: best ? null : 'not-quadratic',
    prediction: reason === null ? { contraction, steps: stepsToArrive(contraction) } : null,
    predictionReason: reason,
  };
}

function bestRates(max: number, min: number): BestRates {
  const kappa = max / min;
  const rate = (kappa - 1) / (kappa + 1);
  const root = Math.sqrt(kappa);
  const momentumRate = (root - 1) / (root + 1);
  const sum = Math.sqrt(max) + Math.sqrt(min);
  return {
    learningRate: 2 / (max + min),
    rate,
    steps: stepsToArrive(rate),
    momentumLearningRate: 4 / (sum * sum),
    momentumMomentum: momentumRate * momentumRate,
    momentumRate,
  };
}
