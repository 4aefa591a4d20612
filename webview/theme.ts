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

/** [variable, fallback] per palette entry. Fallbacks only matter outside VS Code. */
const SOURCES: Record<Exclude<keyof Palette, 'kind' | 'fontSize' | 'fontFamily'>, [string, string]> = {
  background: ['--vscode-editor-background', '#1e1e1e'],
  foreground: ['--vscode-editor-foreground', '#d4d4d4'],
  muted: ['--vscode-descriptionForeground', '#9d9d9d'],
  grid: ['--vscode-editorRuler-foreground', '#5a5a5a'],
  contour: ['--vscode-charts-blue', '#3794ff'],
  trajectory: ['--vscode-charts-orange', '#d18616'],
  start: ['--vscode-charts-foreground', '#cccccc'],
  target: ['--vscode-charts-green', '#89d185'],
  current: ['--vscode-charts-red', '#f14c4c'],
  cone: ['--vscode-charts-yellow', '#cca700'],
  arrow: ['--vscode-charts-purple', '#b180d7'],
  arrowMean: ['--vscode-editor-foreground', '#d4d4d4'],
  loss: ['--vscode-charts-blue', '#3794ff'],
  error: ['--vscode-errorForeground', '#f48771'],
};

function themeKind(body: HTMLElement): Palette['kind'] {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readPalette(doc: Document = document): Palette {
  const style = getComputedStyle(doc.documentElement);
  const bodyStyle = getComputedStyle(doc.body);
  const read = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || bodyStyle.getPropertyValue(name).trim() || fallback;
  const entries = Object.entries(SOURCES).map(([key, [name, fallback]]) => [key, read(name, fallback)]);
  const fontSize = parseFloat(read('--vscode-font-size', '13px'));
  return {
    ...(Object.fromEntries(entries) as Record<keyof typeof SOURCES, string>),
    kind: themeKind(doc.body),
    fontFamily: read('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
  };
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
