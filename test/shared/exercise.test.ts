// The exercise's rules on their own (docs/exercises.md): every goal operator, metrics without a value,
// both kinds of tolerance at their edges, and which fields `editable` covers.
import * as assert from 'node:assert/strict';
import { resolveScenario, simulate } from '../../src/engine/index';
import {
  GOAL_OPERATORS,
  METRIC_NAMES,
  goalMet,
  goalOperator,
  goalValue,
  isEditable,
  predictionPasses,
  type Goal,
  type Prediction,
} from '../../src/shared/exercise';

describe('exercise rules', () => {
  it('goals and predictions name exactly the metrics a run reports', () => {
    const { metrics } = simulate(resolveScenario({ steps: 10 }));
    assert.deepEqual([...METRIC_NAMES].sort(), Object.keys(metrics).sort());
  });

  it('atMost: met at and below the value, not above it, not by a metric without a value', () => {
    const goal: Goal = { metric: 'stepsToTarget', atMost: 60 };
    assert.equal(goalOperator(goal), 'atMost');
    assert.equal(goalValue(goal), 60);
    assert.equal(goalMet(goal, 59), true);
    assert.equal(goalMet(goal, 60), true);
    assert.equal(goalMet(goal, 61), false);
    assert.equal(goalMet(goal, null), false, 'a target never reached is not "at most 60 steps"');
  });

  it('atLeast: met at and above the value, not below it, not by a metric without a value', () => {
    const goal: Goal = { metric: 'pathEfficiency', atLeast: 0.75 };
    assert.equal(goalOperator(goal), 'atLeast');
    assert.equal(goalMet(goal, 0.75), true);
    assert.equal(goalMet(goal, 0.9), true);
    assert.equal(goalMet(goal, 0.7499999), false);
    assert.equal(goalMet(goal, null), false);
  });

  it('is: a number only by that number, null only by a metric without a value', () => {
    const never: Goal = { metric: 'divergedAt', is: null };
    assert.equal(goalOperator(never), 'is');
    assert.equal(goalValue(never), null);
    assert.equal(goalMet(never, null), true);
    assert.equal(goalMet(never, 0), false, 'diverging at step 0 is not "never"');
    const zero: Goal = { metric: 'reversals', is: 0 };
    assert.equal(goalMet(zero, 0), true);
    assert.equal(goalMet(zero, 1), false);
    assert.equal(goalMet(zero, null), false);
    assert.deepEqual(GOAL_OPERATORS, ['atMost', 'atLeast', 'is']);
  });

  it('a relative tolerance allows |p − m| ≤ r·|m|, on either side, for negative metrics too', () => {
    const quarter: Prediction = { id: 'steps', question: 'q', metric: 'stepsToTarget', within: 0.25 };
    assert.equal(predictionPasses(quarter, 125, 100), true);
    assert.equal(predictionPasses(quarter, 75, 100), true);
    assert.equal(predictionPasses(quarter, 126, 100), false);
    assert.equal(predictionPasses(quarter, 74, 100), false);
    assert.equal(predictionPasses(quarter, -0.75, -1), true, 'r·|m|, not r·m');
    assert.equal(predictionPasses(quarter, -1.5, -1), false);
    // Of a metric that is 0, only 0 is within any share of it.
    assert.equal(predictionPasses(quarter, 0, 0), true);
    assert.equal(predictionPasses(quarter, 1e-9, 0), false);
  });

  it('an absolute tolerance allows |p − m| ≤ a', () => {
    // Values exact in binary, so the edges are the rule's and not rounding's.
    const p: Prediction = { id: 'locked', question: 'q', metric: 'lockedFraction', plusMinus: 0.25 };
    assert.equal(predictionPasses(p, 0.75, 1), true);
    assert.equal(predictionPasses(p, 1.25, 1), true);
    assert.equal(predictionPasses(p, 0.625, 1), false);
    assert.equal(predictionPasses(p, 1.375, 1), false);
    const exact: Prediction = { id: 'r', question: 'q', metric: 'reversals', plusMinus: 0 };
    assert.equal(predictionPasses(exact, 82, 82), true);
    assert.equal(predictionPasses(exact, 81, 82), false);
  });

  it('no answer never passes, nor any answer when the metric has no value', () => {
    const p: Prediction = { id: 'steps', question: 'q', metric: 'stepsToTarget', plusMinus: 1e9 };
    assert.equal(predictionPasses(p, undefined, 100), false);
    assert.equal(predictionPasses(p, 100, null), false);
    assert.equal(predictionPasses(p, 0, null), false);
  });

  it('an editable path covers itself and every field below it, nothing beside it', () => {
    const exercise = { editable: ['inputs', 'optimizer.lr'] };
    assert.equal(isEditable(exercise, 'inputs'), true);
    assert.equal(isEditable(exercise, 'inputs.center'), true);
    assert.equal(isEditable(exercise, 'optimizer.lr'), true);
    assert.equal(isEditable(exercise, 'optimizer'), false, 'the parent of an editable field is not editable');
    assert.equal(isEditable(exercise, 'optimizer.name'), false);
    assert.equal(isEditable({ editable: ['target'] }, 'targetX'), false, 'a prefix of the name is not a parent');
    assert.equal(isEditable({ editable: [] }, 'start'), false);
  });
});
