import * as assert from 'node:assert/strict';
import { mergeScenario, setPath, splitVariants } from '../../src/shared/scenarioEdit';

describe('scenario editing', () => {
  it('setPath creates intermediate objects and leaves the input alone', () => {
    const base = { optimizer: { name: 'adam' } };
    const out = setPath(base, 'optimizer.lr', 0.1);
    assert.deepEqual(out, { optimizer: { name: 'adam', lr: 0.1 } });
    assert.deepEqual(base, { optimizer: { name: 'adam' } });
    assert.deepEqual(setPath({}, 'inputs.center', true), { inputs: { center: true } });
  });

  it('setPath refuses prototype keys and odd paths', () => {
    for (const p of ['__proto__.x', 'a.constructor', 'prototype', 'a..b', '', 'a.0', 'a-b']) {
      assert.throws(() => setPath({}, p, 1), /invalid field path/, p);
    }
    assert.throws(() => setPath({ steps: 5 }, 'steps.x', 1), /cannot set steps\.x: steps is not an object/);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('mergeScenario merges objects, replaces arrays, and null deletes (also inside new objects)', () => {
    assert.deepEqual(
      mergeScenario({ start: [1, 2], optimizer: { lr: 1, name: 'sgd' } }, { start: [3, 4], optimizer: { lr: null, momentum: 0.5 } }),
      { start: [3, 4], optimizer: { name: 'sgd', momentum: 0.5 } },
    );
    assert.deepEqual(mergeScenario({}, { target: { quadrant: 'ne', point: null } }), { target: { quadrant: 'ne' } });
    assert.deepEqual(mergeScenario({ target: { point: [1, 1] } }, { target: { quadrant: 'ne', distance: 2, point: null } }), {
      target: { quadrant: 'ne', distance: 2 },
    });
    assert.throws(() => mergeScenario({}, JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>), /invalid field/);
  });

  it('splitVariants keeps bracketed and quoted commas', () => {
    assert.deepEqual(splitVariants('1,2, 3'), ['1', '2', '3']);
    assert.deepEqual(splitVariants('[0,0],[1,-1]'), ['[0,0]', '[1,-1]']);
    assert.deepEqual(splitVariants('"a,b",{"x":[1,2]}'), ['"a,b"', '{"x":[1,2]}']);
    assert.deepEqual(splitVariants(''), []);
  });
});
