// Deterministic elementary functions for the engine: the same bits in every JavaScript engine.
//
// Math.exp, Math.log, Math.sin, Math.pow, … are implementation-defined in ECMAScript (only their
// special values are specified), and V8 versions, and so Node, Electron and Chromium, do give different
// last bits for them. The scenario contract promises identical numbers everywhere, so the engine uses
// the functions below instead. They are ported from Sun's fdlibm as kept in FreeBSD's msun
// (lib/msun/src: e_exp.c, s_expm1.c, e_log.c, s_log1p.c, k_sin.c, k_cos.c, s_sin.c, s_cos.c,
// e_rem_pio2.c, k_rem_pio2.c, s_tanh.c, e_pow.c) and use only IEEE-754 basic operations (+ − × ÷ and
// Math.sqrt, all correctly rounded, so identical everywhere), Math.abs/floor/trunc, comparisons,
// 32-bit integer operations and explicit bit access through one module-level DataView with explicit
// big-endian word order (never the platform's endianness). Like fdlibm, every function is accurate to
// < 1 ulp; pow is "nearly rounded". test/engine/portableMath.test.ts checks them against Math.* and
// exact reference values.
//
// Changes from the C sources (none changes a result): tables and arrays are preallocated at module
// level, results that C returns through pointers go through module-level variables, 2^k scale factors
// come from a table of exact powers of two instead of INSERT_WORDS, "raise inexact" tricks are
// dropped (JavaScript has no floating-point flags), scalbn is a small exact helper, and every NaN
// result is the NaN literal: the sign and payload of a NaN made by arithmetic such as (x−x)/(x−x)
// depend on the CPU and the JIT tier, and a Float64Array would show them.
//
// The fdlibm sources carry this notice, which their licence requires to be preserved:
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved. (e_exp.c, e_pow.c)
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
/* eslint-disable no-loss-of-precision -- fdlibm's literals carry more digits than a double holds; each parses to the intended double */

// ---------------------------------------------------------------------------------------------------
// Bit access. Big-endian on purpose: word 0 (bytes 0–3) is the high word, whatever the platform.

const BITS = new DataView(new ArrayBuffer(8));
const BE = false; // littleEndian = false

/** High 32 bits of x as a signed integer (fdlibm's GET_HIGH_WORD into an int32_t). */
function highWord(x: number): number {
  BITS.setFloat64(0, x, BE);
  return BITS.getInt32(0, BE);
}

/** Low 32 bits of x as an unsigned integer. */
function lowWord(x: number): number {
  BITS.setFloat64(0, x, BE);
  return BITS.getUint32(4, BE);
}

/** The double with the given high and low words (INSERT_WORDS). */
function fromWords(hi: number, lo: number): number {
  BITS.setInt32(0, hi | 0, BE);
  BITS.setUint32(4, lo >>> 0, BE);
  return BITS.getFloat64(0, BE);
}

// Rewriting half of a double in memory and reading it back (SET_LOW_WORD, SET_HIGH_WORD, INSERT_WORDS)
// stalls the CPU's store forwarding, which slowed log, log1p and pow (docs/architecture.md). Where the
// result is a known power of two or the double of a given high word with low word 0, it is computed
// instead: integer × exact power of two, which is exact, so the bits are the same.

/** The double whose high word is hi and low word 0 (finite values only). */
function fromHigh(hi: number): number {
  const e = (hi >>> 20) & 0x7ff;
  const m = hi & 0xfffff;
  const v = e === 0 ? m * POW2S[1074 - 1042] : (m | 0x100000) * POW2S[e - 1043 + 1074];
  return hi < 0 ? -v : v;
}

/** x with its low word cleared (SET_LOW_WORD(x, 0)), for finite x. */
function clearLow(x: number): number {
  return fromHigh(highWord(x));
}

/** POW2[k + 1022] = 2^k exactly, for −1022 ≤ k ≤ 1023 (built by exact doublings and halvings). */
const POW2 = new Float64Array(2046);
/** POW2S[k + 1074] = 2^k exactly, for −1074 ≤ k ≤ 1023 (also the subnormal powers). */
const POW2S = new Float64Array(2098);
{
  let p = 1;
  for (let k = 0; k <= 1023; k++, p *= 2) POW2[k + 1022] = POW2S[k + 1074] = p;
  p = 1;
  for (let k = 0; k >= -1074; k--, p *= 0.5) {
    if (k >= -1022) POW2[k + 1022] = p;
    POW2S[k + 1074] = p;
  }
}
const TWO_1023 = POW2[1023 + 1022];
const TWO_M1022 = POW2[0];
const TWO_53 = 9007199254740992;

