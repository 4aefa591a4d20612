// The weight plane as a plot object, in the manner of uPlot: made on an element, then told what changed
// (setRun, setCursor, setPalette, setContours, setDraft, setInput, resize), handed arrow keys (nudge) and
// destroyed. It owns uPlot (axes, scales and the contour lines on its canvas, planeOptions), the moving
// layer above it (cone, path, arrows, markers), the pointer input (planeInteraction) and the scales, which
// keep one unit of w1 and of w2 the same pixels (planeLayout). What a change repaints is planeRedraw's.
import uPlot from 'uplot';
import type { ContourLevel } from '../../src/shared/contours';
import type { Vec2 } from '../../src/engine/types';
import type { RunView } from '../../src/shared/runModel';
import { type Palette, applyGridWidth } from '../theme';
import { TARGET_RADIUS } from './drawMarkers';
import { movingLayer, type MovingLayer } from './movingLayer';
import type { DraftMarker, PlaneFrame } from './planeFrame';
import { type DragKind, type PlaneInput, attachPlaneInteraction, canMove, nudgedPoint } from './planeInteraction';
import { type PlaneRanges, applyRanges, gridAspectOf, planeRanges, plotSize } from './planeLayout';
import { axisNames } from '../planeNote';
import { drawMovingParts, planeOptions } from './planeOptions';
import { type PlanePicture, planeRedraw } from './planeRedraw';
import { hasRanges, setRanges } from './plotBase';

interface PlanePlotOptions {
  readonly run: RunView | null;
  readonly cursor: number;
  readonly palette: Palette;
  readonly contours: readonly ContourLevel[];
  /** See WeightPlaneProps.paintKey. */
  readonly paintKey?: string;
  /** Sized for the compact side panel, for the plot's life. */
  readonly compact: boolean;
  /** The tallest the plot may be. */
  readonly maxHeight: number;
  /** Pointer and keyboard input; without it, a picture. */
  readonly input?: PlaneInput;
  /** Called after every complete repaint with the run shown. */
  readonly onPainted?: (run: RunView) => void;
}

export class PlanePlot {
  private readonly plot: uPlot;
  private readonly layer: MovingLayer;
  private readonly interaction: { detach(): void; dragging(): boolean };
  private readonly compact: boolean;
  /** What the plugins draw from; they read it at draw time. */
  private readonly frame: PlaneFrame;
  private ranges: PlaneRanges = { x: [-1, 1], y: [-1, 1] };
  private input: PlaneInput | undefined;
  /** The paint key asked for, and the one at the last repaint. */
  private paintKey: string | undefined;
  private paintedKey: string | undefined;
  private fittedRun: RunView | null = null;
  private drawn: PlanePicture | null = null;
  /** Where the last arrow keys put the start and the target, ahead of the runs from there. */
  private nudgedStart: Vec2 | null = null;
  private nudgedTarget: Vec2 | null = null;
  /** Inside batch(): the repaint waits for its end. */
  private batching = false;
  private changed = false;

  constructor(el: HTMLElement, options: PlanePlotOptions) {
    const { run, cursor, palette, contours } = options;
    this.compact = options.compact;
    this.input = options.input;
    this.paintKey = options.paintKey;
    this.paintedKey = options.paintKey;
    const onPainted = options.onPainted;
    this.frame = {
      run,
      cursor,
      palette,
      contours,
      draftMarker: null,
      onPainted: onPainted
        ? () => {
            if (this.frame.run) onPainted(this.frame.run);
          }
        : null,
    };
    const size = plotSize(el.clientWidth, this.compact, gridAspectOf(run), options.maxHeight);
    this.layer = movingLayer((u, ctx) => drawMovingParts(u, ctx, this.frame));
    const data: uPlot.AlignedData = [
      [0, 1],
      [null, null],
    ];
    this.plot = new uPlot(
      planeOptions(
        () => this.frame,
        () => this.ranges,
        size.width,
        size.height,
        this.layer.plugin,
        axisNames(run),
      ),
      data,
      el,
    );
    this.fit();
    this.interaction = attachPlaneInteraction(this.plot, {
      target: () => (canMove(this.input, 'target') ? (this.frame.run?.target ?? null) : null),
      canMoveStart: () => canMove(this.input, 'start') && this.frame.run !== null,
      grabRadius: TARGET_RADIUS + 4,
      // The playground hears of the move first and repaints in a microtask before the marker's.
      onDrag: (kind, point) => {
        this.input?.drag(kind, point);
        this.setDraft({ kind, point });
      },
      onDrop: (kind, point) => {
        this.input?.drop(kind, point);
        this.setDraft({ kind, point });
      },
      onCancel: () => {
        this.input?.cancelDrag();
        this.setDraft(null);
      },
    });
  }

