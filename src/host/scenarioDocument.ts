// One scenario file's playground: the file's text is the source of truth. Typing in it recomputes the
// run; a change in the playground (a click, a drag, a slider) becomes one small text edit of the file,
// so dirty state, undo/redo and save are VS Code's own. While the text is invalid the last good run
// stays on screen with the message naming the field. No vscode import: the host hands in the text and
// a way to apply an edit, so all of this is unit-tested in Node.
import { ScenarioError, inputFileOf, type StepSizeRule, type Vec2 } from '../engine/index';
import { sameData } from '../shared/bitEquality';
import { NO_DATA, dataOf, keepsData, type LoadedData, type PieceRunner } from '../shared/dataFileSource';
import { PlaygroundScenario } from '../shared/playgroundScenario';
import {
  ScenarioEditError,
  mergeScenario,
  startPatch,
  targetPatch,
  type ScenarioPatch,
  type WrittenScenario,
} from '../shared/scenarioEdit';
import { parseScenarioText } from '../shared/scenarioText';
import { rewriteScenarioText, textDifference, type TextEdit } from '../shared/scenarioJsonEdit';
import { checkPlaygroundChange } from './exerciseGuard';
import type { PlaygroundModel } from './playgroundModel';
import { HOST_CLOCK, PlaygroundSession, RunCancelled, type SessionEvent, type SessionStorage, type WithProgress } from './session';

export type ScenarioReading = { readonly ok: true; readonly raw: WrittenScenario } | { readonly ok: false; readonly message: string };

/** The file's text as a scenario the playground can run, or the message saying why not (naming the field). */
export function readScenarioText(text: string, name: string): ScenarioReading {
  const reading = checkScenarioText(text, name);
  return reading.ok ? { ok: true, raw: reading.checked.raw } : reading;
}

/** A reading of the file: the scenario it holds, checked, or the message naming the field at fault. */
type CheckedReading = { readonly ok: true; readonly checked: PlaygroundScenario } | { readonly ok: false; readonly message: string };

/** The file's text read and checked, with the data file read for it (kept only if the text still names that file). */
function checkScenarioText(text: string, name: string, loaded: LoadedData = NO_DATA): CheckedReading {
  try {
    return { ok: true, checked: checkScenario(parseScenarioText(text, name), loaded) };
  } catch (e) {
    return { ok: false, message: readingProblem(e, name) };
  }
}

/** `raw` checked, with `loaded` if `raw` names its file. */
function checkScenario(raw: WrittenScenario, loaded: LoadedData): PlaygroundScenario {
  return PlaygroundScenario.check(raw, keepsData(raw, loaded) ? loaded : undefined);
}

/** The message of a problem reading or checking the file; rethrows anything else. */
function readingProblem(e: unknown, name: string): string {
  if (e instanceof ScenarioError) return `${name}: ${e.message}`;
  if (e instanceof ScenarioEditError) return e.message;
  throw e;
}

/** What the model needs from the editor: the document's current text and a way to edit it. */
export interface ScenarioDocumentHost {
  /** The file name, for messages. */
  readonly name: string;
  text(): string;
  /** Applies one replacement as an undoable edit of the document; false if the editor refused it. */
  applyEdit(edit: TextEdit): PromiseLike<boolean>;
  /** Reads the data file a scenario names (relative to the file's folder); none: a file scenario is refused. */
  readData?(raw: WrittenScenario, run: PieceRunner): Promise<LoadedData>;
}

/** The data file named by a scenario's text, or null (none, or a text readScenarioText will refuse). */
function dataFileOf(text: string, name: string): { readonly raw: WrittenScenario; readonly file: string } | null {
  try {
    const raw = parseScenarioText(text, name);
    const file = inputFileOf(raw);
    return file === null ? null : { raw, file };
  } catch {
    return null;
  }
}

/** The session keeps nothing across reloads for a file: the file itself is what is kept. */
const noStorage: SessionStorage = { get: () => undefined, update: () => Promise.resolve() };

