// A scenario file's exercise in the playground (docs/exercises.md): what the webview is told (the exercise,
// the answers so far, or the problem with them) and the answers written into the file as one undoable
// edit (which, as every change made in the playground, passes exerciseGuard.ts first). No vscode import:
// the editor hands in the text and the file's model, so all of this is unit-tested in Node.
import { ScenarioError } from '../engine/index';
import type { Answers } from '../shared/exercise';
import { resolveAnswers, resolveExercise } from '../shared/exerciseFile';
import type { ExerciseView } from '../shared/protocol';
import { ScenarioEditError, type WrittenScenario } from '../shared/scenarioEdit';
import { rewriteScenarioText, textDifference, type TextEdit } from '../shared/scenarioJsonEdit';
import { FixedFieldError } from './exerciseGuard';
import { readScenarioText } from './scenarioDocument';

const NO_EXERCISE: ExerciseView = { exercise: null, answers: {}, problem: null };

/** What the webview is told about a valid scenario file's JSON: its exercise and answers, or why they cannot be read. */
export function exerciseViewOf(raw: WrittenScenario, name: string): ExerciseView {
  try {
    const exercise = raw.exercise === undefined ? null : resolveExercise(raw.exercise);
    const answers = raw.answers === undefined ? {} : resolveAnswers(raw.answers, exercise);
    return { exercise, answers, problem: null };
  } catch (e) {
    if (e instanceof ScenarioError) return { exercise: null, answers: {}, problem: `${name}: ${e.message}` };
    throw e;
  }
}

/** What the exercise needs of the file's playground model (ScenarioDocumentModel). */
export interface ExerciseFileModel {
  /** The file's JSON as last read while valid: the exercise reads it rather than the text again. */
  readonly written: WrittenScenario | undefined;
  /** Writes a change of the file's JSON as one undoable edit, after checkPlaygroundChange (exerciseGuard.ts). */
  update(change: (raw: WrittenScenario) => WrittenScenario): Promise<void>;
}

/** One scenario file's exercise, kept in step with its text; shared by every editor of the file. */
export class ExerciseDocument {
  private current: ExerciseView;
  private readonly listeners = new Set<(view: ExerciseView) => void>();

  constructor(
    private readonly name: string,
    private readonly model: ExerciseFileModel,
  ) {
    this.current = this.read() ?? NO_EXERCISE;
  }

  /** The exercise of the JSON the model read last; null while the file is invalid (the model says why). */
  private read(): ExerciseView | null {
    const raw = this.model.written;
    return raw ? exerciseViewOf(raw, this.name) : null;
  }

  get view(): ExerciseView {
    return this.current;
  }

  onChange(listener: (view: ExerciseView) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * After any change of the text, once the model has read it (its textChanged): listeners hear only a new
   * exercise, new answers or a new problem; while the file is invalid the exercise seen last stays.
   */
  textChanged(): void {
    const next = this.read();
    if (!next || JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    for (const l of [...this.listeners]) l(next);
  }

  /** The student's predictions, written into `answers` in one edit (the answers given before are replaced). */
  setAnswers(answers: Answers): Promise<void> {
    const { exercise, problem } = this.current;
    if (problem !== null) return Promise.reject(new FixedFieldError(`fix the file first: ${problem}`));
    if (!exercise || exercise.predict.length === 0) {
      return Promise.reject(new ScenarioEditError(`${this.name} has no exercise that asks for predictions`));
    }
    try {
      resolveAnswers(answers, exercise);
    } catch (e) {
      if (e instanceof ScenarioError) return Promise.reject(new ScenarioEditError(e.message));
      throw e;
    }
    return this.model.update((raw) => ({ ...raw, answers: { ...answers } }));
  }
}

/**
 * The one edit that clears a scenario file's answers (`answers` stays, empty, where the file had it), or
 * null when it has none to clear. Throws ScenarioEditError naming the file's problem when it is invalid.
 */
export function clearAnswersEdit(text: string, name: string): TextEdit | null {
  const reading = readScenarioText(text, name);
  if (!reading.ok) throw new ScenarioEditError(`fix the file first: ${reading.message}`);
  const answers = reading.raw.answers;
  if (answers === undefined || (typeof answers === 'object' && answers !== null && Object.keys(answers).length === 0)) return null;
  return textDifference(text, rewriteScenarioText(text, { ...reading.raw, answers: {} }));
}
