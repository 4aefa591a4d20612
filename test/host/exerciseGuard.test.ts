import * as assert from 'node:assert/strict';
import { FixedFieldError, checkPlaygroundChange } from '../../src/host/exerciseGuard';
import { mergeScenario, startPatch, targetPatch } from '../../src/shared/scenarioEdit';

type Json = Record<string, unknown>;

const EXERCISE = {
  title: 'A batch that helps',
  task: 'Change only the batch size.',
  editable: ['batchSize', 'optimizer.name'],
  goals: [{ metric: 'reversals', atMost: 10 }],
  predict: [{ id: 'locked', question: 'Share locked?', metric: 'lockedFraction', plusMinus: 0.05 }],
};
const FILE: Json = {
  version: 1,
  inputs: { distribution: 'sigmoid', count: 64 },
  target: { quadrant: 'nw', distance: 3 },
  optimizer: { name: 'sgd', lr: 0.5 },
  batchSize: 1,
  steps: 100,
  exercise: EXERCISE,
};

const refusal = (before: Json, after: Json): string => {
  try {
    checkPlaygroundChange(before, after);
  } catch (e) {
    assert.ok(e instanceof FixedFieldError, String(e));
    return e.message;
  }
  return 'allowed';
};
const patched = (patch: Json): Json => mergeScenario(FILE, patch);

describe('exerciseGuard: no change from the playground moves a fixed field', () => {
  it('allows the editable fields, the dependent defaults they bring, and answers', () => {
    assert.equal(refusal(FILE, patched({ batchSize: 16 })), 'allowed');
    // optimizer.eps's default follows the name: not the student's doing.
    assert.equal(refusal(FILE, patched({ optimizer: { name: 'adagrad' } })), 'allowed');
    assert.equal(refusal(FILE, { ...FILE, answers: { locked: 0.9 } }), 'allowed');
    // Writing a default out is no change.
    assert.equal(refusal(FILE, patched({ order: 'cyclic' })), 'allowed');
  });

  it('refuses a fixed field, naming it and what the exercise allows', () => {
    assert.equal(
      refusal(FILE, patched({ optimizer: { lr: 2 } })),
      'The exercise fixes optimizer.lr: it lets you change batchSize, optimizer.name.',
    );
    assert.match(refusal(FILE, patched(startPatch([1, 2]))), /^The exercise fixes start: /);
    assert.match(refusal(FILE, patched(targetPatch([-1, 2]))), /^The exercise fixes target\.\w+/);
    assert.match(refusal(FILE, patched({ steps: 101, seed: 3 })), /^The exercise fixes steps, seed: /);
    const predictOnly = { ...FILE, exercise: { ...EXERCISE, editable: [] } };
    assert.equal(
      refusal(predictOnly, mergeScenario(predictOnly, { batchSize: 2 })),
      'The exercise fixes batchSize: it lets you change nothing but your answers.',
    );
  });

  it('refuses changing, removing or adding an exercise, and answers in a file without one', () => {
    const message = 'The exercise itself is written in the file, not changed from the playground.';
    assert.equal(refusal(FILE, patched({ exercise: { goals: [] } })), message);
    assert.equal(refusal(FILE, patched({ exercise: { editable: ['batchSize', 'optimizer'] } })), message);
    // Reset playground: the settings' defaults, without the exercise.
    assert.equal(refusal(FILE, { version: 1, steps: 100 }), message);
    const plain: Json = { version: 1, steps: 50 };
    assert.equal(refusal(plain, { ...plain, exercise: EXERCISE }), 'an exercise is written in the file itself, not from the playground');
    assert.equal(refusal(plain, { ...plain, answers: {} }), 'an exercise is written in the file itself, not from the playground');
    assert.equal(refusal(plain, { ...plain, steps: 60 }), 'allowed');
  });

  it('refuses invalid answers, and everything while the exercise cannot be read', () => {
    assert.equal(refusal(FILE, { ...FILE, answers: { lock: 1 } }), 'refused: answers.lock answers no prediction (predictions: locked)');
    assert.match(refusal(FILE, { ...FILE, answers: { locked: '1' } }), /^refused: answers\.locked must be a finite number/);
    const broken = { ...FILE, exercise: { ...EXERCISE, goals: [{ metric: 'loss', atMost: 1 }] } };
    assert.match(
      refusal(broken, mergeScenario(broken, { batchSize: 2 })),
      /^the exercise cannot be read, so nothing may change: exercise\.goals\[0\]\.metric must be one of /,
    );
  });
});
