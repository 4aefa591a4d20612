// Rewrites a scenario file's text to hold a new scenario while changing only what differs: the user's
// key order, indentation, line endings, inline or multi-line layout, `$schema` and every untouched value
// stay byte for byte, so `git diff` shows just the edited value. jsonc-parser (Microsoft's, what VS Code
// uses for settings.json) gives the syntax tree with offsets; its own `modify` re-formats whole objects
// around an insertion or removal, so the edits themselves are made here. One pass of its visitor builds
// the tree, leaving out the insides of values that stay as they are, and finds keys given twice. Pure.
import { parse, printParseErrorCode, visit, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { ScenarioEditError } from './scenarioEdit';
import { duplicateKeyMessage, keyPath } from './scenarioText';

type Json = Record<string, unknown>;

/** Replace `length` characters at `offset` with `content`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

interface Style {
  readonly eol: string;
  /** One level of indentation, as the file has it (two spaces when it has none yet). */
  readonly unit: string;
}

const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function detectStyle(text: string): Style {
  const indented = /^([ \t]+)"/m.exec(text);
  return { eol: text.includes('\r\n') ? '\r\n' : '\n', unit: indented ? indented[1] : '  ' };
}

/** The whitespace a line starts with, for the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

const spansLines = (text: string, node: Node): boolean => text.slice(node.offset, node.offset + node.length).includes('\n');

/**
 * JSON text for a value written at `indent`: arrays of plain values stay on one line (`[1.5, -2]`, as
 * people write points); objects and nested arrays go multi-line where their surroundings are.
 */
