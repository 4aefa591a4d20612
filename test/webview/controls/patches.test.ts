import * as assert from 'node:assert/strict';
import { resolveScenario } from '../../../src/engine/index';
import { mergeScenario } from '../../../src/shared/scenarioEdit';
import { axesPatch, dimensionPatch, targetControls } from '../../../webview/controls/patches';

describe('fan-in patches (webview/controls/patches.ts)', () => {
  it('a new d resizes the start, the shifts and a target point, and keeps the pair when it still exists', () => {
    const raw = { start: [0.5, -1], inputs: { shift: [2, 2] } };
    const wide = dimensionPatch(resolveScenario(raw), 4);
    assert.deepEqual(wide, { inputs: { dimension: 4, shift: 2 }, start: [0.5, -1, 0, 0] });
    const four = mergeScenario(raw, wide);
    assert.equal(resolveScenario(four).inputs.dimension, 4);
    // Back to 2: the field goes, the scenario reads as v1 wrote it.
    const back = mergeScenario(four, dimensionPatch(resolveScenario(four), 2));
    assert.deepEqual(back, { start: [0.5, -1], inputs: { shift: [2, 2] } });

    const pointed = resolveScenario({ inputs: { dimension: 5, shift: [1, 2, 3, 4, 5] }, axes: [4, 3], target: { point: [1, 2, 3, 4, 5] } });
    const p = dimensionPatch(pointed, 3);
    assert.deepEqual(p, { inputs: { dimension: 3, shift: [1, 2, 3] }, start: [0, 0, 0], axes: null, target: { point: [1, 2, 3] } });
    assert.doesNotThrow(() =>
      resolveScenario(
        mergeScenario({ inputs: { dimension: 5, shift: [1, 2, 3, 4, 5] }, axes: [4, 3], target: { point: [1, 2, 3, 4, 5] } }, p),
      ),
    );
  });

  it('the pair from 1-based weight numbers; a dragged target’s distance on the shown pair', () => {
    assert.deepEqual(axesPatch(3, 1), { axes: [2, 0] });
    const s = resolveScenario({ inputs: { dimension: 3 }, start: [0, 0, 0], axes: [2, 1], target: { point: [100, 4, 3] } });
    assert.deepEqual(targetControls(s), { quadrant: 'custom', distance: 5 });
  });
});