export class ScenarioDocumentModel implements PlaygroundModel {
  readonly session: PlaygroundSession;
  private reading: CheckedReading;
  /** The text `reading` was read from: an edit of that text need not read it again. */
  private readText: string;
  private readonly problemListeners = new Set<(message: string | undefined) => void>();
  /** The text last read and the work it started (its run or its problem). */
  private lastRead: { readonly text: string; readonly done: Promise<void> } | null = null;
  /** The data file last read (inputs.file), and how many readings have begun (a later one wins). */
  private loaded: LoadedData = NO_DATA;
  private readings = 0;
  /** The data file the text last read names (inputs.file), or null: what a watcher of the file watches. */
  dataFile: string | null;
  /** The text the playground's last edit wrote, and the scenario checked for it before writing. */
  private lastWrite: { readonly text: string; readonly checked: PlaygroundScenario } | null = null;

  constructor(
    private readonly host: ScenarioDocumentHost,
    withProgress: WithProgress,
    /** The scenario "Reset playground" writes into the file (from settings). */
    private readonly defaults: () => WrittenScenario,
    log: (message: string) => void = () => undefined,
  ) {
    this.readText = host.text();
    const named = host.readData ? dataFileOf(this.readText, host.name) : null;
    this.dataFile = named?.file ?? null;
    this.reading = named ? { ok: false, message: `${host.name}: reading ${named.file}…` } : checkScenarioText(this.readText, host.name);
    const initial = this.reading.ok ? this.reading.checked : undefined;
    this.session = new PlaygroundSession(noStorage, withProgress, () => initial?.raw ?? {}, log, HOST_CLOCK, initial);
    // A data file is read asynchronously: the playground says so until its run (or the file's problem) is in.
    if (named) this.textChanged().catch((e: Error) => log(e.message));
  }

  onEvent(listener: (e: SessionEvent) => void): { dispose(): void } {
    return this.session.onEvent(listener);
  }

  latest(comparisons: boolean): SessionEvent | undefined {
    return this.session.latest(comparisons);
  }

  setStart(point: Vec2): Promise<void> {
    return this.apply(startPatch(point, this.session.scenario));
  }

  setTarget(point: Vec2): Promise<void> {
    return this.apply(targetPatch(point, this.session.scenario));
  }

  compute(): Promise<unknown> {
    return this.session.compute();
  }

  compareCentring(rule: StepSizeRule): Promise<unknown> {
    return this.session.compareCentring(rule);
  }

  get problem(): string | undefined {
    return this.reading.ok ? undefined : this.reading.message;
  }

  /** The file's JSON as last read while valid (undefined while not); textChanged updates it before it returns. */
  get written(): WrittenScenario | undefined {
    return this.reading.ok ? this.reading.checked.raw : undefined;
  }

  onProblem(listener: (message: string | undefined) => void): { dispose(): void } {
    this.problemListeners.add(listener);
    return { dispose: () => this.problemListeners.delete(listener) };
  }

  /**
   * Re-reads the file after any change of its text (typing, undo, our own edit, a change on disk) or of
   * its data file on disk. A valid text that means something new (or reads other data) is recomputed; an
   * invalid one keeps the last run and says why.
   */
  textChanged(): Promise<void> {
    const text = this.host.text();
    const work = this.reread(text);
    this.lastRead = { text, done: work.then(undefined, () => undefined) };
    return work;
  }

  private async reread(text: string): Promise<void> {
    const generation = ++this.readings;
    const named = this.host.readData ? dataFileOf(text, this.host.name) : null;
    this.dataFile = named?.file ?? null;
    let failed: CheckedReading | null = null;
    if (named && this.host.readData) {
      try {
        // Parsed in the session's slices, with its progress and Cancel; a newer text stops it.
        this.loaded = await this.host.readData(
          named.raw,
          this.session.runner(() => generation !== this.readings),
        );
      } catch (e) {
        if (e instanceof RunCancelled && !e.byUser) return; // a newer text is being read
        if (e instanceof RunCancelled) {
          failed = { ok: false, message: `${this.host.name}: reading ${named.file} was cancelled; edit the file to read it again` };
        } else if (e instanceof ScenarioError) failed = { ok: false, message: `${this.host.name}: ${e.message}` };
        else throw e;
      }
      if (generation !== this.readings) return; // a newer text is being read
    }
    await this.show(text, failed ?? this.readingOf(text));
  }

