// The main plot of one run: the (w1, w2) plane with loss contours, the cone, the trajectory, the step's
// gradient arrows and the markers, at an animation cursor. uPlot provides the axes, scales and canvas
// (planeOptions) with the contour lines; what moves with the run is drawn on a layer above it
// (movingLayer), both from a mutable frame (planeFrame); the scales keep one unit of w1 and of w2 the
// same pixels (planeLayout). Needs nothing from the playground around it: without `input` it is a
// picture of the run.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { Vec2 } from '../../src/engine/types';
import { formatPoint } from '../../src/shared/format';
import type { RunView } from '../../src/shared/protocol';
import { type Palette, applyGridWidth } from '../theme';
import { TARGET_RADIUS } from './drawMarkers';
import { type PlaneFrame, currentPoint } from './planeFrame';
import { type DragKind, type PlaneInput, attachPlaneInteraction, nudgedPoint } from './planeInteraction';
import { type MovingLayer, movingLayer } from './movingLayer';
import { type PlaneRanges, applyRanges, gridAspectOf, maxPlotHeight, planeRanges, plotSize } from './planeLayout';
import { hasRanges, setRanges } from './plotBase';
import { drawMovingParts, planeOptions } from './planeOptions';
import { type ContourPass, useContours } from './useContours';
import { useElementWidth, useViewportHeight } from './useElementSize';

