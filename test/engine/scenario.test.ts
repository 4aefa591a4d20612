import * as assert from 'node:assert/strict';
import {
  HYPERPARAMETERS,
  HYPERPARAMETER_NAMES,
  OPTIMIZER_NAMES,
  OPTIMIZER_CATALOG,
  hyperparameterDefault,
} from '../../src/engine/catalog/optimizers';
import { DEFAULT_SCENARIO, ScenarioError, resolveScenario, scenarioToJson } from '../../src/engine/scenario';

/** Asserts that resolving `input` fails with exactly `message` (and the error names `field`). */
function rejects(input: unknown, message: string, field?: string): void {
  assert.throws(
    () => resolveScenario(input),
    (e: unknown) => {
      assert.ok(e instanceof ScenarioError, `expected ScenarioError, got ${String(e)}`);
      assert.equal(e.message, message);
      if (field !== undefined) assert.equal(e.field, field);
      return true;
    },
  );
}

describe('scenario: defaults', () => {
  it('an empty object is the classic demo', () => {
    assert.deepEqual(resolveScenario({}), DEFAULT_SCENARIO);
  });

  it('fills nested defaults field by field', () => {
    const s = resolveScenario({ optimizer: { name: 'adam' }, inputs: { distribution: 'tanh' }, target: { quadrant: 'ne' } });
    assert.equal(s.optimizer.lr, 0.5);
    assert.equal(s.optimizer.beta2, 0.999);
    assert.equal(s.inputs.count, 256);
    assert.equal(s.inputs.distribution, 'tanh');
    assert.deepEqual(s.target, { quadrant: 'ne', distance: 3 });
  });

  it('adagrad defaults eps to 1e-10, the others to 1e-8', () => {
    assert.equal(resolveScenario({ optimizer: { name: 'adagrad' } }).optimizer.eps, 1e-10);
    assert.equal(resolveScenario({ optimizer: { name: 'rmsprop' } }).optimizer.eps, 1e-8);
    assert.equal(resolveScenario({ optimizer: { name: 'adagrad', eps: 1e-6 } }).optimizer.eps, 1e-6);
  });

  it('function model: no default target, the preset gives w*, an expression has none', () => {
    assert.equal(resolveScenario({ model: 'function', function: { preset: 'beale' } }).target, null);
    assert.deepEqual(resolveScenario({ model: 'function', function: { expression: 'w1^2' }, target: { point: [1, 2] } }).target, {
      point: [1, 2],
    });
  });

  it('the resolved form re-validates to itself', () => {
    for (const input of [
      {},
      { model: 'function', function: { preset: 'rosenbrock' } },
      {
        inputs: {
          distribution: 'points',
          points: [
            [1, 2],
            [3, 4],
          ],
        },
        batchSize: 'full',
        target: { point: [1, 1] },
      },
    ]) {
      const s = resolveScenario(input);
      assert.deepEqual(resolveScenario(scenarioToJson(s)), s);
    }
  });
});