  /** The run to draw; `paintKey` says what it stands for (a new key repaints, or reports, the same run). */
  setRun(run: RunView | null, paintKey?: string): void {
    this.frame.run = run;
    this.paintKey = paintKey;
    this.commit();
  }

  /** The animation's step. */
  setCursor(cursor: number): void {
    this.frame.cursor = cursor;
    this.commit();
  }

  setPalette(palette: Palette): void {
    this.frame.palette = palette;
    this.commit();
  }

  /** The contour lines of the run's loss grid. */
  setContours(contours: readonly ContourLevel[]): void {
    this.frame.contours = contours;
    this.commit();
  }

  /** Where a marker is drawn while the run shown does not have it there yet (null: where the run has it). */
  setDraft(marker: DraftMarker | null): void {
    this.frame.draftMarker = marker;
    this.layer.request(this.plot);
  }

  /** The input handlers from now on (none: a picture). */
  setInput(input: PlaneInput | undefined): void {
    this.input = input;
  }

  /** Several changes, one repaint (at the end). */
  batch(changes: (plot: this) => void): void {
    this.batching = true;
    try {
      changes(this);
    } finally {
      this.batching = false;
    }
    if (this.changed) this.repaint();
  }

  /** The plot for `width` CSS pixels and at most `maxHeight`, in the run's shape. */
  resize(width: number, maxHeight: number): void {
    const u = this.plot;
    if (width <= 0) return;
    const size = plotSize(width, this.compact, gridAspectOf(this.frame.run), maxHeight);
    if (u.width === size.width && u.height === size.height) return;
    // Committed at once so the scales are fitted to the plot area's final box (uPlot would settle it later).
    u.batch(() => u.setSize(size));
    this.fit();
  }

  /** An arrow key moves the start or the target on from its last nudge; false for any other key. */
  nudge(kind: DragKind, key: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
    const run = this.frame.run;
    const input = this.input;
    if (!run || !canMove(input, kind)) return false;
    const { x, y } = this.ranges;
    const span = Math.min(x[1] - x[0], y[1] - y[0]);
    if (kind === 'target') {
      const from = this.nudgedTarget ?? run.target;
      const next = from ? nudgedPoint(this.plot, key, from, span) : null;
      if (!next) return false;
      this.nudgedTarget = next;
      this.setDraft({ kind: 'target', point: next });
      input.setTarget(next);
      return true;
    }
    const next = nudgedPoint(this.plot, key, this.nudgedStart ?? [run.trajectory[0], run.trajectory[1]], span);
    if (!next) return false;
    this.nudgedStart = next;
    input.setStart(next);
    return true;
  }

  destroy(): void {
    this.interaction.detach();
    this.plot.destroy();
  }

  /** The scales fitted to the run shown, redrawn if that changed them. */
  private fit(): void {
    const run = this.frame.run;
    if (!run) return;
    this.ranges = planeRanges(this.plot, run);
    applyRanges(this.plot, this.ranges);
  }

  private commit(): void {
    this.changed = true;
    if (!this.batching) this.repaint();
  }

  private repaint(): void {
    this.changed = false;
    const u = this.plot;
    const { run, cursor, palette, contours } = this.frame;
    const picture: PlanePicture = { run, cursor, palette, contours };
    const newRanges = run && run !== this.fittedRun ? planeRanges(u, run) : null;
    const decision = planeRedraw(
      {
        drawn: this.drawn,
        fittedRun: this.fittedRun,
        paintKey: this.paintedKey,
        dragging: this.interaction.dragging(),
        hasDraftMarker: this.frame.draftMarker !== null,
      },
      { picture, paintKey: this.paintKey, fitChangesScales: newRanges !== null && !hasRanges(u, newRanges) },
    );
    this.paintedKey = this.paintKey;
    if (decision.clearDraftMarker) this.frame.draftMarker = null;
    if (decision.fit) {
      this.fittedRun = run;
      this.nudgedStart = null;
      this.nudgedTarget = null;
      if (newRanges) this.ranges = newRanges;
    }
    if (decision.layers === 'none') {
      this.frame.onPainted?.();
      return;
    }
    this.drawn = picture;
    if (decision.layers === 'moving') {
      this.layer.draw(u);
      return;
    }
    applyGridWidth(u.axes, palette);
    // The axis titles name the shown pair (read by uPlot when it draws the axes, just below).
    [u.axes[0].label, u.axes[1].label] = axisNames(run);
    // uPlot's canvas (its draw hook draws the moving layer too, unless it is kept), once, now.
    const redraw = (): void =>
      u.batch(() => {
        if (decision.rescale) setRanges(u, this.ranges);
      });
    if (decision.layers === 'base') {
      this.layer.keepDuring(redraw);
      this.frame.onPainted?.(); // (said by the moving layer's paint otherwise)
    } else redraw();
  }
}
