// The playground: listens to the host, keeps UI state, and lays out the editor panel or the compact
// side panel (body data-view) around one run or a compare pair.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { Scenario, Vec2 } from '../src/engine/types';
import type { RunView, ScenarioPatch, ViewKind } from '../src/shared/protocol';
import { Controls } from './controls/Controls';
import { INITIAL_HOST_VIEW, asHostMessage, reduceHostView } from './hostMessages';
import { PlaybackBar } from './PlaybackBar';
import { RunPane } from './RunPane';
import { usePalette } from './theme';
import type { SectionId, UiState } from './uiState';
import { usePlayback } from './usePlayback';
import { hostChannel } from './vscodeApi';

/**
 * Answers the host's "Export Plot" (PNG): the first weight plane's canvas, as drawn now, or as soon as
 * the first plot is painted when the request arrives before it.
 */
function exportPng(): void {
  const send = (): boolean => {
    const canvas = document.querySelector<HTMLCanvasElement>('.runs .uplot canvas');
    if (canvas) hostChannel().post({ type: 'export', format: 'png', data: canvas.toDataURL('image/png') });
    return canvas !== null;
  };
  if (!send()) document.addEventListener('zigzag:painted', () => send(), { once: true });
}

function lastStepOf(runs: readonly RunView[]): number {
  return runs.length === 0 ? -1 : Math.max(...runs.map((r) => Math.floor(r.trajectory.length / 2) - 1));
}

/**
 * The previous scenario object while a new run brings an equal one (a replayed run, a settings change),
 * so the memoised controls below are not rebuilt for nothing.
 */
function useStableScenario(scenario: Scenario | null): Scenario | null {
  const ref = useRef<{ scenario: Scenario | null; key: string }>({ scenario: null, key: '' });
  const key = scenario ? JSON.stringify(scenario) : '';
  if (key !== ref.current.key) ref.current = { scenario, key };
  return ref.current.scenario;
}

export function App({ view, initial }: { readonly view: ViewKind; readonly initial: UiState }) {
  const channel = hostChannel();
  const palette = usePalette();
  const [host, dispatch] = useReducer(reduceHostView, INITIAL_HOST_VIEW);
  const [expanded, setExpanded] = useState(initial.expanded);
  const runs: readonly RunView[] = host.compare ? host.compare.runs : host.run ? [host.run] : [];
  const lastStep = lastStepOf(runs);
  const playback = usePlayback(initial, lastStep, host.compare ?? host.run, host.settings.stepsPerSecond);
  const actRef = useRef(playback.act);
  actRef.current = playback.act;

  useEffect(() => {
    const onMessage = (e: MessageEvent): void => {
      const m = asHostMessage(e.data);
      if (!m) return;
      if (m.type === 'playback') actRef.current(m.action);
      else if (m.type === 'exportPng') exportPng();
      else dispatch(m);
    };
    window.addEventListener('message', onMessage);
    channel.post({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);

  // Persist UI state: at once when something discrete changes, at most twice a second while animating.
  const { cursor, playing, speed } = playback;
  useEffect(() => {
    const save = (): void => channel.saveState({ cursor, playing, speed, expanded });
    if (!playing) {
      save();
      return;
    }
    const timer = setTimeout(save, 500);
    return () => clearTimeout(timer);
  }, [playing ? Math.floor(cursor / 30) : cursor, playing, speed, expanded]);

  const revisionRef = useRef(host.revision);
  revisionRef.current = host.revision;
  const onPainted = useCallback((run: RunView): void => {
    // A hook for tests and the repaint benchmark: which revision is on screen now.
    const root = document.getElementById('root');
    if (root) {
      root.dataset.paintedRevision = String(revisionRef.current);
      root.dataset.paintCount = String(Number(root.dataset.paintCount ?? 0) + 1);
    }
    document.dispatchEvent(
      new CustomEvent('zigzag:painted', { detail: { revision: revisionRef.current, steps: run.trajectory.length / 2 - 1 } }),
    );
  }, []);

  const post = useMemo(
    () => ({
      patch: (patch: ScenarioPatch) => channel.post({ type: 'patch', patch }),
      setStart: (point: Vec2) => channel.post({ type: 'setStart', point }),
      setTarget: (point: Vec2) => channel.post({ type: 'setTarget', point }),
      reset: () => channel.post({ type: 'reset' }),
    }),
    [],
  );
  const toggle = useCallback((id: SectionId, open: boolean): void => setExpanded((e) => ({ ...e, [id]: open })), []);
  const compact = view === 'sidebar';
  const scenario = useStableScenario(host.run?.scenario ?? null);

  const panes = host.compare
    ? host.compare.runs.map((run, i) => (
        <RunPane
          key={i}
          run={run}
          title={host.compare!.labels[i]}
          cursor={playback.cursor}
          palette={palette}
          levels={host.settings.contourLevels}
          compact={compact}
          showChainRule={!compact && expanded.chain}
          showLegend={!compact && i === 0}
          onSeek={playback.seek}
          onSetStart={post.setStart}
          onSetTarget={post.setTarget}
          onPainted={onPainted}
        />
      ))
    : host.run && (
        <RunPane
          run={host.run}
          cursor={playback.cursor}
          palette={palette}
          levels={host.settings.contourLevels}
          compact={compact}
          showChainRule={!compact}
          showLegend={!compact}
          onSeek={playback.seek}
          onSetStart={post.setStart}
          onSetTarget={post.setTarget}
          onPainted={onPainted}
        />
      );

  // The same vnode while only the animation cursor moves: Preact then skips the controls entirely.
  const controls = useMemo(
    () =>
      scenario ? (
        <Controls
          scenario={scenario}
          invalid={host.invalid}
          expanded={expanded}
          onToggle={toggle}
          onPatch={post.patch}
          onResetScenario={post.reset}
        />
      ) : (
        host.invalid !== null && (
          <p class="invalid" role="alert" data-testid="invalid">
            {host.invalid}
          </p>
        )
      ),
    [scenario, host.invalid, expanded],
  );

  return (
    <div class={`app is-${view}${host.compare ? ' is-compare' : ''}`}>
      <header class="app-header">
        {!compact && <h1 class="app-title">Zig-Zag Playground</h1>}
        <PlaybackBar playback={playback} lastStep={lastStep} computing={host.computing} />
      </header>
      <div class="app-body">
        <main class="runs">
          {runs.length === 0 && <p class="waiting">{host.invalid === null ? 'Computing the first run…' : 'No valid run yet.'}</p>}
          {panes}
        </main>
        <aside class="side">{controls}</aside>
      </div>
    </div>
  );
}
