// Work cut into pieces of bounded cost: a generator whose every `yield` ends one piece. A caller that
// must keep its thread free (the extension host, a Markdown preview, a notebook output) resumes it a
// slice of pieces at a time and lets other work in between (src/shared/slices.ts); everyone else runs
// it in one go with `complete`. Either way the same code runs in the same order: the same bits.

/**
 * What a piece was, named by the value it yields: pieces of one kind cost about the same (a block of
 * VALUES_PER_PIECE numbers of a pass over the data, one optimizer step, one loss-grid cell, a row of
 * cells that cost O(1) each), pieces of different kinds need not, so a driver that times pieces
 * measures each kind anew.
 */
export type PieceKind = 'examples' | 'step' | 'cell' | 'row';

/** Work that yields after each piece and returns T. Layers above the engine add kinds of their own. */
export type Pieces<T, K extends string = PieceKind> = Generator<K, T, undefined>;

/** Examples a data pass handles per piece (about a millisecond for the dearest pass, the data's generation). */
const EXAMPLES_PER_PIECE = 4096;
/** Numbers a pass over an N × d matrix of inputs handles per piece: EXAMPLES_PER_PIECE examples of two features. */
export const VALUES_PER_PIECE = 2 * EXAMPLES_PER_PIECE;

/**
 * Multiply-adds of a fan-in pass (a dot product per row, a Gram column, a tile of second moments, a
 * Householder reflection) per piece: tight loops over typed arrays, a fraction of a millisecond.
 */
export const MULTIPLY_ADDS_PER_PIECE = 1 << 18;

/** Rows of d values that make a piece of MULTIPLY_ADDS_PER_PIECE multiply-adds (at least one). */
export function rowsOfWork(d: number): number {
  return Math.max(1, Math.floor(MULTIPLY_ADDS_PER_PIECE / d));
}

/** Rows of d values that make a piece of VALUES_PER_PIECE numbers (at least one). */
export function rowsPerPiece(d: number): number {
  return Math.max(1, Math.floor(VALUES_PER_PIECE / d));
}

/**
 * Doubles written to fresh memory per piece: the first write to a page costs its mapping
 * (docs/architecture.md, work in slices), so a large new array is filled a block at a time.
 */
const FRESH_VALUES_PER_PIECE = 1 << 16;

/** A new array of `length` zeros, its memory first written a block at a time. */
export function* zerosPieces(length: number): Pieces<Float64Array> {
  const a = new Float64Array(length);
  for (let from = 0; from < length; from += FRESH_VALUES_PER_PIECE) {
    a.fill(0, from, Math.min(length, from + FRESH_VALUES_PER_PIECE));
    yield 'examples';
  }
  return a;
}

/** A copy of `source`, written a block at a time. */
export function* copyPieces(source: Float64Array): Pieces<Float64Array> {
  const a = new Float64Array(source.length);
  for (let from = 0; from < source.length; from += FRESH_VALUES_PER_PIECE) {
    a.set(source.subarray(from, Math.min(source.length, from + FRESH_VALUES_PER_PIECE)), from);
    yield 'examples';
  }
  return a;
}

/** Runs the pieces to the end in one go and returns what they make. */
export function complete<T, K extends string>(pieces: Pieces<T, K>): T {
  for (;;) {
    const r = pieces.next();
    if (r.done) return r.value;
  }
}
