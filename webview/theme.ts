// Colours come from VS Code's theme variables, read with getComputedStyle, so the playground looks at
// home in light, dark and high-contrast themes. VS Code swaps the variables and the body class
// (vscode-light | vscode-dark | vscode-high-contrast[-light]) on a theme change; a MutationObserver
// notices and the plots redraw with the new palette.
import { useEffect, useState } from 'preact/hooks';

export interface Palette {
  readonly kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly contour: string;
  readonly trajectory: string;
  readonly start: string;
  readonly target: string;
  readonly current: string;
  readonly cone: string;
  readonly arrow: string;
  readonly arrowMean: string;
  readonly loss: string;
  readonly error: string;
  readonly fontFamily: string;
  readonly fontSize: number;
}

/**
 * [variable, fallback] per palette entry. The plot's marks use the playground's own --zz-* variables
 * (palette.css maps them onto VS Code's per theme kind, and the legend uses the same ones); fallbacks
 * only matter outside VS Code.
 */
const SOURCES: Record<Exclude<keyof Palette, 'kind' | 'fontSize' | 'fontFamily'>, [string, string]> = {
  background: ['--vscode-editor-background', '#1e1e1e'],
  foreground: ['--vscode-editor-foreground', '#d4d4d4'],
  muted: ['--vscode-descriptionForeground', '#9d9d9d'],
  grid: ['--zz-grid', '#5a5a5a'],
  contour: ['--zz-contour', '#3794ff'],
  trajectory: ['--zz-trajectory', '#d18616'],
  start: ['--zz-start', '#cccccc'],
  target: ['--zz-target', '#89d185'],
  current: ['--zz-current', '#f14c4c'],
  cone: ['--zz-cone', '#cca700'],
  arrow: ['--zz-arrow', '#b180d7'],
  arrowMean: ['--zz-arrow-mean', '#d4d4d4'],
  loss: ['--zz-loss', '#3794ff'],
  error: ['--vscode-errorForeground', '#f48771'],
};

/** High-contrast themes get bolder marks and plain (not faded) lines. */
export function isHighContrast(p: Palette): boolean {
  return p.kind === 'high-contrast' || p.kind === 'high-contrast-light';
}

/** Grid and tick line width in CSS pixels: crisp single pixels for the translucent high-contrast grid. */
function gridWidth(p: Palette): number {
  return isHighContrast(p) ? 1 : 0.5;
}

/** Applies the palette's grid width to a uPlot's axes (uPlot reads it at every draw). */
export function applyGridWidth(axes: readonly { grid?: { width?: number }; ticks?: { width?: number } }[], p: Palette): void {
  const width = gridWidth(p);
  for (const a of axes) {
    if (a.grid) a.grid.width = width;
    if (a.ticks) a.ticks.width = width;
  }
}

let probe: CanvasRenderingContext2D | null = null;

/** `color` at `alpha` as rgba(), via the canvas's own colour parser (any CSS colour syntax works). */
function withAlpha(color: string, alpha: number): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return color;
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  const normal = String(probe.fillStyle); // '#rrggbb', or 'rgba(r, g, b, a)' when translucent
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex) return `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})`;
  const rgba = /^rgba\((\d+), (\d+), (\d+), ([\d.]+)\)$/.exec(normal);
  return rgba ? `rgba(${rgba[1]}, ${rgba[2]}, ${rgba[3]}, ${Number(rgba[4]) * alpha})` : color;
}

function themeKind(body: HTMLElement): Palette['kind'] {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

/**
 * `color` without its alpha. Some themes' chart colours are translucent (VS Code 1.139 derives
 * charts.orange from the find-match highlight, #EA5C0055): a path drawn in it would be a faint smear.
 * components.css drops the alpha of the legend swatches the same way (rgb(from … r g b)).
 */
function opaque(color: string): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return color;
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  const rgba = /^rgba\((\d+), (\d+), (\d+), [\d.]+\)$/.exec(String(probe.fillStyle));
  return rgba ? `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})` : color;
}

/** The marks: drawn opaque whatever the theme's variables say. */
const MARKS = ['contour', 'trajectory', 'start', 'target', 'current', 'cone', 'arrow', 'arrowMean', 'loss'] as const;

function readPalette(doc: Document = document): Palette {
  // <body> inherits VS Code's variables from <html> and holds our per-theme --zz-* ones (var() resolved).
  const style = getComputedStyle(doc.body);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const entries = Object.entries(SOURCES).map(([key, [name, fallback]]) => {
    const value = read(name, fallback);
    return [key, (MARKS as readonly string[]).includes(key) ? opaque(value) : value];
  });
  const fontSize = parseFloat(read('--vscode-font-size', '13px'));
  const palette: Palette = {
    ...(Object.fromEntries(entries) as Record<keyof typeof SOURCES, string>),
    kind: themeKind(doc.body),
    fontFamily: read('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
  };
  // High-contrast rulers are the full foreground colour: as a grid that shouts over the contours.
  return isHighContrast(palette)
    ? { ...palette, grid: withAlpha(palette.foreground, palette.kind === 'high-contrast' ? 0.28 : 0.22) }
    : palette;
}

/** The current palette; a new object whenever the theme class or the theme variables change. */
export function usePalette(): Palette {
  const [palette, setPalette] = useState<Palette>(() => readPalette());
  useEffect(() => {
    let frame = 0;
    const refresh = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setPalette(readPalette()));
    };
    const observer = new MutationObserver(refresh);
    // VS Code sets the variables as an inline style on <html> and the theme kind as a body class.
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);
  return palette;
}
