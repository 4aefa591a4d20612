// One run, in the order that tells its story: the weight plane, then why it moves as it does (the
// chain-rule strip), then what that adds up to (the metrics of the run up to the current step), then the
// legend and the loss chart. The editor panel shows one; compare mode shows two side by side, their rows
// level (each part is a row of the pair's grid, an empty slot where one run has nothing to show).
import { useMemo } from 'preact/hooks';
import { MetricsTimeline } from '../src/engine/metrics';
import { metricScope } from '../src/shared/metricCatalog';
import type { RunView } from '../src/shared/runModel';
import { ChainRuleStrip } from './ChainRuleStrip';
import { DivergenceBanner } from './DivergenceBanner';
import { LedgerPanel } from './LedgerPanel';
import { MetricsPanel } from './MetricsPanel';
import { axisNames, planeNote } from './planeNote';
import { PlotDescription } from './PlotDescription';
import { PlotLegend } from './PlotLegend';
import { LossChart } from './plot/LossChart';
import type { ContourPass } from './plot/useContours';
import type { PlaneInput } from './plot/planeInteraction';
import { WeightPlane } from './plot/WeightPlane';
import type { Palette } from './theme';
import { useUniqueId } from './uniqueId';

export interface RunPaneProps {
  readonly run: RunView;
  readonly cursor: number;
  readonly palette: Palette;
  readonly levels: number;
  readonly compact: boolean;
  readonly title?: string;
  readonly showChainRule: boolean;
  readonly showLegend: boolean;
  readonly onSeek: (step: number) => void;
  /** Pointer and keyboard input on the plane (start, target); without it the plane is a picture. */
  readonly input?: PlaneInput;
  /** See WeightPlane's paintKey. */
  readonly paintKey?: string;
  readonly onPainted: (run: RunView, contours: ContourPass) => void;
  /** The animation is running: live regions stay quiet. */
  readonly playing?: boolean;
}

export function RunPane(p: RunPaneProps) {
  const last = Math.max(0, Math.floor(p.run.trajectory.length / 2) - 1);
  const cursor = Math.min(p.cursor, last);
  const playing = p.playing ?? false;
  const id = useUniqueId('run');
  // One O(K) pass per run; each frame's metrics are then an O(1) query.
  const timeline = useMemo(() => MetricsTimeline.ofRun(p.run), [p.run]);
  const metrics = timeline.at(Math.min(cursor, timeline.steps));
  const scope = metricScope(cursor, timeline.steps);
  const note = planeNote(p.run);
  const names = axisNames(p.run);
  // The same vnode while only the cursor moves (every animation frame): Preact skips the subtree.
  const legend = useMemo(() => p.showLegend && <PlotLegend run={p.run} compact={p.compact} />, [p.run, p.showLegend, p.compact]);
  return (
    <section class={`run-pane${p.compact ? ' is-compact' : ''}`} aria-labelledby={p.title ? `${id}-title` : undefined}>
      <div class="slot slot-title">
        {p.title && (
          <h2 class="run-title" id={`${id}-title`}>
            {p.title}
          </h2>
        )}
      </div>
      <div class="slot slot-plane">
        <WeightPlane
          run={p.run}
          cursor={cursor}
          palette={p.palette}
          levels={p.levels}
          compact={p.compact}
          label={`Weight plane${p.title ? `, ${p.title}` : ''}: loss contours and the gradient-descent path in (${names.join(', ')})`}
          describedBy={`${id}-description`}
          fitViewport={!p.compact}
          input={p.input}
          paintKey={p.paintKey}
          onPainted={p.onPainted}
        />
        {note && (
          <p class="plane-note" data-testid="plane-note">
            {note}
          </p>
        )}
        <PlotDescription id={`${id}-description`} run={p.run} cursor={cursor} playing={playing} />
      </div>
      <div class="slot slot-divergence">
        <DivergenceBanner run={p.run} cursor={cursor} />
      </div>
      <div class="slot slot-chain">{p.showChainRule && <ChainRuleStrip run={p.run} cursor={cursor} playing={playing} />}</div>
      <div class="slot slot-metrics">
        <MetricsPanel metrics={metrics} compact={p.compact} scope={scope} />
        {!p.compact && <LedgerPanel run={p.run} level={p.title ? 3 : 2} />}
      </div>
      <div class="slot slot-legend">{legend}</div>
      <div class="slot slot-loss">
        {!p.compact && <LossChart run={p.run} cursor={cursor} palette={p.palette} compact={p.compact} onSeek={p.onSeek} />}
      </div>
    </section>
  );
}
