// The shipped JSON Schema (editor validation and completions) and the engine's validator must agree.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { ScenarioError, resolveScenario } from '../../src/engine/scenario';

const schema = JSON.parse(readFileSync(join(__dirname, '../../media/scenario.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(schema);

/** Each field: usually absent or valid, sometimes one of its classic mistakes. */
const maybe = <T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constant(undefined) },
    { weight: 10, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );

const pair = fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }));

const scenarioLike = fc
  .record(
    {
      version: maybe(fc.constant(1), 2, '1', 0),
      model: maybe(fc.constantFrom('neuron', 'function'), 'mlp', 3),
      inputs: maybe(
        fc.record(
          {
            distribution: maybe(fc.constantFrom('sigmoid', 'tanh', 'relu', 'gaussian', 'uniform', 'points'), 'softmax'),
            count: maybe(fc.integer({ min: 1, max: 500 }), 0, 1.5, 100001, '12'),
            mean: maybe(fc.double({ min: -5, max: 5, noNaN: true }), 'x', 2e6),
            std: maybe(fc.double({ min: 0, max: 5, noNaN: true }), -1),
            points: maybe(fc.array(pair, { minLength: 1, maxLength: 5 }), [], [[1]], [[1, 'a']], [[1, 2, 3]]),
            center: maybe(fc.boolean(), 'yes', 1),
            shift: maybe(pair, [1], [1, 2, 3], 'x'),
          },
          { requiredKeys: [] },
        ),
        'sigmoid',
        [1],
        null,
      ),
      start: maybe(pair, [1], [0, 2e6], '0,0', null),
      target: maybe(
        fc.oneof(
          fc.record(
            {
              quadrant: maybe(fc.constantFrom('ne', 'nw', 'sw', 'se'), 'north'),
              distance: maybe(fc.double({ min: 0.1, max: 10, noNaN: true }), 0, -1),
            },
            { requiredKeys: [] },
          ),
          fc.record({ point: pair }),
          fc.record({ point: pair, quadrant: fc.constant('ne') }),
        ),
        'nw',
        [],
      ),
      loss: maybe(fc.constantFrom('mse', 'logistic'), 'hinge'),
      labelNoise: maybe(fc.double({ min: 0, max: 2, noNaN: true }), -0.5),
      optimizer: maybe(
        fc.record(
          {
            name: maybe(fc.constantFrom('sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'), 'lbfgs'),
            lr: maybe(fc.double({ min: 1e-4, max: 2, noNaN: true }), 0, -1, '0.1'),
            momentum: maybe(fc.double({ min: 0, max: 1, noNaN: true }), 1.5),
            alpha: maybe(fc.double({ min: 0, max: 1, noNaN: true }), -0.1),
            beta1: maybe(fc.double({ min: 0, max: 0.999, noNaN: true }), 1),
            beta2: maybe(fc.double({ min: 0, max: 0.9999, noNaN: true }), 1, 2),
            eps: maybe(fc.double({ min: 0, max: 1e-3, noNaN: true }), -1e-8),
          },
          { requiredKeys: [] },
        ),
        'adam',
      ),
      batchSize: maybe(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('full')), 0, 'all', 2.5),
      order: maybe(fc.constantFrom('cyclic', 'shuffle'), 'random'),
      steps: maybe(fc.integer({ min: 1, max: 1000 }), 0, 1e8, 1.5),
      seed: maybe(fc.integer({ min: 0, max: 4294967295 }), -1, 0.5),
      function: maybe(
        fc.oneof(
          fc.record({ expression: fc.constantFrom('w1^2 + w2^2', 'sin(w1) * w2') }),
          fc.record({ preset: fc.constantFrom('quadratic', 'rotated', 'rosenbrock', 'beale', 'himmelblau') }),
        ),
        { expression: '' },
        { expression: '   ' },
        { preset: 'ackley' },
        { preset: 'beale', expression: 'w1' },
        {},
      ),
      typo: maybe(fc.constant(undefined), 1),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);

/** The one rule a JSON Schema cannot state: batchSize ≤ the number of examples. */
function isCrossFieldOnly(e: unknown): boolean {
  return e instanceof ScenarioError && e.field === 'batchSize' && /the number of examples/.test(e.message);
}

describe('JSON Schema and validator agree', () => {
  it('on random scenario-like objects, valid and invalid', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(scenarioLike, (o) => {
        const bySchema = validate(o);
        let error: unknown = null;
        try {
          resolveScenario(o);
        } catch (e) {
          error = e;
        }
        if (error === null) valid++;
        else invalid++;
        if (bySchema && error !== null && isCrossFieldOnly(error)) return;
        assert.equal(
          bySchema,
          error === null,
          `schema says ${bySchema ? 'valid' : JSON.stringify(validate.errors)}, validator says ${error === null ? 'valid' : String(error)} for ${JSON.stringify(o)}`,
        );
      }),
      { numRuns: 3000 },
    );
    // Both kinds must really have been exercised.
    assert.ok(valid > 300 && invalid > 300, `valid ${valid}, invalid ${invalid}`);
  });

  it('the schema documents every default the engine uses', () => {
    const props = (schema as { properties: Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }> })
      .properties;
    const engineDefaults = resolveScenario({});
    assert.equal(props.steps.default, engineDefaults.steps);
    assert.equal(props.optimizer.properties!.lr.default, engineDefaults.optimizer.lr);
    assert.equal(props.inputs.properties!.count.default, engineDefaults.inputs.count);
    assert.equal(props.target.properties!.quadrant.default, 'nw');
    assert.equal(props.batchSize.default, engineDefaults.batchSize);
  });
});
