// The main plot of one run: the (w1, w2) plane with loss contours, the cone, the trajectory, the step's
// gradient arrows and the markers, at an animation cursor. uPlot provides the axes, scales and canvas
// (planeOptions), the plugins draw from a mutable frame (planeFrame), the scales keep one unit of w1 and
// of w2 the same pixels (planeLayout). Needs nothing from the playground around it: without onSetStart
// and onSetTarget it is a picture of the run.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';
import { formatPoint } from '../../src/shared/format';
import type { RunView } from '../../src/shared/protocol';
import { type Palette, applyGridWidth } from '../theme';
import { TARGET_RADIUS } from './markersPlugin';
import { type PlaneFrame, currentPoint } from './planeFrame';
import { attachPlaneInteraction, nudgedPoint } from './planeInteraction';
import { type PlaneRanges, applyRanges, gridAspectOf, maxPlotHeight, planeRanges, plotSize } from './planeLayout';
import { planeOptions } from './planeOptions';
import { useContours } from './useContours';
import { useElementWidth, useViewportHeight } from './useElementSize';

export interface WeightPlaneProps {
  readonly run: RunView | null;
  readonly cursor: number;
  readonly palette: Palette;
  readonly levels: number;
  readonly compact: boolean;
  readonly label: string;
  /** A click or an arrow key sets the start here; without it the start cannot be moved. */
  readonly onSetStart?: (point: Vec2) => void;
  /** Dragging the target marker ends here; without it the target cannot be dragged. */
  readonly onSetTarget?: (point: Vec2) => void;
  /** Called after every complete repaint with the run's identity (benchmark and tests). */
  readonly onPainted?: (run: RunView) => void;
  /** The id of an element describing the plot's current state (a live text alternative). */
  readonly describedBy?: string;
  /** Keep the plot short enough for the viewport to show what follows it (the editor panel's story). */
  readonly fitViewport?: boolean;
}

/** What the arrow keys move: the start (default) or, after T, the target. */
type KeyTarget = 'start' | 'target';

