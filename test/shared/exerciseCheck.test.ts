// Checking a file against its reference (docs/exercises.md, "Checking"): which changes count as a changed
// fixed field, that the reference's exercise is the one checked, goals and predictions on the file's run.
import * as assert from 'node:assert/strict';
import { resolveScenario, simulate, type Metrics } from '../../src/engine/index';
import { changedFixedFields, checkExercise } from '../../src/shared/exerciseCheck';
import { resolveExerciseFile } from '../../src/shared/exerciseFile';

const EXERCISE = {
  title: 'Batch it',
  task: 'Change the batch size.',
  editable: ['batchSize', 'inputs.center'],
  goals: [{ metric: 'reversals', atMost: 10 }],
};

const REFERENCE = { version: 1, inputs: { distribution: 'sigmoid' }, optimizer: { lr: 0.5 }, steps: 200, exercise: EXERCISE };

const file = (json: Record<string, unknown>) => resolveExerciseFile(json);
const changed = (student: Record<string, unknown>, reference: Record<string, unknown> = REFERENCE): string[] =>
  changedFixedFields(file(student), file(reference));

describe('changed fixed fields', () => {
  it('none when only editable fields and answers differ', () => {
    assert.deepEqual(changed({ ...REFERENCE, batchSize: 32, inputs: { distribution: 'sigmoid', center: true } }), []);
  });

  it('a field left out equals its default written out, either way round', () => {
    assert.deepEqual(changed({ ...REFERENCE, labelNoise: 0, order: 'cyclic', optimizer: { name: 'sgd', lr: 0.5, momentum: 0.9 } }), []);
    assert.deepEqual(changed({ exercise: EXERCISE, steps: 200 }), []);
  });

  it('a changed fixed field is named by its dotted path', () => {
    assert.deepEqual(changed({ ...REFERENCE, optimizer: { lr: 2 } }), ['optimizer.lr']);
    assert.deepEqual(changed({ ...REFERENCE, inputs: { distribution: 'tanh' } }), ['inputs.distribution']);
    assert.deepEqual(changed({ ...REFERENCE, steps: 400, seed: 2 }), ['steps', 'seed']);
    assert.deepEqual(changed({ ...REFERENCE, start: [0, 0.5] }), ['start']);
  });

  it('a field written as its default where the reference sets another value is changed', () => {
    assert.deepEqual(changed({ ...REFERENCE, labelNoise: 0 }, { ...REFERENCE, labelNoise: 0.1 }), ['labelNoise']);
  });

  it('an editable path covers everything below it, and nothing beside it', () => {
    const reference = { ...REFERENCE, exercise: { ...EXERCISE, editable: ['inputs'] } };
    assert.deepEqual(changed({ ...reference, inputs: { distribution: 'tanh', count: 64, shift: [1, 1] } }, reference), []);
    assert.deepEqual(changed({ ...reference, batchSize: 8 }, reference), ['batchSize']);
  });

  it('a default that follows an editable field is not a change the student made', () => {
    const reference = { ...REFERENCE, exercise: { ...EXERCISE, editable: ['optimizer.name'] } };
    // adagrad's own ε is 1e-10, sgd's 1e-8: neither file writes it.
    assert.deepEqual(changed({ ...reference, optimizer: { name: 'adagrad', lr: 0.5 } }, reference), []);
    assert.deepEqual(changed({ ...reference, optimizer: { name: 'adagrad', lr: 0.5, eps: 1e-6 } }, reference), ['optimizer.eps']);
  });

  it('a target moved from a quadrant to a point differs in every field of it', () => {
    assert.deepEqual(changed({ ...REFERENCE, target: { point: [-2, 2] } }).sort(), ['target.distance', 'target.point', 'target.quadrant']);
  });

  it('the exercise itself is fixed: an edited, added or removed part is named, a removed exercise too', () => {
    assert.deepEqual(changed({ ...REFERENCE, exercise: { ...EXERCISE, goals: [{ metric: 'reversals', atMost: 1000 }] } }), [
      'exercise.goals',
    ]);
    assert.deepEqual(changed({ ...REFERENCE, exercise: { ...EXERCISE, editable: ['batchSize', 'inputs.center', 'optimizer'] } }), [
      'exercise.editable',
    ]);
    assert.deepEqual(changed({ ...REFERENCE, exercise: { ...EXERCISE, title: 'Mine' } }), ['exercise.title']);
    const { exercise: _, ...withoutExercise } = REFERENCE;
    assert.deepEqual(changed(withoutExercise), ['exercise']);
  });

  it('the defaults of the exercise equal the same values written out', () => {
    const reference = { version: 1, exercise: { title: 't', task: 'x' } };
    assert.deepEqual(changed({ version: 1, exercise: { title: 't', task: 'x', editable: [], goals: [], predict: [] } }, reference), []);
  });
});