/** x·2^n, exact unless the result overflows or is subnormal (then correctly rounded once). */
export function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= TWO_1023;
    n -= 1023;
    if (n > 1023) {
      y *= TWO_1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // Scale into the normal range first so the one rounding happens in the last multiplication.
    y *= TWO_M1022 * TWO_53;
    n += 1022 - 53;
    if (n < -1022) {
      y *= TWO_M1022 * TWO_53;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * POW2[n + 1022];
}

// ---------------------------------------------------------------------------------------------------
// exp (e_exp.c)

const HUGE = 1.0e300;
const TINY = 1.0e-300;
const O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
const U_THRESHOLD = -7.45133219101941108420e+02; // 0xC0874910 D52D3051
const LN2_HI = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INVLN2 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE
const P1 = 1.66666666666666019037e-01; // 0x3FC55555 5555553E
const P2 = -2.77777777770155933842e-03; // 0xBF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-05; // 0x3F11566A AF25DE2C
const P4 = -1.65339022054652515390e-06; // 0xBEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-08; // 0x3E663769 72BEA4D0
const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000

// fdlibm tests the high word of |x| against thresholds whose low words are 0. For non-negative doubles
// the order of the bit patterns is the order of the values, so `hx >= H` is exactly `|x| >= [H, 0]`
// and `hx > H` is `|x| >= [H + 1, 0]`: exp compares doubles and needs no bit access at all.
const EXP_BIG = 709.7822265625; // [0x40862E42, 0]
const EXP_HALF_LN2 = 0.3465735912322998; // [0x3FD62E43, 0]: above 0.5 ln2
const EXP_1_5_LN2 = 1.0397205352783203; // [0x3FF0A2B2, 0]: 1.5 ln2
const TWO_M28 = 3.725290298461914e-9; // [0x3E300000, 0]

/** e^x, < 1 ulp (fdlibm __ieee754_exp). */
export function exp(x: number): number {
  const ax = Math.abs(x);
  let hi = 0;
  let lo = 0;
  let k = 0;

  // filter out non-finite argument
  if (!(ax < EXP_BIG)) { // |x| >= 709.78... or NaN
    if (x !== x) return NaN;
    if (ax === Infinity) return x > 0 ? x : 0; // exp(+-inf) = {inf, 0}
    if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000; // underflow
  }

  // argument reduction
  if (ax >= EXP_HALF_LN2) { // |x| > 0.5 ln2
    if (ax < EXP_1_5_LN2) { // and |x| < 1.5 ln2
      if (x > 0) { hi = x - LN2_HI; lo = LN2_LO; k = 1; } else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
    } else {
      k = (INVLN2 * x + (x > 0 ? 0.5 : -0.5)) | 0; // C's (int) truncation; |value| < 1100
      hi = x - k * LN2_HI; // k*ln2HI is exact here
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < TWO_M28) { // |x| < 2^-28
    return 1 + x;
  }

  // x is now in primary range
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * TWO_1023;
    return y * POW2[k + 1022];
  }
  return y * POW2[k + 1000 + 1022] * TWOM1000;
}

// ---------------------------------------------------------------------------------------------------
// expm1 (s_expm1.c)

// Scaled Q's: Qn_here = 2^n · Qn, for R(2z) where z = hxs = x·x/2
const Q1 = -3.33333333333331316428e-02; // BFA11111 111110F4
const Q2 = 1.58730158725481460165e-03; // 3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-05; // BF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-06; // 3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-07; // BE8AFDB7 6E09C32D

/** e^x − 1, accurate also near 0, < 1 ulp (fdlibm expm1). */
export function expm1(x: number): number {
  const hw = highWord(x);
  const xsb = hw & 0x80000000; // sign bit of x
  const hx = hw & 0x7fffffff; // high word of |x|
  let hi: number;
  let lo: number;
  let c = 0;
  let k = 0;

  // filter out huge and non-finite argument
  if (hx >= 0x4043687a) { // |x| >= 56 ln2
    if (hx >= 0x40862e42) { // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (x !== x) return NaN;
        return xsb === 0 ? x : -1.0; // expm1(+-inf) = {inf, -1}
      }
      if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
    }
    if (xsb !== 0) return TINY - 1; // x < -56 ln2: -1 (rounded)
  }

  // argument reduction
  if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) { // and |x| < 1.5 ln2
      if (xsb === 0) { hi = x - LN2_HI; lo = LN2_LO; k = 1; } else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
    } else {
      k = (INVLN2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0;
      hi = x - k * LN2_HI; // k*ln2_hi is exact here
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) { // |x| < 2^-54: return x
    return x;
  }

  // x is now in primary range
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1 + 2.0 * (x - e);
  }
  let y: number;
  if (k <= -2 || k > 56) { // suffice to return exp(x)-1
    y = 1 - (e - x);
    if (k === 1024) y = y * 2.0 * TWO_1023;
    else y = y * POW2[k + 1022];
    return y - 1;
  }
  if (k < 20) {
    t = 1 - POW2[1022 - k]; // t = 1 - 2^-k (exact)
    y = t - (e - x);
    y = y * POW2[k + 1022];
  } else {
    t = POW2[1022 - k]; // 2^-k
    y = x - (e + t);
    y += 1;
    y = y * POW2[k + 1022];
  }
  return y;
}

