// A data file's examples as the engine takes them (InputTable), with the digest that identifies them:
// a 64-bit hash (two FNV-1a lanes) of the values' bits and the shape, so equal digests mean equal data
// for every practical purpose and a memo can key by the digest instead of 10^7 numbers.
import { VALUES_PER_PIECE, complete, type Pieces } from './pieces';
import type { InputTable } from './types';

/** The table of `rows` × `columns` values (row-major), with its digest. O(rows·columns) once. */
export function inputTable(rows: number, columns: number, values: Float64Array): InputTable {
  return complete(inputTablePieces(rows, columns, values));
}

/** inputTable with the digest taken a block of VALUES_PER_PIECE values at a time (the same bits). */
export function* inputTablePieces(rows: number, columns: number, values: Float64Array): Pieces<InputTable> {
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows * columns !== values.length) {
    throw new RangeError(`a table of ${rows} × ${columns} needs ${rows * columns} values, got ${values.length}`);
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let a = 0x811c9dc5 ^ rows;
  let b = 0x050c5d1f ^ columns;
  for (let start = 0; start < words.length; start += 2 * VALUES_PER_PIECE) {
    const end = Math.min(words.length, start + 2 * VALUES_PER_PIECE);
    for (let k = start; k < end; k++) {
      a = Math.imul(a ^ words[k], 0x01000193);
      b = Math.imul(b ^ words[k] ^ (k & 0xffff), 0x01000193);
    }
    if (end < words.length) yield 'examples';
  }
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
  return { rows, columns, values, digest: `${rows}x${columns}:${hex(a)}${hex(b)}` };
}
