// A string that is equal for two values exactly when they are: JSON, except that −0 stays apart from 0
// (JSON writes both as 0, and the engine's bits can tell them apart). Numbers print in the shortest form
// that reads back to the same double, so equal keys mean bit-identical numbers.
export function exactKey(value: unknown): string {
  // A replacer is called for every value (a d = 784 weight vector: 784 calls): only when a −0 needs it.
  return holdsNegativeZero(value) ? JSON.stringify(value, (_key, v: unknown) => (Object.is(v, -0) ? '-0' : v)) : JSON.stringify(value);
}

/** Whether a −0 is among the values JSON would write (each visited once, as JSON.stringify visits them). */
function holdsNegativeZero(value: unknown): boolean {
  if (typeof value === 'number') return Object.is(value, -0);
  if (typeof value !== 'object' || value === null) return false;
  if (ArrayBuffer.isView(value)) {
    if (!(value instanceof Float64Array || value instanceof Float32Array)) return false;
    for (let i = 0; i < value.length; i++) if (Object.is(value[i], -0)) return true;
    return false;
  }
  const values: readonly unknown[] = Array.isArray(value) ? value : Object.values(value);
  for (const v of values) if (holdsNegativeZero(v)) return true;
  return false;
}
