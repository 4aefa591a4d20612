import * as assert from 'node:assert/strict';
import { resolveScenario } from '../../src/engine/index';
import { runToSvg, runToSvgPieces } from '../../src/host/exportSvg';
import { contourLevels, logLevels } from '../../src/shared/contours';
import { computeRunView } from '../../src/shared/runView';

describe('SVG export', () => {
  const run = computeRunView(resolveScenario({ steps: 50_000, optimizer: { lr: 0.01 } }));

  it('SVG: a piece per contour level and per 4,096 points of the path, every level of the contour lines drawn', async () => {
    const kinds: string[] = [];
    const pieces = runToSvgPieces(run, { contourLevels: 14 });
    for (let r = pieces.next(); !r.done; r = pieces.next()) kinds.push(r.value);
    assert.equal(kinds.filter((k) => k === 'level').length, 14);
    assert.equal(kinds.filter((k) => k === 'points').length, 12);
    const svg = runToSvg(run, { contourLevels: 14 });
    const rings = contourLevels(run.grid, logLevels(run.grid.values, 14)).reduce((sum, level) => sum + level.rings.length, 0);
    assert.equal(svg.match(/<polyline data-loss=/g)?.length, rings);
  });
});