// ---------------------------------------------------------------------------------------------------
// log (e_log.c)

const TWO54 = 1.80143985094819840000e+16; // 0x43500000 00000000
const LG1 = 6.666666666666735130e-01; // 3FE55555 55555593
const LG2 = 3.999999999940941908e-01; // 3FD99999 9997FA04
const LG3 = 2.857142874366239149e-01; // 3FD24924 94229359
const LG4 = 2.222219843214978396e-01; // 3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-01; // 3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-01; // 3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-01; // 3FC2F112 DF3E5244

/** Natural logarithm, < 1 ulp (fdlibm __ieee754_log). */
export function log(x: number): number {
  BITS.setFloat64(0, x, BE);
  let hx = BITS.getInt32(0, BE);
  const lx = BITS.getUint32(4, BE);
  let k = 0;
  if (hx < 0x00100000) { // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(+-0) = -inf
    if (hx < 0) return NaN; // log(-#) = NaN
    k -= 54;
    x *= TWO54; // subnormal number, scale up x
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x === x ? x : NaN; // +inf, NaN
  let e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  e += i >> 20;
  k += e;
  // normalize x or x/2: fdlibm sets the high word to hx | (i ^ 0x3ff00000), which divides x by 2^e.
  // Multiplying by the exact power of two gives the same bits without rewriting half of a double in
  // memory (a store-forwarding stall).
  x *= POW2S[1074 - e];
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - ((R - k * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

// ---------------------------------------------------------------------------------------------------
// log1p (s_log1p.c; same polynomial as log)

/** log(1 + x), accurate also near 0, < 1 ulp (fdlibm log1p). */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) { // 1+x < sqrt(2)+
    if (ax >= 0x3ff00000) { // x <= -1.0
      if (x === -1.0) return -Infinity; // log1p(-1) = -inf
      return NaN; // log1p(x < -1) = NaN
    }
    if (ax < 0x3e200000) { // |x| < 2^-29
      if (ax < 0x3c900000) return x; // |x| < 2^-54
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) { // sqrt(2)/2- <= 1+x < sqrt(2)+
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x === x ? x : NaN; // +inf, NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    // The approximation to sqrt(2) used in thresholds is not critical. However, the ones used above
    // must give less strict bounds than the one here so that the k==0 case is never reached from here,
    // since here we have committed to using the correction term but don't use it if k==0.
    // fdlibm sets u's high word to hu | 0x3ff00000 (or 0x3fe00000): u/2^k, computed exactly instead.
    if (hu < 0x6a09e) { // u ~< sqrt(2)
      u *= POW2S[1074 - k]; // normalize u
    } else {
      k += 1;
      u *= POW2S[1074 - k]; // normalize u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) { // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - ((R - (k * LN2_LO + c)) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
}

// ---------------------------------------------------------------------------------------------------
// sin and cos kernels on [-π/4, π/4] (k_sin.c, k_cos.c)

const S1 = -1.66666666666666324348e-01; // 0xBFC55555 55555549
const S2 = 8.33333333332248946124e-03; // 0x3F811111 1110F8A6
const S3 = -1.98412698298579493134e-04; // 0xBF2A01A0 19C161D5
const S4 = 2.75573137070700676789e-06; // 0x3EC71DE3 57B1FE7D
const S5 = -2.50507602534068634195e-08; // 0xBE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 0x3DE5D93A 5ACFD57C

/** sin(x + y) for |x| ≲ π/4, y the tail of x (iy = 0: y is taken as 0). */
function kernelSin(x: number, y: number, iy: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (iy === 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

const C1 = 4.16666666666666019037e-02; // 0x3FA55555 5555554C
const C2 = -1.38888888888741095749e-03; // 0xBF56C16C 16C15177
const C3 = 2.48015872894767294178e-05; // 0x3EFA01A0 19CB1590
const C4 = -2.75573143513906633035e-07; // 0xBE927E4F 809C52AD
const C5 = 2.08757232129817482790e-09; // 0x3E21EE9E BDB4B1C4
const C6 = -1.13596475577881948265e-11; // 0xBDA8FAE9 BE8838D4

/** cos(x + y) for |x| ≲ π/4, y the tail of x. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff; // ix = |x|'s high word
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // qx = |x|/4 with the low word cleared (0.28125 above 0.78125): 1 − qx and z/2 − qx are exact.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromHigh(ix - 0x00200000);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

// ---------------------------------------------------------------------------------------------------
// Argument reduction x = n·π/2 + (y0 + y1) (e_rem_pio2.c, fdlibm 5.3 version)

/**
 * Results of remPio2: the reduced argument as a head REM[0] and a tail REM[1]. A typed array, not two
 * module-level `let`s: storing a double into a closure variable boxes it (an allocation per call).
 */
const REM = new Float64Array(2);

/** 2^19·π/2 and below: n and the remainder by Cody–Waite with three pieces of π/2 (up to 151 bits). */
const NPIO2_HW = new Int32Array([
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c,
  0x4025fdbb, 0x402921fb, 0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c,
  0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
  0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb,
  0x404858eb, 0x404921fb,
]);

const TWO24 = 1.67772160000000000000e+07; // 0x41700000 00000000
const TWON24 = 5.96046447753906250000e-08; // 0x3E700000 00000000
const INVPIO2 = 6.36619772367581382433e-01; // 0x3FE45F30 6DC9C883: 53 bits of 2/pi
const PIO2_1 = 1.57079632673412561417e+00; // 0x3FF921FB 54400000: first 33 bits of pi/2
const PIO2_1T = 6.07710050650619224932e-11; // 0x3DD0B461 1A626331: pi/2 - PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // 0x3DD0B461 1A600000: second 33 bits of pi/2
const PIO2_2T = 2.02226624879595063154e-21; // 0x3BA3198A 2E037073: pi/2 - (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // 0x3BA3198A 2E000000: third 33 bits of pi/2
const PIO2_3T = 8.47842766036889956997e-32; // 0x397B839A 252049C1: pi/2 - (PIO2_1 + PIO2_2 + PIO2_3)

/** n mod 8 (as fdlibm: for large |x| only the low bits of n are kept) and REM[0] + REM[1] = x − n·π/2. */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) { // |x| ~<= pi/4, no need for reduction
    REM[0] = x;
    REM[1] = 0;
    return 0;
  }
  if (ix < 0x4002d97c) { // |x| < 3pi/4, special case with n = +-1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) { // 33+53 bit pi is good enough
        REM[0] = z - PIO2_1T;
        REM[1] = (z - REM[0]) - PIO2_1T;
      } else { // near pi/2, use 33+33+53 bit pi
        z -= PIO2_2;
        REM[0] = z - PIO2_2T;
        REM[1] = (z - REM[0]) - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      REM[0] = z + PIO2_1T;
      REM[1] = (z - REM[0]) + PIO2_1T;
    } else {
      z += PIO2_2;
      REM[0] = z + PIO2_2T;
      REM[1] = (z - REM[0]) + PIO2_2T;
    }
    return -1;
  }
  if (ix <= 0x413921fb) { // |x| ~<= 2^19*(pi/2), medium size
    const t0 = Math.abs(x);
    const n = (t0 * INVPIO2 + 0.5) | 0;
    const fn = n;
    let r = t0 - fn * PIO2_1;
    let w = fn * PIO2_1T; // 1st round good to 85 bits
    if (n < 32 && ix !== NPIO2_HW[n - 1]) {
      REM[0] = r - w; // quick check no cancellation
    } else {
      const j = ix >> 20;
      REM[0] = r - w;
      let i = j - ((highWord(REM[0]) >> 20) & 0x7ff);
      if (i > 16) { // 2nd iteration needed, good to 118 bits
        let t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - ((t - r) - w);
        REM[0] = r - w;
        i = j - ((highWord(REM[0]) >> 20) & 0x7ff);
        if (i > 49) { // 3rd iteration needed, 151 bits, covers all possible cases
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - ((t - r) - w);
          REM[0] = r - w;
        }
      }
    }
    REM[1] = (r - REM[0]) - w;
    if (hx < 0) {
      REM[0] = -REM[0];
      REM[1] = -REM[1];
      return -n;
    }
    return n;
  }
  // all other (large) arguments
  if (ix >= 0x7ff00000) { // x is inf or NaN
    REM[0] = REM[1] = NaN;
    return 0;
  }
  // set z = scalbn(|x|, ilogb(x) - 23)
  const e0 = (ix >> 20) - 1046; // e0 = ilogb(z) - 23
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  for (let i = 0; i < 2; i++) {
    TX[i] = z | 0;
    z = (z - TX[i]) * TWO24;
  }
  TX[2] = z;
  let nx = 3;
  while (TX[nx - 1] === 0) nx--; // skip zero terms
  const n = kernelRemPio2(e0, nx);
  if (hx < 0) {
    REM[0] = -REM[0];
    REM[1] = -REM[1];
    return -n;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Payne–Hanek reduction for |x| > 2^19·π/2 (k_rem_pio2.c with prec = 2: jk = 4)

/** 2/π in 24-bit chunks: (24·i)-th to (24·i+23)-th bit after the binary point (enough for doubles). */
const IPIO2 = new Int32Array([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62,
  0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7, 0x246e3a,
  0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129,
  0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41,
  0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8,
  0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf,
  0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5,
  0xf17b3d, 0x0739f7, 0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08,
  0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3,
  0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880,
  0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
]);

/** π/2 in 24-bit pieces. */
const PIO2 = new Float64Array([
  1.57079625129699707031e+00, // 0x3FF921FB 40000000
  7.54978941586159635335e-08, // 0x3E74442D 00000000
  5.39030252995776476554e-15, // 0x3CF84698 80000000
  3.28200341580791294123e-22, // 0x3B78CC51 60000000
  1.27065575308067607349e-29, // 0x39F01B83 80000000
  1.22933308981111328932e-36, // 0x387A2520 40000000
  2.73370053816464559624e-44, // 0x36E38222 80000000
  2.16741683877804819444e-51, // 0x3569F31D 00000000
]);

// Work arrays, allocated once (the C code has them on the stack).
const TX = new Float64Array(3);
const IQ = new Int32Array(20);
const F = new Float64Array(20);
const FQ = new Float64Array(20);
const Q = new Float64Array(20);

/**
 * The last three bits of N and REM[0] + REM[1] = x − N·π/2 for x = Σ TX[i]·2^(e0 − 24i), i < nx
 * (fdlibm __kernel_rem_pio2, 53-bit output).
 */
function kernelRemPio2(e0: number, nx: number): number {
  const jk = 4; // init_jk[prec = 2]
  const jp = jk;

  // determine jx, jv, q0; note that 3 > q0
  const jx = nx - 1;
  let jv = ((e0 - 3) / 24) | 0;
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);

  // set up F[0] to F[jx+jk] where F[jx+jk] = IPIO2[jv+jk]
  let j = jv - jx;
  const m = jx + jk;
  for (let i = 0; i <= m; i++, j++) F[i] = j < 0 ? 0 : IPIO2[j];

  // compute Q[0], Q[1], ... Q[jk]
  for (let i = 0; i <= jk; i++) {
    let fw = 0;
    for (j = 0; j <= jx; j++) fw += TX[j] * F[jx + i - j];
    Q[i] = fw;
  }

  let jz = jk;
  let z: number;
  let n: number;
  let ih: number;
  let carry: number;
  // Bounded: each recomputation takes k ≥ 1 more terms of 2/π, and a double's reduction needs few (Q, IQ hold 20).
  for (;;) { // recompute:
    // distill Q[] into IQ[] reversingly
    let i = 0;
    z = Q[jz];
    for (j = jz; j > 0; i++, j--) {
      const fw = (TWON24 * z) | 0;
      IQ[i] = (z - TWO24 * fw) | 0;
      z = Q[j - 1] + fw;
    }

    // compute n
    z = scalbn(z, q0); // actual value of z
    z -= 8.0 * Math.floor(z * 0.125); // trim off integer >= 8
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) { // need IQ[jz-1] to determine n
      i = IQ[jz - 1] >> (24 - q0);
      n += i;
      IQ[jz - 1] -= i << (24 - q0);
      ih = IQ[jz - 1] >> (23 - q0);
    } else if (q0 === 0) ih = IQ[jz - 1] >> 23;
    else if (z >= 0.5) ih = 2;

    if (ih > 0) { // q > 0.5
      n += 1;
      carry = 0;
      for (i = 0; i < jz; i++) { // compute 1-q
        j = IQ[i];
        if (carry === 0) {
          if (j !== 0) {
            carry = 1;
            IQ[i] = 0x1000000 - j;
          }
        } else IQ[i] = 0xffffff - j;
      }
      if (q0 > 0) { // rare case: chance is 1 in 12
        if (q0 === 1) IQ[jz - 1] &= 0x7fffff;
        else if (q0 === 2) IQ[jz - 1] &= 0x3fffff;
      }
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= scalbn(1, q0);
      }
    }

    // check if recomputation is needed
    if (z === 0) {
      j = 0;
      for (i = jz - 1; i >= jk; i--) j |= IQ[i];
      if (j === 0) { // need recomputation
        let k = 1;
        while (IQ[jk - k] === 0) k++; // k = no. of terms needed
        for (i = jz + 1; i <= jz + k; i++) { // add Q[jz+1] to Q[jz+k]
          F[jx + i] = IPIO2[jv + i];
          let fw = 0;
          for (j = 0; j <= jx; j++) fw += TX[j] * F[jx + i - j];
          Q[i] = fw;
        }
        jz += k;
        continue;
      }
    }
    break;
  }

  // chop off zero terms
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (IQ[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else { // break z into 24-bit if necessary
    z = scalbn(z, -q0);
    if (z >= TWO24) {
      const fw = (TWON24 * z) | 0;
      IQ[jz] = (z - TWO24 * fw) | 0;
      jz += 1;
      q0 += 24;
      IQ[jz] = fw;
    } else IQ[jz] = z | 0;
  }

  // convert integer "bit" chunk to floating-point value
  let fw = scalbn(1, q0);
  for (let i = jz; i >= 0; i--) {
    Q[i] = fw * IQ[i];
    fw *= TWON24;
  }

  // compute PIO2[0, ..., jp] * Q[jz, ..., 0]
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jp && k <= jz - i; k++) fw += PIO2[k] * Q[i + k];
    FQ[jz - i] = fw;
  }

  // compress FQ[] into y (prec 1 and 2)
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += FQ[i];
  REM[0] = ih === 0 ? fw : -fw;
  fw = FQ[0] - fw;
  for (let i = 1; i <= jz; i++) fw += FQ[i];
  REM[1] = ih === 0 ? fw : -fw;
  return n & 7;
}

// ---------------------------------------------------------------------------------------------------
// sin, cos (s_sin.c, s_cos.c)

/** Sine, < 1 ulp for every finite x (fdlibm sin). */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) { // |x| ~< pi/4
    if (ix < 0x3e400000) return x; // |x| < 2^-27 (keeps -0)
    return kernelSin(x, 0, 0);
  }
  if (ix >= 0x7ff00000) return NaN; // sin(Inf or NaN) is NaN
  const n = remPio2(x);
  const y0 = REM[0];
  const y1 = REM[1];
  switch (n & 3) {
    case 0: return kernelSin(y0, y1, 1);
    case 1: return kernelCos(y0, y1);
    case 2: return -kernelSin(y0, y1, 1);
    default: return -kernelCos(y0, y1);
  }
}

/** Cosine, < 1 ulp for every finite x (fdlibm cos). */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) { // |x| ~< pi/4
    if (ix < 0x3e46a09e) return 1; // |x| < 2^-27 * sqrt(2)
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN; // cos(Inf or NaN) is NaN
  const n = remPio2(x);
  const y0 = REM[0];
  const y1 = REM[1];
  switch (n & 3) {
    case 0: return kernelCos(y0, y1);
    case 1: return -kernelSin(y0, y1, 1);
    case 2: return -kernelCos(y0, y1);
    default: return kernelSin(y0, y1, 1);
  }
}

