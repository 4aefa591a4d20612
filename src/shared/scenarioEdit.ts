// A scenario in its raw JSON form, before validation: reading a file's text (size, nesting and duplicate
// keys checked), a dotted-path set (CLI --set, commands) and a deep merge of partial scenarios (webview
// patches, settings). Pure; shared by CLI, host and the pages.
import { visit, type JSONPath } from 'jsonc-parser';

export class ScenarioEditError extends Error {
  override readonly name = 'ScenarioEditError';
}

/** What a scenario's text may hold, wherever it comes from (a file, stdin, an editor, a block). */
export const SCENARIO_TEXT_LIMITS = {
  /** UTF-8 bytes. A scenario is a few hundred; examples beyond this belong in fewer digits or fewer rows. */
  maxBytes: 1_000_000,
  /** Nesting of arrays and objects; a scenario needs 3 (inputs.points). */
  maxDepth: 8,
} as const;

type Json = Record<string, unknown>;

const SEGMENT = /^[A-Za-z$][A-Za-z0-9]*$/;
// Keys that would reach Object.prototype through a plain object.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** UTF-8 bytes of `text` (a lone surrogate counts as the 3 bytes of its replacement character). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const count = (n: number): string => n.toLocaleString('en-US');

const tooLarge = (name: string, size: string): ScenarioEditError =>
  new ScenarioEditError(`${name} is ${size}; a scenario may be at most ${count(SCENARIO_TEXT_LIMITS.maxBytes)} bytes (1 MB)`);

/** Refuses a scenario of `bytes` bytes over the limit, naming the source. */
export function checkScenarioSize(name: string, bytes: number): void {
  if (bytes > SCENARIO_TEXT_LIMITS.maxBytes) throw tooLarge(name, `${count(bytes)} bytes`);
}

/** Deepest nesting of [ and { outside strings; stops counting past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      deepest = Math.max(deepest, depth);
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A key's place for messages: `optimizer.lr`, `inputs.points[3].x`, odd keys quoted. */
export function keyPath(path: JSONPath, key: string): string {
  const name = (k: string): string => (SEGMENT.test(k) ? k : JSON.stringify(k));
  return [...path, key].reduce<string>(
    (out, k, i) => (typeof k === 'number' ? `${out}[${k}]` : i === 0 ? name(k) : `${out}.${name(k)}`),
    '',
  );
}

/** A key given twice in one object: where it is (dotted path) and its two lines (1-based). */
export interface DuplicateKey {
  readonly path: string;
  readonly lines: readonly [number, number];
}

/**
 * The first key that appears twice in one object of a JSON (or JSON with comments) text, or undefined.
 * JSON.parse silently keeps the last one; a scenario file must say each thing once. One pass; the text's
 * nesting must have been bounded (the visitor recurses per level).
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const objects: (Map<string, number> | null)[] = [];
  let found: DuplicateKey | undefined;
  visit(text, {
    onObjectBegin: () => void objects.push(new Map()),
    onObjectEnd: () => void objects.pop(),
    onArrayBegin: () => void objects.push(null),
    onArrayEnd: () => void objects.pop(),
    onObjectProperty: (key, _offset, _length, line, _character, pathSupplier) => {
      const keys = objects[objects.length - 1];
      if (found || !keys) return;
      const first = keys.get(key);
      if (first === undefined) keys.set(key, line + 1);
      else found = { path: keyPath(pathSupplier(), key), lines: [first, line + 1] };
    },
  });
  return found;
}

/** The message for a duplicate key, naming the source, the key and both lines. */
export function duplicateKeyMessage(name: string, d: DuplicateKey): string {
  return `${name}: ${d.path} is given twice, on lines ${d.lines[0]} and ${d.lines[1]} (JSON would keep only the last): remove one`;
}

/**
 * JSON text of a scenario (a file, stdin, a block) → the raw object. Refused, with a message naming the
 * source: a text over SCENARIO_TEXT_LIMITS, invalid JSON, anything but an object, a key given twice.
 */
export function parseScenarioText(text: string, name: string): Record<string, unknown> {
  // Every character is at least one byte: a longer text is refused before it is walked.
  if (text.length > SCENARIO_TEXT_LIMITS.maxBytes) throw tooLarge(name, `${count(text.length)} characters long`);
  checkScenarioSize(name, utf8Length(text));
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw new ScenarioEditError(`${name}: invalid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ScenarioEditError(
      `${name}: a scenario must be a JSON object, got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`,
    );
  }
  const L = SCENARIO_TEXT_LIMITS;
  if (nestingDepth(body, L.maxDepth) > L.maxDepth) {
    throw new ScenarioEditError(`${name}: arrays and objects nest more than ${L.maxDepth} levels deep; a scenario needs 3`);
  }
  const duplicate = findDuplicateKey(body);
  if (duplicate) throw new ScenarioEditError(duplicateKeyMessage(name, duplicate));
  return json as Record<string, unknown>;
}

/** A copy of `base` with the field at the dotted `path` set to `value` (intermediate objects created). */
export function setPath(base: Json, path: string, value: unknown): Json {
  const keys = path.split('.');
  for (const k of keys) {
    if (!SEGMENT.test(k) || FORBIDDEN.has(k)) throw new ScenarioEditError(`invalid field path '${path}'`);
  }
  const write = (o: Json, i: number): Json => {
    const key = keys[i];
    if (i === keys.length - 1) return { ...o, [key]: value };
    const inner = o[key];
    if (inner !== undefined && !isPlainObject(inner)) {
      throw new ScenarioEditError(`cannot set ${path}: ${keys.slice(0, i + 1).join('.')} is not an object`);
    }
    return { ...o, [key]: write(inner ?? {}, i + 1) };
  };
  return write(base, 0);
}

/** A --set value: JSON when it parses as JSON, otherwise the bare string (batchSize=full). */
export function parseSetValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Splits "v1,v2,..." at top-level commas, so "[0,0],[1,-1]" gives two values. */
export function splitVariants(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Merges a partial scenario into a raw one: objects merge field by field, anything else replaces,
 * and null removes the field (so "back to the default" can be said). Arrays replace whole.
 */
export function mergeScenario(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (FORBIDDEN.has(key)) throw new ScenarioEditError(`invalid field '${key}'`);
    if (value === null) delete out[key];
    // Into a missing (or non-object) field too, so nulls inside the patch never reach the scenario.
    else if (isPlainObject(value)) out[key] = mergeScenario(isPlainObject(out[key]) ? out[key] : {}, value);
    else out[key] = value;
  }
  return out;
}

/** The patch for a new starting point (a click on the plot, Set Starting Point). */
export function startPatch(point: readonly [number, number]): Json {
  return { start: [point[0], point[1]] };
}

/** The patch for a target dragged to a point: w* becomes that point, whatever placed it before. */
export function targetPatch(point: readonly [number, number]): Json {
  return { target: { point: [point[0], point[1]], quadrant: null, distance: null } };
}
