// The main plot of one run: the (w1, w2) plane with loss contours, the cone, the trajectory, the step's
// gradient arrows and the markers, at an animation cursor. A thin shell around the plot object
// (planePlot): it makes one in an effect, hands it every change of the props, and renders the element,
// its keyboard input and its hints. Needs nothing from the playground around it: without `input` it is a
// picture of the run.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatPoint } from '../../src/shared/format';
import type { RunView } from '../../src/shared/runModel';
import type { Palette } from '../theme';
import { currentPoint } from './planeFrame';
import { canMove, type PlaneInput } from './planeInteraction';
import { gridAspectOf, maxPlotHeight } from './planeLayout';
import { PlanePlot } from './planePlot';
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
  const planeRef = useRef<PlanePlot | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [keyChoice, setKeyChoice] = useState<KeyTarget>('start');
  const [focused, setFocused] = useState(false);
  const viewportHeight = useViewportHeight();
  const maxHeight = fitViewport && !compact ? maxPlotHeight(viewportHeight) : Infinity;
  const { levels: contours, pass: contourPass } = useContours(run, levels);
  const passRef = useRef(contourPass);
  passRef.current = contourPass;
  // The props as last rendered, for the effect that makes the plot.
  const latest = useRef({ run, cursor, palette, contours, maxHeight });
  latest.current = { run, cursor, palette, contours, maxHeight };
  const width = useElementWidth(containerRef);

  // The plot itself, made again only when the pane switches between full and compact size, in a task of
  // its own: Preact runs the effects of every pane rendered since the last frame in one task, and a page of
  // several plots (a notebook's outputs) made them all there, over the 50 ms a task may take.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    let plane: PlanePlot | null = null;
    const timer = setTimeout(() => {
      plane = new PlanePlot(el, {
        ...latest.current,
        compact,
        paintKey: propsRef.current.paintKey,
        input: propsRef.current.input,
        onPainted: (r) => propsRef.current.onPainted?.(r, passRef.current),
      });
      planeRef.current = plane;
    }, 0);
    return () => {
      clearTimeout(timer);
      plane?.destroy();
      planeRef.current = null;
    };
  }, [compact]);

  // Keep the plot area's aspect honest at every width and viewport height.
  const aspect = gridAspectOf(run);
  useEffect(() => {
    planeRef.current?.resize(width, maxHeight);
  }, [width, compact, aspect, maxHeight]);

  useLayoutEffect(() => {
    planeRef.current?.setInput(props.input);
  }, [props.input]);

  useLayoutEffect(() => {
    planeRef.current?.batch((plane) => {
      plane.setRun(run, props.paintKey);
      plane.setCursor(cursor);
      plane.setPalette(palette);
      plane.setContours(contours);
    });
  }, [run, cursor, palette, contours, props.paintKey]);

  const canMoveStart = canMove(props.input, 'start');
  const canMoveTarget = canMove(props.input, 'target') && run?.target != null;
  const keyTarget: KeyTarget = canMoveTarget && (keyChoice === 'target' || !canMoveStart) ? 'target' : 'start';

  const onKeyDown = (e: KeyboardEvent): void => {
    const plane = planeRef.current;
    // Escape during a drag has already cancelled the drag (planeInteraction).
    if (!plane || !run || !props.input || e.defaultPrevented) return;
    if ((e.key === 't' || e.key === 'T') && !e.ctrlKey && !e.metaKey && !e.altKey && canMoveTarget && canMoveStart) {
      e.preventDefault();
      setKeyChoice(keyTarget === 'target' ? 'start' : 'target');
      return;
    }
    if (e.key === 'Escape' && keyTarget === 'target') {
      setKeyChoice('start');
      return;
    }
    if (plane.nudge(keyTarget, e)) e.preventDefault();
  };

  const interactive = canMoveStart || canMoveTarget;
  const current = run ? currentPoint(run, cursor) : null;
  const keysHint =
    keyTarget === 'target'
      ? `Arrow keys move the target w* (Shift: further).${canMoveStart ? ' T or Escape: back to moving the start.' : ''}`
      : `Arrow keys move the start (Shift: further).${canMoveTarget ? ' T: move the target w* instead.' : ''}`;
  // An exercise may fix the start or the target: said on hover and in the plot's label.
  const fixed = props.input?.fixed;
  const fixedReasons = [...new Set([fixed?.start, fixed?.target].filter((r): r is string => typeof r === 'string'))];
  const moves = [canMoveStart && 'Click or drag to set the starting point', canMoveTarget && 'drag the target to move it'].filter(Boolean);
  const sentences = [moves.length > 0 ? `${moves.join(', ')}.` : '', ...fixedReasons].filter(Boolean);
  const ariaLabel = sentences.length > 0 ? `${label}. ${sentences.join(' ')}` : label;
  return (
    <>
      <div
        class={`weight-plane${compact ? ' is-compact' : ''}`}
        ref={containerRef}
        tabIndex={interactive ? 0 : undefined}
        role={interactive ? 'application' : 'img'}
        aria-roledescription="weight plane"
        aria-label={ariaLabel}
        title={fixedReasons.length > 0 ? fixedReasons.join('\n') : undefined}
        aria-describedby={describedBy}
        onKeyDown={interactive ? onKeyDown : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        data-current={current ? formatPoint(current) : ''}
        data-keys={interactive ? keyTarget : undefined}
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
