// Built-in scenarios for "Load Preset…" and the UI: each shows one idea of the lesson.
export interface ScenarioPreset {
  readonly id: string;
  readonly label: string;
  /** One line for the quick pick: what to look at. */
  readonly detail: string;
  readonly scenario: Readonly<Record<string, unknown>>;
}

export const SCENARIO_PRESETS: readonly ScenarioPreset[] = [
  {
    id: 'classic',
    label: 'Classic zig-zag (north-west target)',
    detail: 'Sigmoid inputs, one example per step: every update heads NE or SW, so the path tacks',
    scenario: {},
  },
  {
    id: 'north-east',
    label: 'North-east target',
    detail: 'Same inputs, target with the grain: the allowed directions point at it, no zig-zag',
    scenario: { target: { quadrant: 'ne' } },
  },
  {
    id: 'tanh',
    label: 'tanh inputs',
    detail: 'Zero-centred inputs of both signs: updates can point anywhere, the lock is gone',
    scenario: { inputs: { distribution: 'tanh' } },
  },
  {
    id: 'centred',
    label: 'Centred sigmoid inputs',
    detail: 'Subtract each feature mean (what batch norm does): the bowl rounds out and the path straightens',
    scenario: { inputs: { center: true } },
  },
  {
    id: 'batch-32',
    label: 'Batch of 32',
    detail: 'Averaging 32 examples mixes signs of dL/df: the lock softens, fewer reversals',
    scenario: { batchSize: 32 },
  },
  {
    id: 'momentum',
    label: 'Momentum',
    detail: 'Velocity accumulates along the valley and damps the zig-zag across it',
    scenario: { optimizer: { name: 'momentum', lr: 0.1, momentum: 0.9 } },
  },
  {
    id: 'adam',
    label: 'Adam',
    detail: 'Per-coordinate step sizes: each weight moves at its own scale, the path bends toward the target',
    scenario: { optimizer: { name: 'adam', lr: 0.05 } },
  },
  {
    id: 'quadratic',
    label: 'Function: axis-aligned quadratic',
    detail: '0.5·w1² + 5·w2²: steep in w2, shallow in w1 — gradient descent oscillates across the steep axis',
    scenario: { model: 'function', function: { preset: 'quadratic' }, start: [-4, 1.5], optimizer: { lr: 0.18 }, steps: 200 },
  },
  {
    id: 'rotated',
    label: 'Function: rotated bowl',
    detail: 'Steep towards north-east, shallow towards north-west: the shape positive inputs give the loss',
    scenario: { model: 'function', function: { preset: 'rotated' }, start: [2, -2], optimizer: { lr: 0.18 }, steps: 200 },
  },
  {
    id: 'rosenbrock',
    label: 'Function: Rosenbrock valley',
    detail: 'A curved banana valley: fast to the valley floor, slow along it',
    scenario: {
      model: 'function',
      function: { preset: 'rosenbrock' },
      start: [-1.5, 2],
      optimizer: { name: 'adam', lr: 0.02 },
      steps: 3000,
    },
  },
  {
    id: 'beale',
    label: 'Function: Beale',
    detail: 'Flat plateaus and steep walls: the step size matters',
    scenario: { model: 'function', function: { preset: 'beale' }, start: [1, 1.5], optimizer: { name: 'adam', lr: 0.01 }, steps: 3000 },
  },
  {
    id: 'himmelblau',
    label: 'Function: Himmelblau',
    detail: 'Four minima: the start decides which one you reach',
    scenario: { model: 'function', function: { preset: 'himmelblau' }, start: [0, 0], optimizer: { lr: 0.01 }, steps: 300 },
  },
];

export function findPreset(id: string): ScenarioPreset | undefined {
  return SCENARIO_PRESETS.find((p) => p.id === id);
}
