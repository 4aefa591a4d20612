import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, parse, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { ScenarioEditError, mergeScenario, startPatch, targetPatch } from '../../src/shared/scenarioEdit';
import { SCENARIO_TEXT_LIMITS, keyPath, nestingDepth, parseScenarioText } from '../../src/shared/scenarioText';
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
    assert.throws(
      () => rewriteScenarioText('{ "steps": 1, }', { steps: 2 }),
      /the file is not valid JSON \(PropertyNameExpected at offset 14\)/,
    );
    assert.throws(() => rewriteScenarioText('{ "steps": 1 }', { steps: Number.NaN }), /cannot write NaN/);
  });

  it('settles every difference from one parse, however many there are', () => {
    // 20,000 changed values: one edit per parse would take 20,000 parses of a 400 KB text.
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}`);
    const text = `{\n${keys.map((k) => `  "${k}": 0`).join(',\n')}\n}\n`;
    const next = Object.fromEntries(keys.map((k, i) => [k, i % 2 ? 1 : 0]));
    const after = rewriteScenarioText(text, next);
    assert.deepEqual(JSON.parse(after), next);
    assert.equal(after, text.replace(/("k\d*[13579]": )0/g, '$11'));
    // Removing every other key and adding one, in the same single pass.
    const fewer: Json = { ...Object.fromEntries(keys.filter((_, i) => i % 2 === 0).map((k) => [k, 0])), seed: 7 };
    assert.deepEqual(JSON.parse(rewriteScenarioText(text, fewer)), fewer);
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

// Scenario-like texts as people and tools write them: comments, CRLF, a byte-order mark, tabs or no
// indentation, escapes in keys and strings, objects inline or over several lines. The oracle is
// jsonc-parser's own tree of the text before the edit (where the value is) and its parser (what the
// result means).
type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
type Path = (string | number)[];

interface Layout {
  readonly unit: string;
  readonly eol: string;
  readonly bom: boolean;
  readonly comments: boolean;
  readonly seed: number;
}

/** Park–Miller: the printer's choices come from one seed, so a failing case is reproducible. */
function choices(seed: number): (p: number) => boolean {
  let s = (seed % 2147483646) + 1;
  return (p) => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647 < p;
  };
}

function printText(value: Record<string, Value>, layout: Layout): string {
  const chance = choices(layout.seed);
  const { unit, eol } = layout;
  const comment = (): string => (layout.comments && chance(0.25) ? (chance(0.5) ? ' /* c, "x": 1 } */ ' : ` // c ]${eol}`) : '');
  // Each character as JSON.stringify writes it, some letters and slashes as the escapes a tool may use.
  const str = (s: string): string =>
    `"${[...s]
      .map((c) => {
        if (/[a-z]/.test(c) && chance(0.15)) return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
        if (c === '/' && chance(0.5)) return '\\/';
        return JSON.stringify(c).slice(1, -1);
      })
      .join('')}"`;
  const print = (v: Value, depth: number): string => {
    if (v === null || typeof v !== 'object') return typeof v === 'string' ? str(v) : JSON.stringify(v);
    const items = Array.isArray(v)
      ? v.map((item) => print(item, depth + 1))
      : Object.entries(v).map(([k, item]) => `${str(k)}${comment()}: ${comment()}${print(item, depth + 1)}`);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (items.length === 0) return chance(0.7) ? open + close : `${open}${comment() || ' '}${close}`;
    if (chance(0.4))
      return `${open}${chance(0.5) ? ' ' : ''}${items.map((i) => i + comment()).join(', ')}${chance(0.5) ? ' ' : ''}${close}`;
    const inner = unit.repeat(depth + 1);
    return `${open}${items.map((i) => `${eol}${inner}${comment()}${i}${comment()}`).join(',')}${eol}${unit.repeat(depth)}${close}`;
  };
  return `${layout.bom ? '\ufeff' : ''}${comment()}${print(value, 0)}${comment()}${chance(0.7) ? eol : ''}`;
}

const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** What a JSON-with-comments text means, by jsonc-parser's parser (which must find no error). */
function meaning(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(withoutBom(text), errors, { allowTrailingComma: false, disallowComments: false });
  assert.deepEqual(errors, [], text);
  return value;
}

