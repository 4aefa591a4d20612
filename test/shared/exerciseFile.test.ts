// Reading an exercise file: every rule of the `exercise` object and of `answers` (docs/exercises.md), each
// refused with a message naming the field, and the defaults filled in.
import * as assert from 'node:assert/strict';
import { ScenarioError, resolveScenario } from '../../src/engine/index';
import { EDITABLE_PATHS, resolveExerciseFile } from '../../src/shared/exerciseFile';

const EXERCISE = {
  title: 'Reach the target',
  task: 'Change the batch size.\nThen explain.',
  editable: ['batchSize'],
  goals: [{ metric: 'stepsToTarget', atMost: 60 }],
  predict: [{ id: 'locked', question: 'What share?', metric: 'lockedFraction', plusMinus: 0.05 }],
};

/** The file with `exercise` changed by `change` (a field set to undefined is left out). */
const withExercise = (change: Record<string, unknown>): Record<string, unknown> => ({
  version: 1,
  exercise: JSON.parse(JSON.stringify({ ...EXERCISE, ...change })) as unknown,
});

function refused(json: unknown, field: string, message: string | RegExp): void {
  assert.throws(
    () => resolveExerciseFile(json),
    (e: unknown) => {
      assert.ok(e instanceof ScenarioError, String(e));
      assert.equal(e.field, field);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    },
  );
}

