// The engine's public data shapes. Semantics: docs/scenario-format.md (scenario format v1).

export type Vec2 = readonly [number, number];
export type Quadrant = 'ne' | 'nw' | 'sw' | 'se';
export type Distribution = 'sigmoid' | 'tanh' | 'relu' | 'gaussian' | 'uniform' | 'points';
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';
export type FunctionPreset = 'quadratic' | 'rotated' | 'rosenbrock' | 'beale' | 'himmelblau';
export type LossName = 'mse' | 'logistic';
export type ModelName = 'neuron' | 'function';
export type Order = 'cyclic' | 'shuffle';

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

export interface OptimizerSettings {
  readonly name: OptimizerName;
  readonly lr: number;
  readonly momentum: number;
  readonly alpha: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

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
