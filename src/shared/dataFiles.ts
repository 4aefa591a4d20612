// Data files for `inputs.distribution: "file"`: CSV and .npy, parsed into the engine's InputTable. Pure:
// they take the file's bytes (and, for CSV, a text decoder: the caller's TextDecoder), do no I/O, and
// every problem is a DataFileError naming the row and column, or the header field, at fault.
//
// CSV: numbers only, comma-separated, one example per row, an optional first row of column names; read
// with papaparse (quoting and line endings as RFC 4180), row by row, so a file is never held twice. The
// bytes are decoded DECODE_BYTES at a time and each stretch of whole rows is parsed as it comes: neither
// the decoding (250 ms for 64 MB) nor the file's text as one string is ever one piece of work.
// .npy: the NumPy format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html), versions 1 to
// 3: a 2-D array of little-endian float32 ('<f4') or float64 ('<f8') in C order.
//
// Limits, all from the engine's LIMITS: at most maxFileBytes bytes, 1 to maxCount rows, at least
// minDimension columns, rows × columns ≤ maxValues numbers, each finite and within ±maxMagnitude; and a
// CSV row of at most MAX_CSV_ROW characters (papaparse reads a row in one go: 4 million cells took 350 ms).
import Papa, { type ParseStepResult, type Parser } from 'papaparse';
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

/** A UTF-8 decoder taking bytes a stretch at a time (the caller's TextDecoder: the shared layer has no host globals). */
export interface TextStreamDecoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

/** Bytes of a CSV decoded per piece: about a millisecond (64 MB took 250 ms in one call on a loaded machine). */
const DECODE_BYTES = 1 << 18;

/**
 * The most characters a CSV row may have. papaparse reads a row whole before it hands it over, so a row
 * is one piece of work: at this length (131,072 one-digit cells) about 15 ms; 1,024 inputs of 17
 * significant digits take a tenth of it.
 */
export const MAX_CSV_ROW = 1 << 18;

/** A piece of parsing: about VALUES_PER_PIECE numbers read ('file'), DECODE_BYTES decoded, or a block of the table's digest. */
export type DataFilePieces = Pieces<InputTable, 'file' | 'decode' | PieceKind>;

/** A file's bytes parsed by its kind. `decoder` makes a UTF-8 decoder for CSV bytes. */
export function parseDataFile(name: string, bytes: Uint8Array, decoder: () => TextStreamDecoder): InputTable {
  return complete(parseDataFilePieces(name, bytes, decoder));
}

/**
 * parseDataFile in pieces, for a caller that must keep its thread free (the extension host); `progress`
 * learns the share of the file read so far. `decodeBytes`: the stretch decoded per piece (tests cut it small).
 */
export function* parseDataFilePieces(
  name: string,
  bytes: Uint8Array,
  decoder: () => TextStreamDecoder,
  progress: (fraction: number) => void = () => undefined,
  decodeBytes = DECODE_BYTES,
): DataFilePieces {
  if (bytes.length > LIMITS.maxFileBytes) {
    throw new DataFileError(name, `the file has ${count(bytes.length)} bytes; a data file may have at most ${count(LIMITS.maxFileBytes)}`);
  }
  const kind = dataFileKind(name);
  if (kind === 'npy') return yield* npyPieces(name, bytes, progress);
  if (kind === 'csv') return yield* csvPieces(name, decodedPieces(bytes, decoder(), decodeBytes, progress));
  throw new DataFileError(name, 'a data file must be .csv or .npy');
}

/** The bytes as text, decodeBytes at a time (⌈bytes / decodeBytes⌉ + 1 stretches); a stretch split inside a character waits for the rest. */
function* decodedPieces(
  bytes: Uint8Array,
  decoder: TextStreamDecoder,
  decodeBytes: number,
  progress: (fraction: number) => void,
): Generator<string, void, undefined> {
  for (let at = 0; at < bytes.length; at += decodeBytes) {
    yield decoder.decode(bytes.subarray(at, at + decodeBytes), { stream: true });
    progress(Math.min(at + decodeBytes, bytes.length) / bytes.length);
  }
  yield decoder.decode();
}

/** Values as they arrive, in blocks of fixed size: no block is ever copied while the file is read. */
class Values {
  private static readonly BLOCK = 1 << 16;
  private readonly full: Float64Array[] = [];
  private block = new Float64Array(Values.BLOCK);
  private used = 0;
  length = 0;

  push(x: number): void {
    if (this.used === Values.BLOCK) {
      this.full.push(this.block);
      this.block = new Float64Array(Values.BLOCK);
      this.used = 0;
    }
    this.block[this.used++] = x;
    this.length++;
  }

  /** All the values in one array, copied a block (half a megabyte) per piece: ≤ maxValues / BLOCK = 256 pieces. */
  *done(): Pieces<Float64Array, 'file'> {
    const all = new Float64Array(this.length);
    let at = 0;
    for (const b of this.full) {
      all.set(b, at);
      at += b.length;
      yield 'file';
    }
    all.set(this.block.subarray(0, this.used), at);
    return all;
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
  return complete(csvPieces(file, [text][Symbol.iterator]()));
}

/** The line ending of the text so far: its first outside quotes, as papaparse guesses it; null: none yet. */
function lineEnding(text: string): string | null {
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) inside = !inside;
    else if (!inside && c === 0x0a) return '\n';
    else if (!inside && c === 0x0d) return i + 1 < text.length ? (text.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r') : null;
  }
  return null;
}

