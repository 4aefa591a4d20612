import * as assert from 'node:assert/strict';
import type { Metrics } from '../../../src/engine/types';
import { METRIC_NAMES, type Goal } from '../../../src/shared/exercise';
import { EDITABLE_PATHS } from '../../../src/shared/exerciseFile';
import { describeActual, describeGoal, describeTolerance, formatValue, parseAnswer } from '../../../webview/exercise/exerciseText';
import { CONTROL_FIELDS, controlLock, lockOf, markerLocks } from '../../../webview/exercise/locks';

const METRICS: Metrics = {
  lockedFraction: 0.7496,
  pathEfficiency: 0.25,
  reversals: 1234,
  stepsToTarget: null,
  finalLoss: 0.00012,
  finalDistance: 2.5,
  conditionNumber: 40006,
  divergedAt: null,
};

describe('an exercise in words (webview/exercise/exerciseText.ts)', () => {
  it('says what a goal asks, in the units answers are written in', () => {
    assert.equal(describeGoal({ metric: 'stepsToTarget', atMost: 15 }), 'Steps to target ≤ 15');
    assert.equal(describeGoal({ metric: 'pathEfficiency', atLeast: 0.75 }), 'Path efficiency ≥ 0.75 (75%)');
    assert.equal(describeGoal({ metric: 'divergedAt', is: null }), 'Diverged at = never');
    assert.equal(describeGoal({ metric: 'stepsToTarget', is: null }), 'Steps to target = not reached');
    assert.equal(formatValue('reversals', 1234), '1,234');
    assert.equal(formatValue('finalLoss', 0.00012), '1.20e-4');
  });

  it("gives the run's value more digits where it would read as the goal's value", () => {
    const goal: Goal = { metric: 'lockedFraction', atLeast: 0.75 };
    assert.equal(formatValue('lockedFraction', 0.7496), formatValue('lockedFraction', 0.75), 'the same at 3 digits');
    assert.equal(describeActual(goal, METRICS), '0.7496');
    assert.equal(describeActual({ metric: 'pathEfficiency', atLeast: 0.75 }, METRICS), '0.25 (25%)');
    assert.equal(describeActual({ metric: 'stepsToTarget', atMost: 60 }, METRICS), 'not reached');
  });

  it('says each tolerance, and reads an answer or says why not', () => {
    assert.equal(describeTolerance({ id: 'a', question: 'q', metric: 'reversals', within: 0.1 }), 'within 10% of the true value');
    assert.equal(describeTolerance({ id: 'a', question: 'q', metric: 'reversals', plusMinus: 5 }), 'within ±5 of the true value');
    assert.deepEqual(parseAnswer(' 0.5 '), { ok: true, value: 0.5 });
    assert.deepEqual(parseAnswer('-3e2'), { ok: true, value: -300 });
    assert.deepEqual(parseAnswer(''), { ok: false, message: 'Enter a number.' });
    assert.deepEqual(parseAnswer('half'), { ok: false, message: '“half” is not a number.' });
    assert.deepEqual(parseAnswer('Infinity'), { ok: false, message: '“Infinity” is not a number.' });
  });
});

describe("an exercise's locks (webview/exercise/locks.ts)", () => {
  const view = (editable: string[]) => ({
    exercise: { title: 't', task: 't', editable, goals: [], predict: [] },
    answers: {},
    problem: null,
  });

  it('names only fields of the scenario format', () => {
    for (const [name, fields] of Object.entries(CONTROL_FIELDS)) {
      for (const f of fields) assert.ok(EDITABLE_PATHS.includes(f), `${name}: ${f} is a scenario field`);
    }
    assert.ok(METRIC_NAMES.length > 0);
  });

  it('locks a control whose fields are not all editable, and says which', () => {
    assert.equal(lockOf(null, ['batchSize']), null);
    assert.equal(controlLock(view(['batchSize']), 'batchSize'), null);
    assert.equal(controlLock(view(['optimizer']), 'lr'), null, 'a path covers what is below it');
    assert.equal(
      controlLock(view(['batchSize']), 'quadrant')?.reason,
      'Fixed by the exercise (target). This exercise lets you change only batchSize.',
    );
    assert.equal(controlLock(view(['target']), 'quadrant'), null);
    assert.equal(
      controlLock(view(['model']), 'model')?.reason,
      'Fixed by the exercise (function, target). This exercise lets you change only model.',
    );
    assert.equal(
      controlLock(view([]), 'a-control-nobody-listed')?.reason,
      'Fixed by the exercise. This exercise fixes every control: answer its questions.',
    );
    assert.match(controlLock(view(EDITABLE_PATHS.slice()), 'reset')?.reason ?? '', /^Reset would replace the exercise's scenario/);
    assert.deepEqual(markerLocks(view(['start'])), {
      start: null,
      target: 'Fixed by the exercise (target). This exercise lets you change only start.',
    });
  });
});
