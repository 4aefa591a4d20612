// The JSON Schema of scenario format v1 (editor validation and completion of *.zigzag.json), derived
// from the catalogs, LIMITS and DEFAULT_SCENARIO that the validator uses. The build writes it, with the
// exercise's fields filled in (src/shared/exerciseSchema.ts), to dist/scenario.schema.json; a test checks
// it accepts and rejects what resolveScenario does. It states every rule but the cross-field ones a
// schema cannot express: batchSize ≤ the number of examples, and lists of d numbers (start, target.point,
// inputs.shift, rows of inputs.points) agreeing with d when d comes from inputs.dimension, the points or
// a data file (with d = 2 certain, it says two).
import { DISTRIBUTIONS, LOSSES, MODELS, ORDERS, QUADRANTS } from './catalog/choices';
import { FUNCTION_PRESET_NAMES } from './catalog/functionPresets';
import {
  HYPERPARAMETERS,
  HYPERPARAMETER_NAMES,
  OPTIMIZER_CATALOG,
  OPTIMIZER_NAMES,
  type OptimizerInfo,
  type Range,
} from './catalog/optimizers';
import { FUNCTION_NAMES } from './expression';
import { DEFAULT_SCENARIO, LIMITS } from './scenario';

type JsonSchema = { readonly [keyword: string]: unknown };

/** The numeric keywords of a range (an unbounded end is left out). */
function rangeKeywords(r: Range): JsonSchema {
  const out: Record<string, number> = {};
  if (r.min !== -Infinity) out[r.minOpen ? 'exclusiveMinimum' : 'minimum'] = r.min;
  if (r.max !== Infinity) out[r.maxOpen ? 'exclusiveMaximum' : 'maximum'] = r.max;
  return out;
}

/** The hyperparameter's description plus the optimizers whose default differs. */
function hyperparameterDescription(k: keyof typeof HYPERPARAMETERS): string {
  const catalog: readonly OptimizerInfo[] = OPTIMIZER_CATALOG;
  const own = catalog.flatMap((o) => {
    const d = o.defaults?.[k];
    return d === undefined ? [] : [`${d} for ${o.name}`];
  });
  return own.length === 0 ? HYPERPARAMETERS[k].description : `${HYPERPARAMETERS[k].description} Default ${own.join(', ')}.`;
}

/** d numbers within ±bound, d from LIMITS.minDimension to LIMITS.maxDimension. */
function numberList(bound: number): JsonSchema {
  return {
    type: 'array',
    minItems: LIMITS.minDimension,
    maxItems: LIMITS.maxDimension,
    items: { type: 'number', minimum: -bound, maximum: bound },
  };
}

/** Where d is surely 2 whatever else the file says: no inputs.dimension, no points, no data file. */
const INPUTS_OF_TWO: JsonSchema = {
  not: {
    anyOf: [{ required: ['dimension'] }, { properties: { distribution: { enum: ['points', 'file'] } }, required: ['distribution'] }],
  },
};

/** Two weights: a function of (w1, w2), or a neuron whose inputs are surely two. */
const WEIGHTS_OF_TWO: JsonSchema = {
  anyOf: [{ properties: { model: { const: 'function' } }, required: ['model'] }, { properties: { inputs: INPUTS_OF_TWO } }],
};

function optimizerSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    name: { enum: OPTIMIZER_NAMES, default: DEFAULT_SCENARIO.optimizer.name },
  };
  for (const k of HYPERPARAMETER_NAMES) {
    properties[k] = {
      type: 'number',
      ...rangeKeywords(HYPERPARAMETERS[k].range),
      default: HYPERPARAMETERS[k].default,
      description: hyperparameterDescription(k),
    };
  }
  return {
    type: 'object',
    additionalProperties: false,
    description: "The optimizer, with PyTorch's torch.optim semantics.",
    properties,
  };
}

