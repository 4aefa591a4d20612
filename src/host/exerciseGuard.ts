// The one rule between a scenario file's exercise and the playground showing it: nothing changed in the
// playground (a control, a drag, a reset, the answers) may move a field the exercise fixes, change the
// exercise or write invalid answers. The webview greys out what is fixed, but it is untrusted: the host's
// model calls this before every write of the file. Pure; no vscode.
import { ScenarioError, type ScenarioData } from '../engine/index';
import { changedFixedFields } from '../shared/exerciseCheck';
import { resolveExerciseFile } from '../shared/exerciseFile';
import { ScenarioEditError, type WrittenScenario } from '../shared/scenarioEdit';

/** A change the exercise does not allow: the message names the fixed fields it would move. */
export class FixedFieldError extends ScenarioEditError {}

function fileOf(raw: WrittenScenario, what: string, data: ScenarioData): ReturnType<typeof resolveExerciseFile> {
  try {
    return resolveExerciseFile(raw, data);
  } catch (e) {
    if (e instanceof ScenarioError) throw new FixedFieldError(`${what}: ${e.message}`);
    throw e;
  }
}

/**
 * Refuses a change of a scenario file made in the playground (a control, a drag, a reset, answers) that
 * would move a field the file's exercise fixes, change or add an exercise, or write invalid answers. The
 * comparison is the grader's own (changedFixedFields), with the file as it stands as the reference;
 * `data` is the table of the data file the scenario reads (inputs.file), if any.
 */
export function checkPlaygroundChange(before: WrittenScenario, after: WrittenScenario, data: ScenarioData = {}): void {
  if (before.exercise === undefined && before.answers === undefined) {
    if (after.exercise !== undefined || after.answers !== undefined) {
      throw new FixedFieldError('an exercise is written in the file itself, not from the playground');
    }
    return;
  }
  const current = fileOf(before, 'the exercise cannot be read, so nothing may change', data);
  const next = fileOf(after, 'refused', data);
  const changed = changedFixedFields(next, current);
  if (changed.some((path) => path === 'exercise' || path.startsWith('exercise.'))) {
    throw new FixedFieldError('The exercise itself is written in the file, not changed from the playground.');
  }
  if (changed.length > 0) {
    const editable = current.exercise?.editable ?? [];
    const allowed = editable.length > 0 ? `it lets you change ${editable.join(', ')}` : 'it lets you change nothing but your answers';
    throw new FixedFieldError(`The exercise fixes ${changed.join(', ')}: ${allowed}.`);
  }
}
