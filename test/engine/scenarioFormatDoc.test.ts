// docs/scenario-format.md states the format's ranges, the divergence rule and the cost model's unit; the
// ranges table is checked here against the JSON Schema the engine derives from its catalogs (and which
// test/engine/schema.test.ts holds to the validator), so the document cannot drift from the code.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DIVERGENCE_BOUND } from '../../src/engine/catalog/limits';
import { HYPERPARAMETER_NAMES } from '../../src/engine/catalog/optimizers';
import { scenarioSchema } from '../../src/engine/scenarioSchema';
import { formatPowerOfTen } from '../../src/shared/format';

type Node = { readonly [keyword: string]: unknown };
const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
const schema = scenarioSchema();

/** The node itself, or the definition it refers to. */
const deref = (n: Node): Node => (typeof n.$ref === 'string' ? (schema.definitions as Record<string, Node>)[n.$ref.split('/').pop()!] : n);

/** The schema node of a dotted field path, references followed. */
function nodeAt(path: string): Node {
  let n: Node = schema;
  for (const key of path.split('.')) n = deref((n.properties as Record<string, Node>)[key]);
  return n;
}

/** The bounds of a number node, in the validator's words ("≥ 0 and < 1", "within ±1000000"). */
function bounds(n: Node): string {
  const { minimum: min, maximum: max, exclusiveMinimum: xmin, exclusiveMaximum: xmax } = n as Record<string, number | undefined>;
  if (min !== undefined && max !== undefined && min === -max) return `within ±${max}`;
  const parts = [min !== undefined ? `≥ ${min}` : `> ${xmin}`, max !== undefined ? `≤ ${max}` : `< ${xmax}`];
  return parts.join(' and ');
}

/** What a field may hold, from its schema node. */
function allowed(path: string): string {
  const n = nodeAt(path);
  if (path === 'batchSize') {
    const int = (n.oneOf as Node[])[0];
    return `an integer from ${int.minimum as number} to N (the number of examples), or "full"`;
  }
  return inWords(n);
}

/** A schema node in words: numbers, strings, lists of d numbers (fan-in), rows of them, index lists. */
function inWords(n: Node): string {
  if (n.oneOf) return (n.oneOf as Node[]).map((x) => inWords(deref(x))).join(', or ');
  if (n.type === 'integer') return `an integer from ${n.minimum as number} to ${n.maximum as number}`;
  if (n.type === 'number') return `a finite number ${bounds(n)}`;
  if (n.type === 'string') return `a${n.minLength ? ' non-empty' : ''} string of at most ${n.maxLength as number} characters`;
  const items = deref(n.items as Node);
  const count = n.minItems === n.maxItems ? `${n.minItems as number}` : `${n.minItems as number} to ${n.maxItems as number}`;
  if (items.type === 'integer') {
    const range =
      items.maximum === undefined ? `≥ ${items.minimum as number}` : `from ${items.minimum as number} to ${items.maximum as number}`;
    return `${count} ${n.uniqueItems ? 'distinct ' : ''}integers ${range}`;
  }
  if (items.type === 'number') return `${count} finite numbers (one per input), each ${bounds(items)}`;
  const row = deref(items.items as Node);
  return `${count} rows of ${items.minItems as number} to ${items.maxItems as number} numbers (one per input), each ${bounds(row)}`;
}

const FIELDS = [
  'inputs.count',
  'inputs.dimension',
  'inputs.mean',
  'inputs.std',
  'inputs.points',
  'inputs.file',
  'inputs.columns',
  'inputs.shift',
  'start',
  'axes',
  'target.distance',
  'target.point',
  'labelNoise',
  ...HYPERPARAMETER_NAMES.map((k) => `optimizer.${k}`),
  'batchSize',
  'steps',
  'seed',
  'function.expression',
];

describe('docs/scenario-format.md agrees with the engine', () => {
  it('the ranges table lists every numeric field with the range the catalogs give it', () => {
    const start = doc.indexOf('## Ranges');
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    const rows = [...section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    const expected = FIELDS.map((f) => [f, allowed(f)]);
    assert.deepEqual(rows, expected, `the table should read:\n${expected.map(([f, a]) => `| \`${f}\` | ${a} |`).join('\n')}`);
  });

  it('states the divergence rule with the engine’s bound', () => {
    const bound = formatPowerOfTen(DIVERGENCE_BOUND);
    assert.ok(doc.includes(`|loss[t]| > ${bound}`) && doc.includes(`|w_t,i| > ${bound}`), `the divergence rule with ${bound}`);
  });
});
