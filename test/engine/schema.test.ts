// The JSON Schema the build ships (editor validation and completions) and the engine's validator must
// agree: two derivations from the same catalogs, compared on random valid and invalid scenarios.
import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import fc from 'fast-check';
import { DISTRIBUTIONS, LOSSES, MODELS, ORDERS, QUADRANTS } from '../../src/engine/catalog/choices';
import { FUNCTION_PRESET_NAMES } from '../../src/engine/catalog/functionPresets';
import { HYPERPARAMETERS, HYPERPARAMETER_NAMES, OPTIMIZER_NAMES, type Range } from '../../src/engine/catalog/optimizers';
import { ScenarioError, resolveScenario } from '../../src/engine/scenario';
import { scenarioSchema } from '../../src/engine/scenarioSchema';

const schema = JSON.parse(JSON.stringify(scenarioSchema())) as object;
const validate = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(schema);

/** Each field: usually absent or valid, sometimes one of its classic mistakes. */
const maybe = <T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constant(undefined) },
    { weight: 10, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );

/** A hyperparameter: within its range, or just outside either end, or a number written as text. */
const hyperparameter = (r: Range): fc.Arbitrary<unknown> =>
  maybe(
    fc.double({
      min: r.min,
      max: Math.min(r.max, r.min + 2),
      noNaN: true,
      minExcluded: r.minOpen,
      maxExcluded: r.maxOpen && r.max <= r.min + 2,
    }),
    r.minOpen ? r.min : r.min - 0.5,
    ...(r.max === Infinity ? [] : [r.maxOpen ? r.max : r.max + 0.5]),
    String(r.min + 0.1),
  );

const pair = fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }));

const scenarioLike = fc
  .record(
    {
      version: maybe(fc.constant(1), 2, '1', 0),
      model: maybe(fc.constantFrom(...MODELS), 'mlp', 3),
      inputs: maybe(
        fc.record(
          {
            distribution: maybe(fc.constantFrom(...DISTRIBUTIONS), 'softmax'),
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
              quadrant: maybe(fc.constantFrom(...QUADRANTS), 'north'),
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
      loss: maybe(fc.constantFrom(...LOSSES), 'hinge'),
      labelNoise: maybe(fc.double({ min: 0, max: 2, noNaN: true }), -0.5),
      optimizer: maybe(
        fc.record(
          {
            name: maybe(fc.constantFrom(...OPTIMIZER_NAMES), 'lbfgs'),
            ...Object.fromEntries(HYPERPARAMETER_NAMES.map((k) => [k, hyperparameter(HYPERPARAMETERS[k].range)])),
          },
          { requiredKeys: [] },
        ),
        'adam',
      ),
      batchSize: maybe(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('full')), 0, 'all', 2.5),
      order: maybe(fc.constantFrom(...ORDERS), 'random'),
      steps: maybe(fc.integer({ min: 1, max: 1000 }), 0, 1e8, 1.5),
      seed: maybe(fc.integer({ min: 0, max: 4294967295 }), -1, 0.5),
      function: maybe(
        fc.oneof(
          fc.record({ expression: fc.constantFrom('w1^2 + w2^2', 'sin(w1) * w2') }),
          fc.record({ preset: fc.constantFrom(...FUNCTION_PRESET_NAMES) }),
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

/**
 * The rules a JSON Schema cannot state: batchSize ≤ the number of examples, and lists of d numbers
 * agreeing with a d that the points (or inputs.dimension, or a data file) give.
 */
function isCrossFieldOnly(e: unknown): boolean {
  if (!(e instanceof ScenarioError)) return false;
  return (e.field === 'batchSize' && /the number of examples/.test(e.message)) || /\(one per input\)/.test(e.message);
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
    type Props = Record<string, { default?: unknown; properties?: Props }>;
    const props = (schema as { properties: Props }).properties;
    const engineDefaults = resolveScenario({});
    assert.equal(props.steps.default, engineDefaults.steps);
    assert.equal(props.inputs.properties!.count.default, engineDefaults.inputs.count);
    assert.equal(props.target.properties!.quadrant.default, 'nw');
    assert.equal(props.batchSize.default, engineDefaults.batchSize);
    assert.equal(props.optimizer.properties!.name.default, engineDefaults.optimizer.name);
    for (const k of HYPERPARAMETER_NAMES) assert.equal(props.optimizer.properties![k].default, engineDefaults.optimizer[k], k);
  });

  it('every enum in the schema is one of the catalogs, whole and in order', () => {
    const expected: Record<string, readonly string[]> = {
      model: MODELS,
      'inputs.distribution': DISTRIBUTIONS,
      'target.quadrant': QUADRANTS,
      loss: LOSSES,
      'optimizer.name': OPTIMIZER_NAMES,
      order: ORDERS,
      'function.preset': FUNCTION_PRESET_NAMES,
    };
    const found: Record<string, unknown> = {};
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      if (o.enum) found[path] = o.enum;
      const props = o.properties as Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(props ?? {})) walk(v, path ? `${path}.${k}` : k);
    };
    walk(schema, '');
    assert.deepEqual(found, expected);
  });
});