export function scenarioSchema(): JsonSchema {
  const d = DEFAULT_SCENARIO;
  const target = d.target as { quadrant: string; distance: number };
  const weights = { $ref: '#/definitions/weights' };
  const inputRow = { $ref: '#/definitions/inputRow' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://zigzag-playground/scenario-v1.schema.json',
    title: 'Zig-Zag Playground scenario (format v1)',
    description:
      'One run of the Zig-Zag Playground: the data, the model, the optimizer and the target. Every field is optional; the defaults give the classic demo (sigmoid inputs, one example per step, target to the north-west).',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema this file follows.' },
      version: { const: 1, default: 1, description: 'Format version; must be 1.' },
      model: {
        enum: MODELS,
        default: d.model,
        description: '"neuron": f(x) = w·x (w1·x1 + w2·x2, or d inputs) trained on data; "function": minimise an expression f(w1, w2).',
      },
      inputs: {
        type: 'object',
        additionalProperties: false,
        description: "The neuron's training inputs x = (x1, …, x_d).",
        properties: {
          distribution: {
            enum: DISTRIBUTIONS,
            default: d.inputs.distribution,
            description:
              'x = act(z) with z ~ Normal(mean, std²) per feature (gaussian: x = z; uniform: x = mean + std·U(0,1)); "points" uses inputs.points, "file" the data file inputs.file.',
          },
          count: {
            type: 'integer',
            minimum: 1,
            maximum: LIMITS.maxCount,
            default: d.inputs.count,
            description: 'Number of examples N (ignored for points and file).',
          },
          dimension: {
            type: 'integer',
            minimum: LIMITS.minDimension,
            maximum: LIMITS.maxDimension,
            default: d.inputs.dimension,
            description: `d, the number of inputs and weights (the fan-in); points and data files give it, and it must agree. N × d ≤ ${LIMITS.maxValues}.`,
          },
          file: {
            type: 'string',
            minLength: 1,
            maxLength: LIMITS.maxPathLength,
            pattern: '^(?![a-zA-Z]:)(?!/)(?!.*\\u0000)(?!.*\\\\)(?!(.*/)?\\.\\.(/|$))(?!.*//)(?!.*/$).*\\.([cC][sS][vV]|[nN][pP][yY])$',
            description: `With distribution "file": a .csv (numbers, one example per row, optional header) or .npy (2-D float32/float64) file, relative to this file; at most ${LIMITS.maxFileBytes} bytes.`,
          },
          columns: {
            type: 'array',
            minItems: LIMITS.minDimension,
            maxItems: LIMITS.maxDimension,
            uniqueItems: true,
            items: { type: 'integer', minimum: 0 },
            description: 'With distribution "file": the 0-based columns to use (default: all).',
          },
          mean: {
            type: 'number',
            minimum: -LIMITS.maxMagnitude,
            maximum: LIMITS.maxMagnitude,
            default: d.inputs.mean,
            description: 'Mean of the pre-activation z.',
          },
          std: {
            type: 'number',
            minimum: 0,
            maximum: LIMITS.maxMagnitude,
            default: d.inputs.std,
            description: 'Standard deviation of the pre-activation z.',
          },
          points: {
            type: 'array',
            minItems: 1,
            maxItems: LIMITS.maxCount,
            items: inputRow,
            description: 'With distribution "points": the examples themselves, [[x1, x2], …] (rows of d numbers).',
          },
          center: {
            type: 'boolean',
            default: d.inputs.center,
            description: "Subtract each feature's dataset mean (what batch norm's centring does).",
          },
          shift: {
            oneOf: [{ type: 'number', minimum: -LIMITS.maxMagnitude, maximum: LIMITS.maxMagnitude }, inputRow],
            default: d.inputs.shift,
            description: 'Added to each feature after centring: one number for all, or d numbers.',
          },
        },
        allOf: [
          {
            if: { properties: { distribution: { const: 'points' } }, required: ['distribution'] },
            then: { required: ['points'] },
            else: { not: { required: ['points'] } },
          },
          {
            if: { properties: { distribution: { const: 'file' } }, required: ['distribution'] },
            then: { required: ['file'] },
            else: { not: { anyOf: [{ required: ['file'] }, { required: ['columns'] }] } },
          },
          { if: INPUTS_OF_TWO, then: { properties: { shift: { maxItems: 2 } } } },
        ],
      },
      start: { ...weights, default: d.start, description: 'The weights w at step 0: d numbers, [w1, w2] for two.' },
      axes: {
        type: 'array',
        minItems: 2,
        maxItems: 2,
        uniqueItems: true,
        items: { type: 'integer', minimum: 0, maximum: LIMITS.maxDimension - 1 },
        default: d.axes,
        description: 'The two weights the plane shows, 0-based; the target quadrant and distance act on them.',
      },
      target: {
        type: 'object',
        additionalProperties: false,
        description: 'The teacher weights w*: a quadrant and distance from start, or a point.',
        properties: {
          quadrant: {
            enum: QUADRANTS,
            default: target.quadrant,
            description: 'Direction from start: ne (with the grain of positive inputs), nw (against it: expect zig-zag), sw, se.',
          },
          distance: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: LIMITS.maxCoordinate,
            default: target.distance,
            description: 'Distance from start to w*.',
          },
          point: { ...weights, description: 'w* itself: d numbers, [w1, w2] for two.' },
        },
        not: { required: ['point'], anyOf: [{ required: ['quadrant'] }, { required: ['distance'] }] },
      },
      loss: {
        enum: LOSSES,
        default: d.loss,
        description: 'mse: ½(f − y)²; logistic: softplus(f) − y·f with soft labels y = σ(w*·x).',
      },
      labelNoise: {
        type: 'number',
        minimum: 0,
        maximum: LIMITS.maxMagnitude,
        default: d.labelNoise,
        description: 'Standard deviation of Gaussian noise added to mse labels.',
      },
      optimizer: optimizerSchema(),
      batchSize: {
        oneOf: [{ type: 'integer', minimum: 1, maximum: LIMITS.maxCount }, { const: 'full' }],
        default: d.batchSize,
        description: 'Examples per step, 1 … N, or "full" for N.',
      },
      order: { enum: ORDERS, default: d.order, description: 'cyclic, or a seeded permutation per epoch.' },
      steps: { type: 'integer', minimum: 1, maximum: LIMITS.maxSteps, default: d.steps, description: 'Optimizer steps T.' },
      seed: {
        type: 'integer',
        minimum: 0,
        maximum: LIMITS.maxSeed,
        default: d.seed,
        description: 'Seeds data, label noise and shuffling.',
      },
      function: {
        type: 'object',
        additionalProperties: false,
        description: 'With model "function": an expression in w1, w2 or a preset.',
        properties: {
          expression: {
            type: 'string',
            minLength: 1,
            maxLength: LIMITS.maxExpressionLength,
            pattern: '\\S',
            description: `An expression in w1, w2: + − * / ^, parentheses, numbers, ${FUNCTION_NAMES.join(' ')}.`,
          },
          preset: { enum: FUNCTION_PRESET_NAMES },
        },
        oneOf: [{ required: ['expression'] }, { required: ['preset'] }],
      },
      // Not part of the run: resolveScenario lets them through, src/shared/exerciseSchema.ts describes them.
      exercise: { description: 'An exercise on this scenario (docs/exercises.md).' },
      answers: { description: "The student's answers to the exercise's predictions." },
    },
    allOf: [
      {
        if: { properties: { model: { const: 'function' } }, required: ['model'] },
        then: {
          required: ['function'],
          properties: { target: { not: { anyOf: [{ required: ['quadrant'] }, { required: ['distance'] }] } } },
        },
        else: { not: { required: ['function'] } },
      },
      {
        if: WEIGHTS_OF_TWO,
        then: {
          properties: {
            start: { maxItems: 2 },
            target: { properties: { point: { maxItems: 2 } } },
            axes: { items: { maximum: 1 } },
          },
        },
      },
    ],
    definitions: {
      weights: numberList(LIMITS.maxCoordinate),
      inputRow: numberList(LIMITS.maxMagnitude),
    },
  };
}
