// Equal aspect ratio: one unit of w1 spans as many screen pixels as one unit of w2, so angles on the
// plot are the true angles between update directions (the whole point of the zig-zag picture).

export interface Domain {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * The smallest ranges that contain `domain`, are centred on it, and give equal units per pixel for a
 * plot area of `widthPx` × `heightPx` (any pixel unit, as long as both use the same one).
 */
export function equalAspectRanges(domain: Domain, widthPx: number, heightPx: number): { x: [number, number]; y: [number, number] } {
  const w = Math.max(1, widthPx);
  const h = Math.max(1, heightPx);
  const spanX = Math.max(domain.xMax - domain.xMin, 1e-9);
  const spanY = Math.max(domain.yMax - domain.yMin, 1e-9);
  const unitsPerPx = Math.max(spanX / w, spanY / h);
  const cx = (domain.xMin + domain.xMax) / 2;
  const cy = (domain.yMin + domain.yMax) / 2;
  const hx = (unitsPerPx * w) / 2;
  const hy = (unitsPerPx * h) / 2;
  return { x: [cx - hx, cx + hx], y: [cy - hy, cy + hy] };
}

/** A domain grown by `fraction` of its span on each side (room for markers at the edge). */
export function padDomain(d: Domain, fraction: number): Domain {
  const px = (d.xMax - d.xMin) * fraction;
  const py = (d.yMax - d.yMin) * fraction;
  return { xMin: d.xMin - px, xMax: d.xMax + px, yMin: d.yMin - py, yMax: d.yMax + py };
}
