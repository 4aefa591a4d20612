// Editing a scenario in its raw JSON form, before validation: a dotted-path set (CLI --set, commands)
// and a deep merge of partial scenarios (webview patches, settings). Pure; shared by CLI and host.
import type { Scenario } from '../engine/types';

export class ScenarioEditError extends Error {
  override readonly name = 'ScenarioEditError';
}

/** Any JSON object, nested ones included. */
type JsonObject = Record<string, unknown>;

/** A scenario in the v1 file format as written (by the user, a file, the settings), before validation fills defaults. */
export type WrittenScenario = { readonly [field: string]: unknown };

/** Some fields of a scenario as written, to merge into one (mergeScenario); null removes a field. */
export type ScenarioPatch = { readonly [field: string]: unknown };

/** A field name as a dotted path may hold it. */
export const SEGMENT = /^[A-Za-z$][A-Za-z0-9]*$/;
// Keys that would reach Object.prototype through a plain object.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy of `base` with the field at the dotted `path` set to `value` (intermediate objects created). */
export function setPath(base: WrittenScenario, path: string, value: unknown): WrittenScenario {
  const keys = path.split('.');
  for (const k of keys) {
    if (!SEGMENT.test(k) || FORBIDDEN.has(k)) throw new ScenarioEditError(`invalid field path '${path}'`);
  }
  const write = (o: JsonObject, i: number): JsonObject => {
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
export function mergeScenario(base: WrittenScenario, patch: ScenarioPatch): WrittenScenario {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (FORBIDDEN.has(key)) throw new ScenarioEditError(`invalid field '${key}'`);
    if (value === null) delete out[key];
    // Into a missing (or non-object) field too, so nulls inside the patch never reach the scenario.
    else if (isPlainObject(value)) out[key] = mergeScenario(isPlainObject(out[key]) ? out[key] : {}, value);
    else out[key] = value;
  }
  return out;
}

/** The scenario a point of the plane belongs to: its weights and the pair the plane shows. */
type PlaneOf = Pick<Scenario, 'start' | 'axes' | 'target'>;

/** `w` with the shown pair set to `point`; d = 2 on axes (0, 1) gives `point` itself, as v1 writes it. */
function onPair(w: readonly number[], axes: readonly [number, number], point: readonly [number, number]): number[] {
  if (w.length === 2 && axes[0] === 0 && axes[1] === 1) return [point[0], point[1]];
  const out = w.slice();
  out[axes[0]] = point[0];
  out[axes[1]] = point[1];
  return out;
}

/**
 * The patch for a new starting point (a click on the plot, Set Starting Point): `point` is on the shown
 * pair of `on` (the scenario the plot shows); every other weight keeps its value. Without `on`, d = 2.
 */
export function startPatch(point: readonly [number, number], on?: PlaneOf): ScenarioPatch {
  return { start: on ? onPair(on.start, on.axes, point) : [point[0], point[1]] };
}

/** The patch for a target dragged to a point of the shown pair: w* becomes that point there, as it was elsewhere. */
export function targetPatch(point: readonly [number, number], on?: PlaneOf): ScenarioPatch {
  // Off the shown pair w* is a target point's own value, or else the start's (a quadrant acts on the pair only).
  const t = on?.target;
  const base = on ? (t && 'point' in t && t.point.length === on.start.length ? t.point : on.start) : null;
  return { target: { point: on && base ? onPair(base, on.axes, point) : [point[0], point[1]], quadrant: null, distance: null } };
}
