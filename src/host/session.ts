// The one playground session both webviews (editor panel, side panel) and every command share: the
// scenario as the user wrote it, its validated form, and the last computed run. No vscode import:
// the host injects storage and progress reporting, so the logic is unit-tested in plain Node.
import {
  compareCentringPieces,
  inputFileOf,
  resolveScenario,
  ScenarioError,
  type CentringComparison,
  type Pieces,
  type Quadrant,
  type Scenario,
  type StepSizeRule,
  type Vec2,
} from '../engine/index';
import { comparisonLabels, type StepSizeChoice } from '../shared/comparison';
import { NO_DATA, keepsData, type LoadedData, type PieceRunner } from '../shared/dataFileSource';
import type { RunView } from '../shared/runModel';
import { PlaygroundScenario } from '../shared/playgroundScenario';
import { LONG_RUN_WORK, RunViewJob, RunViewMemo, runWork, type RunViewPieceKind } from '../shared/runView';
import { mergeScenario, startPatch, targetPatch, type ScenarioPatch, type WrittenScenario } from '../shared/scenarioEdit';
import { runInSlices, type SliceClock } from '../shared/slices';

export interface SessionStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Runs `work` with a cancellable progress report (a notification in VS Code). */
export type WithProgress = <T>(
  title: string,
  work: (report: (fraction: number) => void, cancelled: () => boolean) => Promise<T>,
) => Promise<T>;

export interface Comparison {
  /** Raw inputs first, centred second. */
  readonly runs: readonly [RunView, RunView];
  readonly labels: readonly [string, string];
  readonly stepSize: StepSizeChoice;
}

export type SessionEvent =
  /** `raw`: the scenario as written that the run was computed from (the webview merges its changes into it). */
  | { readonly kind: 'run'; readonly revision: number; readonly run: RunView; readonly raw: WrittenScenario }
  | { readonly kind: 'compare'; readonly revision: number; readonly comparison: Comparison; readonly raw: WrittenScenario }
  | { readonly kind: 'computing'; readonly revision: number; readonly fraction: number }
  | { readonly kind: 'failed'; readonly message: string }
  /** Never emitted, only replayed (`latest`): a restored session holds its scenario until asked to run it. */
  | { readonly kind: 'held'; readonly message: string; readonly raw: WrittenScenario };

const STORAGE_KEY = 'zigzag.scenario';
/**
 * Set while a computation of the saved scenario is under way, cleared once its result has been shown: a
 * window reloaded (or a host that died) in between finds it set, and does not compute that scenario again
 * by itself, so a scenario that hangs or fails cannot start a crash loop.
 */
const PENDING_KEY = 'zigzag.pendingRun';
/** The folder the saved scenario's data file is read relative to (`dataFolder`), saved with it. */
const FOLDER_KEY = 'zigzag.dataFolder';

/** What a restored playground says when its saved scenario's last computation never showed. */
export const HELD_MESSAGE =
  'The last computation of this scenario did not finish (it failed, or VS Code was reloaded or stopped while it ran), ' +
  'so it was not started again.';

export class RunCancelled extends Error {
  /** true: the user pressed Cancel; false: a newer change superseded the run. */
  constructor(readonly byUser: boolean) {
    super(byUser ? 'The run was cancelled; the playground keeps the previous run.' : 'The run was superseded by a newer change.');
  }
}

/**
 * The extension host's thread: between slices, setImmediate lets every pending event in without a timer's
 * delay (Node); the browser's worker host has no setImmediate and takes a zero timeout.
 */
export const HOST_CLOCK: SliceClock = {
  now: () => performance.now(),
  pause: () =>
    new Promise((resolve) => {
      if (typeof setImmediate === 'function') setImmediate(resolve);
      else setTimeout(resolve, 0);
    }),
};

/**
 * Reads a scenario's data file relative to `folder` (undefined: the host's default folder), its parsing
 * run by `run` (the session's: in slices, with progress and Cancel).
 */