describe('scenario: every validation error names its field', () => {
  const cases: [string, unknown, string, string][] = [
    ['not an object', [1, 2], 'scenario must be a JSON object, got [1,2]', ''],
    ['null', null, 'scenario must be a JSON object, got null', ''],
    ['version', { version: 2 }, 'version must be 1, got 2', 'version'],
    [
      'unknown top-level field',
      { stpes: 10 },
      'unknown field stpes (allowed: $schema, version, model, inputs, start, target, loss, labelNoise, optimizer, batchSize, order, steps, seed, function, exercise, answers, axes)',
      'stpes',
    ],
    [
      'unknown nested field',
      { optimizer: { learningRate: 1 } },
      'unknown field optimizer.learningRate (allowed: name, lr, momentum, alpha, beta1, beta2, eps)',
      'optimizer.learningRate',
    ],
    ['model', { model: 'mlp' }, 'model must be one of "neuron", "function", got "mlp"', 'model'],
    ['lr negative', { optimizer: { lr: -1 } }, 'optimizer.lr must be a finite number > 0, got -1', 'optimizer.lr'],
    ['lr zero', { optimizer: { lr: 0 } }, 'optimizer.lr must be a finite number > 0, got 0', 'optimizer.lr'],
    ['lr string', { optimizer: { lr: '0.1' } }, 'optimizer.lr must be a finite number > 0 and ≤ 1000000, got "0.1"', 'optimizer.lr'],
    ['lr huge (issue 17)', { optimizer: { lr: 1.5e308 } }, 'optimizer.lr must be a finite number ≤ 1000000, got 1.5e+308', 'optimizer.lr'],
    [
      'lr infinite',
      JSON.parse('{ "optimizer": { "lr": 1e309 } }'),
      'optimizer.lr must be a finite number > 0 and ≤ 1000000, got Infinity',
      'optimizer.lr',
    ],
    [
      'optimizer name',
      { optimizer: { name: 'lbfgs' } },
      `optimizer.name must be one of ${OPTIMIZER_NAMES.map((n) => `"${n}"`).join(', ')}, got "lbfgs"`,
      'optimizer.name',
    ],
    ['beta1 = 1', { optimizer: { beta1: 1 } }, 'optimizer.beta1 must be a finite number < 1, got 1', 'optimizer.beta1'],
    ['momentum > 1', { optimizer: { momentum: 1.5 } }, 'optimizer.momentum must be a finite number ≤ 1, got 1.5', 'optimizer.momentum'],
    ['count 0', { inputs: { count: 0 } }, 'inputs.count must be an integer from 1 to 100000, got 0', 'inputs.count'],
    ['count fractional', { inputs: { count: 2.5 } }, 'inputs.count must be an integer from 1 to 100000, got 2.5', 'inputs.count'],
    [
      'distribution',
      { inputs: { distribution: 'softmax' } },
      'inputs.distribution must be one of "sigmoid", "tanh", "relu", "gaussian", "uniform", "points", "file", got "softmax"',
      'inputs.distribution',
    ],
    ['std negative', { inputs: { std: -1 } }, 'inputs.std must be a finite number ≥ 0, got -1', 'inputs.std'],
    ['center not boolean', { inputs: { center: 'yes' } }, 'inputs.center must be true or false, got "yes"', 'inputs.center'],
    ['shift', { inputs: { shift: [1] } }, 'inputs.shift must be two finite numbers [w1, w2] within ±1000000, got [1]', 'inputs.shift'],
    [
      'points missing',
      { inputs: { distribution: 'points' } },
      'inputs.points is required when inputs.distribution is "points"',
      'inputs.points',
    ],
    ['points unused', { inputs: { points: [[1, 2]] } }, 'inputs.points is only used when inputs.distribution is "points"', 'inputs.points'],
    [
      'points empty',
      { inputs: { distribution: 'points', points: [] } },
      'inputs.points must be an array of 1 to 100000 points [x1, x2], got []',
      'inputs.points',
    ],
    [
      'bad point',
      {
        inputs: {
          distribution: 'points',
          points: [
            [1, 2],
            [3, 'x'],
          ],
        },
      },
      'inputs.points[1][1] must be a finite number within ±1000000, got "x"',
      'inputs.points[1][1]',
    ],
    ['start', { start: [0, Infinity] }, 'start[1] must be a finite number within ±1000000, got Infinity', 'start[1]'],
    [
      'start 1e309 (issue 17)',
      JSON.parse('{ "start": [1e309, 0] }'),
      'start[0] must be a finite number within ±1000000, got Infinity',
      'start[0]',
    ],
    ['start too far', { start: [0, -2e6] }, 'start[1] must be a finite number within ±1000000, got -2000000', 'start[1]'],
    [
      'target point NaN',
      { target: { point: [NaN, 1] } },
      'target.point[0] must be a finite number within ±1000000, got NaN',
      'target.point[0]',
    ],
    ['start string', { start: '1,2' }, 'start must be two finite numbers [w1, w2] within ±1000000, got "1,2"', 'start'],
    [
      'quadrant',
      { target: { quadrant: 'north' } },
      'target.quadrant must be one of "ne", "nw", "sw", "se", got "north"',
      'target.quadrant',
    ],
    ['distance 0', { target: { distance: 0 } }, 'target.distance must be a finite number > 0, got 0', 'target.distance'],
    ['target both', { target: { point: [1, 1], quadrant: 'ne' } }, 'target takes either point or quadrant/distance, not both', 'target'],
    [
      'function quadrant',
      { model: 'function', function: { preset: 'beale' }, target: { quadrant: 'nw' } },
      'target.quadrant is not used with model "function" (use target.point)',
      'target.quadrant',
    ],
    ['loss', { loss: 'hinge' }, 'loss must be one of "mse", "logistic", got "hinge"', 'loss'],
    ['labelNoise', { labelNoise: -0.1 }, 'labelNoise must be a finite number ≥ 0, got -0.1', 'labelNoise'],
    [
      'batch too big',
      { batchSize: 300 },
      'batchSize must be an integer from 1 to 256 (the number of examples) or "full", got 300',
      'batchSize',
    ],
    [
      'batch for points',
      {
        inputs: {
          distribution: 'points',
          points: [
            [1, 1],
            [2, 1],
          ],
        },
        batchSize: 3,
      },
      'batchSize must be an integer from 1 to 2 (the number of examples) or "full", got 3',
      'batchSize',
    ],
    [
      'batch word',
      { batchSize: 'all' },
      'batchSize must be an integer from 1 to 256 (the number of examples) or "full", got "all"',
      'batchSize',
    ],
    ['order', { order: 'random' }, 'order must be one of "cyclic", "shuffle", got "random"', 'order'],
    ['steps 0', { steps: 0 }, 'steps must be an integer from 1 to 10000000, got 0', 'steps'],
    ['steps too many', { steps: 1e8 }, 'steps must be an integer from 1 to 10000000, got 100000000', 'steps'],
    ['seed', { seed: -1 }, 'seed must be an integer from 0 to 4294967295, got -1', 'seed'],
    ['function missing', { model: 'function' }, 'function.expression or function.preset is required when model is "function"', 'function'],
    ['function with neuron', { function: { preset: 'beale' } }, 'function is only used when model is "function"', 'function'],
    [
      'function both',
      { model: 'function', function: { preset: 'beale', expression: 'w1' } },
      'function takes exactly one of expression or preset',
      'function',
    ],
    [
      'preset',
      { model: 'function', function: { preset: 'ackley' } },
      'function.preset must be one of "quadratic", "rotated", "rosenbrock", "beale", "himmelblau", got "ackley"',
      'function.preset',
    ],
    [
      'empty expression',
      { model: 'function', function: { expression: '  ' } },
      'function.expression must be a non-empty string of at most 1000 characters, got "  "',
      'function.expression',
    ],
    [
      'bad expression',
      { model: 'function', function: { expression: 'w1 + x' } },
      "function.expression: unknown identifier 'x' at position 5 (allowed: w1, w2, exp, log, sqrt, abs, sin, cos, tanh, sigmoid, softplus)",
      'function.expression',
    ],
  ];
  for (const [name, input, message, field] of cases) {
    it(name, () => rejects(input, message, field));
  }
});

