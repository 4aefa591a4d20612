// A RunView computed by the real engine, as the extension host sends it in {type:'run'}.
// (Until src/runView.ts exists this assembles it from the engine's exports the same way.)
import { createProblem, gridBounds, lossGrid, simulate } from '../../../src/engine/index';
import type { Scenario, Vec2 } from '../../../src/engine/types';
import type { RunView } from '../../../src/protocol';

export function engineRunView(scenario: Scenario, gridSize = 96): RunView {
  const run = simulate(scenario, { records: true });
  const points: Vec2[] = [scenario.start];
  if (run.target) points.push(run.target);
  const bounds = gridBounds(points, run.trajectory);
  const grid = lossGrid(createProblem(scenario), bounds, gridSize);
  return {
    scenario,
    trajectory: run.trajectory,
    loss: run.loss,
    target: run.target,
    metrics: run.metrics,
    records: run.records
      ? { gradient: run.records.gradient, dLdf: run.records.dLdf, x: run.records.x, perExample: run.records.perExample, batchSize: run.records.batchSize }
      : null,
    grid: { x0: grid.x0, x1: grid.x1, y0: grid.y0, y1: grid.y1, n: grid.n, values: grid.values },
    allPositive: run.allPositive,
  };
}
