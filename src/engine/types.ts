// The engine's public data shapes. Semantics: docs/scenario-format.md (scenario format v1).

// The names a choice field may take come from the catalogs (one list each).
import type { Distribution, LossName, ModelName, Order, Quadrant } from './catalog/choices';
import type { FunctionPreset } from './catalog/functionPresets';
import type { HyperparameterName, OptimizerName } from './catalog/optimizers';

export type { Distribution, FunctionPreset, HyperparameterName, LossName, ModelName, OptimizerName, Order, Quadrant };

export type Vec2 = readonly [number, number];
/** A point in weight space: d numbers (d = inputs.dimension for the neuron, 2 for a function). */
export type Weights = readonly number[];
/** The two weights the plane shows, 0-based and distinct. */
export type Axes = readonly [number, number];

export type TargetSpec = { readonly quadrant: Quadrant; readonly distance: number } | { readonly point: Weights };

/**
 * Examples read from a data file (src/shared parses CSV and .npy into this): rows × columns numbers,
 * row-major. `digest` identifies the values (equal digests, equal values), so runs made from the same
 * file can share their data without comparing it number by number.
 */
export interface InputTable {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float64Array;
  readonly digest: string;
}
export type FunctionSpec = { readonly expression: string } | { readonly preset: FunctionPreset };

export interface Inputs {
  readonly distribution: Distribution;
  readonly count: number;
  /** d, the number of inputs (and weights): 2 … 1024. */
  readonly dimension: number;
  readonly mean: number;
  readonly std: number;
  /** With "points": the examples, rows of d numbers. */
  readonly points?: readonly Weights[];
  /** With "file": the data file's path as written (relative to the scenario file). */
  readonly file?: string;
  /** With "file": the 0-based columns used, when not all of them. */
  readonly columns?: readonly number[];
  /** With "file": the file's contents, read and parsed by the caller (the engine does no I/O). */
  readonly table?: InputTable;
  readonly center: boolean;
  /** Added to each feature after centring: d numbers. */
  readonly shift: Weights;
}

/** The optimizer and every hyperparameter of the catalog (those its update rule does not read included). */
export type OptimizerSettings = { readonly name: OptimizerName } & { readonly [K in HyperparameterName]: number };

/** A validated scenario with every default filled in. */
export interface Scenario {
  readonly version: 1;
  readonly model: ModelName;
  readonly inputs: Inputs;
  /** w_0: d numbers. */
  readonly start: Weights;
  /** The two weights the plane shows. */
  readonly axes: Axes;
  /** null only for model "function" without target.point and without a preset. */
  readonly target: TargetSpec | null;
  readonly loss: LossName;
  readonly labelNoise: number;
  readonly optimizer: OptimizerSettings;
  readonly batchSize: number | 'full';
  readonly order: Order;
  readonly steps: number;
  readonly seed: number;
  readonly function?: FunctionSpec;
}

export interface Metrics {
  readonly lockedFraction: number;
  readonly pathEfficiency: number;
  readonly reversals: number;
  readonly stepsToTarget: number | null;
  /** loss[T]; null when the run diverged. */
  readonly finalLoss: number | null;
  /** ‖w_T − w*‖; null when there is no w* or the run diverged. */
  readonly finalDistance: number | null;
  /** λmax/λmin of the Hessian at w*; null without w* or when the Hessian is not positive definite there. */
  readonly conditionNumber: number | null;
  readonly divergedAt: number | null;
}
