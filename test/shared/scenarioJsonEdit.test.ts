import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeScenario, startPatch, targetPatch } from '../../src/shared/scenarioEdit';
import { applyTextEdit, rewriteScenarioText, textDifference } from '../../src/shared/scenarioJsonEdit';

type Json = Record<string, unknown>;

/** The lines of `after` that differ from `before` (a line diff good enough for small files). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { removed: a.slice(start, a.length - end), added: b.slice(start, b.length - end) };
}

const edit = (text: string, patch: Json): string => rewriteScenarioText(text, mergeScenario(JSON.parse(text) as Json, patch));

const PRETTY = `{
  "$schema": "../media/scenario.schema.json",
  "version": 1,
  "inputs": { "distribution": "relu", "count": 64 },
  "start": [0.5, -0.5],
  "target": {
    "quadrant": "nw",
    "distance": 3
  },
  "optimizer": { "name": "sgd", "lr": 0.1 },
  "steps": 150
}
`;

describe('minimal edits of a scenario file', () => {
  it('a new start changes only the start line, keeping the inline array', () => {
    const after = edit(PRETTY, startPatch([1.25, 0.75]));
    assert.deepEqual(changedLines(PRETTY, after), { removed: ['  "start": [0.5, -0.5],'], added: ['  "start": [1.25, 0.75],'] });
  });

  it('one coordinate that stays keeps its text', () => {
    const after = edit(PRETTY, startPatch([0.5, 2]));
    assert.equal(textDifference(PRETTY, after)?.content, '2');
  });

  it('a slider value changes only that value inside an inline object', () => {
    const after = edit(PRETTY, { optimizer: { lr: 0.25 } });
    assert.deepEqual(changedLines(PRETTY, after), {
      removed: ['  "optimizer": { "name": "sgd", "lr": 0.1 },'],
      added: ['  "optimizer": { "name": "sgd", "lr": 0.25 },'],
    });
  });

  it('a new field joins an inline object inline, and a multi-line object on a line of its own', () => {
    assert.match(edit(PRETTY, { optimizer: { momentum: 0.5 } }), /"optimizer": \{ "name": "sgd", "lr": 0\.1, "momentum": 0\.5 \},\n/);
    const after = edit(PRETTY, { seed: 7 });
    assert.deepEqual(changedLines(PRETTY, after), { removed: ['  "steps": 150'], added: ['  "steps": 150,', '  "seed": 7'] });
  });

  it('dragging the target swaps quadrant/distance for a point, and the object stays multi-line', () => {
    const after = edit(PRETTY, targetPatch([-1, 2]));
    assert.match(after, /\n {2}"target": \{\n {4}"point": \[-1, 2\]\n {2}\},\n/);
    assert.ok(after.startsWith('{\n  "$schema": "../media/scenario.schema.json",\n  "version": 1,\n'));
  });

  it('removing a field takes its separator with it, first, middle or last', () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n';
    assert.equal(rewriteScenarioText(text, { b: 2, c: 3 }), '{\n  "b": 2,\n  "c": 3\n}\n');
    assert.equal(rewriteScenarioText(text, { a: 1, c: 3 }), '{\n  "a": 1,\n  "c": 3\n}\n');
    assert.equal(rewriteScenarioText(text, { a: 1, b: 2 }), '{\n  "a": 1,\n  "b": 2\n}\n');
    assert.equal(rewriteScenarioText('{ "a": { "x": 1 } }', { a: {} }), '{ "a": {} }');
  });

  it('keeps tabs, CRLF line ends, a byte-order mark and a file without a final newline', () => {
    const text = '\ufeff{\r\n\t"version": 1,\r\n\t"target": {\r\n\t\t"quadrant": "nw"\r\n\t}\r\n}';
    const after = rewriteScenarioText(text, { version: 1, target: { quadrant: 'nw', distance: 2 } });
    assert.equal(after, '\ufeff{\r\n\t"version": 1,\r\n\t"target": {\r\n\t\t"quadrant": "nw",\r\n\t\t"distance": 2\r\n\t}\r\n}');
  });

  it('writes a new nested object in the layout of its surroundings', () => {
    const oneLine = '{ "steps": 10 }';
    assert.equal(
      rewriteScenarioText(oneLine, { steps: 10, optimizer: { name: 'adam' } }),
      '{ "steps": 10, "optimizer": { "name": "adam" } }',
    );
    const pretty = '{\n    "steps": 10\n}\n';
    assert.equal(
      rewriteScenarioText(pretty, {
        steps: 10,
        inputs: {
          points: [
            [1, 2],
            [3, 4],
          ],
        },
      }),
      '{\n    "steps": 10,\n    "inputs": {\n        "points": [\n            [1, 2],\n            [3, 4]\n        ]\n    }\n}\n',
    );
    assert.equal(rewriteScenarioText('{}', { version: 1 }), '{ "version": 1 }');
  });

  it('numbers written differently but equal are left as the user wrote them', () => {
    const text = '{ "optimizer": { "lr": 5e-1, "momentum": 0.90 }, "steps": 10 }';
    assert.equal(
      rewriteScenarioText(text, { optimizer: { lr: 0.5, momentum: 0.9 }, steps: 20 }),
      '{ "optimizer": { "lr": 5e-1, "momentum": 0.90 }, "steps": 20 }',
    );
  });

  it('refuses what is not a JSON object, and values JSON cannot hold', () => {
    assert.throws(() => rewriteScenarioText('[1, 2]', { steps: 1 }), /does not hold a JSON object/);
    assert.throws(() => rewriteScenarioText('{ "steps": 1 }', { steps: Number.NaN }), /cannot write NaN/);
  });

  it('textDifference is one replacement between the common start and end', () => {
    assert.equal(textDifference('abc', 'abc'), null);
    assert.deepEqual(textDifference('[0.5, -0.5]', '[1.5, -0.5]'), { offset: 1, length: 1, content: '1' });
    assert.deepEqual(textDifference('aaa', 'aaaa'), { offset: 3, length: 0, content: 'a' });
    assert.deepEqual(textDifference('abcd', 'ad'), { offset: 1, length: 2, content: '' });
  });

  it('any patch: the result means exactly the merged scenario, and the one edit reproduces it (property)', () => {
    const leaf = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.string(),
    );
    const key = fc.constantFrom('start', 'steps', 'optimizer', 'target', 'inputs', 'seed', 'lr', 'name', 'point', '$schema');
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(leaf, { maxLength: 3 }), tie('object')),
      object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).object as fc.Arbitrary<Json>;
    const layout = fc.constantFrom<[string | number, string]>(['', '\n'], [2, '\n'], [4, '\r\n'], ['\t', '\n']);
    fc.assert(
      fc.property(value, value, layout, (base, next, [indent, eol]) => {
        const text = JSON.stringify(base, null, indent).replace(/\n/g, eol);
        const after = rewriteScenarioText(text, next);
        assert.deepEqual(JSON.parse(after), JSON.parse(JSON.stringify(next)));
        const e = textDifference(text, after);
        assert.equal(e ? applyTextEdit(text, e) : text, after);
        // Nothing to change: not a byte changes.
        assert.equal(rewriteScenarioText(text, JSON.parse(text) as Json), text);
      }),
      { numRuns: 300 },
    );
  });
});
