// Which of the weight plane's canvases a change repaints. uPlot's canvas (axes, grid, contour lines)
// changes only with the scales, the theme or the contour lines; everything else that moves is on the
// moving layer (planeOptions), and a change that alters no pixel repaints nothing. Pure: no DOM.
import type { RunView } from '../../src/shared/runModel';
import type { PlaneFrame } from './planeFrame';

/** What the plane's pictures are drawn from (the frame's inputs). */
export type PlanePicture = Pick<PlaneFrame, 'run' | 'cursor' | 'palette' | 'contours'>;

/** What the plane knows before a change. */
export interface PlaneRedrawState {
  /** What the canvases show: the pictures at the last redraw (null: none yet). */
  readonly drawn: PlanePicture | null;
  /** The run the scales were last fitted to. */
  readonly fittedRun: RunView | null;
  /** The paint key at the last change (see WeightPlaneProps.paintKey). */
  readonly paintKey: string | undefined;
  /** A drag is under way. */
  readonly dragging: boolean;
  /** A marker is drawn where a drag or a key put it, ahead of the run shown. */
  readonly hasDraftMarker: boolean;
}

/** What the change asks for. */
export interface PlaneChange {
  readonly picture: PlanePicture;
  readonly paintKey: string | undefined;
  /** Fitting the scales to `picture.run` would change them (false when it would not, or for no run). */
  readonly fitChangesScales: boolean;
}

/**
 * None (the pixels are right: only report the repaint), the moving layer alone, uPlot's canvas alone (new
 * contour lines under the same run, step and theme: the moving layer's pixels are right), or both.
 */
type PlaneLayers = 'none' | 'moving' | 'base' | 'all';

interface PlaneRedraw {
  /** The run becomes the fitted one (its scales computed, pending key nudges forgotten). */
  readonly fit: boolean;
  /** The scales change to the run's (and both canvases repaint). */
  readonly rescale: boolean;
  /** The draft marker goes: the run from where it was dropped, or the host's answer, is shown. */
  readonly clearDraftMarker: boolean;
  readonly layers: PlaneLayers;
}

export function planeRedraw(state: PlaneRedrawState, change: PlaneChange): PlaneRedraw {
  const next = change.picture;
  const newRun = next.run !== state.fittedRun;
  // While a drag is under way the view stays still under the pointer; the run released refits it.
  const fit = newRun && !state.dragging;
  const clearDraftMarker = state.hasDraftMarker && !state.dragging && (newRun || change.paintKey !== state.paintKey);
  const rescale = fit && next.run !== null && change.fitChangesScales;
  const last = state.drawn;
  const samePicture =
    last !== null &&
    last.run === next.run &&
    last.cursor === next.cursor &&
    last.palette === next.palette &&
    last.contours === next.contours;
  let layers: PlaneLayers = 'all';
  // Only what the picture stands for changed (the host confirming the preview on screen).
  if (samePicture && !clearDraftMarker && !rescale) layers = 'none';
  // The same scales, surface and theme: uPlot's canvas is right as it is.
  else if (!rescale && last !== null && last.palette === next.palette && last.contours === next.contours) layers = 'moving';
  // A surface's own lines coming in after the frame that showed its run (useContours): they alone.
  else if (
    !rescale &&
    !clearDraftMarker &&
    last !== null &&
    last.run === next.run &&
    last.cursor === next.cursor &&
    last.palette === next.palette
  )
    layers = 'base';
  return { fit, rescale, clearDraftMarker, layers };
}
