// The student's predictions marked against the run shown: the answer, the true value (the whole run's
// metric) and whether it is within the question's tolerance.
import type { Metrics } from '../../src/engine/types';
import { predictionPasses, type Answers, type Prediction } from '../../src/shared/exercise';
import { formatInteger, formatNumber } from '../../src/shared/format';
import { describeTolerance, formatValue } from './exerciseText';

export function PredictionMarks({
  predict,
  answers,
  metrics,
  steps,
}: {
  readonly predict: readonly Prediction[];
  readonly answers: Answers;
  readonly metrics: Metrics;
  readonly steps: number;
}) {
  return (
    <div class="exercise-marks">
      <h3 class="exercise-heading">Your predictions</h3>
      <p class="exercise-scope">Marked against the whole run (all {formatInteger(steps)} steps).</p>
      <ul class="exercise-checklist">
        {predict.map((p) => {
          const answer = answers[p.id];
          const actual = metrics[p.metric];
          const passed = predictionPasses(p, answer, actual);
          return (
            <li key={p.id} class={passed ? 'is-met' : 'is-unmet'} data-prediction={p.id} data-passed={String(passed)}>
              <span class="exercise-mark" aria-hidden="true">
                {passed ? '✓' : '✗'}
              </span>
              <span class="exercise-question">{p.question}</span>{' '}
              <span class="exercise-actual">
                You said <span data-testid="answer">{answer === undefined ? 'nothing' : formatNumber(answer, 6)}</span>; the run:{' '}
                <span data-testid="actual">{formatValue(p.metric, actual)}</span> —{' '}
                <strong class="exercise-verdict">{passed ? 'right' : 'not right'}</strong>{' '}
                {actual === null ? '(the run has no value for it, so no answer counts)' : `(${describeTolerance(p)})`}.
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
