// Hostile scenarios: what a careless or malicious course author can put in a *.zigzag.json file, a
// ```zigzag block, a notebook output, a webview message or a command argument. Every surface runs the
// whole list (engine, CLI, the host's session, the embed reader, the preview page, the custom editor)
// and must either refuse a case with a message naming a field or finish it within its stated budget,
// drawing a divergence as a divergence, never NaN. Add every bug found here, with where it came from.

export interface HostileCase {
  /** What the case tries, in a few words (test titles use it). */
  readonly name: string;
  /** The scenario as a file or a block holds it. */
  readonly text: string;
  /** Where it was found: an issue number or "fuzzing (seed …)". */
  readonly found: string;
  /**
   * What every surface must make of it: refused with a message naming `field` ('' for the file as a
   * whole), or a finished run that diverged or did not. Omitted where surfaces differ by their own limits
   * (a block allows fewer steps than the playground).
   */
  readonly expect?: { readonly refused: string } | { readonly diverges: boolean };
}

// Eight chains w1^w1^…^w1 of 41 terms joined by '+': 983 characters, each chain within the parser's nesting limit.
const powerChains = Array.from({ length: 8 }, () => Array.from({ length: 41 }, () => 'w1').join('^')).join('+');

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'a loss that runs to −∞ (huge negative expression)',
    text: '{"model":"function","function":{"expression":"-1e308*abs(sin(w2))"},"start":[0.3,0.7]}',
    found: 'issue 17',
    expect: { diverges: true },
  },
  {
    name: 'a learning rate of 1.5e308',
    text: '{"model":"function","function":{"expression":"cos(w2)"},"optimizer":{"lr":1.5e308}}',
    found: 'issue 17',
    expect: { refused: 'optimizer.lr' },
  },
  {
    name: 'a 1,000-character chain of powers',
    text: JSON.stringify({ model: 'function', function: { expression: powerChains }, steps: 5000 }),
    found: 'issue 17',
  },
  {
    name: 'duplicate keys',
    text: '{\n  "start": [1, 2],\n  "steps": 100,\n  "start": [3, 4]\n}\n',
    found: 'issue 17',
    expect: { refused: 'start' },
  },
  {
    name: 'a key given twice deeper down, once spelled with an escape',
    text: '{"optimizer": {"lr": 0.1, "l\\u0072": 0.2}}',
    found: 'issue 17',
    expect: { refused: 'optimizer.lr' },
  },
  {
    name: 'a key given twice after a byte-order mark, with CRLF line ends',
    text: '\ufeff{\r\n  "steps": 50,\r\n  "steps": 60\r\n}\r\n',
    found: 'issue 17',
    expect: { refused: 'steps' },
  },
  {
    // Texts are refused over 1 MB (src/shared/scenarioText.ts); a JSON value has no such limit.
    name: 'a text of more than 1 MB',
    text: `{"$schema": "${'x'.repeat(1_000_000)}"}`,
    found: 'issue 17',
  },
  {
    // Texts are refused past 8 levels before a recursive parser sees them; as a JSON value (a message, a
    // command argument) the engine must name start, and its message's JSON.stringify overflowed the stack.
    name: 'arrays nested 5,000 deep (a recursive reader overflows its stack)',
    text: `{"start": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    found: 'issue 17 (the CLI: internal error, stack overflow in the validator’s message)',
  },
  {
    name: 'an infinite start coordinate (1e309)',
    text: '{"start":[1e309,0]}',
    found: 'issue 17',
    expect: { refused: 'start' },
  },
  {
    name: 'weights past 1e12 while the loss stays below it (momentum 1 on a gentle slope)',
    text: '{"model":"function","function":{"expression":"0.1*w1"},"optimizer":{"name":"momentum","momentum":1,"lr":1e6},"steps":5000}',
    found: 'issue 17 (engine: the divergence bound on the weights)',
    expect: { diverges: true },
  },
  {
    name: 'a loss that is NaN at the start (sqrt of a negative number)',
    text: '{"model":"function","function":{"expression":"sqrt(w1 - 10)"}}',
    found: 'issue 17 (engine)',
    expect: { diverges: true },
  },
  {
    name: 'cyclic mse batches summed once each: 5,000 distinct batches of 19,996 examples',
    text: '{"inputs":{"count":20000},"batchSize":19996,"steps":6000}',
    found: 'issue 17 (engine: the work estimate counted a summed batch O(1) a step, not its filling; 0.2 s in one preview frame)',
  },
  {
    name: 'a logistic contour grid far from the origin (an exp per cell and example)',
    text: '{"loss":"logistic","inputs":{"count":2000},"target":{"quadrant":"nw","distance":2000},"steps":120}',
    found: 'issue 17 (engine: the grid was not in the work estimate; 0.4 s for one block)',
  },
  {
    name: 'fan-in past the data limit: 1,024 inputs × 16,385 examples',
    text: '{"inputs":{"dimension":1024,"count":16385}}',
    found: 'issue 17 (fan-in: at the limit, 16,384 examples, the setup was one piece of 96–104 s)',
    expect: { refused: 'inputs.count' },
  },
  {
    name: 'fan-in of 1,025 inputs',
    text: '{"inputs":{"dimension":1025,"count":10}}',
    found: 'issue 17 (fan-in)',
    expect: { refused: 'inputs.dimension' },
  },
  {
    // A page's budget refuses it (a block says so); the host and the CLI run it, the host in pieces.
    name: 'fan-in of 1,024 inputs, logistic, full batch of 400: the Gram matrix at w* and its reduction',
    text: '{"loss":"logistic","inputs":{"dimension":1024,"count":400,"distribution":"uniform"},"steps":20}',
    found: 'issue 17 (fan-in: the curvature at w* was one piece of about 0.3 s, the O(d³) reduction at d = 1024 of seconds)',
  },
  {
    // Plain SGD on one example a step at d > 2 runs in example space (src/engine/exampleSpace.ts): its own
    // divergence check, the d weights made only when it leaves.
    name: 'fan-in of 784 inputs, plain SGD one example a step (example space), η = 1e6: diverges',
    text: '{"inputs":{"dimension":784,"count":256},"optimizer":{"name":"sgd","lr":1e6},"batchSize":1,"steps":400}',
    found: 'issue 21 (the example-space path of this session)',
    expect: { diverges: true },
  },
];

/** A data file (inputs.file) a course can ship beside its scenarios: made when a test needs its bytes. */
export interface HostileDataFile {
  readonly name: string;
  /** The file's name (its extension chooses the reader) and bytes. */
  readonly file: string;
  readonly bytes: () => Uint8Array;
  readonly found: string;
  /** Refused with a message matching this, or read into a table of `columns` columns. */
  readonly expect: { readonly refused: RegExp } | { readonly columns: number };
}

/** A version 1.0 .npy of rows × columns float32 (value i/7 at i), its header padded by `pad` spaces (np.save pads to 64). */
function npyFile(rows: number, columns: number, pad: number): Uint8Array {
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${columns}), }${' '.repeat(pad)}\n`;
  const out = new Uint8Array(10 + header.length + 4 * rows * columns);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const data = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < rows * columns; i++) data.setFloat32(4 * i, i / 7, true);
  return out;
}

export const HOSTILE_DATA_FILES: readonly HostileDataFile[] = [
  {
    name: 'a CSV of one row of 4 million cells',
    file: 'wide.csv',
    bytes: () => new TextEncoder().encode(`${'1,'.repeat(4_000_000)}1\n`),
    found: 'issue 17 (papaparse reads a row whole: 1,077 ms of CPU in one piece)',
    expect: { refused: /^wide\.csv: row 1 is longer than 262,144 characters/ },
  },
  {
    name: 'a 33 MB CSV (decoded in one call: 110 ms of CPU; 255 ms at 64 MB)',
    file: 'long.csv',
    bytes: () => new TextEncoder().encode(`${Array.from({ length: 33 }, (_, j) => (j / 7).toFixed(15)).join(',')}\n`.repeat(60_000)),
    found: 'issue 17 (the bytes were decoded to text in one call)',
    expect: { columns: 33 },
  },
  {
    name: 'a .npy of 16 MB whose header has an odd length (its data not aligned for a typed array)',
    file: 'odd.npy',
    bytes: () => npyFile(4096, 1024, 1),
    found: 'issue 17 (the data was copied whole to align it: 448 ms at 64 MB)',
    expect: { columns: 1024 },
  },
];
