// One live plot of a scenario written in course material: a ```zigzag block in a Markdown preview, or a
// notebook cell's output. The engine runs here, in the page (it is pure TypeScript and gives the same
// numbers as in the extension host), in slices between which the page paints and takes input. The
// playground's own plot of one run (RunPane, compact: contours, path, cone, the current step's arrows,
// the key metrics) under its playback bar; a click or a drag changes the run here only. A block over the
// page's budget is not computed: it says so, with the way to the playground.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ScenarioError, resolveScenario, scenarioToJson, type Scenario, type Vec2 } from '../../src/engine/index';
import { readEmbedScenario, runEmbedScenarioInSlices, type EmbedRun } from '../../src/shared/embedScenario';
import { DEFAULT_UI_SETTINGS } from '../../src/shared/uiLimits';
import type { RunView } from '../../src/shared/runModel';
import { mergeScenario, startPatch, targetPatch } from '../../src/shared/scenarioEdit';
import { PlaybackBar } from '../PlaybackBar';
import { pointOnPlane } from '../planeNote';
import type { DragKind, PlaneInput } from '../plot/planeInteraction';
import { PlotLegend } from '../PlotLegend';
import { RunPane } from '../RunPane';
import { usePalette } from '../theme';
import { usePlayback, type PlaybackInit } from '../usePlayback';
import { PAGE_CLOCK } from './pageClock';

/** Finished runs by scenario, so a block that the page re-creates (every edit of the Markdown) is not recomputed. */
const runs = new Map<string, EmbedRun>();
const RUNS_KEPT = 24;

function keep(key: string, run: EmbedRun): void {
  if (runs.size >= RUNS_KEPT) runs.delete(runs.keys().next().value!);
  runs.set(key, run);
}

/** The run shown: the last one finished (kept while a newer one computes), and how far the newer one has got. */
interface Computed {
  readonly result: EmbedRun | null;
  /** Fraction done of the run being computed; null when none is. */
  readonly computing: number | null;
}

/** The scenario's run, computed in slices; a newer scenario supersedes one still computing. */
function useSlicedRun(scenario: Scenario | null): Computed {
  const [state, setState] = useState<Computed>({ result: null, computing: null });
  useEffect(() => {
    if (!scenario) return;
    const key = JSON.stringify(scenario);
    const cached = runs.get(key);
    if (cached) {
      setState({ result: cached, computing: null });
      return;
    }
    let wanted = true;
    setState((s) => ({ ...s, computing: 0 }));
    void runEmbedScenarioInSlices(
      scenario,
      PAGE_CLOCK,
      () => wanted,
      (fraction) => setState((s) => ({ ...s, computing: fraction })),
    ).then((result) => {
      if (!result) return;
      keep(key, result);
      if (wanted) setState({ result, computing: null });
    });
    return () => {
      wanted = false;
    };
  }, [scenario]);
  return state;
}

/** Where the animation starts: paused on the finished path; Play replays it from step 0. */
const EMBED_PLAYBACK: PlaybackInit = { cursor: Number.MAX_SAFE_INTEGER, playing: false, speed: null };

/** A start or target moved on this plot, not written anywhere. */
interface LocalChange {
  readonly start?: Vec2;
  readonly target?: Vec2;
}

export interface ScenarioEmbedProps {
  /** The block's text, exactly as written (untrusted). */
  readonly text: string;
  readonly initial?: PlaybackInit;
  /** Loads the block into the playground panel (a Markdown block's link, a notebook's renderer message). */
  readonly onOpenInPlayground?: () => void;
  /** Shows a standing "Open in Playground" button under the plot (notebooks; a Markdown block has its link). */
  readonly openButton?: boolean;
  /** Called after every repaint of the plot (tests wait on the data-painted attribute it sets). */
  readonly onPainted?: (run: RunView) => void;
  /** No clicks or drags on the plot (an exercise: it is worked on in the playground). */
  readonly readOnly?: boolean;
  /** Shown above the plot, about the run shown (null while there is none): an exercise's task and goals. */
  readonly header?: (run: RunView | null) => ComponentChildren;
}

function withChange(base: Scenario, change: LocalChange): Scenario {
  let raw = scenarioToJson(base);
  // Points of the plane are on the shown pair: the block's other weights keep their values.
  if (change.start) raw = mergeScenario(raw, startPatch(change.start, base));
  if (change.target) raw = mergeScenario(raw, targetPatch(change.target, base));
  return resolveScenario(raw);
}

