// A restored playground whose scenario's last computation never showed (it failed, hung, or the window
// was reloaded meanwhile): the scenario as written, why it is not running, and a button to run it.
// The scenario is data: shown as text only.
import type { WrittenScenario } from '../src/shared/scenarioEdit';

export function HeldScenario({
  held,
  onRun,
}: {
  readonly held: { readonly message: string; readonly raw: WrittenScenario };
  readonly onRun: () => void;
}) {
  return (
    <section class="held" aria-label="Scenario not run" data-testid="held">
      <p role="status">{held.message}</p>
      <pre class="held-scenario">{JSON.stringify(held.raw, null, 2)}</pre>
      <button type="button" class="is-primary" onClick={onRun}>
        Run it
      </button>
    </section>
  );
}
