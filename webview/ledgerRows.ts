// The theory beside the run (src/engine/ledger.ts) as the metrics panel words it: the loss bowl's
// curvature, what full-batch gradient descent's theory predicts for this run's η with the steps this run
// measured beside it, and the best a fixed step and momentum can do. Where the theory does not apply the
// row says why instead of a number. Every number is the run's own. Pure: tested against its numbers.
import { optimizerInfo } from '../src/engine/catalog/optimizers';
import type { Ledger, LedgerReason } from '../src/engine/ledger';
import { formatInteger, formatNumber } from '../src/shared/format';
import type { RunView } from '../src/shared/runModel';

export interface LedgerRow {
  /** Stable name for styles and tests. */
  readonly key: 'curvature' | 'kappa' | 'prediction' | 'best' | 'momentum';
  readonly label: string;
  /** The number(s), or the reason there are none. */
  readonly text: string;
  /** The theory does not apply here: `text` says why. */
  readonly notApplicable: boolean;
}

/** A per-step factor with enough digits to tell it from 1 (0.99995 for κ = 40,000). */
export function formatRate(v: number): string {
  const digits = v > 0.9 && v < 1 ? Math.min(17, Math.ceil(-Math.log10(1 - v)) + 2) : 3;
  return formatNumber(v, digits);
}

/** Steps to 5 %: a count, or why there is none. */
const stepsText = (n: number | null): string => (n === null ? 'never (the factor is not below 1)' : `${formatInteger(n)} steps`);

/** Why the theory gives no number for this run, in a sentence about the run. */
function reasonSentence(reason: LedgerReason, run: Pick<RunView, 'scenario'>): string {
  const s = run.scenario;
  switch (reason) {
    case 'no-target':
      return 'No w* is given, so there is no bowl around it to measure.';
    case 'not-finite':
      return 'The curvature at w* is not a finite number: no theory to show.';
    case 'not-positive-definite':
      return 'λmin ≤ 0: the bowl is flat in some direction (fewer examples than inputs, or an input that never varies), so κ is infinite and no rate can be given.';
    case 'not-quadratic':
      return s.model === 'neuron'
        ? 'The logistic loss is not a quadratic bowl: the theory holds only near w*, not for a run from far away.'
        : 'This function is not a quadratic bowl: the theory holds only near its minimum.';
    case 'label-noise':
      return 'With label noise the data’s best weights are not w*, so the distance to w* does not shrink to 0: no prediction.';
    case 'batches': {
      const b = s.batchSize === 'full' ? 'the full data' : `${formatInteger(s.batchSize)} example${s.batchSize === 1 ? '' : 's'}`;
      return `Batches of ${b}, not all of the data: each step follows a sample of the gradient, so the full-batch prediction does not apply.`;
    }
    case 'adaptive':
      return `${optimizerInfo(s.optimizer.name).label} divides each step by the gradient's running size, weight by weight: the theory of a fixed step does not apply.`;
    case 'momentum':
      return `${optimizerInfo(s.optimizer.name).label} is not bounded step by step by gradient descent's factor; its best rate is below.`;
  }
}

/** The ledger's rows for a run (its ledger and its measured steps to 5 %). */
export function ledgerRows(run: Pick<RunView, 'ledger' | 'scenario' | 'metrics'>): LedgerRow[] {
  const l: Ledger = run.ledger;
  const rows: LedgerRow[] = [];
  const reasonRow = (key: LedgerRow['key'], label: string, reason: LedgerReason): LedgerRow => ({
    key,
    label,
    text: reasonSentence(reason, run),
    notApplicable: true,
  });
  rows.push({
    key: 'curvature',
    label: 'Curvature at w*',
    text: l.lambdaMax === null || l.lambdaMin === null ? '—' : `λmax = ${formatNumber(l.lambdaMax)}, λmin = ${formatNumber(l.lambdaMin)}`,
    notApplicable: false,
  });
  rows.push(
    l.conditionNumber === null
      ? reasonRow('kappa', 'κ = λmax/λmin', l.bestReason ?? l.predictionReason ?? 'not-finite')
      : { key: 'kappa', label: 'κ = λmax/λmin', text: formatNumber(l.conditionNumber), notApplicable: false },
  );
  if (l.conditionNumber === null) return rows;
  const measured = run.metrics.stepsToTarget;
  const measuredText = measured === null ? `not reached in ${formatInteger(run.scenario.steps)} steps` : `step ${formatInteger(measured)}`;
  rows.push(
    l.prediction
      ? {
          key: 'prediction',
          label: 'This run, gradient descent',
          text:
            `slowest direction shrinks ×${formatRate(l.prediction.contraction)} a step (max|1 − ηλ|, η = ${formatNumber(run.scenario.optimizer.lr)}): ` +
            `within 5 % of the start's distance by ${stepsText(l.prediction.steps)} at the latest; measured: ${measuredText}`,
          notApplicable: false,
        }
      : reasonRow('prediction', 'This run, gradient descent', l.predictionReason ?? 'not-finite'),
  );
  if (l.best) {
    const b = l.best;
    rows.push({
      key: 'best',
      label: 'Best fixed η',
      text: `η = 2/(λmax + λmin) = ${formatNumber(b.learningRate)}: ×${formatRate(b.rate)} a step ((κ−1)/(κ+1)), ${stepsText(b.steps)} to 5 %`,
      notApplicable: false,
    });
    rows.push({
      key: 'momentum',
      label: 'Momentum at its best',
      text: `×${formatRate(b.momentumRate)} a step ((√κ−1)/(√κ+1)) with η = ${formatNumber(b.momentumLearningRate)}, μ = ${formatNumber(b.momentumMomentum)}`,
      notApplicable: false,
    });
  } else {
    rows.push(reasonRow('best', 'Best fixed η', l.bestReason ?? 'not-quadratic'));
  }
  return rows;
}
