import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWebviewMessage } from '../../src/shared/protocol';

describe('protocol: messages from the webview are validated', () => {
  it('accepts each well-formed message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'runHeld' },
      { type: 'reset' },
      { type: 'patch', patch: { steps: 10 } },
      { type: 'setStart', point: [1, 2] },
      { type: 'setTarget', point: [-1, 0.5] },
      { type: 'compare', stepSize: 'matched' },
      { type: 'compare', stepSize: 'same' },
      { type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
      // Numbered changes (the host answers each with `applied`).
      { type: 'patch', patch: { steps: 10 }, seq: 1 },
      { type: 'setStart', point: [1, 2], seq: 2 },
      { type: 'setTarget', point: [1, 2], seq: 0 },
      { type: 'reset', seq: 9007199254740991 },
      // An exercise's predictions (the host checks the ids against the exercise).
      { type: 'answers', answers: { locked: 0.5, 'steps-1': -3e-9 } },
      { type: 'answers', answers: {}, seq: 4 },
    ])
      assert.deepEqual(parseWebviewMessage(m), { ok: true, value: m });
  });

  it('rejects malformed ones with a reason', () => {
    const cases: [unknown, string][] = [
      [null, 'message must be an object'],
      ['ready', 'message must be an object'],
      [{ type: 'eval', code: 'x' }, 'unknown message type "eval"'],
      [{}, 'unknown message type undefined'],
      [{ type: 'ready', extra: 1 }, 'ready message has unknown field extra'],
      [{ type: 'runHeld', seq: 1 }, 'runHeld message has unknown field seq'],
      [{ type: 'patch', patch: [1] }, 'patch.patch must be an object'],
      [{ type: 'patch' }, 'patch.patch must be an object'],
      [{ type: 'setStart', point: [1, NaN] }, 'setStart.point must be two finite numbers [w1, w2]'],
      [{ type: 'setStart', point: [1, '2'] }, 'setStart.point must be two finite numbers [w1, w2]'],
      [{ type: 'setTarget', point: [1, 2, 3] }, 'setTarget.point must be two finite numbers [w1, w2]'],
      [{ type: 'compare' }, 'compare.stepSize must be one of "matched", "same"'],
      [{ type: 'compare', stepSize: 'bigger' }, 'compare.stepSize must be one of "matched", "same"'],
      [{ type: 'compare', stepSize: 'same', lr: 9 }, 'compare message has unknown field lr'],
      [{ type: 'export', format: 'pdf', data: '' }, 'export.format must be "png"'],
      [{ type: 'export', format: 'svg', data: '<svg/>' }, 'export.format must be "png"'],
      [{ type: 'export', format: 'png', data: 5 }, 'export.data must be a string under 20 MB'],
      [{ type: 'patch', patch: {}, seq: -1 }, 'patch.seq must be a whole number ≥ 0'],
      [{ type: 'setStart', point: [0, 0], seq: 1.5 }, 'setStart.seq must be a whole number ≥ 0'],
      [{ type: 'reset', seq: '3' }, 'reset.seq must be a whole number ≥ 0'],
      [{ type: 'setTarget', point: [0, 0], seq: 2 ** 53 }, 'setTarget.seq must be a whole number ≥ 0'],
      [{ type: 'ready', seq: 1 }, 'ready message has unknown field seq'],
      [{ type: 'answers' }, 'answers.answers must be an object'],
      [{ type: 'answers', answers: [0.5] }, 'answers.answers must be an object'],
      [{ type: 'answers', answers: { locked: '0.5' } }, 'answers.answers.locked must be a finite number'],
      [{ type: 'answers', answers: { locked: Infinity } }, 'answers.answers.locked must be a finite number'],
      [{ type: 'answers', answers: { locked: null } }, 'answers.answers.locked must be a finite number'],
      [{ type: 'answers', answers: { '1st': 1 } }, 'answers.answers has an invalid id "1st"'],
      [{ type: 'answers', answers: { ['x'.repeat(41)]: 1 } }, `answers.answers has an invalid id "${'x'.repeat(41)}"`],
      [
        { type: 'answers', answers: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, i])) },
        'answers.answers holds more than 50 answers',
      ],
      [{ type: 'answers', answers: {}, exercise: {} }, 'answers message has unknown field exercise'],
    ];
    for (const [m, error] of cases) assert.deepEqual(parseWebviewMessage(m), { ok: false, error }, JSON.stringify(m));
  });

  it('never throws on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (m) => {
        parseWebviewMessage(m);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            type: fc.constantFrom('patch', 'setStart', 'export', 'ready', 'reset', 'compare', 'answers'),
            stepSize: fc.anything(),
            seq: fc.anything(),
            point: fc.anything(),
            patch: fc.anything(),
            format: fc.anything(),
            data: fc.anything(),
            answers: fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())),
          },
          { requiredKeys: ['type'] },
        ),
        (m) => {
          parseWebviewMessage(m);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
