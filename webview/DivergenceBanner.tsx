// Divergence, said plainly at the step it happened (the plot itself stops at the last finite point).
import type { RunView } from '../src/shared/protocol';
import { formatInteger, formatNumber } from '../src/shared/format';

export function DivergenceBanner({ run, cursor }: { readonly run: RunView; readonly cursor: number }) {
  const at = run.metrics.divergedAt;
  if (at === null) return null;
  const last = Math.floor(run.trajectory.length / 2) - 1;
  if (cursor < Math.min(at, last)) return null;
  return (
    <div class="divergence" role="alert">
      <strong>Diverged at step {formatInteger(at)}.</strong> The loss overflowed or grew past 10¹², so the run stopped there. The learning
      rate η = {formatNumber(run.scenario.optimizer.lr)} is too large for this landscape: try a smaller one.
    </div>
  );
}
