// The JSON Schema of scenario format v1 (editor validation and completion of *.zigzag.json), derived
// from the catalogs, LIMITS and DEFAULT_SCENARIO that the validator uses. The build writes it, with the
// exercise's fields filled in (src/shared/exerciseSchema.ts), to dist/scenario.schema.json; a test checks
// it accepts and rejects what resolveScenario does. It states every rule but one: batchSize ≤ the number
// of examples, which a schema cannot express.
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

/** [a, b] with both within ±bound. */
function numberPair(bound: number): JsonSchema {
  return { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number', minimum: -bound, maximum: bound } };
}

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
  const inputPair = { $ref: '#/definitions/inputPair' };
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
        description: '"neuron": f(x) = w1·x1 + w2·x2 trained on data; "function": minimise an expression f(w1, w2).',
      },
      inputs: {
        type: 'object',
        additionalProperties: false,
        description: "The neuron's training inputs x = (x1, x2).",
        properties: {
          distribution: {
            enum: DISTRIBUTIONS,
            default: d.inputs.distribution,
            description:
              'x = act(z) with z ~ Normal(mean, std²) per feature (gaussian: x = z; uniform: x = mean + std·U(0,1)); "points" uses inputs.points.',
          },
          count: {
            type: 'integer',
            minimum: 1,
            maximum: LIMITS.maxCount,
            default: d.inputs.count,
            description: 'Number of examples N (ignored for points).',
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
            items: inputPair,
            description: 'With distribution "points": the examples themselves, [[x1, x2], …].',
          },
          center: {
            type: 'boolean',
            default: d.inputs.center,
            description: "Subtract each feature's dataset mean (what batch norm's centring does).",
          },
          shift: { ...inputPair, default: d.inputs.shift, description: 'Added to each feature after centring.' },
        },
        if: { properties: { distribution: { const: 'points' } }, required: ['distribution'] },
        then: { required: ['points'] },
        else: { not: { required: ['points'] } },
      },
      start: { ...weights, default: d.start, description: 'The weights w at step 0, [w1, w2].' },
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
          point: { ...weights, description: 'w* itself, [w1, w2].' },
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
    if: { properties: { model: { const: 'function' } }, required: ['model'] },
    then: {
      required: ['function'],
      properties: { target: { not: { anyOf: [{ required: ['quadrant'] }, { required: ['distance'] }] } } },
    },
    else: { not: { required: ['function'] } },
    definitions: {
      weights: numberPair(LIMITS.maxCoordinate),
      inputPair: numberPair(LIMITS.maxMagnitude),
    },
  };
}
