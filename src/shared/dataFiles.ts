// Data files for `inputs.distribution: "file"`: CSV and .npy, parsed into the engine's InputTable. Pure:
// they take the file's bytes (and, for CSV, a text decoder: the caller's TextDecoder), do no I/O, and
// every problem is a DataFileError naming the row and column, or the header field, at fault.
//
// CSV: numbers only, comma-separated, one example per row, an optional first row of column names; read
// with papaparse (quoting and line endings as RFC 4180), row by row, so a file is never held twice.
// .npy: the NumPy format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html), versions 1 to
// 3: a 2-D array of little-endian float32 ('<f4') or float64 ('<f8') in C order.
//
// Limits, all from the engine's LIMITS: at most maxFileBytes bytes, 1 to maxCount rows, at least
// minDimension columns, rows × columns ≤ maxValues numbers, each finite and within ±maxMagnitude.
import Papa, { type Parser } from 'papaparse';
import { LIMITS, complete, type InputTable, type PieceKind, type Pieces } from '../engine/index';
import { inputTablePieces } from '../engine/inputTable';
import { VALUES_PER_PIECE } from '../engine/pieces';

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'DataFileError';
  }
}

/** The data file kinds, by extension. */
export type DataFileKind = 'csv' | 'npy';

/** The kind of a data file by its name's extension, or null. */
export function dataFileKind(name: string): DataFileKind | null {
  const m = /\.(csv|npy)$/i.exec(name);
  return m ? (m[1].toLowerCase() as DataFileKind) : null;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** A piece of parsing: about VALUES_PER_PIECE numbers read ('file'), or a block of the table's digest. */
export type DataFilePieces = Pieces<InputTable, 'file' | PieceKind>;

/** A file's bytes parsed by its kind. `decode` turns CSV bytes into text (UTF-8). */
export function parseDataFile(name: string, bytes: Uint8Array, decode: (bytes: Uint8Array) => string): InputTable {
  return complete(parseDataFilePieces(name, bytes, decode));
}

/** parseDataFile in pieces, for a caller that must keep its thread free (the extension host). */
export function* parseDataFilePieces(name: string, bytes: Uint8Array, decode: (bytes: Uint8Array) => string): DataFilePieces {
  if (bytes.length > LIMITS.maxFileBytes) {
    throw new DataFileError(name, `the file has ${count(bytes.length)} bytes; a data file may have at most ${count(LIMITS.maxFileBytes)}`);
  }
  const kind = dataFileKind(name);
  if (kind === 'npy') return yield* npyPieces(name, bytes);
  if (kind === 'csv') return yield* csvPieces(name, decode(bytes));
  throw new DataFileError(name, 'a data file must be .csv or .npy');
}

/** Grows a Float64Array as rows arrive (doubling: O(total) copies). */
class Values {
  private data = new Float64Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(2 * this.data.length);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as a number, or null when it is not written as one. */
function numberOf(cell: string): number | null {
  const text = cell.trim();
  return NUMBER.test(text) ? Number(text) : null;
}

/** Whether a number of a data file is one the playground takes: finite and within ±maxMagnitude. */
const inRange = (x: number): boolean => Math.abs(x) <= LIMITS.maxMagnitude; // false for NaN and ±Infinity too

/** The error for a number out of range; `where` is built only then (millions of values are checked). */
function outOfRange(file: string, x: number, where: string): DataFileError {
  return new DataFileError(file, `${where}: ${x} is beyond ±${count(LIMITS.maxMagnitude)}, the largest input the playground takes`);
}

const shown = (cell: string): string => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 37)}...` : cell);

/**
 * CSV text as a table: rows of numbers separated by commas, an optional header of names. Rows and
 * columns are counted from 1 as an editor shows them (the header is row 1 when there is one); empty
 * lines are skipped.
 */
export function parseCsv(file: string, text: string): InputTable {
  return complete(csvPieces(file, text));
}

function* csvPieces(file: string, text: string): DataFilePieces {
  const values = new Values();
  // papaparse pauses after about VALUES_PER_PIECE numbers; each resume reads the next piece.
  let paused: Parser | null = null;
  let sincePause = 0;
  let columns = -1;
  let rows = 0;
  let row = 0; // 1-based row of the file being read
  let failure: DataFileError | null = null;
  const fail = (parser: Parser, message: string): void => {
    failure = new DataFileError(file, message);
    parser.abort();
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark is not data
  Papa.parse(body, {
    delimiter: ',',
    quoteChar: '"',
    skipEmptyLines: false,
    step(result, parser) {
      if (failure) return;
      row++;
      const cells = result.data;
      if (cells.length === 1 && cells[0].trim() === '') return; // an empty line
      const quoting = result.errors.find((e) => e.type === 'Quotes');
      if (quoting) return fail(parser, `row ${row}: ${quoting.message.toLowerCase()}`);
      const numbers = cells.map(numberOf);
      const firstData = columns < 0;
      if (firstData && rows === 0 && numbers.some((x) => x === null)) {
        // A header: names, each non-empty, and no more columns than the data will have.
        const empty = cells.findIndex((c) => c.trim() === '');
        if (empty >= 0) return fail(parser, `row ${row} (the header), column ${empty + 1}: a column name is empty`);
        columns = cells.length;
        return;
      }
      if (columns < 0) columns = cells.length;
      if (cells.length !== columns) {
        return fail(parser, `row ${row} has ${cells.length} column${cells.length === 1 ? '' : 's'}; the rows before it have ${columns}`);
      }
      for (let c = 0; c < columns; c++) {
        const x = numbers[c];
        if (x === null) return fail(parser, `row ${row}, column ${c + 1}: ${shown(cells[c])} is not a number`);
        if (!inRange(x)) {
          failure = outOfRange(file, x, `row ${row}, column ${c + 1}`);
          return parser.abort();
        }
        values.push(x);
      }
      rows++;
      if (rows > LIMITS.maxCount)
        return fail(parser, `more than ${count(LIMITS.maxCount)} rows of data; a data file may have at most ${count(LIMITS.maxCount)}`);
      if (values.length > LIMITS.maxValues) {
        return fail(
          parser,
          `more than ${count(LIMITS.maxValues)} numbers (rows × columns); a data file may hold at most ${count(LIMITS.maxValues)}`,
        );
      }
      sincePause += columns;
      if (sincePause >= VALUES_PER_PIECE) {
        sincePause = 0;
        paused = parser;
        parser.pause();
      }
    },
  });
  // Assigned in the step callback, which TypeScript's flow analysis does not see.
  for (let p = paused as Parser | null; p !== null; p = paused as Parser | null) {
    paused = null;
    yield 'file';
    p.resume();
  }
  // Assigned in the step callback, which TypeScript's flow analysis does not see.
  const failed = failure as DataFileError | null;
  if (failed) throw failed;
  return yield* finish(file, rows, columns, values.done());
}

function* finish(file: string, rows: number, columns: number, values: Float64Array): DataFilePieces {
  if (rows < 1) throw new DataFileError(file, 'the file holds no rows of numbers');
  if (columns < LIMITS.minDimension) {
    throw new DataFileError(
      file,
      `the file has ${columns} column${columns === 1 ? '' : 's'}; a neuron takes at least ${LIMITS.minDimension} inputs`,
    );
  }
  return yield* inputTablePieces(rows, columns, values);
}

/** Typed arrays use the machine's byte order; .npy's '<f4' and '<f8' are little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** The header dictionary of a .npy file, e.g. {'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }. */
interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
}

/** A .npy file's bytes as a table. */
export function parseNpy(file: string, bytes: Uint8Array): InputTable {
  return complete(npyPieces(file, bytes));
}

function* npyPieces(file: string, bytes: Uint8Array): DataFilePieces {
  const fail = (message: string): never => {
    throw new DataFileError(file, message);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a .npy file (it does not start with \\x93NUMPY)');
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`.npy format version ${major}.${bytes[7]}; the playground reads versions 1 to 3`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthSize = major === 1 ? 2 : 4;
  const headerLength =
    major === 1 ? view.getUint16(8, true) : bytes.length >= 12 ? view.getUint32(8, true) : fail('the header is cut short');
  const start = 8 + lengthSize;
  if (start + headerLength > bytes.length) fail(`the header says it has ${headerLength} bytes; the file ends before that`);
  let text = '';
  for (let i = start; i < start + headerLength; i++) text += String.fromCharCode(bytes[i]);
  const header = readHeader(text, fail);
  const kinds: Record<string, 4 | 8> = { '<f4': 4, '<f8': 8 };
  const size = kinds[header.descr];
  if (size === undefined) {
    fail(`header field 'descr' is '${header.descr}'; the playground reads '<f4' or '<f8' (little-endian float32 or float64)`);
  }
  if (header.fortranOrder) fail("header field 'fortran_order' is True; save the array in C order (np.ascontiguousarray)");
  if (header.shape.length !== 2) {
    fail(`header field 'shape' is (${header.shape.join(', ')}): the playground reads a 2-D array, examples × inputs`);
  }
  const [rows, columns] = header.shape;
  if (rows < 1 || rows > LIMITS.maxCount)
    fail(`header field 'shape' gives ${count(rows)} rows; a data file must have 1 to ${count(LIMITS.maxCount)}`);
  if (rows * columns > LIMITS.maxValues) {
    fail(
      `header field 'shape' gives ${count(rows * columns)} numbers (rows × columns); a data file may hold at most ${count(LIMITS.maxValues)}`,
    );
  }
  const offset = start + headerLength;
  const needed = rows * columns * size;
  if (bytes.length - offset !== needed) {
    fail(
      `the data has ${count(bytes.length - offset)} bytes; header field 'shape' (${rows}, ${columns}) of '${header.descr}' needs ${count(needed)}`,
    );
  }
  // np.save pads the header so the data starts at a multiple of 64: read through a typed array (a copy when
  // not aligned) on a little-endian machine, through a little-endian DataView on a big-endian one.
  const length = rows * columns;
  const aligned = LITTLE_ENDIAN && (bytes.byteOffset + offset) % size === 0;
  const source = aligned ? bytes : bytes.slice(offset);
  const at = aligned ? bytes.byteOffset + offset : 0;
  const typed = LITTLE_ENDIAN
    ? size === 4
      ? new Float32Array(source.buffer, at, length)
      : new Float64Array(source.buffer, at, length)
    : null;
  const data = new DataView(source.buffer, at);
  const values = new Float64Array(length);
  for (let start = 0; start < length; start += VALUES_PER_PIECE) {
    const end = Math.min(length, start + VALUES_PER_PIECE);
    for (let k = start; k < end; k++) {
      const x = typed ? typed[k] : size === 4 ? data.getFloat32(4 * k, true) : data.getFloat64(8 * k, true);
      if (!inRange(x)) throw outOfRange(file, x, `row ${Math.floor(k / columns) + 1}, column ${(k % columns) + 1}`);
      values[k] = x;
    }
    if (end < length) yield 'file';
  }
  return yield* finish(file, rows, columns, values);
}

/** The header's Python dict literal: exactly the keys 'descr', 'fortran_order' and 'shape'. */
function readHeader(text: string, fail: (message: string) => never): NpyHeader {
  const body = /^\s*\{(.*)\}\s*$/s.exec(text);
  if (!body) return fail('the header is not a dictionary');
  const entries = new Map<string, string>();
  // Keys are quoted names; values are a quoted string, True/False or a tuple of integers.
  const entry = /\s*'([a-z_]+)'\s*:\s*('[^']*'|True|False|\(\s*(?:\d+\s*,\s*)*(?:\d+\s*)?\))\s*(,|$)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = entry.exec(body[1])) !== null && m[0] !== '') {
    entries.set(m[1], m[2]);
    end = entry.lastIndex;
    if (end >= body[1].length) break;
  }
  if (body[1].slice(end).trim() !== '')
    return fail(`the header dictionary cannot be read from ${JSON.stringify(body[1].slice(end, end + 30))}`);
  for (const key of entries.keys()) {
    if (key !== 'descr' && key !== 'fortran_order' && key !== 'shape')
      return fail(`header field '${key}' is not one of descr, fortran_order, shape`);
  }
  const descr = entries.get('descr');
  const order = entries.get('fortran_order');
  const shape = entries.get('shape');
  if (descr === undefined || !descr.startsWith("'")) return fail("header field 'descr' is missing");
  if (order !== 'True' && order !== 'False') return fail("header field 'fortran_order' is missing");
  if (shape === undefined || !shape.startsWith('(')) return fail("header field 'shape' is missing");
  const dims = shape
    .slice(1, -1)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map(Number);
  return { descr: descr.slice(1, -1), fortranOrder: order === 'True', shape: dims };
}
