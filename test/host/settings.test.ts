import * as assert from 'node:assert/strict';
import { changedSettingsPatch, scenarioDefaults, uiSettings } from '../../src/host/settings';

const reader =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('settings', () => {
  it('unset settings leave the engine defaults', () => {
    assert.deepEqual(scenarioDefaults(reader({})), { scenario: {}, problems: [] });
  });

  it('map to scenario fields', () => {
    const { scenario, problems } = scenarioDefaults(
      reader({
        'defaults.start': [1, 1],
        'defaults.targetQuadrant': 'ne',
        'defaults.targetDistance': 2,
        'defaults.inputs': 'tanh',
        'defaults.center': true,
        'defaults.optimizer': 'adam',
        'defaults.learningRate': 0.05,
        'defaults.batchSize': 8,
        'defaults.steps': 300,
        'defaults.seed': 9,
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(scenario, {
      start: [1, 1],
      target: { quadrant: 'ne', distance: 2 },
      inputs: { distribution: 'tanh', center: true },
      optimizer: { name: 'adam', lr: 0.05 },
      batchSize: 8,
      steps: 300,
      seed: 9,
    });
  });

  it('a bad setting is reported by name and skipped; the others still apply', () => {
    const { scenario, problems } = scenarioDefaults(
      reader({ 'defaults.learningRate': -1, 'defaults.steps': 50, 'defaults.inputs': 'softmax' }),
    );
    assert.deepEqual(scenario, { steps: 50 });
    assert.deepEqual(problems, [
      'Setting zigzag.defaults.inputs is ignored: inputs.distribution must be one of "sigmoid", "tanh", "relu", "gaussian", "uniform", "points", "file", got "softmax"',
      'Setting zigzag.defaults.learningRate is ignored: optimizer.lr must be a finite number > 0, got -1',
    ]);
  });

  it('changed settings become a patch; a removed setting resets its field', () => {
    const patch = changedSettingsPatch(reader({ 'defaults.steps': 90 }), (k) => k === 'defaults.steps' || k === 'defaults.seed');
    assert.deepEqual(patch, { steps: 90, seed: null });
  });

  it('UI settings are clamped to sane ranges', () => {
    assert.deepEqual(uiSettings(reader({})), { stepsPerSecond: 60, contourLevels: 14 });
    assert.deepEqual(uiSettings(reader({ 'ui.stepsPerSecond': 1e9, 'ui.contourLevels': 7.6 })), { stepsPerSecond: 2000, contourLevels: 8 });
    assert.deepEqual(uiSettings(reader({ 'ui.stepsPerSecond': 'fast' })), { stepsPerSecond: 60, contourLevels: 14 });
  });
});
