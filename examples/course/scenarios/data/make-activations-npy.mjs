// Writes activations.npy beside this script: the sample "layer" of the course's notebook cell that exports
// activations with numpy (zigzag.ipynb), 64 examples × 8 units of h = relu(x·W + 0.5), x and W standard
// normal (seeded), W scaled by 1/4, saved as float32 exactly as np.save writes a C-order array: the
// magic \x93NUMPY, format 1.0, the header dict padded with spaces to a multiple of 64 bytes ending in
// '\n', then the data little-endian. numpy is not available where the kit is built, so this script (not
// numpy) made the shipped file; the notebook's cell makes the same kind of file from your own layer.
// Run from the repository: node examples/course/scenarios/data/make-activations-npy.mjs
import { writeFileSync } from 'node:fs';

const N = 64;
const D_IN = 16;
const D = 8;

// mulberry32: a small seeded generator, so the file is the same on every run.
let seed = 20260101;
const uniform = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

const W = Array.from({ length: D_IN }, () => Array.from({ length: D }, () => normal() / 4));
const h = new Float32Array(N * D);
for (let n = 0; n < N; n++) {
  const x = Array.from({ length: D_IN }, normal);
  for (let j = 0; j < D; j++) {
    let z = 0.5;
    for (let i = 0; i < D_IN; i++) z += x[i] * W[i][j];
    h[n * D + j] = Math.max(0, z);
  }
}

const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${N}, ${D}), }`;
const unpadded = 10 + dict.length + 1; // magic (6) + version (2) + header length (2) + dict + '\n'
const header = `${dict}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
const prefix = new Uint8Array(10);
prefix.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
new DataView(prefix.buffer).setUint16(8, header.length, true);
const data = new Uint8Array(h.buffer); // little-endian on every machine Node runs on
writeFileSync(new URL('./activations.npy', import.meta.url), Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
console.log(`activations.npy: ${N} × ${D} float32, ${h.filter((v) => v === 0).length} of ${h.length} zero`);
