// Parsing what people and scripts hand to commands: "w1, w2" typed in an input box, or arguments from
// executeCommand / keybindings. Pure; every failure says what was expected and what arrived.
import { QUADRANTS, STEP_SIZE_RULES, type Quadrant, type StepSizeRule, type Vec2 } from '../engine/index';

/** Coordinates the input box accepts (the file format allows more; a classroom never needs it). */
const START_RANGE = 1000;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const show = (v: unknown): string => {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
  } catch {
    return String(v);
  }
};

/** "w1, w2" (also "(w1, w2)", "[w1 w2]", "w1; w2"). */
export function parsePointText(text: string): Parsed<Vec2> {
  const inner = text
    .trim()
    .replace(/^[([]\s*/, '')
    .replace(/\s*[)\]]$/, '');
  const parts = inner.split(/\s*[,;]\s*|\s+/).filter((p) => p !== '');
  if (parts.length !== 2) {
    return {
      ok: false,
      error: `Enter two numbers w1, w2 separated by a comma (like -1.5, 2); got ${parts.length === 0 ? 'nothing' : `${parts.length} value${parts.length === 1 ? '' : 's'}`}`,
    };
  }
  const values = parts.map((p) => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(p) ? Number(p) : NaN));
  const bad = parts.find((_, i) => !Number.isFinite(values[i]));
  if (bad !== undefined) return { ok: false, error: `'${bad}' is not a number` };
  return checkRange([values[0], values[1]]);
}

function checkRange(p: Vec2): Parsed<Vec2> {
  const out = p.find((c) => Math.abs(c) > START_RANGE);
  if (out !== undefined) return { ok: false, error: `${out} is out of range: w1 and w2 must lie within ±${START_RANGE}` };
  return { ok: true, value: p };
}

/** A command argument for a point: [w1, w2], {w1, w2} or the text form. */
export function parsePointArg(arg: unknown): Parsed<Vec2> {
  if (typeof arg === 'string') return parsePointText(arg);
  if (Array.isArray(arg) && arg.length === 2) return checkComponents(arg[0], arg[1]);
  if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
    const o = arg as Record<string, unknown>;
    if ('w1' in o && 'w2' in o) return checkComponents(o.w1, o.w2);
  }
  return { ok: false, error: `expected a point [w1, w2] of two finite numbers, got ${show(arg)}` };
}

/** Both components numbers within ±START_RANGE, or the first that is not, named as the scenario validator names start[0]. */
function checkComponents(w1: unknown, w2: unknown): Parsed<Vec2> {
  for (const [name, v] of [
    ['w1', w1],
    ['w2', w2],
  ] as const) {
    // A number as itself (JSON.stringify writes Infinity and NaN as null), anything else as JSON.
    if (!(typeof v === 'number' && Math.abs(v) <= START_RANGE)) {
      return {
        ok: false,
        error: `${name} must be a finite number within ±${START_RANGE}, got ${typeof v === 'number' ? String(v) : show(v)}`,
      };
    }
  }
  return { ok: true, value: [w1 as number, w2 as number] };
}

const QUADRANT_NAMES: Record<string, Quadrant> = {
  'north-east': 'ne',
  'north-west': 'nw',
  'south-west': 'sw',
  'south-east': 'se',
  northeast: 'ne',
  northwest: 'nw',
  southwest: 'sw',
  southeast: 'se',
};

/** A quadrant argument: "ne" … "se" or its name ("north-west"). */
export function parseQuadrantArg(arg: unknown): Parsed<Quadrant> {
  if (typeof arg === 'string') {
    const key = arg.trim().toLowerCase();
    if ((QUADRANTS as readonly string[]).includes(key)) return { ok: true, value: key as Quadrant };
    if (key in QUADRANT_NAMES) return { ok: true, value: QUADRANT_NAMES[key] };
  }
  return { ok: false, error: `expected a quadrant ("ne", "nw", "sw" or "se"), got ${show(arg)}` };
}

/**
 * The comparison's step-size rule: "matched" (the same η·λmax, the default) or "same" (the same η), as
 * a string or as { stepSize }.
 */
export function parseStepSizeArg(arg: unknown): Parsed<StepSizeRule> {
  const value = typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? (arg as Record<string, unknown>).stepSize : arg;
  if ((STEP_SIZE_RULES as readonly unknown[]).includes(value)) return { ok: true, value: value as StepSizeRule };
  return { ok: false, error: `expected a step size rule (${STEP_SIZE_RULES.map((r) => `"${r}"`).join(' or ')}), got ${show(arg)}` };
}
