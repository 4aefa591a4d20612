// What the playground shows between a change and the host's answer. The host stays the source of truth;
// the webview previews a change with the host's own pure code (src/shared/preview.ts: same merge, same
// validation, same engine, so the same bits) and shows that preview until the host says it has finished
// with every change sent (`applied`). Then the host's state is shown: for a change nobody else interfered
// with, the very same run, so the preview's object is kept and nothing moves on screen. A drag shows a
// draft (previewed, not sent) while the pointer moves and sends one change on release.
// No DOM: the webview's hook (useLiveView) wraps it; test/webview/liveView.test.ts runs it in Node.
import type { StepSizeRule } from '../src/engine/catalog/stepSizeRules';
import type { Scenario, Vec2 } from '../src/engine/types';
import { sameData, sameRun } from '../src/shared/bitEquality';
import { RunViewMemo, previewChange, type Preview } from '../src/shared/preview';
import type { HostMessage, WebviewMessage } from '../src/shared/protocol';
import type { ScenarioPatch, WrittenScenario } from '../src/shared/scenarioEdit';
import type { RunView } from '../src/shared/runModel';
import { startPatch, targetPatch } from '../src/shared/scenarioEdit';
import { type HostView, INITIAL_HOST_VIEW, reduceHostView } from './hostMessages';
import type { DragKind, PlaneInput } from './plot/planeInteraction';

/** The performance-timeline name of a preview's computation (one entry kept: the latest). */
const PREVIEW_MEASURE = 'zigzag:preview';

/** Where the picture on screen comes from. */
export type ShownSource = 'host' | 'preview' | 'draft';

/** A change's preview, waiting for the host. */
interface PendingPreview {
  readonly seq: number;
  readonly raw: WrittenScenario;
  readonly run: RunView;
}

export interface Drag {
  readonly kind: DragKind;
  readonly point: Vec2;
  /** The drag's preview (null: too costly to run, or refused), computed over `window`. */
  readonly run: RunView | null;
  /** The plane's grid window when the drag began: the view stays still under the pointer. */
  readonly window: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number } | null;
}

export interface LiveState {
  /** What the host has said. */
  readonly host: HostView;
  /** The scenario as written behind the host's latest run or comparison. */
  readonly hostRaw: WrittenScenario | null;
  /** The number of the last change sent (0: none yet). */
  readonly sent: number;
  /** The highest change number the host has finished with. */
  readonly applied: number;
  /** The host's scenario as written once it has taken every change sent; null while unknown (a reset in flight). */
  readonly expected: WrittenScenario | null;
  /** The latest change that could be previewed; shown while the host has changes to catch up with. */
  readonly pending: PendingPreview | null;
  readonly drag: Drag | null;
  /**
   * Confirmations whose run differed from the preview of the same scenario as written: a determinism
   * bug, so it should stay 0 (tests read it from #root's data-preview-mismatches).
   */
  readonly mismatches: number;
}

const INITIAL_LIVE_STATE: LiveState = {
  host: INITIAL_HOST_VIEW,
  hostRaw: null,
  sent: 0,
  applied: 0,
  expected: null,
  pending: null,
  drag: null,
  mismatches: 0,
};

/** The state on screen: the host's view with a preview or a drag's draft in place of its run. */
export interface Shown {
  readonly view: HostView;
  readonly source: ShownSource;
  /** The latest change this picture reflects. */
  readonly seq: number;
  /** Whether the host has changes to catch up with. */
  readonly waiting: boolean;
}

export function shown(s: LiveState): Shown {
  const waiting = s.applied < s.sent;
  const local = (run: RunView, source: ShownSource, seq: number): Shown => ({
    // A change leaves compare mode on the host too (session.apply computes one run).
    view: { ...s.host, run, compare: null },
    source,
    seq,
    waiting,
  });
  if (s.drag?.run) return local(s.drag.run, 'draft', s.sent);
  if (waiting && s.pending) return local(s.pending.run, 'preview', s.pending.seq);
  return { view: s.host, source: 'host', seq: s.applied, waiting };
}

/** The host has caught up: its state is shown, keeping the preview's objects when they are the same run. */
function caughtUp(s: LiveState): LiveState {
  const p = s.pending;
  const base = { ...s, pending: null, expected: s.hostRaw };
  if (!p || s.host.compare !== null || s.host.run === null) return base;
  if (sameRun(p.run, s.host.run)) return { ...base, host: { ...s.host, run: p.run } };
  // Another change (a command, the other view) may have come in between; the same scenario must not differ.
  return sameData(p.raw, s.hostRaw) ? { ...base, mismatches: s.mismatches + 1 } : base;
}

/** The state after a host message. */
function afterHostMessage(s: LiveState, m: HostMessage): LiveState {
  if (m.type === 'applied') {
    const applied = Math.max(s.applied, m.seq);
    const next = { ...s, applied };
    return applied >= s.sent ? caughtUp(next) : next;
  }
  const host = reduceHostView(s.host, m);
  if (host === s.host) return s;
  if ((m.type === 'run' || m.type === 'compare') && host.revision === m.revision) {
    // While changes are in flight, `expected` stays the prediction; the host's word takes over once it has caught up.
    // A host that sends no scenario as written leaves nothing to preview on (the host's answers still show).
    const raw = typeof m.raw === 'object' && m.raw !== null && !Array.isArray(m.raw) ? m.raw : null;
    return { ...s, host, hostRaw: raw, expected: s.applied >= s.sent ? raw : s.expected };
  }
  return { ...s, host };
}

