// Defensive number formatting for people: nothing the playground prints may read "NaN" or "Infinity".

const DASH = '—';

/** A readable number with about `digits` significant figures; '—' for null/undefined/non-finite. */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.max(0, digits - 1)).replace('e+', 'e');
  // toPrecision writes 3722 at 3 digits as "3.72e+3": such a number is written out ("3720").
  const s = a >= 10 ** digits ? String(Number(v.toPrecision(digits))) : v.toPrecision(digits);
  // Drop trailing zeros of a fraction ("0.500" → "0.5") but keep integers intact.
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 10^k as "10¹²" for an integer k ≥ 1 (limits and bounds in sentences); anything else as formatNumber does. */
export function formatPowerOfTen(v: number): string {
  const k = Math.round(Math.log10(v));
  if (!(k >= 1 && k <= 308) || Number(`1e${k}`) !== v) return formatNumber(v);
  return `10${[...String(k)].map((d) => SUPERSCRIPT[Number(d)]).join('')}`;
}

/** A share in [0, 1] as a percentage. */
export function formatPercent(v: number | null | undefined): string {
  // v · 100 overflows for |v| near the largest double: no share is that large, and "Infinity%" must not show.
  if (v === null || v === undefined || !Number.isFinite(v * 100)) return DASH;
  // One decimal, dropped when it is zero: "49.3%", "50%".
  return `${(v * 100).toFixed(v >= 0.995 || v <= 0.005 ? 0 : 1).replace(/\.0$/, '')}%`;
}

/** An integer count (steps, reversals). */
export function formatInteger(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  // Thousands separators by hand: the step readout updates every frame, and toLocaleString is slow.
  const s = String(Math.abs(Math.round(v)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return v < 0 && Math.round(v) !== 0 ? `-${grouped}` : grouped;
}

/** The sign of a value as a symbol; 0 and non-finite values read as 0 and '?'. */
export function signSymbol(v: number): '+' | '−' | '0' | '?' {
  if (!Number.isFinite(v)) return '?';
  return v > 0 ? '+' : v < 0 ? '−' : '0';
}

/** A point (w1, w2) for labels. */
export function formatPoint(p: readonly [number, number] | null | undefined): string {
  if (!p) return DASH;
  return `(${formatNumber(p[0])}, ${formatNumber(p[1])})`;
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/** Weight number i (0-based, as the scenario's axes count) as people read it: w₁, w₇₈₄. */
export function weightName(i: number): string {
  return `w${[...String(i + 1)].map((c) => SUBSCRIPT[Number(c)]).join('')}`;
}

/** Input number i (0-based): x₁, x₇₈₄. */
export function inputName(i: number): string {
  return `x${weightName(i).slice(1)}`;
}
