// A scenario's JSON text (a file, stdin, an editor's document, a block) → the raw object, read once:
// its size, its nesting and keys given twice are checked, so what JSON.parse would silently take (the
// last of two keys) or choke on (a huge or deeply nested text) is refused with a message naming the
// source, the key and its lines. Pure; shared by CLI, host and the pages.
import { visit, type JSONPath } from 'jsonc-parser';
import { SEGMENT, ScenarioEditError } from './scenarioEdit';

/** What a scenario's text may hold, wherever it comes from (a file, stdin, an editor, a block). */
export const SCENARIO_TEXT_LIMITS = {
  /** UTF-8 bytes. A scenario is a few hundred; examples beyond this belong in fewer digits or fewer rows. */
  maxBytes: 1_000_000,
  /** Nesting of arrays and objects; a scenario needs 3 (inputs.points). */
  maxDepth: 8,
} as const;

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

/** The refusal of a scenario over the size limit: `size` says how big it is ("1,234,567 bytes", "over …"). */
export const scenarioTooLarge = (name: string, size: string): ScenarioEditError =>
  new ScenarioEditError(`${name} is ${size}; a scenario may be at most ${count(SCENARIO_TEXT_LIMITS.maxBytes)} bytes (1 MB)`);

/** Refuses a scenario of `bytes` bytes over the limit, naming the source. */
export function checkScenarioSize(name: string, bytes: number): void {
  if (bytes > SCENARIO_TEXT_LIMITS.maxBytes) throw scenarioTooLarge(name, `${count(bytes)} bytes`);
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
function findDuplicateKey(text: string): DuplicateKey | undefined {
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
  if (text.length > SCENARIO_TEXT_LIMITS.maxBytes) throw scenarioTooLarge(name, `${count(text.length)} characters long`);
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
