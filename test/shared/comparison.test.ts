import * as assert from 'node:assert/strict';
import { compareCentring } from '../../src/engine/centring';
import { resolveScenario } from '../../src/engine/scenario';
import { comparisonLabels, describeStepSizes } from '../../src/shared/comparison';

describe('comparison: why the two runs use their learning rates', () => {
  it('labels the runs by their distribution, or by their data file’s name', () => {
    assert.deepEqual(comparisonLabels({ distribution: 'relu' }), ['relu inputs (raw)', 'relu inputs, centred']);
    assert.deepEqual(comparisonLabels({ distribution: 'file', file: 'data/layers/acts.npy' }), [
      'acts.npy inputs (raw)',
      'acts.npy inputs, centred',
    ]);
  });

  it('a matched η out of range: says which η matching would need and the range’s end, with the curvatures', () => {
    const s = resolveScenario({
      inputs: {
        distribution: 'points',
        points: [
          [100, 100],
          [100.0001, 99.9999],
        ],
      },
    });
    const { raw, centred, ...choice } = compareCentring(s);
    const why = describeStepSizes(choice, [raw.optimizer.lr, centred.optimizer.lr], 'sgd');
    assert.match(
      why,
      /^Both runs use η = 0\.5: the same normalised step η·λmax would need a centred η of \d\.\d\de1[0-9], above the largest learning rate a scenario takes \(1e6\); λmax/,
    );
  });
});