export interface WeightPlaneProps {
  readonly run: RunView | null;
  readonly cursor: number;
  readonly palette: Palette;
  readonly levels: number;
  readonly compact: boolean;
  readonly label: string;
  /**
   * Pointer and keyboard input (press or drag the start, drag the target, arrow keys, T for the target);
   * without it, a picture.
   */
  readonly input?: PlaneInput;
  /** Called after every complete repaint with the run's identity and its contours' pass (benchmark and tests). */
  readonly onPainted?: (run: RunView, contours: ContourPass) => void;
  /** Repaints when it changes although the run is the same object (the host confirming a preview). */
  readonly paintKey?: string;
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
  const movingRef = useRef<MovingLayer | null>(null);
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
  const { levels: contours, pass: contourPass } = useContours(run, levels);
  const frameRef = useRef<PlaneFrame>({ run, cursor, palette, contours, dragMarker: null, onPainted: null });
  const interaction = useRef<{ dragging(): boolean } | null>(null);
  Object.assign(frameRef.current, { run, cursor, palette, contours });
  const passRef = useRef(contourPass);
  passRef.current = contourPass;
  frameRef.current.onPainted = () => {
    const r = frameRef.current.run;
    if (r) propsRef.current.onPainted?.(r, passRef.current);
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
    const moving = movingLayer((plot, ctx) => drawMovingParts(plot, ctx, frameRef.current));
    movingRef.current = moving;
    const options = planeOptions(
      () => frameRef.current,
      () => rangesRef.current,
      size.width,
      size.height,
      moving.plugin,
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
    // The playground hears of the move first (its new state renders in a microtask before the queued
    // redraw, and redraws the layer itself), so one redraw shows the marker and the previewed run together.
    const redrawAt = (kind: DragKind, point: Vec2): void => {
      frameRef.current.dragMarker = { kind, point };
      moving.request(u);
    };
    const attached = attachPlaneInteraction(u, {
      target: () => (propsRef.current.input ? (frameRef.current.run?.target ?? null) : null),
      canMoveStart: () => propsRef.current.input !== undefined && frameRef.current.run !== null,
      grabRadius: TARGET_RADIUS + 4,
      onDrag: (kind, point) => {
        propsRef.current.input?.drag(kind, point);
        redrawAt(kind, point);
      },
      onDrop: (kind, point) => {
        propsRef.current.input?.drop(kind, point);
        redrawAt(kind, point);
      },
      onCancel: () => {
        propsRef.current.input?.cancelDrag();
        frameRef.current.dragMarker = null;
        moving.request(u);
      },
    });
    interaction.current = attached;
    return () => {
      attached.detach();
      interaction.current = null;
      u.destroy();
      plotRef.current = null;
      movingRef.current = null;
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

  // A new run refits the scales, except while a drag is under way (the view stays still under the
  // pointer; it refits to the run released); a new cursor or palette only repaints.
  const fittedRun = useRef<RunView | null>(null);
  const shownKey = useRef(props.paintKey);
  // What the canvases show (the frame's inputs at the last redraw from here).
  const drawn = useRef<Pick<PlaneFrame, 'run' | 'cursor' | 'palette' | 'contours'> | null>(null);
  useLayoutEffect(() => {
    const u = plotRef.current;
    const moving = movingRef.current;
    if (!u || !moving) return;
    const dragging = interaction.current?.dragging() ?? false;
    const newRun = run !== fittedRun.current;
    // A released marker stays where it was dropped until the run from there (or the host's answer) is shown.
    const clearsMarker = !dragging && (newRun || props.paintKey !== shownKey.current) && frameRef.current.dragMarker !== null;
    if (clearsMarker) frameRef.current.dragMarker = null;
    shownKey.current = props.paintKey;
    let refit = false;
    if (newRun && !dragging) {
      fittedRun.current = run;
      pendingStart.current = null;
      pendingTarget.current = null;
      if (run) {
        rangesRef.current = planeRanges(u, run);
        refit = !hasRanges(u, rangesRef.current);
      }
    }
    const last = drawn.current;
    if (
      !clearsMarker &&
      !refit &&
      last &&
      last.run === run &&
      last.cursor === cursor &&
      last.palette === palette &&
      last.contours === contours
    ) {
      // Only what the picture stands for changed (the host confirming the preview on screen): the pixels
      // are already right, so say so without drawing them again.
      frameRef.current.onPainted?.();
      return;
    }
    drawn.current = { run, cursor, palette, contours };
    if (!refit && last && last.palette === palette && last.contours === contours) {
      // The same view, surface and theme: uPlot's canvas is right as it is.
      moving.draw(u);
      return;
    }
    applyGridWidth(u.axes, palette);
    // Both canvases, once, now.
    u.batch(() => {
      if (refit) setRanges(u, rangesRef.current);
    });
  }, [run, cursor, palette, contours, props.paintKey]);

  const canMoveTarget = props.input !== undefined && run?.target != null;
  const moving: KeyTarget = keyTarget === 'target' && canMoveTarget ? 'target' : 'start';

  const onKeyDown = (e: KeyboardEvent): void => {
    const u = plotRef.current;
    const r = frameRef.current.run;
    const input = propsRef.current.input;
    // (Escape during a drag has already cancelled the drag: planeInteraction.)
    if (!u || !r || !input || e.defaultPrevented) return;
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
      const from = pendingTarget.current ?? r.target;
      const next = from ? nudgedPoint(u, e, from, span) : null;
      if (!next) return;
      e.preventDefault();
      pendingTarget.current = next;
      frameRef.current.dragMarker = { kind: 'target', point: next };
      movingRef.current?.request(u);
      input.setTarget(next);
      return;
    }
    const next = nudgedPoint(u, e, pendingStart.current ?? [r.trajectory[0], r.trajectory[1]], span);
    if (!next) return;
    e.preventDefault();
    pendingStart.current = next;
    input.setStart(next);
  };

  const interactive = props.input !== undefined;
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
        aria-label={interactive ? `${label}. Click or drag to set the starting point, drag the target to move it.` : label}
        aria-describedby={describedBy}
        onKeyDown={interactive ? onKeyDown : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        data-current={current ? formatPoint(current) : ''}
        data-keys={interactive ? moving : undefined}
        // Tests wait for "full" before comparing pixels: the coarse lines are replaced in idle time.
        data-contours={contourPass}
      />
      {interactive && (
        <p class={`plane-keys${focused ? '' : ' sr-only'}`} aria-live="polite">
          {keysHint}
        </p>
      )}
    </>
  );
}
