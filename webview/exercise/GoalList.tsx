// An exercise's goals as a checklist against a run: each goal, the run's value and whether it is met
// (said in words, not by colour alone). The values are the whole run's metrics, whatever step the
// animation shows, and the list says so.
import type { Metrics } from '../../src/engine/types';
import { goalMet, type Goal } from '../../src/shared/exercise';
import { formatInteger } from '../../src/shared/format';
import { describeActual, describeGoal } from './exerciseText';

export function GoalList({
  goals,
  metrics,
  steps,
}: {
  readonly goals: readonly Goal[];
  /** The run's metrics; null while the run is hidden (predictions first). */
  readonly metrics: Metrics | null;
  /** The run's number of steps. */
  readonly steps: number;
}) {
  return (
    <div class="exercise-goals">
      <h3 class="exercise-heading">Goals</h3>
      <p class="exercise-scope" data-testid="goal-scope">
        {metrics
          ? `The run's values are those of the whole run (all ${formatInteger(steps)} steps), whatever step the animation shows.`
          : "The run's values show once your predictions are in."}
      </p>
      <ul class="exercise-checklist">
        {goals.map((goal, i) => {
          const met = metrics ? goalMet(goal, metrics[goal.metric]) : null;
          return (
            <li
              key={i}
              class={met === null ? '' : met ? 'is-met' : 'is-unmet'}
              data-metric={goal.metric}
              data-met={met === null ? 'hidden' : String(met)}
            >
              <span class="exercise-mark" aria-hidden="true">
                {met === null ? '•' : met ? '✓' : '✗'}
              </span>
              <span class="exercise-goal">{describeGoal(goal)}</span>
              {metrics && (
                <span class="exercise-actual">
                  {' '}
                  — the run: <span data-testid="goal-actual">{describeActual(goal, metrics)}</span> —{' '}
                  <strong class="exercise-verdict">{met ? 'met' : 'not met'}</strong>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
