// The numeric limits of scenario format v1 and the divergence rule: the one list the validator, the
// JSON Schema, docs/scenario-format.md (checked by a test), the webview's fields and every view's
// wording of a divergence derive from. Pure data (the webview bundles it).

/**
 * A run diverges at the first t where w_t or loss[t] is not finite, |loss[t]| > DIVERGENCE_BOUND or
 * some |w_t,i| > DIVERGENCE_BOUND (the contract's divergedAt); it stops there.
 */
export const DIVERGENCE_BOUND = 1e12;

/** Characters of a function.expression. */
export const MAX_EXPRESSION_LENGTH = 1000;

export const LIMITS = {
  maxCount: 100_000,
  maxSteps: 10_000_000,
  /** Start and target coordinates beyond this are surely a mistake (and would only overflow). */
  maxCoordinate: 1e6,
  /** Bound on input means, spreads, shifts and points, and on label noise. */
  maxMagnitude: 1e6,
  maxSeed: 4294967295,
  maxExpressionLength: MAX_EXPRESSION_LENGTH,
  /** The neuron's fan-in d: inputs per example, and weights. */
  minDimension: 2,
  maxDimension: 1024,
  /** Numbers in the data, examples × inputs (128 MB as doubles): the memory a run's data may take. */
  maxValues: 16_777_216,
  /** Bytes of a data file (inputs.file), read whole before it is parsed. */
  maxFileBytes: 67_108_864,
  /** Characters in the path inputs.file. */
  maxPathLength: 1024,
} as const;
