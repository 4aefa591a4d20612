// The closed lists of scenario format v1: every value a choice field may take. The validator, the
// JSON Schema, the controls and the types derive from these. Pure data (the webview bundles it).

/** Where the target lies from the start, in the spec's order. */
export const QUADRANTS = ['ne', 'nw', 'sw', 'se'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** How the neuron's inputs are drawn; "points" takes them from the scenario file, "file" from a data file (CSV or .npy). */
export const DISTRIBUTIONS = ['sigmoid', 'tanh', 'relu', 'gaussian', 'uniform', 'points', 'file'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export const MODELS = ['neuron', 'function'] as const;
export type ModelName = (typeof MODELS)[number];

export const LOSSES = ['mse', 'logistic'] as const;
export type LossName = (typeof LOSSES)[number];

/** The order examples are visited in. */
export const ORDERS = ['cyclic', 'shuffle'] as const;
export type Order = (typeof ORDERS)[number];
