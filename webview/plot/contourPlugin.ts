// Loss contours beneath the series: drawn in uPlot's drawAxes hook, i.e. after the grid and before
// any series or overlay. Lines only: the eye reads the valley's shape from their spacing.
import type uPlot from 'uplot';
import { isHighContrast } from '../theme';
import { type FrameSource, toCanvas } from './planeFrame';
import { clipToPlot, pxRatio } from './plotBase';

export function contourPlugin(frame: FrameSource): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u) => {
        const { contours, palette } = frame();
        if (contours.length === 0) return;
        const ctx = clipToPlot(u);
        const levels = contours.length;
        // High contrast: no faint lines; the fade stays, from strong to full.
        const hc = isHighContrast(palette);
        ctx.lineWidth = (hc ? 1.25 : 1) * pxRatio();
        ctx.strokeStyle = palette.contour;
        contours.forEach((level, k) => {
          const path = new Path2D();
          for (const ring of level.rings) {
            for (let i = 0; i < ring.length; i += 2) {
              const [x, y] = toCanvas(u, ring[i], ring[i + 1]);
              if (i === 0) path.moveTo(x, y);
              else path.lineTo(x, y);
            }
          }
          // Lines fade in towards the rim so the minimum's neighbourhood stays uncluttered.
          const t = k / Math.max(1, levels - 1);
          ctx.globalAlpha = hc ? 0.7 + 0.3 * t : 0.35 + 0.45 * t;
          ctx.stroke(path);
        });
        ctx.restore();
      },
    },
  };
}
