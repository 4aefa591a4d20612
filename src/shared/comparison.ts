// "Compare Positive and Zero-Centred Inputs" in words: how the two runs' learning rates were chosen and
// why, one sentence for the webview's compare header and the CLI alike. The engine chooses the rates
// (src/engine/centring.ts); this only says what it did, from numbers the comparison carries.
import type { CentringComparison } from '../engine/centring';
import { HYPERPARAMETERS, optimizerInfo } from '../engine/catalog/optimizers';
import type { OptimizerName, Scenario } from '../engine/types';
import { formatNumber } from './format';

/** How a comparison's learning rates were set: the engine's CentringComparison without its scenarios. */
export type StepSizeChoice = Omit<CentringComparison, 'raw' | 'centred'>;

/** Labels of the two runs, raw first: by the inputs' distribution, or a data file's name ("iris.csv inputs (raw)"). */
export function comparisonLabels(inputs: Pick<Scenario['inputs'], 'distribution' | 'file'>): readonly [string, string] {
  const name = inputs.distribution === 'file' && inputs.file ? inputs.file.slice(inputs.file.lastIndexOf('/') + 1) : inputs.distribution;
  return [`${name} inputs (raw)`, `${name} inputs, centred`];
}

/** "6.33" for an η, with enough digits to tell two rates apart. */
export function formatRate(lr: number): string {
  return formatNumber(lr, 3);
}

/**
 * One sentence on why the two runs use the learning rates they do. `lr` is [raw η, centred η] as run,
 * `optimizer` the optimizer both use.
 */
export function describeStepSizes(choice: StepSizeChoice, lr: readonly [number, number], optimizer: OptimizerName): string {
  const [a, b] = choice.lambdaMax;
  const curvature =
    a !== null && b !== null ? `λmax, the loss bowl's steepest curvature, is ${formatNumber(a)} raw and ${formatNumber(b)} centred` : null;
  if (choice.applied === 'matched' && a !== null && b !== null) {
    return (
      `Both runs take the same normalised step η·λmax = ${formatNumber(lr[0] * a)}: ${curvature}, so the centred run's η is ` +
      `${formatNumber(a / b)}× the raw run's; at the same η the centred run's steps would be ${formatNumber(a / b)}× ` +
      `${a >= b ? 'more timid' : 'bolder'}.`
    );
  }
  if (choice.fallback === 'adaptive') {
    return (
      `Both runs use η = ${formatRate(lr[0])}: ${optimizerInfo(optimizer).label} divides each step by the gradient's running size, ` +
      'so its steps do not grow with the curvature and the same η is already a fair comparison.'
    );
  }
  if (choice.fallback === 'range') {
    const r = HYPERPARAMETERS.lr.range;
    const m = choice.matchedLr;
    const wanted = m !== null && Number.isFinite(m) ? `a centred η of ${formatNumber(m)}` : 'a centred η too large for any number';
    const bound =
      m !== null && m <= r.min
        ? `below the smallest learning rate a scenario takes (> ${r.min})`
        : `above the largest learning rate a scenario takes (${formatNumber(r.max, 1)})`;
    return `Both runs use η = ${formatRate(lr[0])}: the same normalised step η·λmax would need ${wanted}, ${bound}${curvature ? `; ${curvature}` : ''}.`;
  }
  if (choice.fallback === 'flat') {
    return `Both runs use η = ${formatRate(lr[0])}: the centred loss has no curvature to match at w* (λmax is not positive there).`;
  }
  // The same η, as asked for.
  return a !== null && b !== null
    ? `Both runs use η = ${formatRate(lr[0])}, so their normalised steps η·λmax differ: ${formatNumber(lr[0] * a)} raw, ` +
        `${formatNumber(lr[1] * b)} centred (${curvature}).`
    : `Both runs use η = ${formatRate(lr[0])}.`;
}
