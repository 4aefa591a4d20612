import * as assert from 'node:assert/strict';
import { ExerciseDocument, clearAnswersEdit, readExerciseView } from '../../src/host/exerciseDocument';
import { FixedFieldError } from '../../src/host/exerciseGuard';
import { ScenarioDocumentModel } from '../../src/host/scenarioDocument';
import type { WithProgress } from '../../src/host/session';
import type { ExerciseView } from '../../src/shared/protocol';
import { startPatch } from '../../src/shared/scenarioEdit';
import { applyTextEdit, type TextEdit } from '../../src/shared/scenarioJsonEdit';

const noProgress: WithProgress = (_title, work) =>
  work(
    () => undefined,
    () => false,
  );

/** A scenario file with a predict-then-run exercise that lets the student change only the batch size. */
const TEXT = `{
  "version": 1,
  "inputs": { "distribution": "sigmoid", "count": 64 },
  "target": { "quadrant": "nw", "distance": 3 },
  "batchSize": 1,
  "steps": 80,
  "exercise": {
    "title": "Predict the lock",
    "task": "Predict, then run.",
    "editable": ["batchSize"],
    "predict": [
      { "id": "locked", "question": "Share locked?", "metric": "lockedFraction", "plusMinus": 0.05 },
      { "id": "reversals", "question": "Reversals?", "metric": "reversals", "plusMinus": 5 }
    ]
  },
  "answers": {}
}
`;

/** The editor's side as the custom editor wires it: edits are undo steps, each change re-read by both. */
function open(text = TEXT) {
  const doc = { content: text, edits: [] as TextEdit[] };
  const host = { name: 'ex.zigzag.json', text: () => doc.content };
  const model: ScenarioDocumentModel = new ScenarioDocumentModel(
    {
      ...host,
      applyEdit: async (e) => {
        doc.edits.push(e);
        doc.content = applyTextEdit(doc.content, e);
        exercise.textChanged();
        await model.textChanged();
        return true;
      },
    },
    noProgress,
    () => ({ steps: 30 }),
  );
  const exercise = new ExerciseDocument(host, model);
  const heard: ExerciseView[] = [];
  exercise.onChange((v) => heard.push(v));
  return { doc, model, exercise, heard };
}

describe('a scenario file with an exercise in its playground', () => {
  it('tells the webview the exercise and the answers, or names the field that is wrong', () => {
    const view = readExerciseView(TEXT, 'ex.zigzag.json');
    assert.equal(view?.exercise?.title, 'Predict the lock');
    assert.deepEqual(view?.exercise?.editable, ['batchSize']);
    assert.deepEqual(view?.answers, {});
    assert.equal(view?.problem, null);
    assert.deepEqual(readExerciseView('{ "steps": 5 }', 'a.zigzag.json'), { exercise: null, answers: {}, problem: null });
    assert.deepEqual(readExerciseView(TEXT.replace('"answers": {}', '"answers": { "lock": 1 }'), 'ex.zigzag.json'), {
      exercise: null,
      answers: {},
      problem: 'ex.zigzag.json: answers.lock answers no prediction (predictions: locked, reversals)',
    });
    // An invalid scenario is the model's to report: nothing new to tell about the exercise.
    assert.equal(readExerciseView(TEXT.replace('"steps": 80', '"steps": -1'), 'ex.zigzag.json'), null);
  });

  it('refuses a webview change of a fixed field: the text stays as it was, no edit is made', async () => {
    const { doc, model } = open();
    await model.session.compute();
    await assert.rejects(model.apply({ optimizer: { lr: 3 } }), (e: Error) => {
      assert.ok(e instanceof FixedFieldError);
      assert.equal(e.message, 'The exercise fixes optimizer.lr: it lets you change batchSize.');
      return true;
    });
    await assert.rejects(
      model.apply(startPatch([1, 1])),
      (e: Error) => e instanceof FixedFieldError && /^The exercise fixes start: /.test(e.message),
    );
    await assert.rejects(model.apply({ exercise: { editable: ['batchSize', 'start'] } }), FixedFieldError);
    await assert.rejects(model.reset(), /The exercise itself is written in the file/);
    assert.equal(doc.content, TEXT);
    assert.deepEqual(doc.edits, []);
    // What the exercise lets change is written as before.
    await model.apply({ batchSize: 8 });
    assert.equal(doc.content, TEXT.replace('"batchSize": 1', '"batchSize": 8'));
    assert.equal(model.session.run?.scenario.batchSize, 8);
  });

  it('writes every answer in one edit of the answers only, and tells the webview', async () => {
    const { doc, exercise, heard } = open();
    await exercise.setAnswers({ locked: 0.95, reversals: 120 });
    assert.equal(doc.edits.length, 1, 'one undoable edit');
    assert.equal(doc.content, TEXT.replace('"answers": {}', '"answers": { "locked": 0.95, "reversals": 120 }'));
    assert.deepEqual(exercise.view.answers, { locked: 0.95, reversals: 120 });
    assert.deepEqual(
      heard.map((v) => v.answers),
      [{ locked: 0.95, reversals: 120 }],
    );
    // Undo (the text back) asks for the predictions again.
    doc.content = TEXT;
    exercise.textChanged();
    assert.deepEqual(exercise.view.answers, {});
    assert.equal(heard.length, 2);
    // Layout alone tells nothing new.
    doc.content = TEXT.replace('"steps": 80', '"steps":   80');
    exercise.textChanged();
    assert.equal(heard.length, 2);
  });

  it('refuses answers to no prediction, and answers where none are asked for, without an edit', async () => {
    const { doc, exercise } = open();
    await assert.rejects(exercise.setAnswers({ lock: 1 }), /^ScenarioEditError: answers\.lock answers no prediction/);
    const noPredictions = open(TEXT.replace(/"predict": \[[^\]]*\]/, '"predict": []'));
    await assert.rejects(noPredictions.exercise.setAnswers({ locked: 1 }), /has no exercise that asks for predictions/);
    const plain = open('{ "version": 1, "steps": 20 }');
    await assert.rejects(plain.exercise.setAnswers({ locked: 1 }), /has no exercise that asks for predictions/);
    assert.deepEqual([doc.edits, noPredictions.doc.edits, plain.doc.edits], [[], [], []]);
  });

  it('"Reset Exercise Answers" is one edit that empties the answers', () => {
    const answered = TEXT.replace('"answers": {}', '"answers": {\n    "locked": 0.9,\n    "reversals": 3\n  }');
    const edit = clearAnswersEdit(answered, 'ex.zigzag.json');
    assert.ok(edit);
    assert.equal(applyTextEdit(answered, edit), TEXT);
    assert.equal(clearAnswersEdit(TEXT, 'ex.zigzag.json'), null);
    assert.equal(clearAnswersEdit('{ "steps": 5 }', 'a.zigzag.json'), null);
    assert.throws(
      () => clearAnswersEdit('{ "steps": 5, }', 'a.zigzag.json'),
      /^ScenarioEditError: fix the file first: a\.zigzag\.json: invalid JSON/,
    );
  });
});