function serialize(value: unknown, indent: string, multiline: boolean, style: Style): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = value.every((v) => v === null || typeof v !== 'object');
    if (flat || !multiline) return `[${value.map((v) => serialize(v, indent, false, style)).join(', ')}]`;
    const inner = indent + style.unit;
    return `[${value.map((v) => style.eol + inner + serialize(v, inner, true, style)).join(',')}${style.eol}${indent}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    if (!multiline) return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${serialize(v, indent, false, style)}`).join(', ')} }`;
    const inner = indent + style.unit;
    const lines = entries.map(([k, v]) => `${style.eol}${inner}${JSON.stringify(k)}: ${serialize(v, inner, true, style)}`);
    return `{${lines.join(',')}${style.eol}${indent}}`;
  }
  const text = JSON.stringify(value);
  if (text === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new ScenarioEditError(`cannot write ${String(value)} into a JSON file`);
  }
  return text;
}

/** A plain value in the file and in the scenario, compared as JSON: 1.0 in the file equals 1. */
function sameValue(node: Node, value: unknown): boolean {
  return node.type === 'null' ? value === null : node.value === value;
}

const keyOf = (property: Node): string => String(property.children?.[0]?.value);

/** The value at `path` inside `root`, or undefined. */
function valueAt(root: unknown, path: JSONPath): unknown {
  let v = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** A Node while the tree is being built. */
interface TreeNode {
  type: Node['type'];
  offset: number;
  length: number;
  value?: unknown;
  parent?: TreeNode;
  children?: TreeNode[];
}

/**
 * jsonc-parser's syntax tree of `text`, as its parseTree builds it, from one visit: except that an
 * object or array `keep` says stays as it is goes into `kept`, without children (nothing inside it will
 * be edited), and a key given twice in any object, kept or not, is refused naming it and both lines.
 */
function editTree(text: string, keep: (path: JSONPath) => boolean, kept: Set<Node>, errors: ParseError[]): Node | undefined {
  const root: TreeNode = { type: 'array', offset: -1, length: -1, children: [] };
  let parent: TreeNode = root;
  // Inside a kept value: how many of its containers are open (0: building the tree).
  let inside = 0;
  const keys: (Map<string, number> | null)[] = [];
  const add = (node: TreeNode): TreeNode => {
    parent.children!.push(node);
    return node;
  };
  const completeProperty = (end: number): void => {
    if (parent.type !== 'property') return;
    parent.length = end - parent.offset;
    parent = parent.parent!;
  };
  const begin = (type: 'object' | 'array', offset: number, path: () => JSONPath): void => {
    keys.push(type === 'object' ? new Map() : null);
    if (inside > 0) {
      inside++;
      return;
    }
    parent = add({ type, offset, length: -1, parent, children: [] });
    if (keep(path())) {
      kept.add(parent);
      inside = 1;
    }
  };
  const end = (offset: number, length: number): void => {
    keys.pop();
    if (inside > 1) {
      inside--;
      return;
    }
    inside = 0;
    completeProperty(offset + length);
    parent.length = offset + length - parent.offset;
    parent = parent.parent!;
    completeProperty(offset + length);
  };
  visit(
    text,
    {
      onObjectBegin: (offset, _length, _line, _character, path) => begin('object', offset, path),
      onArrayBegin: (offset, _length, _line, _character, path) => begin('array', offset, path),
      onObjectEnd: end,
      onArrayEnd: end,
      onObjectProperty: (key, offset, length, line, _character, path) => {
        const seen = keys[keys.length - 1];
        const first = seen?.get(key);
        if (first !== undefined) {
          throw new ScenarioEditError(duplicateKeyMessage('the file', { path: keyPath(path(), key), lines: [first, line + 1] }));
        }
        seen?.set(key, line + 1);
        if (inside > 0) return;
        parent = add({ type: 'property', offset, length: -1, parent, children: [] });
        parent.children!.push({ type: 'string', value: key, offset, length, parent });
      },
      onLiteralValue: (value: unknown, offset, length) => {
        if (inside > 0) return;
        const type = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
        add({ type, offset, length, parent, value });
        completeProperty(offset + length);
      },
      onSeparator: (separator, offset) => {
        if (inside === 0 && separator === ',') completeProperty(offset);
      },
      onError: (error, offset, length) => void errors.push({ error, offset, length }),
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  const tree = root.children![0];
  if (tree) delete tree.parent;
  return tree;
}

/** What one rewrite works with: the text, its layout, the values that stay, and the edits so far. */
interface Editing {
  readonly text: string;
  readonly style: Style;
  readonly kept: ReadonlySet<Node>;
  readonly out: TextEdit[];
}

/**
 * Adds to `out` the edits that make `node` hold `value`: values that differ are rewritten in place,
 * missing properties inserted, extra ones removed, and everything else left byte for byte. One walk.
 */
function collectEdits(e: Editing, node: Node, value: unknown): void {
  if (e.kept.has(node)) return;
  const { text, style, out } = e;
  if (node.type === 'object' && isPlainObject(value)) return objectEdits(e, node, value);
  if (node.type === 'array' && Array.isArray(value) && (node.children?.length ?? 0) === value.length) {
    (node.children ?? []).forEach((item, i) => collectEdits(e, item, value[i]));
    return;
  }
  if (node.type !== 'object' && node.type !== 'array' && sameValue(node, value)) return;
  // A value of another shape: written anew, multi-line when the object holding it is.
  const container = node.parent?.type === 'property' ? node.parent.parent : node.parent;
  const multiline = container ? spansLines(text, container) : spansLines(text, node);
  out.push({ offset: node.offset, length: node.length, content: serialize(value, lineIndent(text, node.offset), multiline, style) });
}

function objectEdits(e: Editing, node: Node, value: Json): void {
  const { text, style, out } = e;
  const properties = node.children ?? [];
  const byKey = new Map(properties.map((p) => [keyOf(p), p]));
  const multiline = spansLines(text, node);
  const wanted = (key: string): boolean => Object.hasOwn(value, key) && value[key] !== undefined;
  const added = Object.entries(value).filter(([key, v]) => v !== undefined && !byKey.has(key));
  const kept = properties.filter((p) => wanted(keyOf(p)));
  const outer = lineIndent(text, node.offset);
  if (kept.length === 0) {
    if (added.length === 0) {
      if (properties.length > 0) out.push({ offset: node.offset + 1, length: node.length - 2, content: '' });
      return;
    }
    const inner = text.slice(node.offset + 1, node.offset + node.length - 1);
    if (properties.length === 0 && inner.trim() !== '') {
      // An empty object holding comments: the new properties go in front of them.
      const indent = outer + style.unit;
      const entries = added.map(([k, v]) => `${JSON.stringify(k)}: ${serialize(v, indent, multiline, style)}`);
      const content = multiline ? entries.map((e) => style.eol + indent + e).join(',') : ` ${entries.join(', ')}`;
      out.push({ offset: node.offset + 1, length: 0, content });
      return;
    }
    // Nothing of the old object stays: it is written anew, in its own layout.
    out.push({ offset: node.offset, length: node.length, content: serialize(Object.fromEntries(added), outer, multiline, style) });
    return;
  }
  for (const p of kept) {
    const valueNode = p.children?.[1];
    if (valueNode) collectEdits(e, valueNode, value[keyOf(p)]);
  }
  // Removals, a run of neighbours at a time, each taking its separators: up to the next kept property,
  // or (at the end) back to the previous kept one.
  for (let i = 0; i < properties.length; i++) {
    if (wanted(keyOf(properties[i]))) continue;
    let j = i;
    while (j + 1 < properties.length && !wanted(keyOf(properties[j + 1]))) j++;
    const last = properties[j];
    if (j + 1 < properties.length)
      out.push({ offset: properties[i].offset, length: properties[j + 1].offset - properties[i].offset, content: '' });
    else {
      const previous = properties[i - 1];
      const from = previous.offset + previous.length;
      out.push({ offset: from, length: last.offset + last.length - from, content: '' });
    }
    i = j;
  }
  if (added.length === 0) return;
  // Insertions after the last property that stays, in its layout.
  const anchor = kept[kept.length - 1];
  const indent = multiline ? lineIndent(text, anchor.offset) : outer;
  const content = added
    .map(([k, v]) => `,${multiline ? style.eol + indent : ' '}${JSON.stringify(k)}: ${serialize(v, indent, multiline, style)}`)
    .join('');
  out.push({ offset: anchor.offset + anchor.length, length: 0, content });
}

/** `text` with `edits` applied; the edits must not overlap (an insertion may share its offset with what follows). */
function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at) throw new Error('overlapping edits');
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function applyTextEdit(text: string, e: TextEdit): string {
  return text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);
}

/** Whether two JSON values mean the same (key order aside; an undefined field is no field). */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const fields = (o: Json): string[] => Object.keys(o).filter((k) => o[k] !== undefined);
    const keys = fields(a);
    return keys.length === fields(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}

const BOM = '\ufeff';

/** What a JSON text means: JSON.parse's reading, or jsonc-parser's when the text holds comments. */
function meaningOf(text: string, comments: boolean): unknown {
  if (!comments) return JSON.parse(text);
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0) throw new SyntaxError(`${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`);
  return value;
}

/**
 * `text` (a JSON object, comments allowed) rewritten to hold `next`: one visit of the text, every
 * difference settled in one walk of its tree. `current`, what the text means, if the caller has it (a
 * reader's JSON.parse of this very text); it only spares reading it again. Throws ScenarioEditError when
 * the text is not a JSON object or gives a key twice; the result always parses back to exactly `next`.
 */
export function rewriteScenarioText(text: string, next: Json, current?: unknown): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = text.slice(bom.length);
  let meaning = current;
  if (meaning === undefined) {
    try {
      meaning = JSON.parse(body);
    } catch {
      // Comments (or a syntax error, reported below): nothing is known to stay, the whole tree is built.
    }
  }
  const errors: ParseError[] = [];
  const kept = new Set<Node>();
  const keep = (path: JSONPath): boolean => meaning !== undefined && sameJson(valueAt(meaning, path), valueAt(next, path));
  const root = editTree(body, keep, kept, errors);
  // Comments are reported as errors (so we know the result may hold them), and are kept like everything else.
  const problems = errors.filter((e) => printParseErrorCode(e.error) !== 'InvalidCommentToken');
  const comments = errors.length > problems.length;
  if (problems.length > 0) {
    throw new ScenarioEditError(`the file is not valid JSON (${printParseErrorCode(problems[0].error)} at offset ${problems[0].offset})`);
  }
  if (!root || root.type !== 'object') throw new ScenarioEditError('the file does not hold a JSON object');
  const out: TextEdit[] = [];
  collectEdits({ text: body, style: detectStyle(body), kept, out }, root, next);
  if (out.length === 0) return text;
  const result = applyTextEdits(body, out);
  let parsed: unknown;
  try {
    parsed = meaningOf(result, comments);
  } catch (e) {
    throw new ScenarioEditError(`editing the file would break its JSON (${(e as Error).message})`);
  }
  if (!sameJson(parsed, next)) throw new ScenarioEditError('editing the file did not give the intended scenario');
  return bom + result;
}

/** The one replacement that turns `before` into `after` (their common start and end are kept); null if equal. */
export function textDifference(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) };
}
