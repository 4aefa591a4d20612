// Equality bit for bit: of arrays of numbers, of plain data, of runs. The engine gives the same bits in
// Node and Chromium, so a preview and the host's run of the same scenario are equal in every bit, and
// anything less (JSON text, ===) would call −0 and 0 the same.
import type { RunView } from './runModel';

/** Every bit of two arrays of numbers of one kind (-0 is not 0); null only equals null. */
export function sameBits<T extends Float64Array | Uint32Array>(a: T | null, b: T | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.constructor !== b.constructor || a.length !== b.length) return false;
  // Both element sizes are multiples of 4 bytes, so their buffers can be read as 32-bit words.
  const x = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Every byte of two typed arrays of one kind. */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.constructor !== b.constructor || a.byteLength !== b.byteLength) return false;
  if (a instanceof Float64Array || a instanceof Uint32Array) return sameBits(a, b as typeof a);
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/**
 * Two values of plain data (numbers, strings, booleans, null, arrays, objects of own fields, typed arrays)
 * equal in every field: numbers by Object.is (-0 is not 0), typed arrays bit for bit.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && sameBytes(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameData(ra[k], rb[k]));
}

/** Two runs equal in every field, bit for bit (a preview and the host's answer to it). */
export function sameRun(a: RunView, b: RunView): boolean {
  return sameData(a, b);
}