// ---------------------------------------------------------------------------------------------------
// tanh (s_tanh.c)

/** Hyperbolic tangent (fdlibm tanh, via expm1). */
export function tanh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) { // x is INF or NaN
    if (x !== x) return NaN;
    return jx >= 0 ? 1 : -1; // tanh(+-inf) = +-1
  }
  let z: number;
  if (ix < 0x40360000) { // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^-28: tanh(tiny) = tiny (keeps -0)
    if (ix >= 0x3ff00000) { // |x| >= 1
      const t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else { // |x| >= 22, return +-1
    z = 1 - TINY;
  }
  return jx >= 0 ? z : -z;
}

// ---------------------------------------------------------------------------------------------------
// pow (e_pow.c)

const DP_H1 = 5.84962487220764160156e-01; // 0x3FE2B803 40000000
const DP_L1 = 1.35003920212974897128e-08; // 0x3E4CFDEB 43CFD006
// poly coefs for (3/2)*(log(x)-2s-2/3*s**3
const L1 = 5.99999999999994648725e-01; // 0x3FE33333 33333303
const L2 = 4.28571428578550184252e-01; // 0x3FDB6DB6 DB6FABFF
const L3 = 3.33333329818377432918e-01; // 0x3FD55555 518F264D
const L4 = 2.72728123808534006489e-01; // 0x3FD17460 A91D4101
const L5 = 2.30660745775561754067e-01; // 0x3FCD864A 93C9DB65
const L6 = 2.06975017800338417784e-01; // 0x3FCA7E28 4A454EEF
const LG2_ = 6.93147180559945286227e-01; // 0x3FE62E42 FEFA39EF
const LG2_H = 6.93147182464599609375e-01; // 0x3FE62E43 00000000
const LG2_L = -1.90465429995776804525e-09; // 0xBE205C61 0CA86C39
const OVT = 8.0085662595372944372e-17; // -(1024-log2(ovfl+.5ulp))
const CP = 9.61796693925975554329e-01; // 0x3FEEC709 DC3A03FD = 2/(3ln2)
const CP_H = 9.61796700954437255859e-01; // 0x3FEEC709 E0000000 = (float)cp
const CP_L = -7.02846165095275826516e-09; // 0xBE3E2FE0 145B01F5 = tail of cp_h
const IVLN2 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE = 1/ln2
const IVLN2_H = 1.44269502162933349609e+00; // 0x3FF71547 60000000 = 24b 1/ln2
const IVLN2_L = 1.92596299112661746887e-08; // 0x3E54AE0B F85DDF44 = 1/ln2 tail
const THRD = 3.3333333333333331e-01; // 0x3FD55555 55555555

/**
 * x^y per C99 Annex F (fdlibm __ieee754_pow): pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN y,
 * pow(−1, ±∞) = 1, negative x with integer y, NaN otherwise for negative x. Nearly rounded (< 1 ulp);
 * pow(integer, integer) is exact whenever the result is representable.
 * Unlike Math.pow, pow(1, NaN) and pow(±1, ±Infinity) are 1, as C99 and IEEE 754 say.
 */
export function pow(x: number, y: number): number {
  BITS.setFloat64(0, x, BE);
  const hx = BITS.getInt32(0, BE);
  const lx = BITS.getUint32(4, BE);
  BITS.setFloat64(0, y, BE);
  const hy = BITS.getInt32(0, BE);
  const ly = BITS.getUint32(4, BE);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  // y == zero: x**0 = 1
  if ((iy | ly) === 0) return 1;

  // x == 1: 1**y = 1, even if y is NaN
  if (hx === 0x3ff00000 && lx === 0) return 1;

  // y != zero: result is NaN if either arg is NaN
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) {
    return NaN;
  }

  // determine if y is an odd int when x < 0
  // yisint = 0 ... y is not an integer, 1 ... y is an odd int, 2 ... y is an even int
  let yisint = 0;
  let j: number;
  let k: number;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2; // even integer y
    else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff; // exponent
      if (k > 20) {
        j = ly >>> (52 - k);
        if ((j << (52 - k)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        j = iy >> (20 - k);
        if (j << (20 - k) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  // special value of y
  if (ly === 0) {
    if (iy === 0x7ff00000) { // y is +-inf
      if (((ix - 0x3ff00000) | lx) === 0) return 1; // (-1)**+-inf is 1
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // (|x|>1)**+-inf = inf,0
      return hy < 0 ? -y : 0; // (|x|<1)**-,+inf = inf,0
    }
    if (iy === 0x3ff00000) { // y is +-1
      if (hy < 0) return 1 / x;
      return x;
    }
    if (hy === 0x40000000) return x * x; // y is 2
    if (hy === 0x3fe00000) { // y is 0.5
      if (hx >= 0) return Math.sqrt(x); // x >= +0
    }
  }

  let ax = Math.abs(x);
  // special value of x
  if (lx === 0) {
    if (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000) {
      let z = ax; // x is +-0,+-inf,+-1
      if (hy < 0) z = 1 / z; // z = (1/|x|)
      if (hx < 0) {
        if (((ix - 0x3ff00000) | yisint) === 0) {
          z = NaN; // (-1)**non-int is NaN
        } else if (yisint === 1) z = -z; // (x<0)**odd = -(|x|**odd)
      }
      return z;
    }
  }

  let n = (hx >>> 31) - 1;

  // (x<0)**(non-int) is NaN
  if ((n | yisint) === 0) return NaN;

  let s = 1; // s (sign of result -ve**odd) = -1 else = 1
  if ((n | (yisint - 1)) === 0) s = -1; // (-ve)**(odd int)

  let t1: number;
  let t2: number;
  let t: number;
  let u: number;
  let v: number;
  let w: number;
  // |y| is huge
  if (iy > 0x41e00000) { // if |y| > 2**31
    if (iy > 0x43f00000) { // if |y| > 2**64, must o/uflow
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    // over/underflow if x is not close to one
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // now |1-x| is tiny <= 2**-20, suffice to compute log(x) by x-x^2/2+x^3/3-x^4/4
    t = ax - 1; // t has 20 trailing zeros
    w = (t * t) * (0.5 - t * (THRD - t * 0.25));
    u = IVLN2_H * t; // ivln2_h has 21 sig. bits
    v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    // take care subnormal number
    if (ix < 0x00100000) {
      ax *= TWO_53;
      n -= 53;
      ix = highWord(ax);
    }
    const ex = (ix >> 20) - 0x3ff;
    n += ex;
    j = ix & 0x000fffff;
    // determine interval
    ix = j | 0x3ff00000; // normalize ix
    let scale = 1074 - ex; // ax·2^-ex has exponent 0, as SET_HIGH_WORD(ax, ix) makes it
    if (j <= 0x3988e) k = 0; // |x| < sqrt(3/2)
    else if (j < 0xbb67a) k = 1; // |x| < sqrt(3)
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
      scale -= 1;
    }
    ax *= POW2S[scale];

    // compute ss = s_h+s_l = (x-1)/(x+1) or (x-1.5)/(x+1.5)
    const bp = k === 0 ? 1.0 : 1.5;
    u = ax - bp;
    v = 1 / (ax + bp);
    const ss = u * v;
    const sH = clearLow(ss);
    // t_h = ax+bp[k] High
    let tH = fromHigh(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18));
    let tL = ax - (tH - bp);
    const sL = v * ((u - sH * tH) - sH * tL);
    // compute log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLow(3 + s2 + r);
    tL = r - ((tH - 3) - s2);
    // u+v = ss*(1+...)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3log2)*(ss+...)
    const pH = clearLow(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH; // cp_h+cp_l = 2/(3*log2)
    const dpH = k === 0 ? 0 : DP_H1;
    const zL = CP_L * pH + pL * CP + (k === 0 ? 0 : DP_L1);
    // log2(ax) = (ss+..)*2/(3*log2) = n + dp_h + z_h + z_l
    t = n;
    t1 = clearLow(((zH + zL) + dpH) + t);
    t2 = zL - (((t1 - t) - dpH) - zH);
  }

  // split up y into y1+y2 and compute (y1+y2)*(t1+t2)
  const y1 = clearLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  BITS.setFloat64(0, z, BE);
  j = BITS.getInt32(0, BE);
  let i = BITS.getInt32(4, BE);
  if (j >= 0x40900000) { // z >= 1024
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE; // if z > 1024: overflow
    if (pL + OVT > z - pH) return s * HUGE * HUGE; // overflow
  } else if ((j & 0x7fffffff) >= 0x4090cc00) { // z <= -1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return s * TINY * TINY; // z < -1075: underflow
    if (pL <= z - pH) return s * TINY * TINY; // underflow
  }

  // compute 2**(p_h+p_l)
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) { // if |z| > 0.5, set n = [z+0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // new k for n
    t = fromHigh(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  t = clearLow(pL + pH);
  u = t * LG2_H;
  v = (pL - (t - pH)) * LG2_ + t * LG2_L;
  z = u + v;
  w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const r = (z * t1) / (t1 - 2) - (w + z * w);
  z = 1 - (r - z);
  j = highWord(z);
  j += n << 20;
  if (j >> 20 <= 0) z = scalbn(z, n); // subnormal output
  else z = n === 1024 ? z * 2 * TWO_1023 : z * POW2S[n + 1074]; // SET_HIGH_WORD(z, j): exact
  return s * z;
}

// ---------------------------------------------------------------------------------------------------
// Helpers the engine uses

/** Logistic function 1/(1 + e^−x), stable for both signs. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + exp(-x));
  const e = exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow: max(x, 0) + log1p(e^−|x|). */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + log1p(exp(-Math.abs(x)));
}

/** √(a² + b²) as plain arithmetic (its own module, so the metrics need nothing else from here). */
export { hypot2 } from './hypot';
