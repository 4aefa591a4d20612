// The playground's limits and display settings: one source for the host, the webview and package.json.
export interface UiSettings {
  /** Animation speed in steps per second. */
  readonly stepsPerSecond: number;
  /** Number of log-spaced contour levels. */
  readonly contourLevels: number;
}

/**
 * The playground's own limits, on top of the file format's (the engine's LIMITS): the one source for the
 * host's settings and run check, the webview's clamps and controls, and package.json's settings (a test
 * compares them).
 */
export const UI_LIMITS = {
  /** Steps the playground computes and draws; longer runs belong to the CLI. */
  maxSteps: 50_000,
  stepsPerSecond: { min: 1, max: 2000, default: 60 },
  contourLevels: { min: 2, max: 60, default: 14 },
} as const;

export const DEFAULT_UI_SETTINGS: UiSettings = {
  stepsPerSecond: UI_LIMITS.stepsPerSecond.default,
  contourLevels: UI_LIMITS.contourLevels.default,
};

/** Settings from anywhere (the user's settings.json, a message): clamped into UI_LIMITS, the default where not a number. */
export function clampUiSettings(raw: { readonly [K in keyof UiSettings]?: unknown } | null | undefined): UiSettings {
  const clamp = (key: keyof UiSettings): number => {
    const v = raw?.[key];
    const { min, max, default: d } = UI_LIMITS[key];
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d;
  };
  return { stepsPerSecond: clamp('stepsPerSecond'), contourLevels: Math.round(clamp('contourLevels')) };
}
