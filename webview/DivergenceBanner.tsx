// Divergence, said plainly at the step it happened (the plot itself stops at the last finite point), by
// the engine's one rule (DIVERGENCE_BOUND).
import { DIVERGENCE_BOUND } from '../src/engine/catalog/limits';
import type { RunView } from '../src/shared/runModel';
import { formatInteger, formatNumber, formatPowerOfTen } from '../src/shared/format';

export function DivergenceBanner({ run, cursor }: { readonly run: RunView; readonly cursor: number }) {
  const at = run.metrics.divergedAt;
  if (at === null) return null;
  const last = Math.floor(run.trajectory.length / 2) - 1;
  if (cursor < Math.min(at, last)) return null;
  const lr = formatNumber(run.scenario.optimizer.lr);
  // A neuron's loss is a bowl (mse) or convex (logistic): only a too-large step makes it diverge. A function
  // may also have no minimum where the path heads (it runs to −∞).
  const why =
    at === 0
      ? 'The start itself is past it: move the start (or, for a function, change the function).'
      : run.scenario.model === 'neuron'
        ? `The learning rate η = ${lr} is too large for this landscape: try a smaller one.`
        : `The learning rate η = ${lr} may be too large for this landscape (try a smaller one), or the function has no minimum where the path was heading.`;
  return (
    <div class="divergence" role="alert">
      <strong>Diverged at step {formatInteger(at)}.</strong> A weight or the loss stopped being finite or grew past ±
      {formatPowerOfTen(DIVERGENCE_BOUND)}, so the run stopped there. {why}
    </div>
  );
}
