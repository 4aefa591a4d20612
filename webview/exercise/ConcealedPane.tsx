// The run of a predict-then-run exercise before the predictions are in: the weight plane shows the
// landscape, the start and the target (what the questions are about) but not the path; the loss chart,
// the metrics, the chain-rule strip and the description of the path are not shown at all.
import { useMemo } from 'preact/hooks';
import type { RunView } from '../../src/shared/runModel';
import type { ContourPass } from '../plot/useContours';
import type { PlaneInput } from '../plot/planeInteraction';
import { WeightPlane } from '../plot/WeightPlane';
import type { Palette } from '../theme';

/** The run cut to its start: no path, no step records (the loss grid and the target stay). */
function concealRun(run: RunView): RunView {
  return { ...run, trajectory: run.trajectory.slice(0, 2), loss: run.loss.slice(0, 1), records: null };
}

export function ConcealedPane(p: {
  readonly run: RunView;
  readonly palette: Palette;
  readonly levels: number;
  readonly input?: PlaneInput;
  readonly paintKey?: string;
  readonly onPainted: (run: RunView, contours: ContourPass) => void;
}) {
  const shown = useMemo(() => concealRun(p.run), [p.run]);
  return (
    <section class="run-pane is-concealed" data-testid="concealed-run">
      <div class="slot slot-plane">
        <WeightPlane
          run={shown}
          cursor={0}
          palette={p.palette}
          levels={p.levels}
          compact={false}
          label="Weight plane: loss contours, the start and the target; the path is hidden until you have made your predictions"
          fitViewport
          input={p.input}
          paintKey={p.paintKey}
          onPainted={p.onPainted}
        />
      </div>
      <p class="exercise-concealed" role="status">
        The run&apos;s path, its loss chart and its metrics are hidden until every prediction is entered.
      </p>
    </section>
  );
}
