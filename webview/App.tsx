// The playground: the host's runs (or the page's preview of a change until the host has answered it), the
// animation over them and the controls, laid out as the editor panel, a scenario file's playground or the
// compact side panel (body data-view), with one run or a compare pair side by side.
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { Scenario } from '../src/engine/types';
import { sameData } from '../src/shared/bitEquality';
import { formatRate } from '../src/shared/comparison';
import type { PlaybackAction, ViewKind } from '../src/shared/protocol';
import type { RunView } from '../src/shared/runModel';
import { CompareHeader } from './CompareHeader';
import { HeldScenario } from './HeldScenario';
import { Controls } from './controls/Controls';
import { ConcealedPane } from './exercise/ConcealedPane';
import { ExercisePanel, awaitingPredictions } from './exercise/ExercisePanel';
import { LockContext } from './exercise/locks';
import { LockNote } from './exercise/LockNote';
import { withMarkerLocks } from './exercise/markerInput';
import { useExercise } from './exercise/useExercise';
import { exportPng } from './exportPng';
import { usePaintSignal } from './paintSignal';
import { PlaybackBar } from './PlaybackBar';
import { RunPane } from './RunPane';
import { usePalette } from './theme';
import type { SectionId, UiState } from './uiState';
import { useLiveView } from './useLiveView';
import { usePersistUiState } from './usePersistUiState';
import { usePlayback } from './usePlayback';

function lastStepOf(runs: readonly RunView[]): number {
  return runs.length === 0 ? -1 : Math.max(...runs.map((r) => Math.floor(r.trajectory.length / 2) - 1));
}

/**
 * The previous scenario object while a new run brings an equal one (a replayed run, a settings change),
 * so the memoised controls below are not rebuilt for nothing.
 */
function useStableScenario(scenario: Scenario | null): Scenario | null {
  const ref = useRef<Scenario | null>(null);
  if (!sameData(scenario, ref.current)) ref.current = scenario;
  return ref.current;
}

export function App({ view, initial }: { readonly view: ViewKind; readonly initial: UiState }) {
  const palette = usePalette();
  const actRef = useRef<(action: PlaybackAction) => void>(() => undefined);
  // Listening before useLiveView says `ready`: the host sends a file's exercise right after.
  const exercise = useExercise();
  const live = useLiveView({ onPlayback: (action) => actRef.current(action), onExportPng: exportPng });
  // The host's view, with the page's preview or a drag's draft in place of its run until the host answers.
  const { view: shownView, source, seq } = live.shown;
  const [expanded, setExpanded] = useState(initial.expanded);
  const runs: readonly RunView[] = shownView.compare ? shownView.compare.runs : shownView.run ? [shownView.run] : [];
  // The animation follows released changes; a drag's drafts show their whole path (and the step readout
  // says so).
  const drafting = source === 'draft';
  const settled = useRef(runs);
  if (!drafting) settled.current = runs;
  const lastStep = lastStepOf(settled.current);
  const playback = usePlayback(initial, lastStep, settled.current[0] ?? null, shownView.settings.stepsPerSecond);
  actRef.current = playback.act;
  usePersistUiState({ cursor: playback.cursor, playing: playback.playing, speed: playback.speed, expanded });
  const onPainted = usePaintSignal({ revision: shownView.revision, seq, source, mismatches: live.state.mismatches });
  const paintKey = `${source}:${shownView.revision}:${seq}`;

  const toggle = useCallback((id: SectionId, open: boolean): void => setExpanded((e) => ({ ...e, [id]: open })), []);
  const compact = view === 'sidebar';
  // A scenario file's playground: its problems come from the text beside it; say them above the plot.
  const problemAbovePlot = view === 'file';
  const problem = shownView.invalid !== null && (
    <p class="invalid" role="alert" data-testid="invalid">
      {shownView.invalid}
    </p>
  );
  const scenario = useStableScenario(shownView.run?.scenario ?? null);

  // An exercise may fix the start or the target, and hide the run until its predictions are in.
  const planeInput = useMemo(() => withMarkerLocks(live.model, exercise.view), [exercise.view]);
  const hidden = awaitingPredictions(exercise.view);

  // One pane per run: a compare pair gets titles with their learning rates, and its chain-rule strips
  // follow their section's toggle. Each pane has its own legend (the cone is the raw run's only).
  const compare = shownView.compare;
  const panes = runs.map((run, i) =>
    hidden ? (
      <ConcealedPane
        key={i}
        run={run}
        palette={palette}
        levels={shownView.settings.contourLevels}
        input={planeInput}
        paintKey={paintKey}
        onPainted={onPainted}
      />
    ) : (
      <RunPane
        key={i}
        run={run}
        title={compare ? `${compare.labels[i]} · η = ${formatRate(run.scenario.optimizer.lr)}` : undefined}
        cursor={drafting ? Number.MAX_SAFE_INTEGER : playback.cursor}
        playing={playback.playing}
        palette={palette}
        levels={shownView.settings.contourLevels}
        compact={compact}
        showChainRule={!compact && (compare === null || expanded.chain)}
        showLegend
        onSeek={playback.seek}
        input={planeInput}
        paintKey={paintKey}
        onPainted={onPainted}
      />
    ),
  );

  // The same vnode while only the animation cursor moves: Preact then skips the controls entirely.
  const controls = useMemo(
    () =>
      scenario ? (
        <Controls
          scenario={scenario}
          invalid={problemAbovePlot ? null : shownView.invalid}
          expanded={expanded}
          onToggle={toggle}
          onPatch={live.model.patch}
          onResetScenario={live.model.reset}
        />
      ) : (
        !problemAbovePlot && problem
      ),
    [scenario, shownView.invalid, expanded],
  );

  return (
    <div class={`app is-${view}${shownView.compare ? ' is-compare' : ''}`}>
      <header class="app-header">
        <h1 class={compact ? 'sr-only' : 'app-title'}>Zig-Zag Playground</h1>
        {!hidden && (
          <PlaybackBar
            playback={drafting ? { ...playback, cursor: Number.MAX_SAFE_INTEGER } : playback}
            lastStep={drafting ? lastStepOf(runs) : lastStep}
            computing={shownView.computing}
          />
        )}
      </header>
      <div class="app-body">
        <main class="runs-area">
          <ExercisePanel state={exercise} run={runs[0] ?? null} />
          {problemAbovePlot && problem}
          {compare && (
            <CompareHeader
              runs={compare.runs}
              labels={compare.labels}
              stepSize={compare.stepSize}
              cursor={playback.cursor}
              onStepSize={live.model.compare}
            />
          )}
          <div class="runs">
            {runs.length === 0 && shownView.held && <HeldScenario held={shownView.held} onRun={live.model.runHeld} />}
            {runs.length === 0 && !shownView.held && (
              <p class="waiting">{shownView.invalid === null ? 'Computing the first run…' : 'No valid run yet.'}</p>
            )}
            {panes}
          </div>
        </main>
        <aside class="side">
          <LockNote view={exercise.view} />
          <LockContext.Provider value={exercise.view}>{controls}</LockContext.Provider>
        </aside>
      </div>
    </div>
  );
}
