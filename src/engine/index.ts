// The engine's public surface. Pure TypeScript: no vscode, DOM or Node APIs, so the same code runs in
// the extension host (desktop and browser), the webview, the CLI and the tests.
export * from './types';
export {
  DEFAULT_SCENARIO,
  LIMITS,
  ScenarioError,
  resolveScenario,
  scenarioToJson,
  quadrantVector,
  batchSizeOf,
  exampleCount,
  dimensionOf,
  inputFileOf,
} from './scenario';
export type { ScenarioData } from './scenario';
export { DISTRIBUTIONS, LOSSES, MODELS, ORDERS, QUADRANTS } from './catalog/choices';
export { DIVERGENCE_BOUND } from './catalog/limits';
export { FUNCTION_PRESETS, FUNCTION_PRESET_NAMES } from './catalog/functionPresets';
export type { FunctionPresetInfo } from './catalog/functionPresets';
export {
  HYPERPARAMETERS,
  HYPERPARAMETER_NAMES,
  OPTIMIZER_CATALOG,
  OPTIMIZER_NAMES,
  hyperparameterDefault,
  optimizerInfo,
} from './catalog/optimizers';
export type { HyperparameterInfo, OptimizerInfo, Range } from './catalog/optimizers';
export {
  simulate,
  Trainer,
  trainerPieces,
  createProblem,
  createModel,
  modelPieces,
  surfaceKey,
  targetOf,
  MAX_COUNTED_EXAMPLES,
  countsSigns,
  MAX_RECORDED_BATCH,
} from './simulate';
export type { Run, SimulateOptions, StepRecords } from './simulate';
export { computeMetrics, MetricsTimeline } from './metrics';
export type { RunGeometry } from './metrics';
export { theoryLedger, stepsToArrive, ARRIVAL } from './ledger';
export type { BestRates, Ledger, LedgerReason, Prediction } from './ledger';
export { inputTable } from './inputTable';
export { extremeEigenvalues, secondMoments } from './symmetric';
export { lossSlice, lossSlicePieces } from './slice';
/** A run's work before it runs, in CostUnits (one arithmetic node of a compiled expression, evaluated forward). */
export { ALL_KEPT, gridSizeFor, runCost } from './cost';
export type { CostOptions, CostUnits, RunCost } from './cost';
export { compareCentring, compareCentringPieces, curvatureAtTarget } from './centring';
export type { CentringComparison } from './centring';
export { STEP_SIZE_RULES } from './catalog/stepSizeRules';
export type { MatchFallback, StepSizeRule } from './catalog/stepSizeRules';
export type { MetricsInput } from './metrics';
export { DatasetMemo } from './data';
export type { KeptWork } from './data';
export { gridBounds, lossGrid, lossGridPieces } from './grid';
export { complete } from './pieces';
export type { PieceKind, Pieces } from './pieces';
export type { GridBounds, LossGrid } from './grid';
export type { Curvature, Model, Problem } from './problem';
export { ExpressionError, parseExpression } from './expression';
/** The engine's bit-exact elementary functions (fdlibm ports), the same in every JavaScript engine. */
export * as portableMath from './portableMath';