export type DataReader = (raw: WrittenScenario, folder: string | undefined, run: PieceRunner) => Promise<LoadedData>;

/** A run still computing after this many milliseconds shows its progress, with Cancel. */
const MOMENT_MS = 400;

/** The session's state is its public fields: read them anywhere, change them only through its methods. */
export class PlaygroundSession {
  /** The scenario in the file format, as the user (or their file) wrote it. */
  raw: WrittenScenario;
  /** `raw` validated, with every default filled in. */
  scenario: Scenario;
  /** The latest run shown, if any. */
  run: RunView | undefined;
  /** The latest comparison shown, until the scenario changes. */
  comparison: Comparison | undefined;
  /** The scenario as written behind `run` (or `comparison`); `raw` may already be newer while a run computes. */
  shownRaw: WrittenScenario;
  /** The number of the latest computation started; a newer one supersedes any under way. */
  currentRevision = 0;
  /**
   * Why the restored scenario is waiting instead of computing (its last computation never showed), or
   * undefined. The views then show it with this message and a way to run it; any computation clears it.
   */
  held: string | undefined;
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  /** Changes that keep the data (η, optimizer, batch size) reuse the dataset and, in the same window, the loss grid. */
  private readonly memo = new RunViewMemo();
  /** `raw` and `scenario` as checked (with their data file); undefined while the restored scenario is not yet computed. */
  private checked: PlaygroundScenario | undefined;
  /**
   * Where the data file of `raw` is read from (the host's name for a folder: a scenario file's, saved with
   * the scenario so a reload reads the same file); undefined: the host's default folder.
   */
  dataFolder: string | undefined;
  /**
   * The restored `raw` names a data file not read yet, so `scenario` is still the defaults': the first
   * computation (or change) reads the file in `dataFolder`, or says why it cannot.
   */
  private unread = false;
  /** Reads a scenario's data file relative to `folder` (the host's: src/host/dataFileReader.ts); without one, a file scenario is refused. */
  readData: DataReader = () => Promise.resolve(NO_DATA);
  /** How many changes have begun: a data file read for an older one is superseded. */
  private changes = 0;
  /** Changes reading their data file now: a data file read again on disk does not supersede them. */
  private changesReading = 0;

  constructor(
    private readonly storage: SessionStorage,
    private readonly withProgress: WithProgress,
    /** The scenario "Reset" returns to (from settings). */
    private readonly defaults: () => WrittenScenario,
    private readonly log: (message: string) => void = () => undefined,
    private readonly clock: SliceClock = HOST_CLOCK,
    /** The scenario to start from, checked already (a file's): no saved one is restored. */
    initial?: PlaygroundScenario,
  ) {
    if (initial) {
      this.raw = this.shownRaw = initial.raw;
      this.scenario = initial.scenario;
      this.checked = initial;
      return;
    }
    const saved = storage.get(STORAGE_KEY);
    const fallback = this.defaults();
    let raw = fallback;
    if (saved !== undefined) {
      try {
        // A scenario reading a data file is validated once its file is read (compute, below).
        this.unread = inputFileOf(saved) !== null;
        if (!this.unread) resolveScenario(saved);
        raw = saved as WrittenScenario;
        const folder = storage.get(FOLDER_KEY);
        this.dataFolder = typeof folder === 'string' ? folder : undefined;
        if (storage.get(PENDING_KEY) !== undefined) this.held = HELD_MESSAGE;
      } catch (e) {
        this.unread = false;
        this.log(`Ignoring the saved scenario: ${(e as Error).message}`);
      }
    }
    this.raw = raw;
    this.shownRaw = raw;
    this.scenario = resolveScenario(this.unread ? fallback : raw);
  }

  /** The data file `raw` reads (inputs.file), or null. */
  get dataFile(): string | null {
    return inputFileOf(this.raw); // `raw` passed validation, its path included
  }

