// Turns a scenario into what the webview draws (RunView): the engine's run plus the loss grid for
// contours. Pure (no vscode): the host, the webview tests and the UI benchmark all use it.
import {
  DatasetMemo,
  complete,
  gridBounds,
  gridSizeFor,
  lossSlicePieces,
  runCost,
  surfaceKey,
  trainerPieces,
  type GridBounds,
  type LossGrid,
  type Model,
  type PieceKind,
  type Pieces,
  type Run,
  type Scenario,
  type StepRecords,
  type Trainer,
  type Vec2,
} from '../engine/index';
import { exactKey } from '../engine/exactKey';
import type { RunView } from './runModel';

/** A RunView keeps per-example gradients of at most this many numbers (2 · batch · steps), to bound a posted run. */
const MAX_PER_EXAMPLE_VALUES = 2_000_000;
/**
 * Width : height of the contour window. The webview sizes its plot to this shape, so contours reach
 * every edge of the plot instead of stopping where a square grid ends.
 */
const GRID_ASPECT = 1.5;
/**
 * A run whose steps cost more than this (runWork, in CostUnits; docs/scenario-format.md relates units to
 * time) shows its progress notification from the start; any run is computed in slices all the same.
 */
export const LONG_RUN_WORK = 4_000_000;

export interface RunViewOptions {
  /** Contour grid resolution (n×n). */
  readonly gridSize?: number;
  /**
   * The loss grid over this window instead of the run's own (a drag preview keeps the plane's view
   * still under the pointer). The host never sets it.
   */
  readonly window?: GridBounds;
  /** What the last runs were made from, to reuse (the webview's previews: one per live view). */
  readonly memo?: RunViewMemo;
  /**
   * The run stays in this page (a preview, a plot in course material): its arrays stay views of the
   * trainer's one buffer. Without it each array gets a buffer of its own, as a run to be posted needs
   * (postMessage clones the whole buffer behind a view).
   */
  readonly inPage?: boolean;
}

/**
 * The dataset and the loss grid of the last run, kept by what they are made of: a change that keeps
 * the loss surface and its window (η, the optimizer, the batch size, steps that stay in the window)
 * reuses both, bit for bit what computing them again would give. Runs made with and without a memo are
 * identical (test/shared/runView.test.ts checks random sequences).
 */
export class RunViewMemo {
  readonly datasets = new DatasetMemo();
  private grid: { readonly key: string; readonly grid: LossGrid } | null = null;
  /** A run made only for what it leaves kept with its fan-in inputs (see warm), and what it trains. */
  private warming: { readonly key: string; readonly pieces: Pieces<RunView, RunViewPieceKind> } | null = null;

  /**
   * Works for about `ms` milliseconds (by `now`, performance.now) on a run of `s` made only for what it leaves kept with its fan-in
   * inputs (the inputs, Gram columns, curvature; DatasetMemo.keptFor): a change too dear to preview
   * while they are missing (a drag at d = 784) is previewed once they are there. The run goes on across
   * calls while only the start and target change; its result is dropped.
   */
  warm(s: Scenario, ms: number, now: () => number): void {
    if (s.model !== 'neuron' || s.inputs.dimension <= 2) return;
    const key = exactKey({ ...s, start: null, target: null });
    if (this.warming?.key !== key) this.warming = { key, pieces: new RunViewJob(s, { memo: this, inPage: true }).pieces };
    const t0 = now();
    while (!this.warming.pieces.next().done) if (now() - t0 >= ms) return;
    this.warming = null;
  }

  /** The loss grid, in pieces unless it is the one kept; kept once whole (work dropped halfway keeps nothing). */
  *lossGridPieces(s: Scenario, model: Model, bounds: GridBounds, n: number): Pieces<LossGrid> {
    const key = `${surfaceKey(s)}\n${exactKey([s.axes, bounds.x0, bounds.x1, bounds.y0, bounds.y1, n])}`;
    if (this.grid?.key === key) return this.grid.grid;
    const grid = yield* planeGridPieces(s, model, bounds, n);
    this.grid = { key, grid };
    return grid;
  }
}

/** The loss on the shown plane: the pair s.axes through w* (all of w for d = 2), in pieces. */
function planeGridPieces(s: Scenario, model: Model, bounds: GridBounds, n: number): Pieces<LossGrid> {
  return lossSlicePieces(model, s.axes, model.target ?? s.start, bounds, n);
}

/** A point of weight space on the shown pair. */
function onPlane(s: Scenario, w: ArrayLike<number>): Vec2 {
  return [w[s.axes[0]], w[s.axes[1]]];
}

/** The cost of a run's steps with the records the playground keeps, in CostUnits (runCost's `run`). */
export function runWork(s: Scenario): number {
  return runCost(s, { records: true }).run;
}

/**
 * A run as the playground draws it, made in pieces: the data a block of values at a time, then one
 * optimizer step, then one loss-grid cell (or a row of cheap ones) per piece (src/engine/pieces.ts), so
 * the extension host and the pages run it in slices (src/shared/slices.ts). The caller has checked the
 * scenario's limits (the playground's: src/shared/playgroundScenario.ts; a document's: embedScenario.ts).
 */
