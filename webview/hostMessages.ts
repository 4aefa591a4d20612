// The webview's model of what the host has said: the latest run (or compare pair), progress, the last
// validation error and settings. A reducer over HostMessage; playback actions are passed through.
import type { HostMessage, PlaybackAction, RunView, UiSettings } from '../src/shared/protocol';

export interface HostView {
  readonly revision: number;
  readonly run: RunView | null;
  readonly compare: { readonly runs: readonly [RunView, RunView]; readonly labels: readonly [string, string] } | null;
  /** Progress of a long computation in [0, 1], or null when idle. */
  readonly computing: number | null;
  readonly invalid: string | null;
  readonly settings: UiSettings;
}

export const DEFAULT_SETTINGS: UiSettings = { stepsPerSecond: 60, contourLevels: 14 };

export const INITIAL_HOST_VIEW: HostView = {
  revision: -1,
  run: null,
  compare: null,
  computing: null,
  invalid: null,
  settings: DEFAULT_SETTINGS,
};

const TYPES = new Set(['run', 'compare', 'computing', 'invalid', 'playback', 'settings', 'exportPng']);
const ACTIONS = new Set<PlaybackAction>(['play', 'pause', 'step', 'reset', 'faster', 'slower']);

/** Messages come from our own host, but a malformed one must never take the UI down. */
export function asHostMessage(data: unknown): HostMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as { type?: unknown; action?: unknown };
  if (typeof m.type !== 'string' || !TYPES.has(m.type)) return null;
  if (m.type === 'playback' && !ACTIONS.has(m.action as PlaybackAction)) return null;
  return data as HostMessage;
}

function sanitizeSettings(s: UiSettings): UiSettings {
  const ok = (v: unknown, lo: number, hi: number, d: number): number =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : d;
  return {
    stepsPerSecond: ok(s?.stepsPerSecond, 1, 2000, DEFAULT_SETTINGS.stepsPerSecond),
    contourLevels: Math.round(ok(s?.contourLevels, 2, 60, DEFAULT_SETTINGS.contourLevels)),
  };
}

export function reduceHostView(view: HostView, m: HostMessage): HostView {
  switch (m.type) {
    case 'run':
      if (m.revision < view.revision) return view; // a stale answer to an older patch
      return { ...view, revision: m.revision, run: m.run, compare: null, computing: null, invalid: null };
    case 'compare':
      if (m.revision < view.revision) return view;
      return { ...view, revision: m.revision, compare: { runs: m.runs, labels: m.labels }, run: m.runs[0], computing: null, invalid: null };
    case 'computing':
      return m.revision >= view.revision ? { ...view, computing: m.fraction } : view;
    case 'invalid':
      return { ...view, invalid: typeof m.message === 'string' ? m.message : 'Invalid scenario', computing: null };
    case 'settings':
      return { ...view, settings: sanitizeSettings(m.settings) };
    case 'playback':
    case 'exportPng':
      return view;
  }
}