export function ScenarioEmbed({
  text,
  initial = EMBED_PLAYBACK,
  onOpenInPlayground,
  openButton = false,
  onPainted,
  readOnly,
  header,
}: ScenarioEmbedProps) {
  const palette = usePalette();
  const reading = useMemo(() => readEmbedScenario(text), [text]);
  const [change, setChange] = useState<LocalChange>({});
  const [refused, setRefused] = useState<string | null>(null);
  const scenario = useMemo(
    () => (reading.ok ? (change.start || change.target ? withChange(reading.scenario, change) : reading.scenario) : null),
    [reading, change],
  );
  const computed = useSlicedRun(scenario);
  const result = reading.ok ? computed.result : null;
  const run = result?.ok ? result.run : null;
  /** Why there is no plot: the block's own problem, or its run's. */
  const failure: { readonly message: string; readonly overBudget?: boolean } | null = !reading.ok
    ? reading
    : result && !result.ok
      ? result
      : null;
  const lastStep = run ? Math.floor(run.trajectory.length / 2) - 1 : -1;
  const playback = usePlayback(initial, lastStep, run, DEFAULT_UI_SETTINGS.stepsPerSecond);

  /** A click or drag changes this plot's run; one the format refuses (far off the plot) is said, not run. */
  const move = (next: LocalChange): void => {
    if (!reading.ok) return;
    try {
      withChange(reading.scenario, next);
      setChange(next);
      setRefused(null);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      setRefused(e.message);
    }
  };

  // A drag runs the engine here at every move (embeds are small, see embedScenario's limits); Escape
  // goes back to where the drag began.
  const beforeDrag = useRef<LocalChange | null>(null);
  const moved = (kind: DragKind, p: Vec2): LocalChange => (kind === 'start' ? { ...change, start: p } : { ...change, target: p });
  const input: PlaneInput = {
    setStart: (p) => move({ ...change, start: p }),
    setTarget: (p) => move({ ...change, target: p }),
    drag: (kind, p) => {
      beforeDrag.current ??= change;
      move(moved(kind, p));
    },
    drop: (kind, p) => {
      beforeDrag.current = null;
      move(moved(kind, p));
    },
    cancelDrag: () => {
      if (beforeDrag.current) move(beforeDrag.current);
      beforeDrag.current = null;
    },
  };

  return (
    <section class="zz-embed" aria-label="Zig-Zag plot">
      {header?.(run)}
      {run && (
        <>
          <div class="zz-embed-toolbar">
            <PlaybackBar playback={playback} lastStep={lastStep} computing={computed.computing} />
          </div>
          <RunPane
            run={run}
            cursor={playback.cursor}
            palette={palette}
            levels={DEFAULT_UI_SETTINGS.contourLevels}
            compact
            showChainRule={false}
            showLegend={false}
            onSeek={playback.seek}
            input={readOnly ? undefined : input}
            onPainted={(r) => onPainted?.(r)}
          />
          {(change.start || change.target) && (
            <p class="zz-embed-changed" role="status">
              Changed on this plot only:{change.start && ` start ${pointOnPlane(run, change.start)}`}
              {change.target && ` target ${pointOnPlane(run, change.target)}`}.{' '}
              <button type="button" onClick={() => move({})}>
                Back to the block
              </button>
            </p>
          )}
          {refused !== null && (
            <p class="invalid" role="alert">
              {refused}
            </p>
          )}
          <details class="zz-embed-legend">
            <summary>Legend</summary>
            {/* The embed's plot has no loss chart beside it. */}
            <PlotLegend run={run} lossChart={false} />
          </details>
        </>
      )}
      {reading.ok && !result && (
        <p class="zz-embed-computing" role="status" data-testid="computing">
          Computing the run… {Math.floor((computed.computing ?? 0) * 100)}%
        </p>
      )}
      {failure && !failure.overBudget && (
        <p class="invalid" role="alert" data-testid="invalid">
          This Zig-Zag block cannot be plotted: {failure.message}
        </p>
      )}
      {failure?.overBudget && (
        <p class="zz-embed-budget" role="status" data-testid="over-budget">
          This Zig-Zag block is not computed here: {failure.message}.{' '}
          {onOpenInPlayground && (
            <button type="button" class="zz-embed-open" onClick={onOpenInPlayground}>
              Open in Playground
            </button>
          )}
        </p>
      )}
      {onOpenInPlayground && openButton && !failure?.overBudget && (
        <div class="zz-embed-links">
          <button type="button" class="zz-embed-open" onClick={onOpenInPlayground}>
            Open in Playground
          </button>
        </div>
      )}
    </section>
  );
}
