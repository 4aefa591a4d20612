// A plot in two canvases. uPlot's keeps what changes only with the view or the theme (axes, grid, the
// weight plane's contour lines); a canvas of its own stacked just above it, the moving layer, keeps what
// moves with the run and the animation (the plane's cone, path, arrows and markers; the loss chart's line
// and cursor). A new run in the same view, an animation step or a dragged marker redraws the moving
// layer alone: the axes' text and thousands of contour segments stay as they are. A full uPlot redraw
// draws both (its draw hook), or uPlot's alone inside keepDuring (new contour lines under the same path).
import type uPlot from 'uplot';

/** The moving layer's class (components.css stacks it over uPlot's canvas). */
const MOVING_LAYER_CLASS = 'moving-layer';

export interface MovingLayer {
  /** Creates the canvas with the plot and redraws it whenever uPlot redraws. */
  readonly plugin: uPlot.Plugin;
  /** Redraws the moving layer alone, now. */
  draw(u: uPlot): void;
  /** The same in a microtask, once however often asked, unless a redraw comes first (a drag's marker). */
  request(u: uPlot): void;
  /** Runs `redraw` (a uPlot redraw) leaving the moving layer as it is, unless its size must change. */
  keepDuring(redraw: () => void): void;
}

/** A moving layer drawn by `paint` (on a cleared canvas the size of uPlot's, in its device pixels). */
export function movingLayer(paint: (u: uPlot, ctx: CanvasRenderingContext2D) => void): MovingLayer {
  let ctx: CanvasRenderingContext2D | null = null;
  let due = false;
  let queued = false;
  let kept = false;
  const draw = (u: uPlot): void => {
    due = false;
    if (!ctx) return;
    const { canvas } = ctx;
    const under = u.ctx.canvas;
    // The same device pixels as uPlot's canvas (a new size clears the layer).
    if (canvas.width !== under.width || canvas.height !== under.height) {
      canvas.width = under.width;
      canvas.height = under.height;
    } else {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    }
    paint(u, ctx);
  };
  return {
    plugin: {
      hooks: {
        init: (u) => {
          const canvas = document.createElement('canvas');
          canvas.className = MOVING_LAYER_CLASS;
          // Between uPlot's canvas and its input layer (.u-over), which keeps receiving the pointer.
          u.ctx.canvas.after(canvas);
          ctx = canvas.getContext('2d');
        },
        draw: (u) => {
          const same = ctx !== null && ctx.canvas.width === u.ctx.canvas.width && ctx.canvas.height === u.ctx.canvas.height;
          if (!(kept && same && !due)) draw(u);
        },
      },
    },
    draw,
    keepDuring(redraw) {
      kept = true;
      try {
        redraw();
      } finally {
        kept = false;
      }
    },
    request(u) {
      due = true;
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        if (due) draw(u);
      });
    },
  };
}

/** What a plot shows, as one canvas: each of its canvases (uPlot's, then the moving layer) drawn in order. */
export function composedCanvas(plot: Element): HTMLCanvasElement | null {
  const layers = Array.from(plot.querySelectorAll<HTMLCanvasElement>('.uplot canvas'));
  if (layers.length === 0) return null;
  const out = document.createElement('canvas');
  out.width = layers[0].width;
  out.height = layers[0].height;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  for (const layer of layers) ctx.drawImage(layer, 0, 0);
  return out;
}
