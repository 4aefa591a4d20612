// The JSON Schema of a scenario file: the scenario's (src/engine/scenarioSchema.ts) with the `exercise`
// object and the `answers` beside it, derived from the lists and limits resolveExercise uses. The build
// writes it to dist/scenario.schema.json; a test checks it accepts and rejects what resolveExerciseFile
// does. Three rules it cannot state: prediction ids are unique, each answer's id is a prediction's, and
// the scenario's own exception (batchSize ≤ the number of examples).
import { scenarioSchema } from '../engine/scenarioSchema';
import { EXERCISE_LIMITS, GOAL_OPERATORS, METRIC_NAMES, PREDICTION_ID_PATTERN, TOLERANCE_KINDS } from './exercise';
import { EDITABLE_PATHS } from './exerciseFile';

type JsonSchema = { readonly [keyword: string]: unknown };

// The validator's rules for plain text, as patterns: something besides spaces, no control characters
// (a title none at all, a task or a question may break lines).
const notBlank = { pattern: '\\S' };
const oneLine = { pattern: '^[^\\u0000-\\u001f\\u007f]*$' };
const lines = { pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$' };

function plainText(maxLength: number, rule: JsonSchema, description: string): JsonSchema {
  return { type: 'string', minLength: 1, maxLength, allOf: [notBlank, rule], description };
}

const metric = { enum: METRIC_NAMES, description: 'A metric of the run (docs/scenario-format.md, "Metrics").' };

const GOAL_DESCRIPTIONS: Record<(typeof GOAL_OPERATORS)[number], string> = {
  atMost: 'Met when the metric has a value ≤ this.',
  atLeast: 'Met when the metric has a value ≥ this.',
  is: 'Met when the metric equals this; null: when the metric has no value (target not reached, no divergence).',
};

function goalSchema(): JsonSchema {
  return {
    oneOf: GOAL_OPERATORS.map((op) => ({
      type: 'object',
      additionalProperties: false,
      required: ['metric', op],
      properties: {
        metric,
        [op]: { type: op === 'is' ? ['number', 'null'] : 'number', description: GOAL_DESCRIPTIONS[op] },
      },
    })),
  };
}

function predictionSchema(): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'question', 'metric'],
    properties: {
      id: {
        type: 'string',
        maxLength: EXERCISE_LIMITS.idLength,
        pattern: PREDICTION_ID_PATTERN,
        description: 'The name the answer is filed under in `answers`.',
      },
      question: plainText(EXERCISE_LIMITS.questionLength, lines, 'What the student is asked.'),
      metric: { ...metric, description: 'The metric whose value the student predicts.' },
      within: { type: 'number', minimum: 0, description: 'Relative tolerance r: the answer p passes when |p − m| ≤ r·|m|.' },
      plusMinus: { type: 'number', minimum: 0, description: 'Absolute tolerance a: the answer p passes when |p − m| ≤ a.' },
    },
    oneOf: TOLERANCE_KINDS.map((k) => ({ required: [k] })),
  };
}

export function exerciseSchema(): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'task'],
    description: 'An exercise on this scenario: the task, what the student may change, goals and predictions (docs/exercises.md).',
    properties: {
      title: plainText(EXERCISE_LIMITS.titleLength, oneLine, 'A short title, one line of plain text.'),
      task: plainText(EXERCISE_LIMITS.taskLength, lines, 'What to do, in plain text.'),
      editable: {
        type: 'array',
        uniqueItems: true,
        items: { enum: EDITABLE_PATHS },
        default: [],
        description: 'The fields the student may change ("inputs" covers every inputs.* field); every other field is fixed.',
      },
      goals: {
        type: 'array',
        maxItems: EXERCISE_LIMITS.goals,
        items: goalSchema(),
        default: [],
        description: 'Conditions on the run\u2019s metrics, all of which must hold.',
      },
      predict: {
        type: 'array',
        maxItems: EXERCISE_LIMITS.predictions,
        items: predictionSchema(),
        default: [],
        description: 'Metrics the student predicts before seeing the run.',
      },
    },
  };
}

export function answersSchema(): JsonSchema {
  return {
    type: 'object',
    propertyNames: { maxLength: EXERCISE_LIMITS.idLength, pattern: PREDICTION_ID_PATTERN },
    additionalProperties: { type: 'number' },
    description: "The student's predictions, by prediction id. Always editable.",
  };
}

/** The schema dist/scenario.schema.json holds: a scenario, optionally with an exercise and answers. */
export function scenarioFileSchema(): JsonSchema {
  const base = scenarioSchema() as JsonSchema & { properties: Record<string, JsonSchema> };
  return {
    ...base,
    properties: { ...base.properties, exercise: exerciseSchema(), answers: answersSchema() },
    dependencies: { answers: ['exercise'] },
  };
}
