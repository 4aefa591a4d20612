// One run: the weight plane with its legend and divergence message, the loss chart, and metrics.
// The editor panel shows one; compare mode shows two side by side.
import { useMemo } from 'preact/hooks';
import type { Vec2 } from '../src/engine/types';
import type { RunView } from '../src/shared/protocol';
import { ChainRuleStrip } from './ChainRuleStrip';
import { DivergenceBanner } from './DivergenceBanner';
import { MetricsPanel } from './MetricsPanel';
import { PlotLegend } from './PlotLegend';
import { LossChart } from './plot/LossChart';
import { WeightPlane } from './plot/WeightPlane';
import type { Palette } from './theme';

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
  readonly onSetStart: (p: Vec2) => void;
  readonly onSetTarget: (p: Vec2) => void;
  readonly onPainted: (run: RunView) => void;
}

export function RunPane(p: RunPaneProps) {
  const last = Math.max(0, Math.floor(p.run.trajectory.length / 2) - 1);
  const cursor = Math.min(p.cursor, last);
  // The same vnodes while only the cursor moves (every animation frame): Preact skips these subtrees.
  const legend = useMemo(() => p.showLegend && <PlotLegend run={p.run} />, [p.run, p.showLegend]);
  const metrics = useMemo(() => <MetricsPanel metrics={p.run.metrics} compact={p.compact} />, [p.run.metrics, p.compact]);
  return (
    <section class={`run-pane${p.compact ? ' is-compact' : ''}`} aria-label={p.title ?? 'Run'}>
      {p.title && <h2 class="run-title">{p.title}</h2>}
      <WeightPlane
        run={p.run}
        cursor={cursor}
        palette={p.palette}
        levels={p.levels}
        compact={p.compact}
        label={`Loss contours and gradient-descent path in the (w1, w2) plane${p.title ? `, ${p.title}` : ''}`}
        onSetStart={p.onSetStart}
        onSetTarget={p.onSetTarget}
        onPainted={p.onPainted}
      />
      <DivergenceBanner run={p.run} cursor={cursor} />
      {legend}
      {!p.compact && <LossChart run={p.run} cursor={cursor} palette={p.palette} compact={p.compact} onSeek={p.onSeek} />}
      {metrics}
      {p.showChainRule && <ChainRuleStrip run={p.run} cursor={cursor} />}
    </section>
  );
}
