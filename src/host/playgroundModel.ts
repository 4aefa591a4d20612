// What a playground webview's bridge talks to: where its scenario comes from and where its edits go.
import type { StepSizeRule, Vec2 } from '../engine/index';
import type { ScenarioPatch } from '../shared/scenarioEdit';
import type { PlaygroundSession, SessionEvent } from './session';

/** A playground's source of scenarios: the shared session, or one scenario file (ScenarioDocumentModel). */
export interface PlaygroundModel {
  /** The session's runs, comparisons, progress and failures. */
  onEvent(listener: (e: SessionEvent) => void): { dispose(): void };
  /** What a view opened now shows (PlaygroundSession.latest). */
  latest(comparisons: boolean): SessionEvent | undefined;
  /** A standing problem with the source (an invalid file), shown over the last good run; undefined when fine. */
  readonly problem: string | undefined;
  onProblem(listener: (message: string | undefined) => void): { dispose(): void };
  apply(patch: ScenarioPatch): Promise<unknown>;
  /** The start at a point of the shown pair (a click, a drag's release); every other weight keeps its value. */
  setStart(point: Vec2): Promise<unknown>;
  /** w* at a point of the shown pair (the dragged target marker). */
  setTarget(point: Vec2): Promise<unknown>;
  reset(): Promise<unknown>;
  /** Computes the scenario as it stands (a view's first run, or the held one on request). */
  compute(): Promise<unknown>;
  compareCentring(rule: StepSizeRule): Promise<unknown>;
}

/** The shared playground: everything goes straight to the session. */
export function sessionModel(session: PlaygroundSession): PlaygroundModel {
  return {
    onEvent: (listener) => session.onEvent(listener),
    latest: (comparisons) => session.latest(comparisons),
    problem: undefined,
    onProblem: () => ({ dispose: () => undefined }),
    apply: (patch) => session.apply(patch),
    setStart: (point) => session.setStart(point),
    setTarget: (point) => session.setTarget(point),
    reset: () => session.reset(),
    compute: () => session.compute(),
    compareCentring: (rule) => session.compareCentring(rule),
  };
}
