// The JSON Schema the build ships for scenario files (editor validation of `exercise` and `answers`) and
// resolveExerciseFile must agree: two derivations from the same lists, compared on random exercises,
// valid and broken.
import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import fc from 'fast-check';
import { ScenarioError } from '../../src/engine/index';
import { METRIC_NAMES } from '../../src/shared/exercise';
import { EDITABLE_PATHS, resolveExerciseFile } from '../../src/shared/exerciseFile';
import { scenarioFileSchema } from '../../src/shared/exerciseSchema';

const schema = JSON.parse(JSON.stringify(scenarioFileSchema())) as object;
const validate = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(schema);

/** Usually absent or valid, sometimes one of its classic mistakes. */
const maybe = <T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 12, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );

const metric = fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...METRIC_NAMES) }, { weight: 1, arbitrary: fc.constant('loss') });
const number = fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double({ min: -2, max: 2, noNaN: true }));

const goal = fc.oneof(
  fc.record({ metric, atMost: number }),
  fc.record({ metric, atLeast: number }),
  fc.record({ metric, is: fc.oneof(number, fc.constant(null)) }),
  fc.constantFrom(
    { metric: 'reversals' },
    { metric: 'reversals', atMost: 1, is: 1 },
    { metric: 'reversals', atMost: '1' },
    { atMost: 1 },
    5,
  ),
);

const text = (max: number): fc.Arbitrary<unknown> =>
  maybe(
    fc.string({ minLength: 1, maxLength: 30 }).map((s) => `Q ${s}`),
    '',
    ' ',
    'x'.repeat(max + 1),
    'a\u0000b',
    7,
  );

const prediction = (id: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        { id, question: text(500), metric, within: fc.double({ min: 0, max: 1, noNaN: true }) },
        { requiredKeys: ['id', 'metric', 'within'] },
      ),
    },
    {
      weight: 6,
      arbitrary: fc.record(
        { id, question: text(500), metric, plusMinus: fc.double({ min: 0, max: 10, noNaN: true }) },
        { requiredKeys: ['id', 'metric', 'plusMinus'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { id: 'a', question: 'q', metric: 'reversals' },
        { id: 'a', question: 'q', metric: 'reversals', within: -1 },
        { id: 'a', question: 'q', metric: 'reversals', within: 0.1, plusMinus: 1 },
      ),
    },
  );

const ids = fc.constantFrom('a', 'b', 'steps', 'locked-1', '1a', 'a b', '');

const exerciseLike = fc.record(
  {
    title: maybe(
      fc.string({ minLength: 1, maxLength: 40 }).map((s) => `T ${[...s].filter((c) => c >= ' ' && c !== '\u007f').join('')}`),
      '',
      'a\nb',
      'x'.repeat(121),
      null,
    ),
    task: text(2000),
    editable: maybe(
      fc.uniqueArray(fc.constantFrom(...EDITABLE_PATHS), { maxLength: 4 }),
      ['inputs', 'inputs'],
      ['optimiser'],
      'inputs',
      [3],
    ),
    goals: maybe(fc.array(goal, { maxLength: 3 }), {}, 'none'),
    predict: maybe(fc.uniqueArray(prediction(ids), { maxLength: 3, selector: (p) => (p as { id: unknown }).id }), 'x'),
    extra: maybe(fc.constant(undefined), 1),
  },
  { requiredKeys: [] },
);

const fileLike = fc
  .record(
    {
      steps: maybe(fc.integer({ min: 1, max: 50 }), 0),
      exercise: maybe(exerciseLike, 'x', null),
      answers: maybe(fc.dictionary(ids, fc.oneof(number, fc.constant('1')), { maxKeys: 2 }), [1]),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);

/** The rules a JSON Schema cannot state: unique prediction ids, and answers only for the predictions asked. */
function isCrossFieldOnly(e: unknown): boolean {
  return (
    e instanceof ScenarioError &&
    (/^answers\./.test(e.field) ? /answers no prediction/.test(e.message) : /is already the id of/.test(e.message))
  );
}

describe('scenario file JSON Schema and resolveExerciseFile agree', () => {
  it('on random files with exercises and answers, valid and broken', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(fileLike, (o) => {
        const bySchema = validate(o);
        let error: unknown = null;
        try {
          resolveExerciseFile(o);
        } catch (e) {
          error = e;
        }
        if (error === null) valid++;
        else invalid++;
        if (bySchema && isCrossFieldOnly(error)) return;
        assert.equal(
          bySchema,
          error === null,
          `schema says ${bySchema ? 'valid' : JSON.stringify(validate.errors)}, validator says ${error === null ? 'valid' : String(error)} for ${JSON.stringify(o)}`,
        );
      }),
      { numRuns: 3000 },
    );
    assert.ok(valid > 300 && invalid > 300, `valid ${valid}, invalid ${invalid}`);
  });

  it('offers every metric and every editable path by name, for completion in the editor', () => {
    type Node = { properties?: Record<string, Node>; items?: Node & { enum?: unknown } };
    const exercise = (schema as { properties: Record<string, Node> }).properties.exercise;
    assert.deepEqual(exercise.properties!.editable.items!.enum, EDITABLE_PATHS);
    const predictMetric = exercise.properties!.predict.items!.properties!.metric as { enum: unknown };
    assert.deepEqual(predictMetric.enum, METRIC_NAMES);
  });
});
