// Predict, then run: one number per question of the exercise, all entered before the run is shown. The
// answers go to the host in one message, which writes them into the file's `answers` as one edit; the
// run shows when the host's exercise says every question is answered.
import { useState } from 'preact/hooks';
import type { Answers, Prediction } from '../../src/shared/exercise';
import { useUniqueId } from '../uniqueId';
import { ANSWER_INPUTS, ANSWER_KINDS, describeTolerance, metricInfo, parseAnswer } from './exerciseText';

export function PredictionForm({
  predict,
  answers,
  saving,
  onSubmit,
}: {
  readonly predict: readonly Prediction[];
  /** Answers the file holds already (it may hold some). */
  readonly answers: Answers;
  readonly saving: boolean;
  readonly onSubmit: (answers: Answers) => void;
}) {
  const id = useUniqueId('predict');
  const [texts, setTexts] = useState<Readonly<Record<string, string>>>(() =>
    Object.fromEntries(predict.map((p) => [p.id, answers[p.id] === undefined ? '' : String(answers[p.id])])),
  );
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});

  const submit = (e: Event): void => {
    e.preventDefault();
    const parsed = predict.map((p) => ({ p, result: parseAnswer(texts[p.id] ?? '') }));
    const wrong = Object.fromEntries(parsed.flatMap(({ p, result }) => (result.ok ? [] : [[p.id, result.message]])));
    setErrors(wrong);
    const first = parsed.find(({ result }) => !result.ok);
    if (first) {
      document.getElementById(`${id}-${first.p.id}`)?.focus();
      return;
    }
    onSubmit(Object.fromEntries(parsed.map(({ p, result }) => [p.id, result.ok ? result.value : 0])));
  };

  return (
    <form class="exercise-predict" aria-labelledby={`${id}-title`} noValidate onSubmit={submit}>
      <h3 class="exercise-heading" id={`${id}-title`}>
        Predict, then run
      </h3>
      <p class="exercise-scope">
        Answer {predict.length === 1 ? 'the question' : `all ${predict.length} questions`} first: the run&apos;s path, its loss and its
        metrics show once your answers are saved in the file.
      </p>
      {predict.map((p) => {
        const input = ANSWER_INPUTS[ANSWER_KINDS[p.metric]];
        const field = `${id}-${p.id}`;
        const error = errors[p.id];
        return (
          <div class="field exercise-answer" key={p.id} data-prediction={p.id}>
            <label for={field}>{p.question}</label>
            <input
              id={field}
              name={`answer-${p.id}`}
              type="number"
              inputMode="decimal"
              min={input.min}
              max={input.max}
              step={input.step}
              value={texts[p.id] ?? ''}
              disabled={saving}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={`${field}-hint${error ? ` ${field}-error` : ''}`}
              onInput={(e) => setTexts({ ...texts, [p.id]: e.currentTarget.value })}
            />
            <p class="field-hint" id={`${field}-hint`}>
              {metricInfo(p.metric).label}: {input.unit}; counts when {describeTolerance(p)}.
            </p>
            {error && (
              <p class="invalid" id={`${field}-error`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" class="is-primary" disabled={saving}>
        {saving ? 'Saving your answers…' : 'Save my answers and show the run'}
      </button>
    </form>
  );
}