  /**
   * What a view opened now shows, as the event that showed it: the latest comparison (when `comparisons`),
   * else the latest run, else the held scenario; undefined when nothing has been computed yet.
   */
  latest(comparisons: boolean): SessionEvent | undefined {
    const revision = this.currentRevision;
    if (comparisons && this.comparison) return { kind: 'compare', revision, comparison: this.comparison, raw: this.shownRaw };
    if (this.run) return { kind: 'run', revision, run: this.run, raw: this.shownRaw };
    if (this.held !== undefined) return { kind: 'held', message: this.held, raw: this.raw };
    return undefined;
  }

  onEvent(listener: (e: SessionEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(e: SessionEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  /**
   * Validates and checks first (with its data file, read unless `given`); on success the scenario
   * changes, is saved and recomputed. Throws ScenarioError. The data file is read from the same folder as before.
   */
  replace(raw: WrittenScenario, given?: LoadedData): Promise<RunView> {
    return this.change(raw, given, this.dataFolder);
  }

  /** A scenario from elsewhere (a scenario file, a Markdown block): replace, its data file read relative to `folder`. */
  load(raw: WrittenScenario, folder: string | undefined): Promise<RunView> {
    return this.change(raw, undefined, folder);
  }

  private async change(raw: WrittenScenario, given: LoadedData | undefined, folder: string | undefined): Promise<RunView> {
    const change = ++this.changes;
    // Only a scenario that names a data file waits for it (in the session's slices, with progress and
    // Cancel; a newer change supersedes it): any other is validated before this returns.
    let loaded = given ?? NO_DATA;
    if (given === undefined && inputFileOf(raw) !== null) {
      this.changesReading++;
      try {
        loaded = await this.readData(
          raw,
          folder,
          this.runner(() => change !== this.changes),
        );
      } finally {
        this.changesReading--;
      }
    }
    if (change !== this.changes) throw new RunCancelled(false);
    return this.replaceIn(PlaygroundScenario.check(raw, loaded), folder);
  }

  /** replace with a scenario checked already (the file's playground checks it as it reads the file). */
  replaceChecked(checked: PlaygroundScenario): Promise<RunView> {
    return this.replaceIn(checked, this.dataFolder);
  }

  private async replaceIn(checked: PlaygroundScenario, folder: string | undefined): Promise<RunView> {
    this.changes++; // a data file being read for an older change is superseded
    const job = new RunViewJob(checked.scenario, { memo: this.memo });
    const previous = { raw: this.raw, scenario: this.scenario, checked: this.checked, dataFolder: this.dataFolder, unread: this.unread };
    this.raw = checked.raw;
    this.scenario = checked.scenario;
    this.checked = checked;
    this.dataFolder = folder;
    this.unread = false;
    this.comparison = undefined;
    await this.storage.update(STORAGE_KEY, checked.raw);
    await this.storage.update(FOLDER_KEY, folder);
    try {
      return await this.computeJob(job);
    } catch (e) {
      // Cancelled by the user (not superseded): go back to the scenario the last good run belongs to.
      if (e instanceof RunCancelled && e.byUser && this.checked === checked) {
        ({ raw: this.raw, scenario: this.scenario, checked: this.checked, dataFolder: this.dataFolder, unread: this.unread } = previous);
        await this.storage.update(STORAGE_KEY, previous.raw);
        await this.storage.update(FOLDER_KEY, previous.dataFolder);
        await this.storage.update(PENDING_KEY, undefined);
      }
      throw e;
    }
  }

  /**
   * The data file of the scenario changed on disk: read it again; other contents recompute the run, and
   * a file that no longer reads is reported (a 'failed' event) over the last run. A restored scenario not
   * yet computed waits for its first computation.
   */
  async reloadData(): Promise<void> {
    const raw = this.raw;
    const changes = this.changes;
    // A change under way (reading its own data, or begun meanwhile) is newer than this file's change on disk.
    if (this.unread || inputFileOf(raw) === null || this.changesReading > 0) return;
    try {
      const loaded = await this.readData(
        raw,
        this.dataFolder,
        this.runner(() => raw !== this.raw),
      );
      if (raw !== this.raw || this.changes !== changes || this.changesReading > 0) return;
      if (loaded.data.inputFile?.digest === this.checked?.loaded?.data.inputFile?.digest) return;
      await this.change(raw, loaded, this.dataFolder);
    } catch (e) {
      if (e instanceof RunCancelled) return; // a newer change, or Cancel: the last run stays
      if (!(e instanceof ScenarioError)) throw e;
      if (raw === this.raw) this.emit({ kind: 'failed', message: e.message });
    }
  }

  /** Merges a partial scenario (null removes a field) into the current one; one that keeps its data file keeps its table. */
  apply(patch: ScenarioPatch): Promise<RunView> {
    const raw = mergeScenario(this.raw, patch);
    const loaded = this.checked?.loaded ?? NO_DATA;
    return this.replace(raw, keepsData(raw, loaded) ? loaded : undefined);
  }

  setStart(point: Vec2): Promise<RunView> {
    return this.apply(startPatch(point, this.scenario));
  }

  /** w* at a point (the dragged target marker). */
  setTarget(point: Vec2): Promise<RunView> {
    return this.apply(targetPatch(point, this.scenario));
  }

  /** w* in a quadrant from the start, keeping the distance. */
  setQuadrant(quadrant: Quadrant): Promise<RunView> {
    if (this.scenario.model === 'function') {
      throw new ScenarioError(
        'target.quadrant',
        'target.quadrant applies to the neuron model; a function has its own minimum (drag the target or set target.point)',
      );
    }
    const t = this.scenario.target;
    const distance = t && 'distance' in t ? t.distance : 3;
    return this.apply({ target: { quadrant, distance, point: null } });
  }

  reset(): Promise<RunView> {
    return this.change(this.defaults(), undefined, undefined);
  }

  /** Computes the current scenario's run (in slices; with a progress notification when long). */
  async compute(): Promise<RunView> {
    if (!this.unread) return this.computeJob();
    // The restored scenario's data file, read in the folder it was read from before the reload.
    try {
      return await this.change(this.raw, undefined, this.dataFolder);
    } catch (e) {
      if (e instanceof ScenarioError) throw new ScenarioError(e.field, `The restored scenario cannot be shown: ${e.message}`);
      throw e;
    }
  }

  /** compute with the job `replaceChecked` has made already. */
  private async computeJob(job?: RunViewJob): Promise<RunView> {
    const revision = this.startComputing();
    const raw = this.raw;
    try {
      await this.markPending();
      const run = await this.computeView(job ?? new RunViewJob(this.checkedScenario(), { memo: this.memo }), revision);
      if (revision === this.currentRevision) {
        this.run = run;
        this.shownRaw = raw;
        this.emit({ kind: 'run', revision, run, raw });
        await this.shown(revision);
      }
      return run;
    } catch (e) {
      if (revision === this.currentRevision && !(e instanceof RunCancelled && !e.byUser)) {
        this.emit({ kind: 'failed', message: (e as Error).message });
      }
      throw e;
    }
  }

  /**
   * The same run with raw and with centred inputs, side by side: by default at the same normalised step
   * η·λmax (the centred run's η scaled; src/engine/centring.ts), or at the same η.
   */
  async compareCentring(rule: StepSizeRule = 'matched'): Promise<Comparison> {
    const scenario = this.scenario;
    const pair = compareCentringPieces(scenario, rule);
    const first = pair.next(); // throws ScenarioError for the function model, before anything changes
    const revision = this.startComputing();
    const written = this.raw;
    // A restored scenario was never checked: checked as the pair's first piece (the pair has its steps).
    const restored = this.checked ? null : written;
    const jobs: RunViewJob[] = [];
    const memo = this.memo;
    await this.markPending();
    const pieces = (function* (): Pieces<Comparison, RunViewPieceKind> {
      if (restored) PlaygroundScenario.check(restored);
      if (!first.done) yield first.value;
      const p: CentringComparison = first.done ? first.value : yield* pair;
      const views: RunView[] = [];
      for (const s of [p.raw, p.centred]) {
        const job = new RunViewJob(s, { memo });
        jobs.push(job);
        views.push(yield* job.pieces);
      }
      const { raw: _raw, centred: _centred, ...stepSize } = p;
      return { runs: [views[0], views[1]], labels: comparisonLabels(p.raw.inputs), stepSize };
    })();
    const long = runWork(scenario) * 2 > LONG_RUN_WORK;
    const progress = (): number => jobs.reduce((sum, job) => sum + job.progress / 2, 0);
    const comparison = await this.inSlices('Zig-Zag: comparing raw and centred inputs', revision, pieces, progress, long);
    if (revision === this.currentRevision) {
      this.comparison = comparison;
      this.shownRaw = written;
      this.emit({ kind: 'compare', revision, comparison, raw: written });
      await this.shown(revision);
    }
    return comparison;
  }

  /** The current scenario, checked now if it was restored (not yet computed) and so never checked. */
  private checkedScenario(): Scenario {
    return (this.checked ?? PlaygroundScenario.check(this.raw)).scenario;
  }

  /**
   * Runs work that comes before a change (reading its data file) as runs are run: in slices, with a
   * cancellable progress notification once it takes a moment; stopped (RunCancelled) at the next pause
   * once `superseded()`.
   */
  runner(superseded: () => boolean): PieceRunner {
    return (title, pieces, progress) => this.inSlices(title, null, pieces, progress, false, superseded);
  }

  /** A new revision, whose computation supersedes any under way. */
  private startComputing(): number {
    this.held = undefined;
    return ++this.currentRevision;
  }

  /** Records that a computation is under way (PENDING_KEY) before it starts: written out, so a hang cannot lose it. */
  private markPending(): Promise<void> {
    return Promise.resolve(this.storage.update(PENDING_KEY, true));
  }

  /** The result of `revision` has been shown: no longer pending, unless a newer computation has begun. */
  private async shown(revision: number): Promise<void> {
    if (revision === this.currentRevision) await this.storage.update(PENDING_KEY, undefined);
  }

  private computeView(job: RunViewJob, revision: number): Promise<RunView> {
    const s = job.scenario;
    const title = `Zig-Zag: computing ${s.steps.toLocaleString('en-US')} steps`;
    return this.inSlices(title, revision, job.pieces, () => job.progress, runWork(s) > LONG_RUN_WORK);
  }

  /**
   * Runs `pieces` in slices (src/shared/slices.ts), so the extension host's event loop is never held for
   * long. Work estimated long, or still running after MOMENT_MS, shows a cancellable progress
   * notification; a newer change (another revision, or `superseded()`) supersedes it at the next pause.
   * The views hear of the progress of a computation (`revision`), not of work before it (null).
   */
  private async inSlices<T>(
    title: string,
    revision: number | null,
    pieces: Pieces<T, string>,
    progress: () => number,
    longByEstimate: boolean,
    superseded = (): boolean => revision !== this.currentRevision,
  ): Promise<T> {
    const started = this.clock.now();
    let notification: { report: (fraction: number) => void; cancelled: () => boolean } | undefined;
    let asked = false;
    let finished = (): void => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const showProgress = (): void => {
      asked = true;
      // The notification stays until the work is over; its own promise is that of `done`.
      void this.withProgress(title, (report, cancelled) => {
        notification = { report, cancelled };
        return done;
      });
    };
    if (longByEstimate) showProgress();
    let percent = -1;
    try {
      return await runInSlices(pieces, this.clock, () => {
        if (superseded()) throw new RunCancelled(false);
        if (!asked && this.clock.now() - started >= MOMENT_MS) showProgress();
        if (!notification) return;
        if (notification.cancelled()) throw new RunCancelled(true);
        const fraction = progress();
        notification.report(fraction);
        if (revision !== null && Math.floor(fraction * 100) > percent) {
          percent = Math.floor(fraction * 100);
          this.emit({ kind: 'computing', revision, fraction });
        }
      });
    } finally {
      finished();
    }
  }
}
