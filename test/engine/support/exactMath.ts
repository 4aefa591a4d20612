// High-precision references for the portable elementary functions, in BigInt fixed point, so their
// accuracy is measured against the true value (in ulps), not against another libm. Slow but exact
// enough: values carry ≥ 200 correct bits (π to 1,400 bits, so sin/cos of any double reduce correctly).

/** A real number num·2^exp. */
export interface Big {
  readonly num: bigint;
  readonly exp: number;
}

const DV = new DataView(new ArrayBuffer(8));

/** A finite double as an exact num·2^exp. */
function exact(x: number): Big {
  if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
  DV.setFloat64(0, x, false);
  const hi = DV.getUint32(0, false);
  const lo = DV.getUint32(4, false);
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e !== 0) m |= 1n << 52n;
  const num = hi >>> 31 ? -m : m;
  return { num, exp: (e === 0 ? 1 : e) - 1075 };
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function bitLength(a: bigint): number {
  return abs(a).toString(2).length;
}

/** Round toward −∞ of a·2^s (s may be negative). */
function shift(a: bigint, s: number): bigint {
  return s >= 0 ? a << BigInt(s) : a >> BigInt(-s);
}

/** The fixed-point value of b with F fractional bits. */
function toFixed(b: Big, F: number): bigint {
  return shift(b.num, b.exp + F);
}

/** Fixed-point multiplication with F fractional bits. */
const mul = (a: bigint, b: bigint, F: number): bigint => (a * b) >> BigInt(F);

/** atanh(1/n)·2^F for an integer n ≥ 2: Σ 1/((2k+1)·n^(2k+1)). */
function atanhInv(n: bigint, F: number): bigint {
  let term = (1n << BigInt(F)) / n;
  const n2 = n * n;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term /= n2;
  }
  return sum;
}

/** atan(1/n)·2^F: alternating version of the above. */
function atanInv(n: bigint, F: number): bigint {
  let term = (1n << BigInt(F)) / n;
  const n2 = n * n;
  let sum = 0n;
  let sign = 1n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += (sign * term) / k;
    term /= n2;
    sign = -sign;
  }
  return sum;
}

const F = 320; // fractional bits for exp and log
const GUARD = 64;
const LN2 = (2n * atanhInv(3n, F + GUARD)) >> BigInt(GUARD); // ln 2 = 2·atanh(1/3)
const PI_F = 1400; // bits of π: reduces any double (< 2^1024) with ≥ 300 bits left
const PIO2 = ((4n * atanInv(5n, PI_F + GUARD) - atanInv(239n, PI_F + GUARD)) * 2n) >> BigInt(GUARD); // Machin: π/4·2, i.e. π/2

/** e^v for a fixed-point v (F fractional bits), as a Big. */
function expFixed(v: bigint): Big {
  const one = 1n << BigInt(F);
  // v = k·ln2 + r, |r| ≤ ln2/2
  let k = v / LN2;
  let r = v - k * LN2;
  if (2n * r > LN2) {
    k += 1n;
    r -= LN2;
  } else if (2n * r < -LN2) {
    k -= 1n;
    r += LN2;
  }
  // e^r by Taylor on r/2^16, then 16 squarings
  const S = 16;
  const rs = r >> BigInt(S);
  let term = one;
  let sum = one;
  for (let i = 1n; term !== 0n; i++) {
    term = mul(term, rs, F) / i;
    sum += term;
  }
  for (let i = 0; i < S; i++) sum = mul(sum, sum, F);
  return { num: sum, exp: Number(k) - F };
}

/** log(b) as a fixed-point value with F fractional bits (b > 0). */
function logFixed(b: Big): bigint {
  // b = f·2^n with f in [1, 2)
  const n = bitLength(b.num) - 1 + b.exp;
  const f = shift(b.num, F - (bitLength(b.num) - 1)); // f·2^F, exact while b has ≤ F bits
  const one = 1n << BigInt(F);
  // log f = 2·atanh(s), s = (f − 1)/(f + 1) ≤ 1/3
  const s = ((f - one) << BigInt(F)) / (f + one);
  const s2 = mul(s, s, F);
  let term = s;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = mul(term, s2, F);
  }
  return BigInt(n) * LN2 + 2n * sum;
}

/** sin or cos of a double x, as a Big (|x| ≥ 2^-300). */
function sinCos(x: number, wantCos: boolean): Big {
  const b = exact(x);
  const X = toFixed({ num: abs(b.num), exp: b.exp }, PI_F); // exact: |x| ≥ 2^-300
  const q = X / PIO2;
  let r = X - q * PIO2; // in [0, π/2)
  // work at F2 bits, keeping the precision that r has (it may be tiny)
  const F2 = PI_F;
  let quadrant = Number(q % 4n);
  if (wantCos) quadrant = (quadrant + 1) % 4; // cos x = sin(x + π/2)
  const useCos = quadrant % 2 === 1; // sin(r + π/2) = cos r
  const one = 1n << BigInt(F2);
  const r2 = mul(r, r, F2);
  let term = useCos ? one : r;
  let sum = term;
  for (let i = useCos ? 1n : 2n; term !== 0n; i += 2n) {
    term = -mul(term, r2, F2) / (i * (i + 1n));
    sum += term;
  }
  let negative = quadrant >= 2;
  if (x < 0 && !wantCos) negative = !negative;
  r = sum;
  return { num: negative ? -r : r, exp: -F2 };
}

export const reference = {
  exp: (x: number): Big => expFixed(toFixed(exact(x), F)),
  expm1: (x: number): Big => {
    const e = expFixed(toFixed(exact(x), F));
    const common = Math.min(e.exp, -F);
    return { num: shift(e.num, e.exp - common) - shift(1n, -common), exp: common };
  },
  log: (x: number): Big => ({ num: logFixed(exact(x)), exp: -F }),
  log1p: (x: number): Big => {
    const b = exact(x);
    const common = Math.min(b.exp, -F);
    return { num: logFixed({ num: shift(b.num, b.exp - common) + shift(1n, -common), exp: common }), exp: -F };
  },
  sin: (x: number): Big => sinCos(x, false),
  cos: (x: number): Big => sinCos(x, true),
  tanh: (x: number): Big => {
    // (e^{2x} − 1)/(e^{2x} + 1)
    const e = expFixed(toFixed(exact(x), F) * 2n);
    const W = F + 64;
    const one = shift(1n, -e.exp);
    return { num: ((e.num - one) << BigInt(W)) / (e.num + one), exp: -W };
  },
  pow: (x: number, y: number): Big => {
    // x > 0: e^{y·log x}; the fixed-point product keeps F bits after the point
    const by = exact(y);
    return expFixed(shift(logFixed(exact(x)) * by.num, by.exp));
  },
};

/** (computed − true) in ulps of the true value (the ulp of the binade it lies in, ≥ 2^-1074). */
export function ulpError(computed: number, truth: Big): number {
  if (truth.num === 0n) return computed === 0 ? 0 : Infinity;
  const ulpExp = Math.max(bitLength(truth.num) - 1 + truth.exp - 52, -1074);
  const c = exact(computed);
  // both as integers times 2^(ulpExp − 64)
  const base = ulpExp - 64;
  const diff = shift(c.num, c.exp - base) - shift(truth.num, truth.exp - base);
  return Number(diff) / 2 ** 64;
}