describe('exercise files', () => {
  it('a file without an exercise is a scenario and nothing more; the run ignores exercise and answers', () => {
    const plain = resolveExerciseFile({ steps: 10 });
    assert.equal(plain.exercise, null);
    assert.deepEqual(plain.answers, {});
    const file = resolveExerciseFile({ steps: 10, exercise: EXERCISE, answers: { locked: 0.9 } });
    assert.deepEqual(file.scenario, resolveScenario({ steps: 10 }));
    assert.deepEqual(file.answers, { locked: 0.9 });
  });

  it('fills in the defaults: nothing editable, no goals, no predictions', () => {
    const file = resolveExerciseFile({ exercise: { title: 'Look', task: 'Watch the run.' } });
    assert.deepEqual(file.exercise, { title: 'Look', task: 'Watch the run.', editable: [], goals: [], predict: [] });
  });

  it('keeps every goal operator and both tolerances as written', () => {
    const goals = [
      { metric: 'stepsToTarget', atMost: 60 },
      { metric: 'pathEfficiency', atLeast: 0.8 },
      { metric: 'divergedAt', is: null },
      { metric: 'reversals', is: 0 },
    ];
    const predict = [
      { id: 'a', question: 'q', metric: 'reversals', within: 0.1 },
      { id: 'b', question: 'q', metric: 'finalLoss', plusMinus: 0 },
    ];
    const file = resolveExerciseFile(withExercise({ goals, predict }));
    assert.deepEqual(file.exercise!.goals, goals);
    assert.deepEqual(file.exercise!.predict, predict);
  });

  it('editable takes every scenario field and field inside one, and nothing else', () => {
    for (const path of ['inputs', 'inputs.center', 'optimizer.lr', 'start', 'target', 'target.point', 'batchSize', 'function.expression']) {
      assert.ok(EDITABLE_PATHS.includes(path), path);
    }
    for (const path of ['version', '$schema', 'exercise', 'answers']) assert.ok(!EDITABLE_PATHS.includes(path), path);
    const file = resolveExerciseFile(withExercise({ editable: EDITABLE_PATHS }));
    assert.deepEqual(file.exercise!.editable, EDITABLE_PATHS);
  });

  const cases: [string, Record<string, unknown>, string, string | RegExp][] = [
    ['exercise not an object', { exercise: 'predict it' }, 'exercise', 'exercise must be a JSON object, got "predict it"'],
    [
      'unknown exercise field',
      withExercise({ hint: 'x' }),
      'exercise.hint',
      'unknown field exercise.hint (allowed: title, task, editable, goals, predict)',
    ],
    ['title missing', withExercise({ title: undefined }), 'exercise.title', 'exercise.title is required'],
    ['task missing', withExercise({ task: undefined }), 'exercise.task', 'exercise.task is required'],
    [
      'title blank',
      withExercise({ title: '   ' }),
      'exercise.title',
      'exercise.title must be plain text of 1 to 120 characters on one line, got "   "',
    ],
    [
      'title on two lines',
      withExercise({ title: 'a\nb' }),
      'exercise.title',
      /^exercise\.title must be plain text of 1 to 120 characters on one line/,
    ],
    [
      'title too long',
      withExercise({ title: 'x'.repeat(121) }),
      'exercise.title',
      /^exercise\.title must be plain text of 1 to 120 characters/,
    ],
    [
      'task with a control character',
      withExercise({ task: 'a\u0007b' }),
      'exercise.task',
      /^exercise\.task must be plain text of 1 to 2000 characters, got/,
    ],
    [
      'task too long',
      withExercise({ task: 'é'.repeat(2001) }),
      'exercise.task',
      /^exercise\.task must be plain text of 1 to 2000 characters/,
    ],
    ['task a number', withExercise({ task: 3 }), 'exercise.task', 'exercise.task must be plain text of 1 to 2000 characters, got 3'],
    [
      'editable not a list',
      withExercise({ editable: 'inputs' }),
      'exercise.editable',
      /^exercise\.editable must be a list of at most \d+ field paths, got "inputs"/,
    ],
    [
      'editable names no field',
      withExercise({ editable: ['batchSize', 'optimiser.lr'] }),
      'exercise.editable[1]',
      /^exercise\.editable\[1\] must be a scenario field such as "inputs\.center".*, got "optimiser\.lr"$/,
    ],
    [
      'editable names answers',
      withExercise({ editable: ['answers'] }),
      'exercise.editable[0]',
      /^exercise\.editable\[0\] must be a scenario field/,
    ],
    [
      'editable repeats a field',
      withExercise({ editable: ['start', 'start'] }),
      'exercise.editable[1]',
      'exercise.editable[1] repeats "start"',
    ],
    [
      'goals not a list',
      withExercise({ goals: { metric: 'reversals', atMost: 1 } }),
      'exercise.goals',
      /^exercise\.goals must be a list of at most 50 goals/,
    ],
    [
      'too many goals',
      withExercise({ goals: Array(51).fill({ metric: 'reversals', atMost: 1 }) }),
      'exercise.goals',
      /^exercise\.goals must be a list of at most 50 goals/,
    ],
    [
      'goal on an unknown metric',
      withExercise({ goals: [{ metric: 'loss', atMost: 1 }] }),
      'exercise.goals[0].metric',
      'exercise.goals[0].metric must be one of "lockedFraction", "pathEfficiency", "reversals", "stepsToTarget", "finalLoss", "finalDistance", "conditionNumber", "divergedAt", got "loss"',
    ],
    [
      'goal without an operator',
      withExercise({ goals: [{ metric: 'reversals' }] }),
      'exercise.goals[0]',
      'exercise.goals[0] takes exactly one of atMost, atLeast, is',
    ],
    [
      'goal with two operators',
      withExercise({ goals: [{ metric: 'reversals', atMost: 5, atLeast: 1 }] }),
      'exercise.goals[0]',
      'exercise.goals[0] takes exactly one of atMost, atLeast, is, not atMost and atLeast',
    ],
    [
      'goal with an unknown operator',
      withExercise({ goals: [{ metric: 'reversals', below: 5 }] }),
      'exercise.goals[0].below',
      'unknown field exercise.goals[0].below (allowed: metric, atMost, atLeast, is)',
    ],
    [
      'atMost null',
      withExercise({ goals: [{ metric: 'reversals', atMost: null }] }),
      'exercise.goals[0].atMost',
      'exercise.goals[0].atMost must be a finite number, got null',
    ],
    [
      'atLeast a string',
      withExercise({ goals: [{ metric: 'reversals', atLeast: '3' }] }),
      'exercise.goals[0].atLeast',
      'exercise.goals[0].atLeast must be a finite number, got "3"',
    ],
    [
      'is a string',
      withExercise({ goals: [{ metric: 'divergedAt', is: 'never' }] }),
      'exercise.goals[0].is',
      'exercise.goals[0].is must be a finite number, got "never"',
    ],
    [
      'prediction without a tolerance',
      withExercise({ predict: [{ id: 'a', question: 'q', metric: 'reversals' }] }),
      'exercise.predict[0]',
      'exercise.predict[0] takes exactly one of within, plusMinus',
    ],
    [
      'prediction with both tolerances',
      withExercise({ predict: [{ id: 'a', question: 'q', metric: 'reversals', within: 0.1, plusMinus: 2 }] }),
      'exercise.predict[0]',
      'exercise.predict[0] takes exactly one of within, plusMinus, not within and plusMinus',
    ],
    [
      'negative tolerance',
      withExercise({ predict: [{ id: 'a', question: 'q', metric: 'reversals', within: -0.1 }] }),
      'exercise.predict[0].within',
      'exercise.predict[0].within must be a finite number ≥ 0, got -0.1',
    ],
    [
      'prediction id not a name',
      withExercise({ predict: [{ id: '1st guess', question: 'q', metric: 'reversals', within: 0.1 }] }),
      'exercise.predict[0].id',
      /^exercise\.predict\[0\]\.id must be a name of at most 40 letters, digits, - and _, starting with a letter, got "1st guess"$/,
    ],
    [
      'prediction ids repeated',
      withExercise({
        predict: [
          { id: 'a', question: 'q', metric: 'reversals', within: 0.1 },
          { id: 'a', question: 'q2', metric: 'finalLoss', within: 0.1 },
        ],
      }),
      'exercise.predict[1].id',
      'exercise.predict[1].id "a" is already the id of exercise.predict[0]',
    ],
    [
      'prediction without a question',
      withExercise({ predict: [{ id: 'a', metric: 'reversals', within: 0.1 }] }),
      'exercise.predict[0].question',
      'exercise.predict[0].question must be plain text of 1 to 500 characters, got nothing',
    ],
    [
      'prediction on an unknown metric',
      withExercise({ predict: [{ id: 'a', question: 'q', metric: 'accuracy', within: 0.1 }] }),
      'exercise.predict[0].metric',
      /^exercise\.predict\[0\]\.metric must be one of "lockedFraction", .*, got "accuracy"$/,
    ],
    ['answers without an exercise', { answers: { a: 1 } }, 'answers', 'answers is only used with an exercise'],
    [
      'answers not an object',
      { ...withExercise({}), answers: [0.9] },
      'answers',
      'answers must be a JSON object of numbers by prediction id, got [0.9]',
    ],
    [
      'answer for no prediction',
      { ...withExercise({}), answers: { lock: 0.9 } },
      'answers.lock',
      'answers.lock answers no prediction (predictions: locked)',
    ],
    [
      'answer a string',
      { ...withExercise({}), answers: { locked: '90%' } },
      'answers.locked',
      'answers.locked must be a finite number, got "90%"',
    ],
    [
      'answer null',
      { ...withExercise({}), answers: { locked: null } },
      'answers.locked',
      'answers.locked must be a finite number, got null',
    ],
    [
      'an answer where nothing is asked',
      { ...withExercise({ predict: [] }), answers: { locked: 1 } },
      'answers.locked',
      'answers.locked answers no prediction (the exercise asks for no prediction)',
    ],
  ];
  for (const [name, json, field, message] of cases) {
    it(`refuses: ${name}`, () => refused(json, field, message));
  }

  it('the scenario is validated first, with its own message', () => {
    refused({ optimizer: { lr: -1 }, exercise: 'x' }, 'optimizer.lr', 'optimizer.lr must be a finite number > 0, got -1');
  });

  it('counts characters, not UTF-16 units: 120 emoji make a title of 120 characters', () => {
    assert.equal(resolveExerciseFile(withExercise({ title: '🙂'.repeat(120) })).exercise!.title.length, 240);
    refused(withExercise({ title: '🙂'.repeat(121) }), 'exercise.title', /^exercise\.title must be plain text of 1 to 120 characters/);
  });
});
