// The webview's model of what the host has said: the latest run (or compare pair), progress, the last
// validation error and settings. A reducer over HostMessage; playback actions are passed through.
import type { StepSizeChoice } from '../src/shared/comparison';
import { DEFAULT_UI_SETTINGS, clampUiSettings, type UiSettings } from '../src/shared/uiLimits';
import { HOST_MESSAGE_TYPES, PLAYBACK_ACTIONS, type HostMessage } from '../src/shared/protocol';
import type { WrittenScenario } from '../src/shared/scenarioEdit';
import type { RunView } from '../src/shared/runModel';

export interface HostView {
  readonly revision: number;
  readonly run: RunView | null;
  readonly compare: {
    readonly runs: readonly [RunView, RunView];
    readonly labels: readonly [string, string];
    readonly stepSize: StepSizeChoice;
  } | null;
  /** Progress of a long computation in [0, 1], or null when idle. */
  readonly computing: number | null;
  readonly invalid: string | null;
  /** A restored scenario the host did not run again (its last computation never showed), until asked. */
  readonly held: { readonly message: string; readonly raw: WrittenScenario } | null;
  readonly settings: UiSettings;
}

export const INITIAL_HOST_VIEW: HostView = {
  revision: -1,
  run: null,
  compare: null,
  computing: null,
  invalid: null,
  held: null,
  settings: DEFAULT_UI_SETTINGS,
};

const TYPES: ReadonlySet<string> = new Set(HOST_MESSAGE_TYPES);
const ACTIONS: ReadonlySet<unknown> = new Set(PLAYBACK_ACTIONS);

/** Messages come from our own host, but a malformed one must never take the UI down. */
export function asHostMessage(data: unknown): HostMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as { type?: unknown; action?: unknown; seq?: unknown };
  if (typeof m.type !== 'string' || !TYPES.has(m.type)) return null;
  if (m.type === 'playback' && !ACTIONS.has(m.action)) return null;
  if (m.type === 'applied' && !Number.isSafeInteger(m.seq)) return null;
  return data as HostMessage;
}

export function reduceHostView(view: HostView, m: HostMessage): HostView {
  switch (m.type) {
    case 'run':
      if (m.revision < view.revision) return view; // a stale answer to an older patch
      return { ...view, revision: m.revision, run: m.run, compare: null, computing: null, invalid: null, held: null };
    case 'compare':
      if (m.revision < view.revision) return view;
      return {
        ...view,
        revision: m.revision,
        compare: { runs: m.runs, labels: m.labels, stepSize: m.stepSize },
        run: m.runs[0],
        computing: null,
        invalid: null,
        held: null,
      };
    case 'computing':
      return m.revision >= view.revision ? { ...view, computing: m.fraction } : view;
    case 'invalid':
      return { ...view, invalid: typeof m.message === 'string' ? m.message : 'Invalid scenario', computing: null };
    case 'settings':
      return { ...view, settings: clampUiSettings(m.settings) };
    case 'held':
      if (typeof m.message !== 'string' || typeof m.raw !== 'object' || m.raw === null) return view;
      return { ...view, held: { message: m.message, raw: m.raw } };
    case 'playback':
    case 'exportPng':
    case 'applied': // the live view's business (liveView.ts)
    case 'exercise': // the exercise's (webview/exercise/useExercise.ts)
      return view;
  }
}
