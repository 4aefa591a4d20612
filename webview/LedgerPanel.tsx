// The theory beside the run, under its metrics (rows from webview/ledgerRows.ts): the loss bowl's
// curvature and κ, the prediction for this run's η with the measured steps beside it, the best fixed η
// and momentum's best rate, or why the theory does not apply to this run.
import type { RunView } from '../src/shared/protocol';
import { ledgerRows } from './ledgerRows';
import { useUniqueId } from './uniqueId';

export function LedgerPanel({ run }: { readonly run: RunView }) {
  const id = useUniqueId('ledger');
  return (
    <section class="ledger" aria-labelledby={id} data-testid="ledger">
      <h3 class="ledger-title" id={id}>
        Theory beside the run
      </h3>
      <dl class="ledger-rows">
        {ledgerRows(run).map((r) => (
          <div class={`ledger-row${r.notApplicable ? ' is-not-applicable' : ''}`} key={r.key} data-ledger={r.key}>
            <dt>{r.label}</dt>
            <dd>{r.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
