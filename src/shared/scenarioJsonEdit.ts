// Rewrites a scenario file's text to hold a new scenario while changing only what differs: the user's
// key order, indentation, line endings, inline or multi-line layout, `$schema` and every untouched value
// stay byte for byte, so `git diff` shows just the edited value. jsonc-parser (Microsoft's, what VS Code
// uses for settings.json) gives the syntax tree with offsets; its own `modify` re-formats whole objects
// around an insertion or removal, so the edits themselves are made here. Pure; no vscode.
import { getNodeValue, parseTree, type Node } from 'jsonc-parser';
import { ScenarioEditError } from './scenarioEdit';

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

/** Plain values (and arrays of them) compared as JSON: 1.0 in the file equals 1 in the scenario. */
function sameValue(node: Node, value: unknown): boolean {
  return JSON.stringify(getNodeValue(node)) === JSON.stringify(value);
}

const keyOf = (property: Node): string => String(property.children?.[0]?.value);

/** The one edit that makes `node` hold `value`'s first difference, or null when they agree. */
function firstEdit(text: string, node: Node, value: unknown, style: Style): TextEdit | null {
  if (node.type === 'object' && isPlainObject(value)) return objectEdit(text, node, value, style);
  if (node.type === 'array' && Array.isArray(value) && (node.children?.length ?? 0) === value.length) {
    const items = node.children ?? [];
    for (let i = 0; i < items.length; i++) {
      const edit = firstEdit(text, items[i], value[i], style);
      if (edit) return edit;
    }
    return null;
  }
  if (node.type !== 'object' && node.type !== 'array' && sameValue(node, value)) return null;
  // A value of another shape: written anew, multi-line when the object holding it is.
  const container = node.parent?.type === 'property' ? node.parent.parent : node.parent;
  const multiline = container ? spansLines(text, container) : spansLines(text, node);
  return { offset: node.offset, length: node.length, content: serialize(value, lineIndent(text, node.offset), multiline, style) };
}

function objectEdit(text: string, node: Node, value: Json, style: Style): TextEdit | null {
  const properties = node.children ?? [];
  // The last occurrence of a key is the one JSON.parse keeps.
  const byKey = new Map(properties.map((p) => [keyOf(p), p]));
  const multiline = spansLines(text, node);
  // Insertions first: an object that loses all its old keys to new ones keeps its multi-line shape.
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || byKey.has(key)) continue;
    const property = `${JSON.stringify(key)}: `;
    if (properties.length === 0) {
      const inner = { offset: node.offset + 1, length: node.length - 2 };
      if (!multiline) return { ...inner, content: ` ${property}${serialize(v, lineIndent(text, node.offset), false, style)} ` };
      const indent = lineIndent(text, node.offset) + style.unit;
      return {
        ...inner,
        content: `${style.eol}${indent}${property}${serialize(v, indent, true, style)}${style.eol}${lineIndent(text, node.offset)}`,
      };
    }
    const last = properties[properties.length - 1];
    const indent = multiline ? lineIndent(text, last.offset) : lineIndent(text, node.offset);
    return {
      offset: last.offset + last.length,
      length: 0,
      content: `,${multiline ? style.eol + indent : ' '}${property}${serialize(v, indent, multiline, style)}`,
    };
  }
  for (const [key, v] of Object.entries(value)) {
    const property = byKey.get(key);
    const valueNode = property?.children?.[1];
    if (v === undefined || !valueNode) continue;
    const edit = firstEdit(text, valueNode, v, style);
    if (edit) return edit;
  }
  const kept = (p: Node): boolean => byKey.get(keyOf(p)) === p && Object.hasOwn(value, keyOf(p)) && value[keyOf(p)] !== undefined;
  for (let i = 0; i < properties.length; i++) {
    const p = properties[i];
    if (kept(p)) continue;
    // Removal takes the separator with it: up to the next property, or back to the previous one.
    if (properties.length === 1) return { offset: node.offset + 1, length: node.length - 2, content: '' };
    if (i < properties.length - 1) return { offset: p.offset, length: properties[i + 1].offset - p.offset, content: '' };
    const previous = properties[i - 1];
    const from = previous.offset + previous.length;
    return { offset: from, length: p.offset + p.length - from, content: '' };
  }
  return null;
}

export function applyTextEdit(text: string, e: TextEdit): string {
  return text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);
}

/** Canonical JSON (keys sorted) for comparing what two texts mean. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * `text` (a JSON object) rewritten to hold `next`, one small edit at a time. Throws ScenarioEditError
 * when the text is not a JSON object; the result always parses back to exactly `next`.
 */
export function rewriteScenarioText(text: string, next: Json): string {
  const style = detectStyle(text);
  let current = text;
  // Each edit settles one difference; a scenario has a few dozen fields at most.
  for (let edits = 0; edits < 10_000; edits++) {
    const root = parseTree(current);
    if (!root || root.type !== 'object') throw new ScenarioEditError('the file does not hold a JSON object');
    const edit = firstEdit(current, root, next, style);
    if (!edit) break;
    current = applyTextEdit(current, edit);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(current.charCodeAt(0) === 0xfeff ? current.slice(1) : current);
  } catch (e) {
    throw new ScenarioEditError(`editing the file would break its JSON (${(e as Error).message})`);
  }
  if (canonical(parsed) !== canonical(next)) throw new ScenarioEditError('editing the file did not give the intended scenario');
  return current;
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
