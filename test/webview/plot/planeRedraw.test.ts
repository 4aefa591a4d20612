// webview/plot/planeRedraw.ts in Node: which of the weight plane's canvases a change repaints. The
// pictures' parts are compared by identity, so stand-in objects serve as runs, palettes and contours.
import * as assert from 'node:assert/strict';
import type { ContourLevel } from '../../../src/shared/contours';
import type { RunView } from '../../../src/shared/runModel';
import { type PlaneChange, type PlanePicture, type PlaneRedrawState, planeRedraw } from '../../../webview/plot/planeRedraw';
import type { Palette } from '../../../webview/theme';

const run = (name: string): RunView => ({ name }) as unknown as RunView;
const dark = { name: 'dark' } as unknown as Palette;
const light = { name: 'light' } as unknown as Palette;
const lines: readonly ContourLevel[] = [];
const otherLines: readonly ContourLevel[] = [];

const a = run('a');
const b = run('b');
const shownA: PlanePicture = { run: a, cursor: 5, palette: dark, contours: lines };

/** The plane after drawing run a at step 5, fitted to it, key k1, no drag and no draft marker. */
const settled: PlaneRedrawState = { drawn: shownA, fittedRun: a, paintKey: 'k1', dragging: false, hasDraftMarker: false };

function change(picture: Partial<PlanePicture>, more: Partial<Omit<PlaneChange, 'picture'>> = {}): PlaneChange {
  return { picture: { ...shownA, ...picture }, paintKey: 'k1', fitChangesScales: false, ...more };
}

describe('weight plane: what a change repaints', () => {
  it('the first picture draws both canvases', () => {
    const d = planeRedraw({ ...settled, drawn: null, fittedRun: null }, change({}));
    assert.equal(d.layers, 'all');
    assert.ok(d.fit);
  });

  it('nothing when only what the picture stands for changed (the host confirming the preview shown)', () => {
    assert.deepEqual(planeRedraw(settled, change({}, { paintKey: 'k2' })), {
      fit: false,
      rescale: false,
      clearDraftMarker: false,
      layers: 'none',
    });
  });

  it('the moving layer alone for an animation step', () => {
    assert.equal(planeRedraw(settled, change({ cursor: 6 })).layers, 'moving');
  });

  it('a new run in the same scales: the moving layer alone, and it becomes the fitted run', () => {
    const d = planeRedraw(settled, change({ run: b }, { paintKey: 'k2' }));
    assert.deepEqual(d, { fit: true, rescale: false, clearDraftMarker: false, layers: 'moving' });
  });

  it('a new run in other scales: rescaled, both canvases', () => {
    const d = planeRedraw(settled, change({ run: b }, { fitChangesScales: true }));
    assert.deepEqual(d, { fit: true, rescale: true, clearDraftMarker: false, layers: 'all' });
  });

  it('no run: nothing to fit the scales to', () => {
    const d = planeRedraw(settled, change({ run: null }, { fitChangesScales: true }));
    assert.deepEqual(d, { fit: true, rescale: false, clearDraftMarker: false, layers: 'moving' });
  });

  it('a new theme: both canvases; new contour lines alone: uPlot’s canvas alone', () => {
    assert.equal(planeRedraw(settled, change({ palette: light })).layers, 'all');
    assert.equal(planeRedraw(settled, change({ contours: otherLines })).layers, 'base');
    // With anything else that the moving layer draws: both.
    assert.equal(planeRedraw(settled, change({ contours: otherLines, cursor: 6 })).layers, 'all');
    assert.equal(planeRedraw(settled, change({ contours: otherLines, run: b })).layers, 'all');
    assert.equal(planeRedraw({ ...settled, hasDraftMarker: true }, change({ contours: otherLines }, { paintKey: 'k2' })).layers, 'all');
  });

  it('during a drag, a move’s own contour lines after its frame: uPlot’s canvas alone', () => {
    const dragging: PlaneRedrawState = { ...settled, dragging: true, hasDraftMarker: true, drawn: { ...shownA, run: b } };
    assert.equal(planeRedraw(dragging, change({ run: b, contours: otherLines })).layers, 'base');
  });

  it('while a drag is under way the view stays still: a draft run is drawn on the moving layer, not fitted', () => {
    const dragging = { ...settled, dragging: true, hasDraftMarker: true };
    const d = planeRedraw(dragging, change({ run: b }, { fitChangesScales: true, paintKey: 'k2' }));
    assert.deepEqual(d, { fit: false, rescale: false, clearDraftMarker: false, layers: 'moving' });
  });

  it('a dropped marker stays until a new run or a new key, then goes with a repaint even of the same pixels', () => {
    const dropped = { ...settled, hasDraftMarker: true };
    assert.deepEqual(planeRedraw(dropped, change({ cursor: 6 })), {
      fit: false,
      rescale: false,
      clearDraftMarker: false,
      layers: 'moving',
    });
    assert.deepEqual(planeRedraw(dropped, change({}, { paintKey: 'k2' })), {
      fit: false,
      rescale: false,
      clearDraftMarker: true,
      layers: 'moving',
    });
    assert.deepEqual(planeRedraw(dropped, change({ run: b })), {
      fit: true,
      rescale: false,
      clearDraftMarker: true,
      layers: 'moving',
    });
  });

  it('the run drawn during a drag is refitted once the drag is over', () => {
    const afterDrag: PlaneRedrawState = { ...settled, drawn: { ...shownA, run: b }, fittedRun: a };
    const d = planeRedraw(afterDrag, change({ run: b }, { fitChangesScales: true }));
    assert.deepEqual(d, { fit: true, rescale: true, clearDraftMarker: false, layers: 'all' });
  });
});
