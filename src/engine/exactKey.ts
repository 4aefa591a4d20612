// A string that is equal for two values exactly when they are: JSON, except that −0 stays apart from 0
// (JSON writes both as 0, and the engine's bits can tell them apart). Numbers print in the shortest form
// that reads back to the same double, so equal keys mean bit-identical numbers.
export function exactKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (Object.is(v, -0) ? '-0' : v));
}