/**
 * Where the rows of `text` end (quotes counted from its start, a row's): `end`, where its last line
 * ending outside quotes starts (-1: none); `long`, where the first row of more than MAX_CSV_ROW
 * characters starts (-1: none), and whether it ends inside quotes. One pass over the text.
 */
function rowEnds(text: string, newline: string): { end: number; long: number; quoted: boolean } {
  const last = newline.charCodeAt(newline.length - 1);
  let inside = false;
  let end = -1;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) inside = !inside;
    else if (!inside && c === last && text.startsWith(newline, i + 1 - newline.length)) {
      if (i + 1 - newline.length - start > MAX_CSV_ROW) return { end, long: start, quoted: false };
      end = i + 1 - newline.length;
      start = i + 1;
    }
  }
  return { end, long: text.length - start > MAX_CSV_ROW ? start : -1, quoted: inside };
}

/**
 * The text arrives in stretches (`texts`); each stretch of whole rows (up to the last line ending
 * outside quotes) is parsed as it comes, the rest kept for the next. The rows parsed apart are the rows
 * of the whole text parsed at once: papaparse is given the line ending the text starts with, and an
 * empty stretch between two line endings is the empty line it is. Kept text is one row, at most
 * MAX_CSV_ROW characters, so a stretch is at most MAX_CSV_ROW + DECODE_BYTES characters.
 */
function* csvPieces(file: string, texts: Iterator<string, void, undefined>): DataFilePieces {
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
  const step = (result: ParseStepResult, parser: Parser): void => {
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
  };
  /** Parses whole rows (at most MAX_CSV_ROW characters each), pausing after each VALUES_PER_PIECE numbers. */
  function* parse(text: string, newline: string): Pieces<void, 'file'> {
    if (text === '') {
      row++; // an empty line (papaparse reads no row from no text)
      return;
    }
    Papa.parse(text, { delimiter: ',', quoteChar: '"', newline, skipEmptyLines: false, step });
    for (let p = paused; p !== null; p = paused) {
      paused = null;
      yield 'file';
      p.resume();
    }
  }
  let kept = '';
  let newline: string | null = null;
  let first = true;
  for (let r = texts.next(); !r.done; r = texts.next()) {
    let text = kept + r.value;
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark is not data
      first = false;
    }
    newline ??= lineEnding(text);
    const nl = newline ?? '\n';
    const { end, long, quoted } = rowEnds(text, nl);
    if (long >= 0) {
      // The rows before it are read (an earlier problem is named first), then the long row is refused.
      if (long > 0) yield* parse(text.slice(0, long - nl.length), nl);
      failure ??= new DataFileError(
        file,
        quoted
          ? `row ${row + 1}: a quoted field is not closed within ${count(MAX_CSV_ROW)} characters`
          : `row ${row + 1} is longer than ${count(MAX_CSV_ROW)} characters; a row may have at most ${count(MAX_CSV_ROW)}`,
      );
      break;
    }
    kept = end < 0 ? text : text.slice(end + nl.length);
    if (end >= 0) yield* parse(text.slice(0, end), nl);
    if (failure) break;
    yield 'decode';
  }
  if (!failure) yield* parse(kept, newline ?? '\n');
  if (failure) throw failure;
  return yield* finish(file, rows, columns, yield* values.done());
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

function* npyPieces(file: string, bytes: Uint8Array, progress: (fraction: number) => void = () => undefined): DataFilePieces {
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
  // np.save pads the header so the data starts at a multiple of 64: read through a typed array on a
  // little-endian machine when the data is aligned, else through a little-endian DataView (never a copy
  // of the file: a hostile header of odd length made one of 64 MB, 250 ms in one piece).
  const length = rows * columns;
  const at = bytes.byteOffset + offset;
  const typed =
    LITTLE_ENDIAN && at % size === 0
      ? size === 4
        ? new Float32Array(bytes.buffer, at, length)
        : new Float64Array(bytes.buffer, at, length)
      : null;
  const data = new DataView(bytes.buffer, at, needed);
  // Allocated lazily zeroed: 1 ms for the largest, 16,777,216 doubles (128 MB), measured on a loaded machine.
  const values = new Float64Array(length);
  for (let start = 0; start < length; start += VALUES_PER_PIECE) {
    const end = Math.min(length, start + VALUES_PER_PIECE);
    const bad = typed ? copyTyped(typed, values, start, end) : copyView(data, size, values, start, end);
    if (bad >= 0) throw outOfRange(file, values[bad], `row ${Math.floor(bad / columns) + 1}, column ${(bad % columns) + 1}`);
    progress(end / length);
    if (end < length) yield 'file';
  }
  return yield* finish(file, rows, columns, values);
}

// The two copies below are plain functions, each reading one kind of array: engines optimise a hot
// loop there better than inside a generator.

/** Values from … to − 1 into `values`; the index of the first out of range (kept in `values`), or −1. */
function copyTyped(typed: Float32Array | Float64Array, values: Float64Array, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const x = typed[k];
    values[k] = x;
    if (!inRange(x)) return k;
  }
  return -1;
}

/** copyTyped through a little-endian DataView (data not aligned, or a big-endian machine). */
function copyView(data: DataView, size: 4 | 8, values: Float64Array, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const x = size === 4 ? data.getFloat32(4 * k, true) : data.getFloat64(8 * k, true);
    values[k] = x;
    if (!inRange(x)) return k;
  }
  return -1;
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