  /** `text` read and checked, unless it is what the playground's last edit wrote, meaning exactly what was checked. */
  private readingOf(text: string): CheckedReading {
    const wrote = this.lastWrite;
    if (wrote?.text === text) {
      const { raw, loaded } = wrote.checked;
      const sameTable = loaded === (keepsData(raw, this.loaded) ? this.loaded : undefined);
      if (sameTable && meansExactly(text, this.host.name, raw)) return { ok: true, checked: wrote.checked };
    }
    return checkScenarioText(text, this.host.name, this.loaded);
  }

  private async show(text: string, reading: CheckedReading): Promise<void> {
    const hadProblem = !this.reading.ok;
    this.reading = reading;
    this.readText = text;
    if (!reading.ok) {
      for (const l of [...this.problemListeners]) l(reading.message);
      return;
    }
    if (hadProblem) for (const l of [...this.problemListeners]) l(undefined);
    // Layout-only changes (a new line, spaces) mean the same scenario: nothing to recompute, unless its
    // data file now holds other numbers (read again after a change on disk).
    const sameData = reading.checked.scenario.inputs.table?.digest === this.session.scenario.inputs.table?.digest;
    if (!hadProblem && this.session.run && sameJson(reading.checked.raw, this.session.raw) && sameData) return;
    await this.session.replaceChecked(reading.checked);
  }

  /** A change made in the playground, written into the file (validated first: a bad value never reaches it). */
  apply(patch: ScenarioPatch): Promise<void> {
    return this.write((raw) => mergeScenario(raw, patch));
  }

  /** Back to the settings' defaults, as one undoable edit; the file keeps its `$schema` and `version`. */
  reset(): Promise<void> {
    return this.write((raw) => {
      const kept: Record<string, unknown> = {};
      for (const key of ['$schema', 'version']) if (raw[key] !== undefined) kept[key] = raw[key];
      return { ...kept, ...this.defaults() };
    });
  }

  /** Any other change of the file's JSON (an exercise's answers), written as a control change is. */
  update(change: (raw: WrittenScenario) => WrittenScenario): Promise<void> {
    return this.write(change);
  }

  private async write(change: (raw: WrittenScenario) => WrittenScenario): Promise<void> {
    const reading = this.reading;
    if (!reading.ok) throw new ScenarioEditError(`fix the file first: ${reading.message}`);
    const written = reading.checked.raw;
    const next = change(written);
    checkPlaygroundChange(written, next, dataOf(written, this.loaded));
    const checked = checkScenario(next, this.loaded); // this change's one check: the text's re-reading takes it
    const text = this.host.text();
    const rewritten = rewriteScenarioText(text, next, text === this.readText ? written : undefined);
    const edit = textDifference(text, rewritten);
    if (!edit) return;
    this.lastWrite = { text: rewritten, checked };
    if (!(await this.host.applyEdit(edit))) throw new Error(`${this.host.name} could not be edited`);
    // Resolve only once the new text's run (or problem) has been sent, as a session's apply does: the
    // webview keeps its preview until then (VS Code's change event does not wait for our recomputation).
    const now = this.host.text();
    if (this.lastRead?.text === now) await this.lastRead.done;
    else await this.textChanged();
  }
}

/** Whether `text` holds exactly `raw` (−0 included: the text of −0 reads back as 0). */
function meansExactly(text: string, name: string, raw: WrittenScenario): boolean {
  try {
    return sameData(parseScenarioText(text, name), raw);
  } catch {
    return false;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
