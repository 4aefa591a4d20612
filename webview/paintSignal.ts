// Tells tests, the repaint benchmark and exportPng what is on screen: after each complete repaint of a
// weight plane, #root's data-painted-revision and data-paint-count, and a `zigzag:painted` event.
import { useCallback, useRef } from 'preact/hooks';
import type { RunView } from '../src/shared/protocol';

export const PAINTED_EVENT = 'zigzag:painted';

/** A weight plane's onPainted for the run of `revision`. */
export function usePaintSignal(revision: number): (run: RunView) => void {
  const revisionRef = useRef(revision);
  revisionRef.current = revision;
  return useCallback((run: RunView): void => {
    const root = document.getElementById('root');
    if (root) {
      root.dataset.paintedRevision = String(revisionRef.current);
      root.dataset.paintCount = String(Number(root.dataset.paintCount ?? 0) + 1);
    }
    document.dispatchEvent(
      new CustomEvent(PAINTED_EVENT, { detail: { revision: revisionRef.current, steps: run.trajectory.length / 2 - 1 } }),
    );
  }, []);
}
