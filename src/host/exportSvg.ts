// "Export Plot" as SVG: the weight plane of a run — loss contours, the trajectory, start, target and
// end markers — as a standalone document for slides and handouts. Pure; equal aspect like the UI.
// Drawn in pieces (a contour level, or a block of the path's points, each), so the host writes it in slices.
import { complete, type Pieces } from '../engine/index';
import { ContourTracer, logLevels } from '../shared/contours';
import type { RunView } from '../shared/runModel';

export interface SvgOptions {
  readonly width?: number;
  readonly contourLevels?: number;
}

const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A piece of the drawing: one contour level, or POINTS_PER_PIECE points of the path. */
export type SvgPiece = 'level' | 'points';
const POINTS_PER_PIECE = 4096;

export function runToSvg(run: RunView, options: SvgOptions = {}): string {
  return complete(runToSvgPieces(run, options));
}

/** runToSvg a contour level or a block of the path at a time. */
export function* runToSvgPieces(run: RunView, options: SvgOptions = {}): Pieces<string, SvgPiece> {
  const size = options.width ?? 640;
  const margin = 48;
  const g = run.grid;
  // Square data window → square plot: one unit of w1 is one unit of w2 on the page.
  const span = Math.max(g.x1 - g.x0, g.y1 - g.y0) || 1;
  const scale = (size - 2 * margin) / span;
  const px = (w1: number): number => margin + (w1 - g.x0) * scale;
  const py = (w2: number): number => size - margin - (w2 - g.y0) * scale;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<title>Zig-Zag Playground: ${esc(describe(run))}</title>`);
  out.push(`<rect width="${size}" height="${size}" fill="#ffffff"/>`);
  out.push(`<g id="contours" fill="none" stroke="#7a8ca8" stroke-width="1" opacity="0.8">`);
  const levels = logLevels(g.values, options.contourLevels ?? 14);
  if (g.n >= 2 && g.values.length >= g.n * g.n && levels.length > 0) {
    const tracer = new ContourTracer(g, levels);
    for (let k = 0; k < tracer.count; k++) {
      const level = tracer.trace(k);
      for (const ring of level.rings) {
        const pts: string[] = [];
        for (let q = 0; q < ring.length; q += 2) pts.push(`${fmt(px(ring[q]))},${fmt(py(ring[q + 1]))}`);
        out.push(`<polyline data-loss="${level.value}" points="${pts.join(' ')}"/>`);
      }
      yield 'level';
    }
  }
  out.push('</g>');
  const w = run.trajectory;
  const points: string[] = [];
  for (let k = 0; k + 1 < w.length; k += 2) {
    points.push(`${fmt(px(w[k]))},${fmt(py(w[k + 1]))}`);
    if (points.length % POINTS_PER_PIECE === 0) yield 'points';
  }
  if (points.length > 0)
    out.push(
      `<polyline id="trajectory" fill="none" stroke="#d1495b" stroke-width="1.6" stroke-linejoin="round" points="${points.join(' ')}"/>`,
    );
  const [s1, s2] = run.scenario.start;
  out.push(`<circle id="start" cx="${fmt(px(s1))}" cy="${fmt(py(s2))}" r="5" fill="#2e7d32"><title>start (${s1}, ${s2})</title></circle>`);
  if (w.length >= 2) {
    const e1 = w[w.length - 2];
    const e2 = w[w.length - 1];
    out.push(
      `<circle id="end" cx="${fmt(px(e1))}" cy="${fmt(py(e2))}" r="4" fill="#d1495b"><title>after ${w.length / 2 - 1} steps (${e1}, ${e2})</title></circle>`,
    );
  }
  if (run.target) {
    const [t1, t2] = run.target;
    const x = px(t1);
    const y = py(t2);
    out.push(
      `<g id="target" stroke="#1a1a1a" stroke-width="2"><line x1="${fmt(x - 6)}" y1="${fmt(y - 6)}" x2="${fmt(x + 6)}" y2="${fmt(y + 6)}"/><line x1="${fmt(x - 6)}" y1="${fmt(y + 6)}" x2="${fmt(x + 6)}" y2="${fmt(y - 6)}"/><title>target w* (${t1}, ${t2})</title></g>`,
    );
  }
  out.push(`<rect x="${margin}" y="${margin}" width="${size - 2 * margin}" height="${size - 2 * margin}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${size / 2}" y="${size - 14}" text-anchor="middle">w1 (${fmt(g.x0)} … ${fmt(g.x0 + span)})</text>`);
  out.push(
    `<text x="16" y="${size / 2}" text-anchor="middle" transform="rotate(-90 16 ${size / 2})">w2 (${fmt(g.y0)} … ${fmt(g.y0 + span)})</text>`,
  );
  out.push(`<text x="${margin}" y="${margin - 12}">${esc(describe(run))}</text>`);
  out.push('</svg>\n');
  return out.join('\n');
}

function describe(run: RunView): string {
  const s = run.scenario;
  const m = run.metrics;
  const what =
    s.model === 'function'
      ? `function ${s.function && 'preset' in s.function ? s.function.preset : 'expression'}`
      : `${s.inputs.distribution}${s.inputs.center ? ' centred' : ''} inputs, batch ${s.batchSize}`;
  const diverged = m.divergedAt !== null ? `, diverged at step ${m.divergedAt}` : '';
  return `${what}, ${s.optimizer.name} lr ${s.optimizer.lr}, lockedFraction ${m.lockedFraction.toFixed(2)}, pathEfficiency ${m.pathEfficiency.toFixed(2)}${diverged}`;
}
