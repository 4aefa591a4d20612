// What to expect in each quadrant when the inputs are all positive: one wording for the palette's
// quick pick and the webview's target control. Types only, so the webview bundle stays engine-free.
import type { Quadrant } from '../engine/types';

export interface QuadrantChoice {
  readonly quadrant: Quadrant;
  readonly name: string;
  /** A codicon for the quick pick. */
  readonly icon: string;
  readonly hint: string;
}

export const QUADRANT_CHOICES: readonly QuadrantChoice[] = [
  { quadrant: 'nw', name: 'North-West', icon: 'arrow-up-left', hint: 'Against the grain of positive inputs: expect zig-zag' },
  {
    quadrant: 'ne',
    name: 'North-East',
    icon: 'arrow-up-right',
    hint: 'With the grain: both weights grow together, a nearly straight path',
  },
  {
    quadrant: 'sw',
    name: 'South-West',
    icon: 'arrow-down-left',
    hint: 'With the grain: both weights shrink together, a nearly straight path',
  },
  { quadrant: 'se', name: 'South-East', icon: 'arrow-down-right', hint: 'Against the grain of positive inputs: expect zig-zag' },
];