/** A piece of a run as the playground draws it: the engine's, or a block of the run's arrays copied out. */
export type RunViewPieceKind = PieceKind | 'copy';

export class RunViewJob {
  readonly pieces: Pieces<RunView, RunViewPieceKind>;
  private trainer: Trainer | null = null;
  /** Grid pieces done: cells, and rows (of cheap cells, or a pass over cells already counted). */
  private cells = 0;
  private rows = 0;
  /** The run is built: its arrays are copied out too. */
  private finished = false;
  private readonly gridSize: number;

  constructor(
    readonly scenario: Scenario,
    private readonly options: RunViewOptions = {},
  ) {
    this.gridSize = gridSizeFor(scenario, options.gridSize);
    this.pieces = this.make();
  }

  /**
   * How far the run has got, from 0 to 1: the share of its steps and grid cells done, with one unit more for
   * copying its arrays out, which comes last (a bar at 100 % while pieces remain would say it is done).
   */
  get progress(): number {
    if (this.finished) return 1;
    if (!this.trainer) return 0;
    const steps = this.scenario.steps;
    const cells = this.gridSize ** 2;
    const filled = Math.min(cells, Math.max(this.cells, this.rows * this.gridSize));
    return (this.trainer.progress * steps + filled) / (steps + cells + 1);
  }

  private *make(): Pieces<RunView, RunViewPieceKind> {
    const { scenario: s, options } = this;
    const trainer = (this.trainer = yield* trainerPieces(s, { records: true, datasets: options.memo?.datasets }));
    const run = yield* trainer.finishPieces();
    const points = [onPlane(s, s.start), ...(run.target ? [run.target] : [])];
    const bounds = options.window ?? gridBounds(points, run.trajectory, 0.15, 0.5, GRID_ASPECT);
    const n = this.gridSize;
    const grid = yield* this.counted(
      options.memo ? options.memo.lossGridPieces(s, trainer.model, bounds, n) : planeGridPieces(s, trainer.model, bounds, n),
    );
    // The run's arrays are the finished trainer's: views of its one buffer in the page (`inPage`),
    // else each copied into a buffer of its own, a block per piece (20 MB at the limits took 70–80 ms
    // of CPU in one piece, most of it the first writes to fresh memory).
    const own = options.inPage ? keepView : copyOut;
    const geometry = run.geometry;
    const view: RunView = {
      scenario: s,
      trajectory: yield* own(run.trajectory),
      loss: yield* own(run.loss),
      target: run.target,
      metrics: run.metrics,
      records: yield* recordsView(run, own),
      grid,
      allPositive: run.allPositive,
      dimension: run.dimension,
      axes: run.axes,
      geometry: geometry && {
        locked: yield* own(geometry.locked),
        turn: yield* own(geometry.turn),
        stepLength: yield* own(geometry.stepLength),
        fromStart: yield* own(geometry.fromStart),
        toTarget2: geometry.toTarget2 && (yield* own(geometry.toTarget2)),
      },
      ledger: run.ledger,
    };
    this.finished = true;
    return view;
  }

  /** The grid's pieces, counting cells and rows for `progress`. */
  private *counted(pieces: Pieces<LossGrid>): Pieces<LossGrid> {
    for (;;) {
      const r = pieces.next();
      if (r.done) return r.value;
      if (r.value === 'cell') this.cells++;
      else if (r.value === 'row') this.rows++;
      yield r.value;
    }
  }
}

type Own = <T extends Float64Array | Uint32Array>(a: T) => Pieces<T, 'copy'>;
// eslint-disable-next-line require-yield -- a view is kept as it is, in no piece at all
const keepView: Own = function* (a) {
  return a;
};
/** Elements copied per piece: half a megabyte of doubles, about a millisecond written to fresh memory. */
const COPY_VALUES = 1 << 16;
/** Just `a`'s elements, in a buffer of their own, COPY_VALUES a piece: ⌈length / COPY_VALUES⌉ pieces. */
const copyOut: Own = function* (a) {
  const out = (a instanceof Float64Array ? new Float64Array(a.length) : new Uint32Array(a.length)) as typeof a;
  for (let at = 0; at < a.length; at += COPY_VALUES) {
    out.set(a.subarray(at, at + COPY_VALUES), at);
    yield 'copy';
  }
  return out;
};

function* recordsView(run: Run, own: Own): Pieces<StepRecords | null, 'copy'> {
  const r = run.records;
  if (!r) return null;
  const keepPerExample = r.perExample !== null && r.perExample.length <= MAX_PER_EXAMPLE_VALUES;
  return {
    batchSize: r.batchSize,
    gradient: yield* own(r.gradient),
    dLdf: r.dLdf ? yield* own(r.dLdf) : null,
    x: r.x ? yield* own(r.x) : null,
    perExample: keepPerExample && r.perExample ? yield* own(r.perExample) : null,
    dLdfSigns: r.dLdfSigns ? yield* own(r.dLdfSigns) : null,
    gradientSigns: r.gradientSigns ? yield* own(r.gradientSigns) : null,
  };
}

/** The run as the playground draws it, in one go (the webview's previews, tests). */
export function computeRunView(s: Scenario, options: RunViewOptions = {}): RunView {
  return complete(new RunViewJob(s, options).pieces);
}
