// A computed run as the playground draws it: what the host posts to the webviews and the pages compute
// for their previews (made by src/shared/runView.ts).
import type { Ledger } from '../engine/ledger';
import type { RunGeometry } from '../engine/metrics';
import type { StepRecords } from '../engine/simulate';
import type { Axes, Metrics, Scenario, Vec2 } from '../engine/types';

/** Loss values on an n×n grid; values[j * n + i] is the loss at (x0 + i·dx, y0 + j·dy). */
export interface ContourGrid {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly n: number;
  readonly values: Float64Array;
}

/** One computed run as the webview draws it. */
export interface RunView {
  readonly scenario: Scenario;
  /**
   * w_0 … w_K on the shown pair, interleaved (w[axes[0]], w[axes[1]]): for d = 2 and axes (0, 1) all of
   * w; K = steps taken (fewer than scenario.steps when it diverged).
   */
  readonly trajectory: Float64Array;
  /** Full-data loss at w_0 … w_K. */
  readonly loss: Float64Array;
  /** w* on the shown pair, or null (function model with an expression and no target point). */
  readonly target: Vec2 | null;
  readonly metrics: Metrics;
  /** The engine's step records; perExample null beyond MAX_PER_EXAMPLE_VALUES numbers (src/shared/runView.ts). */
  readonly records: StepRecords | null;
  /** The loss on the plane of the shown pair through w* (every other weight at its value in w*). */
  readonly grid: ContourGrid;
  /** Every input of every example is > 0: single-example updates are locked to quadrants I and III. */
  readonly allPositive: boolean;
  /** d, the number of weights; the plane shows axes[0] across and axes[1] up. */
  readonly dimension: number;
  readonly axes: Axes;
  /** d > 2: what the metrics are taken from (MetricsTimeline.ofRun reads it); null for d = 2. */
  readonly geometry: RunGeometry | null;
  /** The loss bowl's λmax, λmin, κ and the theory's prediction beside the run (or why there is none). */
  readonly ledger: Ledger;
}