describe('scenario: every hyperparameter has a finite range (issue 17), the validator’s', () => {
  /** The double next to v towards +Infinity (sign +1) or −Infinity (−1). */
  const next = (v: number, sign: 1 | -1): number => {
    const b = new DataView(new ArrayBuffer(8));
    if (v === 0) return sign * Number.MIN_VALUE;
    b.setFloat64(0, v);
    b.setBigUint64(0, b.getBigUint64(0) + (v > 0 === sign > 0 ? 1n : -1n));
    return b.getFloat64(0);
  };

  for (const k of HYPERPARAMETER_NAMES) {
    it(`optimizer.${k}: finite ends, its defaults inside, the ends as the range says and nothing past them`, () => {
      const r = HYPERPARAMETERS[k].range;
      assert.ok(Number.isFinite(r.min) && Number.isFinite(r.max) && r.min < r.max, JSON.stringify(r));
      for (const o of OPTIMIZER_CATALOG) resolveScenario({ optimizer: { name: o.name, [k]: hyperparameterDefault(o.name, k) } });
      const takes = (v: number): boolean => {
        try {
          resolveScenario({ optimizer: { [k]: v } });
          return true;
        } catch (e) {
          assert.ok(e instanceof ScenarioError && e.field === `optimizer.${k}`, String(e));
          return false;
        }
      };
      assert.equal(takes(r.min), !r.minOpen);
      assert.equal(takes(r.max), !r.maxOpen);
      assert.equal(takes(next(r.min, 1)), true);
      assert.equal(takes(next(r.max, -1)), true);
      assert.equal(takes(next(r.min, -1)), false);
      assert.equal(takes(next(r.max, 1)), false);
    });
  }
});
