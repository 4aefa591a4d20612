import * as assert from 'node:assert/strict';
import { resolveScenario } from '../../src/engine/index';
import { mergeScenario, setPath, splitVariants, startPatch, targetPatch } from '../../src/shared/scenarioEdit';

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

  it('startPatch and targetPatch put a point of the plane on the shown pair, keeping every other weight', () => {
    // d = 2 on (w1, w2): the point itself, as v1 writes it, with or without the scenario.
    const two = resolveScenario({ start: [1, 2] });
    assert.deepEqual(startPatch([3, 4], two), { start: [3, 4] });
    assert.deepEqual(startPatch([3, 4]), { start: [3, 4] });
    assert.deepEqual(targetPatch([3, 4], two), { target: { point: [3, 4], quadrant: null, distance: null } });
    // d = 2 shown as (w2, w1): across is w2.
    assert.deepEqual(startPatch([3, 4], resolveScenario({ start: [1, 2], axes: [1, 0] })), { start: [4, 3] });
    // d = 5 on (w4, w2): the start's other weights stay; w* (a quadrant from the start on the pair) keeps the start elsewhere.
    const wide = resolveScenario({
      inputs: { dimension: 5 },
      start: [1, 2, 3, 4, 5],
      axes: [3, 1],
      target: { quadrant: 'ne', distance: Math.SQRT2 },
    });
    assert.deepEqual(startPatch([-1, -2], wide), { start: [1, -2, 3, -1, 5] });
    const t = targetPatch([7, 8], wide).target as { point: number[] };
    assert.deepEqual(t.point, [1, 8, 3, 7, 5]);
    // A target point keeps its own values off the pair.
    const pointed = resolveScenario({ inputs: { dimension: 3 }, start: [0, 0, 0], axes: [2, 0], target: { point: [9, 9, 9] } });
    assert.deepEqual((targetPatch([1, 2], pointed).target as { point: number[] }).point, [2, 9, 1]);
    // The patched scenario is valid for the engine.
    assert.doesNotThrow(() => resolveScenario(mergeScenario({ inputs: { dimension: 5 }, axes: [3, 1] }, startPatch([0, 1], wide))));
  });
});
