// Above the controls of an exercise: which fields the exercise lets the student change. Every fixed
// control points to this note for screen readers (aria-describedby) and carries its reason as a tooltip.
import type { ExerciseView } from '../../src/shared/protocol';
import { LOCK_NOTE_ID, allowedSentence } from './locks';

export function LockNote({ view }: { readonly view: ExerciseView | null }) {
  if (!view || (!view.exercise && view.problem === null)) return null;
  return (
    <p class="exercise-lock-note" id={LOCK_NOTE_ID} data-testid="lock-note">
      {view.exercise
        ? `${allowedSentence(view.exercise)} The greyed-out controls are fixed by the exercise.`
        : "Every control is fixed until the file's exercise is valid."}
    </p>
  );
}