function pathsOf(v: Value, at: Path = []): { values: Path[]; objects: Path[] } {
  const out = { values: [] as Path[], objects: [] as Path[] };
  if (v === null || typeof v !== 'object') return out;
  if (!Array.isArray(v)) out.objects.push(at);
  const children: [string | number, Value][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
  for (const [k, child] of children) {
    out.values.push([...at, k]);
    const inner = pathsOf(child, [...at, k]);
    out.values.push(...inner.values);
    out.objects.push(...inner.objects);
  }
  return out;
}

function setAt(root: Record<string, Value>, path: Path, value: Value): Record<string, Value> {
  const copy = structuredClone(root);
  let o: Value = copy;
  for (const k of path.slice(0, -1)) o = (o as Record<string | number, Value>)[k];
  (o as Record<string | number, Value>)[path[path.length - 1]] = value;
  return copy;
}

const KEYS = [
  'start',
  'steps',
  'optimizer',
  'lr',
  'inputs',
  'points',
  '$schema',
  'a"b',
  'back\\slash',
  'tab\tkey',
  'é',
  '😀',
  'line\u2028sep',
];
const leaf: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('nw', 'a/b', 'quote " and \\ backslash', '\u0000\u001f', '\ud800'),
);
const json = fc.letrec<{ node: Value; object: Record<string, Value> }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 }),
}));
const layout: fc.Arbitrary<Layout> = fc.record({
  unit: fc.constantFrom('', '  ', '    ', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  comments: fc.boolean(),
  seed: fc.nat(),
});

describe('an edit changes only the value it sets (properties over generated texts)', () => {
  it('any text, any field set to any value: only that value’s bytes change, or one property is inserted', () => {
    fc.assert(
      fc.property(
        json.object,
        layout,
        fc.nat(),
        fc.option(fc.constantFrom(...KEYS, 'seed', 'momentum')),
        json.node,
        (base, style, pick, newKey, value) => {
          const text = printText(base, style);
          assert.deepEqual(meaning(text), JSON.parse(JSON.stringify(base)));
          const { values, objects } = pathsOf(base);
          const tree = parseTree(withoutBom(text))!;
          const offset = text.length - withoutBom(text).length;
          const at = (path: Path): Node => {
            const node = findNodeAtLocation(tree, path);
            assert.ok(node, JSON.stringify(path));
            return { ...node, offset: node.offset + offset };
          };
          const insertInto = newKey === null || values.length === 0 ? objects[pick % objects.length] : undefined;
          const path = insertInto ? [...insertInto, newKey ?? 'seed'] : values[pick % values.length];
          const exists = findNodeAtLocation(tree, path) !== undefined;
          const next = setAt(base, path, value);
          const after = rewriteScenarioText(text, next);
          assert.deepEqual(meaning(after), JSON.parse(JSON.stringify(next)));
          // Told what the text means (as the playground's reader knows), the same edit.
          assert.equal(rewriteScenarioText(text, next, meaning(text)), after);
          const e = textDifference(text, after);
          if (!e) return;
          if (exists) {
            // Everything before and after the value's own bytes is as it was.
            const node = at(path);
            assert.ok(e.offset >= node.offset && e.offset + e.length <= node.offset + node.length, `${text}\n→\n${after}`);
          } else {
            // One property inserted into its object: nothing but layout between the braces is replaced.
            const object = at(path.slice(0, -1));
            assert.ok(e.offset > object.offset && e.offset + e.length < object.offset + object.length, `${text}\n→\n${after}`);
            assert.equal(text.slice(e.offset, e.offset + e.length).trim(), '', `${text}\n→\n${after}`);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a key given twice is refused, naming it and both its lines, whatever the rest of the text', () => {
    fc.assert(
      fc.property(json.object, layout, fc.nat(), json.node, (base, style, pick, value) => {
        const text = printText(base, style);
        const tree = parseTree(withoutBom(text))!;
        const offset = text.length - withoutBom(text).length;
        const objects = pathsOf(base).objects.filter((p) => (findNodeAtLocation(tree, p)?.children?.length ?? 0) > 0);
        fc.pre(objects.length > 0);
        const object = findNodeAtLocation(tree, objects[pick % objects.length])!;
        const properties = object.children!;
        const first = properties[pick % properties.length];
        const last = properties[properties.length - 1];
        const key = String(first.children![0].value);
        const at = offset + last.offset + last.length;
        const twice = `${text.slice(0, at)},${style.eol}${JSON.stringify(key)}: ${JSON.stringify(value)}${text.slice(at)}`;
        const line = (o: number): number => twice.slice(0, o).split(/\r\n|\n/).length;
        const lines = `on lines ${line(offset + first.offset)} and ${line(at + 1 + style.eol.length)}`;
        const named = (e: unknown): boolean => {
          assert.ok(e instanceof ScenarioEditError);
          assert.ok(e.message.includes(lines), `${e.message} (expected ${lines})`);
          assert.ok(e.message.includes(keyPath(objects[pick % objects.length], key)), e.message);
          return true;
        };
        assert.throws(() => rewriteScenarioText(twice, meaning(twice) as Record<string, unknown>), named);
        // The reader refuses a text nested deeper than a scenario can be before it looks for keys.
        const deep = nestingDepth(twice, SCENARIO_TEXT_LIMITS.maxDepth) > SCENARIO_TEXT_LIMITS.maxDepth;
        if (!style.comments) assert.throws(() => parseScenarioText(twice, 'f.zigzag.json'), deep ? /nest more than/ : named);
      }),
      { numRuns: 300 },
    );
  });
});
