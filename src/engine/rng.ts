// Seeded randomness that gives the same bits in every JavaScript engine: 32-bit integer arithmetic
// (xoshiro128**, seeded through splitmix32) and, for normals, the polar method, which needs only a
// logarithm (portableMath's, not Math.log, whose last bits differ between engines) and Math.sqrt.
import { log } from './portableMath';

/** Independent streams derived from one scenario seed, so e.g. adding label noise leaves the data alone. */
export const Stream = { Data: 1, LabelNoise: 2, Shuffle: 3 } as const;
export type Stream = (typeof Stream)[keyof typeof Stream];

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(seed: number, stream: Stream) {
    const mix = splitmix32((Math.imul(seed >>> 0, 0x2545f491) ^ Math.imul(stream, 0x6c078965)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // xoshiro's one forbidden state
  }

  /** xoshiro128**: uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call). */
  nextNormal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextFloat() - 1;
      v = 2 * this.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * log(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  /** Uniform integer in [0, n) without modulo bias (n ≤ 2^32). */
  nextInt(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
