// Tells tests, the repaint benchmark and exportPng what is on screen: after each complete repaint of a
// weight plane, #root's data-painted-revision (the host revision shown, or the one a preview builds on),
// data-painted-seq (the latest change of this webview the picture reflects), data-painted-source
// ('host', 'preview' or 'draft'), data-painted-start and data-painted-end (the path's first and last
// point, every digit: a test in the real workbench compares two views' runs by them),
// data-painted-contours (the contour pass drawn: 'full', 'coarse' or, for one frame, 'stale'),
// data-preview-mismatches and data-paint-count, and a `zigzag:painted` event with the same and the run drawn.
import { useCallback, useRef } from 'preact/hooks';
import type { RunView } from '../src/shared/runModel';
import type { ShownSource } from './liveView';
import type { ContourPass } from './plot/useContours';

export const PAINTED_EVENT = 'zigzag:painted';

/** What a repaint showed. */
export interface PaintDetail {
  readonly revision: number;
  readonly seq: number;
  readonly source: ShownSource;
  /** Previews the host contradicted for the same scenario (LiveState.mismatches; tests expect 0). */
  readonly mismatches: number;
}

/** The detail of the `zigzag:painted` event. */
export interface PaintedEventDetail extends PaintDetail {
  readonly steps: number;
  /** Which contour lines the repaint drew ('stale': the previous surface's, for the one frame before its own). */
  readonly contours: ContourPass;
  readonly run: RunView;
}

/** A weight plane's onPainted for what is shown now. */
export function usePaintSignal(detail: PaintDetail): (run: RunView, contours: ContourPass) => void {
  const detailRef = useRef(detail);
  detailRef.current = detail;
  return useCallback((run: RunView, contours: ContourPass): void => {
    const d = detailRef.current;
    const root = document.getElementById('root');
    if (root) {
      root.dataset.paintedRevision = String(d.revision);
      root.dataset.paintedSeq = String(d.seq);
      root.dataset.paintedSource = d.source;
      const t = run.trajectory;
      root.dataset.paintedStart = `${t[0]},${t[1]}`;
      root.dataset.paintedEnd = `${t[t.length - 2]},${t[t.length - 1]}`;
      root.dataset.previewMismatches = String(d.mismatches);
      root.dataset.paintedContours = contours;
      root.dataset.paintCount = String(Number(root.dataset.paintCount ?? 0) + 1);
    }
    const event: PaintedEventDetail = { ...d, steps: run.trajectory.length / 2 - 1, contours, run };
    document.dispatchEvent(new CustomEvent(PAINTED_EVENT, { detail: event }));
  }, []);
}
