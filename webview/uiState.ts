// What the webview remembers across hide/show (vscode.getState/setState): only UI state, never the run
// (the host sends the run again on 'ready').
import { UI_LIMITS } from '../src/shared/uiLimits';

export type SectionId = 'data' | 'optimizer' | 'target' | 'model' | 'metrics' | 'chain';

export interface UiState {
  /** Animation cursor: index into the trajectory (0 … K). */
  readonly cursor: number;
  readonly playing: boolean;
  /** Steps per second; null = follow the host's UiSettings.stepsPerSecond. */
  readonly speed: number | null;
  readonly expanded: Readonly<Record<SectionId, boolean>>;
}

const DEFAULT_UI_STATE: UiState = {
  cursor: 0,
  playing: true,
  speed: null,
  expanded: { data: true, optimizer: true, target: true, model: false, metrics: true, chain: true },
};

/** Steps per second within the playground's limits (the host's settings obey the same ones). */
export function clampSpeed(v: number): number {
  return Math.min(UI_LIMITS.stepsPerSecond.max, Math.max(UI_LIMITS.stepsPerSecond.min, v));
}

/** getState returns whatever an older build stored: keep what is valid, default the rest. */
export function sanitizeUiState(raw: unknown): UiState {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_UI_STATE;
  const r = raw as Record<string, unknown>;
  const expandedRaw = typeof r.expanded === 'object' && r.expanded !== null ? (r.expanded as Record<string, unknown>) : {};
  const expanded = { ...DEFAULT_UI_STATE.expanded };
  for (const key of Object.keys(expanded) as SectionId[]) {
    if (typeof expandedRaw[key] === 'boolean') expanded[key] = expandedRaw[key];
  }
  return {
    cursor: typeof r.cursor === 'number' && Number.isFinite(r.cursor) && r.cursor >= 0 ? Math.floor(r.cursor) : 0,
    playing: typeof r.playing === 'boolean' ? r.playing : DEFAULT_UI_STATE.playing,
    speed: typeof r.speed === 'number' && Number.isFinite(r.speed) ? clampSpeed(r.speed) : null,
    expanded,
  };
}