describe('checkExercise', () => {
  const metricsOf = (json: Record<string, unknown>): Metrics => simulate(resolveScenario(json)).metrics;

  it('grades the reference’s exercise, so loosening one’s own goals gains nothing', () => {
    const loosened = { ...REFERENCE, exercise: { ...EXERCISE, goals: [{ metric: 'reversals', atMost: 1000 }] } };
    const result = checkExercise(file(loosened), file(REFERENCE));
    assert.equal(result.passed, false);
    assert.deepEqual(result.changedFixedFields, ['exercise.goals']);
    assert.deepEqual(
      result.goals.map((g) => [g.goal, g.passed]),
      [[{ metric: 'reversals', atMost: 10 }, false]],
    );
  });

  it('passes when every goal holds on the file’s run, as the engine computes it', () => {
    const solved = { ...REFERENCE, batchSize: 64 };
    const reversals = metricsOf(solved).reversals;
    assert.ok(reversals <= 10, `batch 64 turns back ${reversals} times`);
    const result = checkExercise(file(solved), file(REFERENCE));
    assert.deepEqual(result, {
      passed: true,
      changedFixedFields: [],
      goals: [{ goal: EXERCISE.goals[0], actual: reversals, passed: true }],
      predictions: [],
    });
  });

  it('without a reference the file is its own: fixed fields are not compared', () => {
    const edited = { ...REFERENCE, batchSize: 64, optimizer: { lr: 0.3 } };
    const result = checkExercise(file(edited), null);
    assert.deepEqual(result.changedFixedFields, []);
  });

  it('a metric without a value meets `is: null` and fails atMost and atLeast', () => {
    const diverging = {
      version: 1,
      optimizer: { lr: 50 },
      exercise: {
        title: 'Blow up',
        task: 'Watch it diverge.',
        goals: [
          { metric: 'divergedAt', is: null },
          { metric: 'stepsToTarget', atMost: 400 },
          { metric: 'finalLoss', atLeast: 0 },
          { metric: 'finalDistance', is: null },
        ],
      },
    };
    const m = metricsOf(diverging);
    assert.notEqual(m.divergedAt, null);
    assert.equal(m.finalLoss, null);
    const result = checkExercise(file(diverging), null);
    assert.deepEqual(
      result.goals.map((g) => [g.actual, g.passed]),
      [
        [m.divergedAt, false],
        [null, false],
        [null, false],
        [null, true],
      ],
    );
  });

  it('predictions: each answer against the file’s own run; a missing one fails with its true value', () => {
    const json = {
      version: 1,
      exercise: {
        title: 'Guess',
        task: 'Guess.',
        predict: [
          { id: 'locked', question: 'q', metric: 'lockedFraction', plusMinus: 0.05 },
          { id: 'steps', question: 'q', metric: 'stepsToTarget', within: 0.1 },
          { id: 'turns', question: 'q', metric: 'reversals', plusMinus: 0 },
        ],
      },
      answers: { locked: 0.97, steps: 100 },
    };
    const m = metricsOf(json);
    const result = checkExercise(file(json), null);
    assert.deepEqual(
      result.predictions.map((p) => [p.prediction.id, p.answer, p.actual, p.passed]),
      [
        ['locked', 0.97, m.lockedFraction, Math.abs(0.97 - m.lockedFraction) <= 0.05],
        ['steps', 100, m.stepsToTarget, Math.abs(100 - m.stepsToTarget!) <= 0.1 * m.stepsToTarget!],
        ['turns', null, m.reversals, false],
      ],
    );
    assert.equal(result.passed, false);
  });

  it('uses the metrics it is given instead of running the scenario again', () => {
    const given = { ...metricsOf(REFERENCE), reversals: 3 };
    assert.equal(checkExercise(file(REFERENCE), null, given).passed, true);
    assert.equal(checkExercise(file(REFERENCE), null).passed, false);
  });
});
