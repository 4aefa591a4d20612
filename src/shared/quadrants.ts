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

/** Where a move (d1, d2) in the (w1, w2) plane heads, as people say it. */
export interface Heading {
  /** 'north-east', 'due north', … or 'nowhere' for no move. */
  readonly name: string;
  /** The quadrant the move points into (I = north-east … IV = south-east), or null on an axis or for no move. */
  readonly quadrant: 'I' | 'II' | 'III' | 'IV' | null;
}

const QUADRANT_OF = {
  '++': ['north-east', 'I'],
  '-+': ['north-west', 'II'],
  '--': ['south-west', 'III'],
  '+-': ['south-east', 'IV'],
} as const;

/** The heading of a move; null when a component is not finite. Only signs count: no angle is claimed. */
export function headingOf(d1: number, d2: number): Heading | null {
  if (!Number.isFinite(d1) || !Number.isFinite(d2)) return null;
  if (d1 === 0 && d2 === 0) return { name: 'nowhere', quadrant: null };
  if (d1 === 0) return { name: d2 > 0 ? 'due north' : 'due south', quadrant: null };
  if (d2 === 0) return { name: d1 > 0 ? 'due east' : 'due west', quadrant: null };
  const [name, quadrant] = QUADRANT_OF[`${d1 > 0 ? '+' : '-'}${d2 > 0 ? '+' : '-'}`];
  return { name, quadrant };
}

/** "north-east (quadrant I)", "due north", "nowhere". */
export function describeHeading(h: Heading): string {
  return h.quadrant ? `${h.name} (quadrant ${h.quadrant})` : h.name;
}
