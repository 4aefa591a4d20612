// Which controls an exercise fixes (docs/exercises.md, `editable`), and why, for the controls, the plane
// and the Reset button. The host refuses any change of a fixed field whatever the page sends
// (src/host/exerciseGuard.ts); this only shows the rule: fixed controls stay visible, disabled, with the
// reason on hover and in their accessible description.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { HYPERPARAMETER_NAMES } from '../../src/engine/catalog/optimizers';
import { isEditable, type Exercise } from '../../src/shared/exercise';
import type { ExerciseView } from '../../src/shared/protocol';
import type { DragKind } from '../plot/planeInteraction';

const TARGET = ['target.quadrant', 'target.distance', 'target.point'];

/**
 * The scenario fields each control writes, by the control's `name` (webview/controls/): a control is
 * fixed when the exercise fixes any of them. A name missing here is fixed by every exercise.
 */
export const CONTROL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  model: ['model', 'function', 'target'],
  preset: ['function', 'target'],
  expression: ['function'],
  distribution: ['inputs.distribution'],
  center: ['inputs.center'],
  // A new d resizes the start, the shifts and a target point, and may reset the shown pair.
  dimension: ['inputs.dimension', 'inputs.shift', 'start', 'axes', 'target'],
  axisAcross: ['axes'],
  axisUp: ['axes'],
  shift: ['inputs.shift'],
  shift1: ['inputs.shift'],
  shift2: ['inputs.shift'],
  batchSize: ['batchSize'],
  optimizer: ['optimizer.name'],
  ...Object.fromEntries(HYPERPARAMETER_NAMES.map((k) => [k, [`optimizer.${k}`]])),
  steps: ['steps'],
  seed: ['seed'],
  quadrant: TARGET,
  distance: TARGET,
};

/** What the plane's markers write. */
const MARKER_FIELDS: Readonly<Record<DragKind, readonly string[]>> = { start: ['start'], target: TARGET };

/** Why a control is disabled, and the element that says so for screen readers. */
export interface FieldLock {
  readonly reason: string;
  readonly describedBy: string;
}

/** The id of the note above the controls that states the exercise's rule. */
export const LOCK_NOTE_ID = 'exercise-lock-note';

/** What the exercise lets the student change, in a sentence. */
export function allowedSentence(exercise: Exercise): string {
  return exercise.editable.length === 0
    ? 'This exercise fixes every control: answer its questions.'
    : `This exercise lets you change only ${exercise.editable.join(', ')}.`;
}

/** A control's lock, or null when the exercise lets the student use it (or there is no exercise). */
export function lockOf(view: ExerciseView | null, fields: readonly string[] | undefined): FieldLock | null {
  if (!view) return null;
  if (view.problem !== null) return { reason: `Fixed until the file's exercise is valid: ${view.problem}`, describedBy: LOCK_NOTE_ID };
  const exercise = view.exercise;
  if (!exercise) return null;
  if (!fields) return { reason: `Fixed by the exercise. ${allowedSentence(exercise)}`, describedBy: LOCK_NOTE_ID };
  const fixed = fields.filter((f) => !isEditable(exercise, f));
  if (fixed.length === 0) return null;
  const names = [...new Set(fixed.map((f) => (f.startsWith('target.') ? 'target' : f)))];
  return { reason: `Fixed by the exercise (${names.join(', ')}). ${allowedSentence(exercise)}`, describedBy: LOCK_NOTE_ID };
}

/** Reset would write the settings' defaults over the exercise's scenario (and remove the exercise). */
const RESET_REASON = "Reset would replace the exercise's scenario: undo (Ctrl+Z) takes back your own changes.";

/** The lock of the control named `name` (CONTROL_FIELDS; "reset": the Reset playground button). */
export function controlLock(view: ExerciseView | null, name: string): FieldLock | null {
  const lock = lockOf(view, CONTROL_FIELDS[name]);
  return lock && name === 'reset' && view?.problem === null ? { ...lock, reason: RESET_REASON } : lock;
}

/** aria-describedby of a control: its own hint, then its lock's reason. */
export const describedBy = (...ids: (string | undefined)[]): string | undefined => ids.filter(Boolean).join(' ') || undefined;

/** Why the plane's start or target may not be moved (null: it may). */
export function markerLocks(view: ExerciseView | null): Readonly<Record<DragKind, string | null>> {
  return {
    start: lockOf(view, MARKER_FIELDS.start)?.reason ?? null,
    target: lockOf(view, MARKER_FIELDS.target)?.reason ?? null,
  };
}

/** The exercise as the controls see it (null: no exercise, nothing is fixed). */
export const LockContext = createContext<ExerciseView | null>(null);

/** The lock of the control named `name` in the exercise around it. */
export function useFieldLock(name: string): FieldLock | null {
  return controlLock(useContext(LockContext), name);
}
