// √(a² + b²) in plain arithmetic, in a module of its own: the metrics (which the webview bundles for its
// metrics timeline) need it without portableMath's fdlibm tables.

/** √(a² + b²) as plain arithmetic (no protection against overflow, unlike Math.hypot). */
export function hypot2(a: number, b: number): number {
  return Math.sqrt(a * a + b * b);
}
