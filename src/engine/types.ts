// The engine's public data shapes. Semantics: docs/scenario-format.md (scenario format v1).

// The names a choice field may take come from the catalogs (one list each).
import type { Distribution, LossName, ModelName, Order, Quadrant } from './catalog/choices';
import type { FunctionPreset } from './catalog/functionPresets';
import type { HyperparameterName, OptimizerName } from './catalog/optimizers';

export type { Distribution, FunctionPreset, HyperparameterName, LossName, ModelName, OptimizerName, Order, Quadrant };

export type Vec2 = readonly [number, number];

export type TargetSpec = { readonly quadrant: Quadrant; readonly distance: number } | { readonly point: Vec2 };
export type FunctionSpec = { readonly expression: string } | { readonly preset: FunctionPreset };

export interface Inputs {
  readonly distribution: Distribution;
  readonly count: number;
  readonly mean: number;
  readonly std: number;
  readonly points?: readonly Vec2[];
  readonly center: boolean;
  readonly shift: Vec2;
}

/** The optimizer and every hyperparameter of the catalog (those its update rule does not read included). */
export type OptimizerSettings = { readonly name: OptimizerName } & { readonly [K in HyperparameterName]: number };

/** A validated scenario with every default filled in. */
export interface Scenario {
  readonly version: 1;
  readonly model: ModelName;
  readonly inputs: Inputs;
  readonly start: Vec2;
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