/** The state after sending change `seq` whose outcome the page predicted (`preview`; null: unknown, e.g. a reset). */
function afterSending(s: LiveState, seq: number, preview: Preview | null): LiveState {
  return {
    ...s,
    sent: seq,
    expected: preview ? preview.raw : null,
    pending: preview?.run ? { seq, raw: preview.raw, run: preview.run } : s.pending,
  };
}

/** The scenario the plane shows: its pair is where a marker's point goes (the other weights keep theirs). */
function planeScenario(s: LiveState): Scenario | undefined {
  return shown(s).view.run?.scenario;
}

function dragPatch(kind: DragKind, point: Vec2, on: Scenario | undefined): ScenarioPatch {
  return kind === 'start' ? startPatch(point, on) : targetPatch(point, on);
}

/**
 * The webview's side of the conversation: host messages in, changes out (numbered, each previewed when
 * cheap), and the drag in progress. `post` sends a message to the host; `onChange` hears every new state.
 */
export class LiveModel implements PlaneInput {
  private current: LiveState = INITIAL_LIVE_STATE;
  private readonly listeners = new Set<(s: LiveState) => void>();
  /** Consecutive previews share their dataset and, while the surface and window stay, their loss grid. */
  private readonly memo = new RunViewMemo();

  constructor(
    private readonly post: (m: WebviewMessage) => void,
    /** Computes a preview (src/shared/preview.ts); tests may count or replace it. */
    private readonly preview: typeof previewChange = previewChange,
  ) {}

  get state(): LiveState {
    return this.current;
  }

  subscribe(listener: (s: LiveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: LiveState): void {
    if (next === this.current) return;
    this.current = next;
    for (const l of [...this.listeners]) l(next);
  }

  /** A message from the host. */
  receive(m: HostMessage): void {
    this.set(afterHostMessage(this.current, m));
  }

  /** Previews `patch` on the scenario the host will have (when known), then sends `message` numbered. */
  private change(patch: ScenarioPatch | null, message: (seq: number) => WebviewMessage): void {
    const s = this.current;
    const seq = s.sent + 1;
    const preview = patch && s.expected ? this.safePreview(s.expected, patch) : null;
    this.set(afterSending(s, seq, preview));
    this.post(message(seq));
  }

  /**
   * A preview must never take the playground down: on an unexpected error the host's answer is awaited
   * instead. Timed as the performance measure PREVIEW_MEASURE (the UI benchmark reads it).
   */
  private safePreview(raw: WrittenScenario, patch: ScenarioPatch, window?: Drag['window']): Preview | null {
    const t0 = performance.now();
    try {
      return this.preview(raw, patch, { ...(window && { window }), memo: this.memo, now: () => performance.now() });
    } catch (e) {
      console.error(`preview failed: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    } finally {
      performance.clearMeasures(PREVIEW_MEASURE);
      performance.measure(PREVIEW_MEASURE, { start: t0 });
    }
  }

  // Arrow functions: handed to components as callbacks.
  readonly patch = (patch: ScenarioPatch): void => {
    this.change(patch, (seq) => ({ type: 'patch', patch, seq }));
  };

  readonly setStart = (point: Vec2): void => {
    this.change(startPatch(point, planeScenario(this.current)), (seq) => ({ type: 'setStart', point, seq }));
  };

  readonly setTarget = (point: Vec2): void => {
    this.change(targetPatch(point, planeScenario(this.current)), (seq) => ({ type: 'setTarget', point, seq }));
  };

  /** Raw and centred inputs side by side: the host computes the pair (not previewed, not numbered). */
  /** Runs the scenario the host held back after a restore. */
  readonly runHeld = (): void => {
    this.post({ type: 'runHeld' });
  };

  readonly compare = (stepSize: StepSizeRule): void => {
    this.post({ type: 'compare', stepSize });
  };

  /** Back to the defaults, which only the host knows: no preview. */
  readonly reset = (): void => {
    this.change(null, (seq) => ({ type: 'reset', seq }));
  };

  /** The dragged marker is at `point`: a draft of that change, computed in the window the drag began in. */
  readonly drag = (kind: DragKind, point: Vec2): void => {
    const s = this.current;
    const window = s.drag?.window ?? windowOf(shown(s).view.run);
    const preview = s.expected ? this.safePreview(s.expected, dragPatch(kind, point, planeScenario(s)), window) : null;
    this.set({ ...s, drag: { kind, point, window, run: preview?.run ?? null } });
  };

  /** Released at `point`: one change, previewed in the run's own window as the host will compute it. */
  readonly drop = (kind: DragKind, point: Vec2): void => {
    this.set({ ...this.current, drag: null });
    if (kind === 'start') this.setStart(point);
    else this.setTarget(point);
  };

  /** The drag was cancelled (Escape, a lost pointer): nothing is sent. */
  readonly cancelDrag = (): void => {
    if (this.current.drag) this.set({ ...this.current, drag: null });
  };
}

function windowOf(run: RunView | null): Drag['window'] {
  if (!run) return null;
  const { x0, x1, y0, y1 } = run.grid;
  return { x0, x1, y0, y1 };
}
