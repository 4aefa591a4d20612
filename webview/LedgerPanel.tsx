// The theory beside the run, under its metrics (rows from webview/ledgerRows.ts): the loss bowl's
// curvature and κ, the prediction for this run's η with the measured steps beside it, the best fixed η
// and momentum's best rate, or why the theory does not apply to this run.
import type { RunView } from '../src/shared/runModel';
import { ledgerRows } from './ledgerRows';

export function LedgerPanel({
  run,
  level,
}: {
  readonly run: RunView;
  /** Its heading's level: one below the pane's own title (2 in a pane without one). */
  readonly level: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="ledger" data-testid="ledger">
      <Heading class="ledger-title">Theory beside the run</Heading>
      <dl class="ledger-rows">
        {ledgerRows(run).map((r) => (
          <div class={`ledger-row${r.notApplicable ? ' is-not-applicable' : ''}`} key={r.key} data-ledger={r.key}>
            <dt>{r.label}</dt>
            <dd>{r.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
