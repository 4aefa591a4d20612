// What the chain-rule strip says about one step, read from the run: pure, so every sentence it makes is
// tested against the numbers it came from. dL/dw = (dL/df)·x per example; the step averages those over
// the batch, and the optimizer turns the average into the move Δw_t = w_{t+1} − w_t that the plot draws.
import { optimizerInfo } from '../src/engine/catalog/optimizers';
import { formatInteger } from '../src/shared/format';
import { type Heading, headingOf } from '../src/shared/quadrants';
import type { RunView } from '../src/shared/runModel';
import { clampCursor, pointCount } from './plot/planeFrame';

/** The one example of a batch-1 step, by its chain-rule factors. */
interface ExampleFactors {
  readonly dLdf: number;
  readonly x1: number;
  readonly x2: number;
}

/** How the batch's examples split by the sign of dL/df. */
export interface SignCounts {
  readonly positive: number;
  readonly negative: number;
  readonly zero: number;
}

/** d > 2: the signs of all d components of the step's gradient (the strip's x₁, x₂ are the shown pair's). */
export interface FanInSigns {
  readonly dimension: number;
  readonly positive: number;
  readonly negative: number;
  readonly zero: number;
}

export interface ChainRuleStep {
  /** The update from w_t to w_{t+1}. */
  readonly step: number;
  readonly batchSize: number;
  /** Batch 1: its example's factors. */
  readonly example: ExampleFactors | null;
  /** Batch > 1: the split by sign of dL/df, or null when the run did not count it. */
  readonly counts: SignCounts | null;
  /** Every input of every example > 0: a negative dL/df pushes north-east, a positive one south-west. */
  readonly allPositive: boolean;
  /** Where −ḡ (the batch's mean push, the direction plain gradient descent steps) heads. */
  readonly push: Heading | null;
  /** Where the step the plot draws, Δw_t, heads. */
  readonly move: Heading | null;
  /** The optimizer's label when it is not plain SGD (its step is not −η·ḡ). */
  readonly optimizer: string | null;
  /** d > 2: the sign pattern of all d gradient components (null for d = 2 or when not recorded). */
  readonly fanIn: FanInSigns | null;
}

/** The strip's model at an animation cursor: the step leaving w_c (the last one at the end), or null without neuron records. */
export function chainRuleStep(run: RunView, cursor: number): ChainRuleStep | null {
  const r = run.records;
  const steps = pointCount(run) - 1;
  if (!r || !r.dLdf || !r.x || steps < 1) return null;
  const t = Math.min(clampCursor(run, cursor), steps - 1);
  const w = run.trajectory;
  const B = r.batchSize;
  const signs = r.dLdfSigns;
  const name = run.scenario.optimizer.name;
  return {
    step: t,
    batchSize: B,
    example: B === 1 ? { dLdf: r.dLdf[t], x1: r.x[2 * t], x2: r.x[2 * t + 1] } : null,
    counts: B > 1 && signs ? { positive: signs[2 * t], negative: signs[2 * t + 1], zero: B - signs[2 * t] - signs[2 * t + 1] } : null,
    allPositive: run.allPositive,
    push: headingOf(-r.gradient[2 * t], -r.gradient[2 * t + 1]),
    move: headingOf(w[2 * t + 2] - w[2 * t], w[2 * t + 3] - w[2 * t + 1]),
    optimizer: name === 'sgd' ? null : optimizerInfo(name).label,
    fanIn: fanInSigns(run, t),
  };
}

function fanInSigns(run: RunView, t: number): FanInSigns | null {
  const g = run.records?.gradientSigns;
  if (!g || run.dimension <= 2) return null;
  const positive = g[2 * t];
  const negative = g[2 * t + 1];
  return { dimension: run.dimension, positive, negative, zero: run.dimension - positive - negative };
}

/** A quadrant I or III heading: both weights move the same way. */
function isLocked(h: Heading | null): boolean {
  return h?.quadrant === 'I' || h?.quadrant === 'III';
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The batch's split in words; all-positive inputs turn signs of dL/df into directions. */
export function describeCounts(c: SignCounts, allPositive: boolean): string {
  const zero = c.zero > 0 ? `, ${plural(c.zero, 'has', 'have')} ∂L/∂f = 0` : '';
  if (allPositive) {
    return (
      `${plural(c.negative, 'example pushes', 'examples push')} north-east (∂L/∂f < 0) and ` +
      `${plural(c.positive, 'pushes', 'push')} south-west (∂L/∂f > 0)${zero}.`
    );
  }
  return (
    `∂L/∂f > 0 for ${plural(c.positive, 'example', 'examples')} and < 0 for ${c.negative}${zero}; the inputs take both signs, ` +
    'so each push −(∂L/∂f)·x can point into any quadrant.'
  );
}

/** Why the mean push heads where it does, for a batch with a counted split. */
export function describeMean(s: ChainRuleStep): string {
  const c = s.counts;
  if (!c || !s.push || s.push.name === 'nowhere') return '';
  const mixed = c.positive > 0 && c.negative > 0;
  if (!s.allPositive) return '';
  if (!mixed) return 'Every push agrees, so the mean is locked too.';
  return isLocked(s.push)
    ? 'The pushes disagree, but one side outweighs the other: the mean is still locked.'
    : 'Opposite pushes cancel in the average, so the mean is not locked.';
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 2^d as written in a sentence: 2⁷⁸⁴. */
const twoToThe = (d: number): string => `2${[...String(d)].map((c) => SUPERSCRIPT[Number(c)]).join('')}`;

/**
 * The sign pattern of all d gradient components in words. With one example (dLdf given), g_i = (∂L/∂f)·x_i:
 * component i shares the sign of ∂L/∂f exactly when x_i > 0. A batch's mean has no one ∂L/∂f: its
 * components are counted by sign. Either way, all nonzero components of one sign put the update in one of
 * the 2 all-positive or all-negative orthants of the 2^d.
 */
export function describeFanIn(f: FanInSigns, dLdf: number | null): string {
  const d = formatInteger(f.dimension);
  const locked = f.zero < f.dimension && (f.positive === 0 || f.negative === 0);
  const orthants = locked
    ? ` The update lies in one of the 2 all-positive or all-negative orthants of the ${twoToThe(f.dimension)}.`
    : ' The update is not locked to the all-positive or all-negative orthant.';
  const zero = f.zero > 0 ? `, ${formatInteger(f.zero)} ${are(f.zero)} 0` : '';
  if (dLdf !== null && dLdf !== 0 && Number.isFinite(dLdf)) {
    const same = dLdf > 0 ? f.positive : f.negative;
    const other = dLdf > 0 ? f.negative : f.positive;
    const why = same === f.dimension ? ' (every input is positive)' : '';
    return `${formatInteger(same)} of the ${d} gradient components ${same === 1 ? 'shares' : 'share'} the sign of ∂L/∂f${why}, ${formatInteger(other)} ${other === 1 ? 'has' : 'have'} the other sign${zero}.${orthants}`;
  }
  if (dLdf === 0) return `∂L/∂f = 0: all ${d} gradient components are 0.`;
  return `Of the ${d} components of the batch's gradient, ${formatInteger(f.positive)} ${are(f.positive)} positive and ${formatInteger(f.negative)} negative${zero}.${orthants}`;
}

/** The verb for a count of components: "1 is", "3 are". */
const are = (n: number): string => (n === 1 ? 'is' : 'are');
