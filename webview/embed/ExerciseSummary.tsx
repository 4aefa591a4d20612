// An exercise in course material (a ```zigzag block, a notebook output): its title, task and goals with
// the values of the run shown, above that run's plot, which is read-only there. Predictions are not asked
// in a preview: the exercise is worked on in the playground, where the run stays hidden until they are in.
import { ScenarioError } from '../../src/engine/index';
import type { Exercise } from '../../src/shared/exercise';
import { readEmbedScenario } from '../../src/shared/embedScenario';
import { resolveExercise } from '../../src/shared/exerciseFile';
import { formatInteger } from '../../src/shared/format';
import type { RunView } from '../../src/shared/runModel';
import { parseScenarioText } from '../../src/shared/scenarioText';
import { useUniqueId } from '../uniqueId';
import { GoalList } from '../exercise/GoalList';

export type EmbedExercise = { readonly exercise: Exercise; readonly problem: null } | { readonly exercise: null; readonly problem: string };

/** The block's exercise (null: none, or the block itself cannot be read, which the plot says). */
export function readEmbedExercise(text: string): EmbedExercise | null {
  // Size and nesting first, as for the plot: the text is untrusted.
  if (!readEmbedScenario(text).ok) return null;
  const raw = parseScenarioText(text, 'the block');
  if (raw.exercise === undefined) return null;
  try {
    return { exercise: resolveExercise(raw.exercise), problem: null };
  } catch (e) {
    if (e instanceof ScenarioError) return { exercise: null, problem: e.message };
    throw e;
  }
}

export function ExerciseSummary({ reading, run }: { readonly reading: EmbedExercise; readonly run: RunView | null }) {
  const id = useUniqueId('exercise');
  const exercise = reading.exercise;
  const steps = run ? Math.floor(run.trajectory.length / 2) - 1 : 0;
  const questions = exercise?.predict.length ?? 0;
  return (
    <div class="exercise" role="group" aria-labelledby={id} data-testid="exercise">
      <p class="exercise-title" id={id}>
        {exercise ? `Exercise: ${exercise.title}` : 'Exercise'}
      </p>
      {reading.problem !== null && (
        <p class="invalid" role="alert">
          This block&apos;s exercise cannot be read: {reading.problem}
        </p>
      )}
      {exercise && (
        <>
          <p class="exercise-task" data-testid="exercise-task">
            {exercise.task}
          </p>
          {exercise.goals.length > 0 && <GoalList goals={exercise.goals} metrics={run?.metrics ?? null} steps={steps} />}
          <p class="exercise-scope" data-testid="exercise-readonly">
            {questions > 0
              ? `In the playground this exercise asks ${questions === 1 ? 'one prediction' : `${formatInteger(questions)} predictions`} before it shows the run. `
              : ''}
            The plot here is read-only: open the exercise in the playground to work on it.
          </p>
        </>
      )}
    </div>
  );
}
