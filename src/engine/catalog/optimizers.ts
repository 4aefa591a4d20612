// The optimizers and their hyperparameters: the one list the validator, the JSON Schema, the
// webview's optimizer controls and the OptimizerName type derive from. The update rules themselves
// are in ../optimizers.ts. Pure data (the webview bundles it): imports nothing but types.

/** Allowed values of a number: min … max, each end included unless marked open. Both ends finite. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
}

/** Whether v lies in r (so is finite). */
export function withinRange(v: number, r: Range): boolean {
  return (r.minOpen ? v > r.min : v >= r.min) && (r.maxOpen ? v < r.max : v <= r.max);
}

export interface HyperparameterInfo {
  /** As the controls label it. */
  readonly label: string;
  /** One line for the JSON Schema (editor hover). */
  readonly description: string;
  readonly default: number;
  readonly range: Range;
}

const HYPERPARAMETER_TABLE = {
  // Finite like every range: past 1e6 a step is surely a mistake (η·λmax > 2 already diverges on a bowl). A
  // centred comparison whose matched η would fall outside keeps the same η and says so (../centring.ts).
  lr: { label: 'Learning rate η', description: 'Learning rate η > 0.', default: 0.5, range: { min: 0, max: 1e6, minOpen: true } },
  momentum: { label: 'Momentum μ', description: 'μ for momentum and nesterov.', default: 0.9, range: { min: 0, max: 1 } },
  alpha: { label: 'Decay α', description: 'rmsprop decay.', default: 0.99, range: { min: 0, max: 1 } },
  // β = 1 would divide by 1 − β^k = 0 in Adam's bias correction.
  beta1: { label: 'β₁', description: "Adam's first-moment decay.", default: 0.9, range: { min: 0, max: 1, maxOpen: true } },
  beta2: { label: 'β₂', description: "Adam's second-moment decay.", default: 0.999, range: { min: 0, max: 1, maxOpen: true } },
  eps: { label: 'ε', description: 'ε, added to the denominator.', default: 1e-8, range: { min: 0, max: 1 } },
} satisfies Record<string, HyperparameterInfo>;

export type HyperparameterName = keyof typeof HYPERPARAMETER_TABLE;
/** Every field of `optimizer` besides `name`, in the order files, errors and controls list them. */
export const HYPERPARAMETERS: { readonly [K in HyperparameterName]: HyperparameterInfo } = HYPERPARAMETER_TABLE;
export const HYPERPARAMETER_NAMES = Object.keys(HYPERPARAMETERS) as readonly HyperparameterName[];

export interface OptimizerInfo {
  /** The value of `optimizer.name` in a scenario. */
  readonly name: string;
  readonly label: string;
  /** Hyperparameters the update rule reads besides the learning rate, in the order the controls show them. */
  readonly uses: readonly Exclude<HyperparameterName, 'lr'>[];
  /** Where this optimizer's default differs from HYPERPARAMETERS (torch.optim's own defaults). */
  readonly defaults?: Readonly<Partial<Record<HyperparameterName, number>>>;
  /**
   * Divides the step by the gradient's running size, so the step's length is about η whatever the
   * curvature (a fair comparison of two bowls keeps the same η for these).
   */
  readonly adaptive?: boolean;
}

/** The optimizers, in the order the controls offer them; semantics of torch.optim. */
export const OPTIMIZER_CATALOG = [
  { name: 'sgd', label: 'SGD', uses: [] },
  { name: 'momentum', label: 'SGD + momentum', uses: ['momentum'] },
  { name: 'nesterov', label: 'Nesterov', uses: ['momentum'] },
  { name: 'adagrad', label: 'AdaGrad', uses: ['eps'], defaults: { eps: 1e-10 }, adaptive: true },
  { name: 'rmsprop', label: 'RMSprop', uses: ['alpha', 'eps'], adaptive: true },
  { name: 'adam', label: 'Adam', uses: ['beta1', 'beta2', 'eps'], adaptive: true },
] as const satisfies readonly OptimizerInfo[];

export type OptimizerName = (typeof OPTIMIZER_CATALOG)[number]['name'];
export const OPTIMIZER_NAMES: readonly OptimizerName[] = OPTIMIZER_CATALOG.map((o) => o.name);

export function optimizerInfo(name: OptimizerName): OptimizerInfo {
  return OPTIMIZER_CATALOG.find((o) => o.name === name)!;
}

/** The value a scenario gets for `k` when it names optimizer `name` and leaves `k` out. */
export function hyperparameterDefault(name: OptimizerName, k: HyperparameterName): number {
  return optimizerInfo(name).defaults?.[k] ?? HYPERPARAMETERS[k].default;
}
