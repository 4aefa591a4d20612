// A scenario file's exercise above its plot: the title, the task (plain text from the file, shown as
// text, never as markup), the goals as a live checklist against the run shown, and the predictions: a
// form while any is unanswered (the run stays hidden meanwhile), then each marked against the run.
import type { ExerciseView } from '../../src/shared/protocol';
import type { RunView } from '../../src/shared/runModel';
import { GoalList } from './GoalList';
import { PredictionForm } from './PredictionForm';
import { PredictionMarks } from './PredictionMarks';
import type { ExerciseState } from './useExercise';

/** Whether the run stays hidden: the exercise asks for predictions and some are unanswered. */
export function awaitingPredictions(view: ExerciseView | null): boolean {
  return view?.exercise != null && view.exercise.predict.some((p) => view.answers[p.id] === undefined);
}

export function ExercisePanel({ state, run }: { readonly state: ExerciseState; readonly run: RunView | null }) {
  const view = state.view;
  if (!view || (!view.exercise && view.problem === null)) return null;
  const exercise = view.exercise;
  const hidden = awaitingPredictions(view);
  const steps = run ? Math.floor(run.trajectory.length / 2) - 1 : 0;
  const metrics = run && !hidden ? run.metrics : null;
  return (
    <section class="exercise" aria-labelledby="exercise-title" data-testid="exercise">
      <h2 class="exercise-title" id="exercise-title">
        {exercise ? `Exercise: ${exercise.title}` : 'Exercise'}
      </h2>
      {view.problem !== null && (
        <p class="invalid" role="alert" data-testid="exercise-problem">
          This file&apos;s exercise cannot be read, so nothing can be changed here: {view.problem}
        </p>
      )}
      {exercise && (
        <>
          <p class="exercise-task" data-testid="exercise-task">
            {exercise.task}
          </p>
          {exercise.goals.length > 0 && <GoalList goals={exercise.goals} metrics={metrics} steps={steps} />}
          {exercise.predict.length > 0 &&
            (hidden ? (
              <PredictionForm predict={exercise.predict} answers={view.answers} saving={state.saving} onSubmit={state.submit} />
            ) : (
              metrics && <PredictionMarks predict={exercise.predict} answers={view.answers} metrics={metrics} steps={steps} />
            ))}
        </>
      )}
    </section>
  );
}