export function WeightPlane(props: WeightPlaneProps) {
  const { run, cursor, palette, levels, compact, label, describedBy, fitViewport = false } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const rangesRef = useRef<PlaneRanges>({ x: [-1, 1], y: [-1, 1] });
  const propsRef = useRef(props);
  propsRef.current = props;
  const pendingStart = useRef<Vec2 | null>(null);
  const pendingTarget = useRef<Vec2 | null>(null);
  const [keyTarget, setKeyTarget] = useState<KeyTarget>('start');
  const [focused, setFocused] = useState(false);
  const viewportHeight = useViewportHeight();
  const maxHeight = fitViewport && !compact ? maxPlotHeight(viewportHeight) : Infinity;
  const maxHeightRef = useRef(maxHeight);
  maxHeightRef.current = maxHeight;
  const contours = useContours(run, levels);
  const frameRef = useRef<PlaneFrame>({ run, cursor, palette, contours, dragTarget: null, onPainted: null });
  Object.assign(frameRef.current, { run, cursor, palette, contours });
  frameRef.current.onPainted = () => {
    const r = frameRef.current.run;
    if (r) propsRef.current.onPainted?.(r);
  };
  const width = useElementWidth(containerRef);

  const fit = (u: uPlot): void => {
    const r = frameRef.current.run;
    if (!r) return;
    rangesRef.current = planeRanges(u, r);
    applyRanges(u, rangesRef.current);
  };

  // The plot itself, made again only when the pane switches between full and compact size.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const size = plotSize(el.clientWidth, compact, gridAspectOf(frameRef.current.run), maxHeightRef.current);
    const options = planeOptions(
      () => frameRef.current,
      () => rangesRef.current,
      size.width,
      size.height,
    );
    const u = new uPlot(
      options,
      [
        [0, 1],
        [null, null],
      ],
      el,
    );
    plotRef.current = u;
    fit(u);
    const redrawAt = (point: Vec2): void => {
      frameRef.current.dragTarget = point;
      u.redraw(false, false);
    };
    const detach = attachPlaneInteraction(u, {
      target: () => (propsRef.current.onSetTarget ? (frameRef.current.run?.target ?? null) : null),
      grabRadius: TARGET_RADIUS + 4,
      onClick: (point) => propsRef.current.onSetStart?.(point),
      onDrag: redrawAt,
      onDrop: (point) => {
        redrawAt(point);
        propsRef.current.onSetTarget?.(point);
      },
    });
    return () => {
      detach();
      u.destroy();
      plotRef.current = null;
    };
  }, [compact]);

  // Resize: keep the plot area's aspect honest at every width and viewport height.
  const aspect = gridAspectOf(run);
  useEffect(() => {
    const u = plotRef.current;
    if (!u || width <= 0) return;
    const size = plotSize(width, compact, aspect, maxHeight);
    if (u.width === size.width && u.height === size.height) return;
    // Committed at once (uPlot otherwise settles its axes' sizes in a microtask), so the scales are fitted
    // to the plot area's final box and one unit of w1 and of w2 keep the same pixels.
    u.batch(() => u.setSize(size));
    fit(u);
  }, [width, compact, aspect, maxHeight]);

  // A new run refits the scales; a new cursor or palette only repaints.
  const fittedRun = useRef<RunView | null>(null);
  useLayoutEffect(() => {
    const u = plotRef.current;
    if (!u) return;
    if (run !== fittedRun.current) {
      fittedRun.current = run;
      frameRef.current.dragTarget = null;
      pendingStart.current = null;
      pendingTarget.current = null;
      fit(u);
    }
    applyGridWidth(u.axes, palette);
    u.redraw(false, false);
  }, [run, cursor, palette, contours]);

  const canMoveTarget = props.onSetTarget !== undefined && run?.target != null;
  const moving: KeyTarget = keyTarget === 'target' && canMoveTarget ? 'target' : 'start';

  const onKeyDown = (e: KeyboardEvent): void => {
    const u = plotRef.current;
    const r = frameRef.current.run;
    if (!u || !r) return;
    if ((e.key === 't' || e.key === 'T') && !e.ctrlKey && !e.metaKey && !e.altKey && canMoveTarget) {
      e.preventDefault();
      setKeyTarget(moving === 'target' ? 'start' : 'target');
      return;
    }
    if (e.key === 'Escape' && moving === 'target') {
      setKeyTarget('start');
      return;
    }
    const { x, y } = rangesRef.current;
    const span = Math.min(x[1] - x[0], y[1] - y[0]);
    if (moving === 'target') {
      const setTarget = propsRef.current.onSetTarget;
      const from = pendingTarget.current ?? r.target;
      const next = setTarget && from ? nudgedPoint(u, e, from, span) : null;
      if (!next || !setTarget) return;
      e.preventDefault();
      pendingTarget.current = next;
      frameRef.current.dragTarget = next;
      u.redraw(false, false);
      setTarget(next);
      return;
    }
    const setStart = propsRef.current.onSetStart;
    if (!setStart) return;
    const next = nudgedPoint(u, e, pendingStart.current ?? [r.trajectory[0], r.trajectory[1]], span);
    if (!next) return;
    e.preventDefault();
    pendingStart.current = next;
    setStart(next);
  };

  const interactive = props.onSetStart !== undefined || props.onSetTarget !== undefined;
  const current = run ? currentPoint(run, cursor) : null;
  const keysHint =
    moving === 'target'
      ? 'Arrow keys move the target w* (Shift: further). T or Escape: back to moving the start.'
      : `Arrow keys move the start (Shift: further).${canMoveTarget ? ' T: move the target w* instead.' : ''}`;
  return (
    <>
      <div
        class={`weight-plane${compact ? ' is-compact' : ''}`}
        ref={containerRef}
        tabIndex={interactive ? 0 : undefined}
        role={interactive ? 'application' : 'img'}
        aria-roledescription="weight plane"
        aria-label={interactive ? `${label}. Click to set the starting point, drag the target to move it.` : label}
        aria-describedby={describedBy}
        onKeyDown={interactive ? onKeyDown : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        data-current={current ? formatPoint(current) : ''}
        data-keys={interactive ? moving : undefined}
      />
      {interactive && (
        <p class={`plane-keys${focused ? '' : ' sr-only'}`} aria-live="polite">
          {keysHint}
        </p>
      )}
    </>
  );
}
