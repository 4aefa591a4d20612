// The neuron f = w1·x1 + w2·x2 trained on data. The gradient is a fused loop over the batch, or for
// mse batches that recur their sums (mseBatches.ts), and the mse loss surface comes from sufficient
// statistics; test/engine/neuron.test.ts checks them against the autodiff engine (neuronGraph below)
// and direct sums.
import { Graph, Program, type Node } from './autodiff';
import { BatchSchedule } from './batches';
import { allPositive, sigmoid, type Dataset } from './data';
import { mseBatchSums, type MseBatchSums } from './mseBatches';
import { exp, log, pow, softplus } from './portableMath';
import { VALUES_PER_PIECE, type Pieces } from './pieces';
import { PlaneProblem, lossGridByPoints, type StepRecorder } from './problem';
import type { LossName, Order, Vec2, Weights } from './types';

/** The neuron's batch loss as an autodiff graph: the reference for the fused code. */
export function neuronGraph(loss: LossName): { program: Program; w1: Node; w2: Node; x1: Node; x2: Node; y: Node; f: Node } {
  const g = new Graph();
  const w1 = g.leaf('w1');
  const w2 = g.leaf('w2');
  const x1 = g.leaf('x1');
  const x2 = g.leaf('x2');
  const y = g.leaf('y');
  const f = g.add(g.mul(w1, x1), g.mul(w2, x2));
  const perExample = loss === 'mse' ? g.mul(g.constant(0.5), g.pow(g.sub(f, y), g.constant(2))) : g.sub(g.softplus(f), g.mul(y, f));
  return { program: new Program(g, g.mean(perExample)), w1, w2, x1, x2, y, f };
}

/**
 * The mse loss as its Taylor expansion about the teacher w* (exact for a quadratic):
 * L(w) = L* + g*·d + ½ dᵀS d with d = w − w*, S the mean second moments, g* and L* the gradient and loss
 * at w* summed example by example. No least-squares solve, so nearly collinear inputs lose nothing.
 */
interface MseStatistics {
  readonly s11: number;
  readonly s12: number;
  readonly s22: number;
  /** det S clamped at 0 (a Gram matrix is never indefinite; rounding can make det slightly negative). */
  readonly det: number;
  readonly g1: number;
  readonly g2: number;
  readonly loss: number;
  readonly target: Vec2;
}

export interface NeuronOptions {
  /** Steps the run will take: batch sums are kept only for batches that recur within it. */
  readonly steps?: number;
  /** Compute gradients with the autodiff engine instead of the fused loop (for tests). */
  readonly autodiff?: boolean;
}

export class NeuronProblem extends PlaneProblem {
  readonly allPositive: boolean;
  private readonly schedule: BatchSchedule;
  private readonly cyclic: boolean;
  /** Where cyclic order continues: the step after the last gradient, and its first example. */
  private nextStep = 0;
  private nextIndex = 0;
  private readonly stats: MseStatistics | null;
  /** mse batch sums: g_t in O(1) whatever the batch size (null: sum the examples). */
  private readonly batchSums: MseBatchSums | null;
  private readonly reference: ReturnType<typeof neuronGraph> | null;
  private readonly batchX1: Float64Array;
  private readonly batchX2: Float64Array;
  private readonly batchY: Float64Array;

  constructor(
    readonly data: Dataset,
    readonly lossName: LossName,
    readonly target: Vec2,
    readonly batchSize: number,
    order: Order,
    seed: number,
    options: NeuronOptions = {},
  ) {
    super();
    const useAutodiff = options.autodiff ?? false;
    this.allPositive = allPositive(data);
    this.schedule = new BatchSchedule(data.n, batchSize, order, seed);
    this.cyclic = order === 'cyclic';
    this.stats = lossName === 'mse' ? mseStatistics(data, target) : null;
    // Chosen once, never by whether a step is recorded: the UI's run and the CLI's give the same bits.
    this.batchSums = lossName === 'mse' && !useAutodiff ? mseBatchSums(data, target, batchSize, order, options.steps ?? Infinity) : null;
    this.reference = useAutodiff ? neuronGraph(lossName) : null;
    const b = useAutodiff ? batchSize : 0;
    this.batchX1 = new Float64Array(b);
    this.batchX2 = new Float64Array(b);
    this.batchY = new Float64Array(b);
  }

  loss(w1: number, w2: number): number {
    const s = this.stats;
    if (s) {
      const d1 = w1 - s.target[0];
      const d2 = w2 - s.target[1];
      // dᵀSd = s11·(d1 + (s12/s11)·d2)² + (det/s11)·d2²: two squares, never negative.
      const e = d1 + (s.s12 / s.s11) * d2;
      const curvature = s.s11 > 0 ? s.s11 * e * e + (s.det / s.s11) * d2 * d2 : s.s22 * d2 * d2;
      return Math.max(0, s.loss + s.g1 * d1 + s.g2 * d2 + 0.5 * curvature); // max: rounding, not a loss < 0
    }
    return this.lossName === 'logistic' ? this.logisticLoss(w1, w2) : this.directLoss(w1, w2);
  }

  /**
   * The logistic loss with one log per call instead of one log1p per example (the run records the
   * full-data loss every step): Σ softplus(f_n) = Σ max(f_n, 0) + log Π (1 + e^{−|f_n|}), each factor
   * in (1, 2], the product rescaled before it can overflow. directLoss is the reference it is tested against.
   */
  private logisticLoss(w1: number, w2: number): number {
    const { x1, x2, y, n } = this.data;
    let linear = 0;
    let prod = 1;
    let scaled = 0;
    for (let i = 0; i < n; i++) {
      const f = w1 * x1[i] + w2 * x2[i];
      linear += (f > 0 ? f : 0) - y[i] * f;
      prod *= 1 + exp(-Math.abs(f));
      if (prod > 1e150) {
        prod *= SCALE;
        scaled++;
      }
    }
    return (linear + (log(prod) + scaled * LOG_SCALE * Math.LN2)) / n;
  }

  /** (1/N) Σ l_n(w) summed example by example. */
  directLoss(w1: number, w2: number): number {
    const { x1, x2, y, n } = this.data;
    let sum = 0;
    if (this.lossName === 'mse') {
      for (let i = 0; i < n; i++) {
        const r = w1 * x1[i] + w2 * x2[i] - y[i];
        sum += r * r;
      }
      return (0.5 * sum) / n;
    }
    for (let i = 0; i < n; i++) {
      const f = w1 * x1[i] + w2 * x2[i];
      sum += softplus(f) - y[i] * f;
    }
    return sum / n;
  }

  gradient(t: number, w1: number, w2: number, out: Float64Array, record: StepRecorder | null): void {
    if (this.reference) return this.autodiffGradient(t, w1, w2, out, record);
    if (this.batchSums) {
      this.batchSums.gradient(t, w1, w2, out);
      if (record) this.recordMseStep(t, w1, w2, out, record);
      return;
    }
    if (!record && this.cyclic && this.lossName === 'mse') return this.cyclicMseGradient(t, w1, w2, out);
    const { x1, x2, y } = this.data;
    const B = this.batchSize;
    const mse = this.lossName === 'mse';
    const N = this.data.n;
    // Past the first example the records want each one only for pushes or sign counts.
    const each = record !== null && (record.perExample !== null || record.dLdfSigns !== null);
    const cyclic = this.cyclic;
    // Cyclic batches walk the data in order: no schedule lookup on the hot path.
    let next = cyclic ? (t * B) % N : 0;
    let g1 = 0;
    let g2 = 0;
    for (let k = 0; k < B; k++) {
      let i = next;
      if (cyclic) {
        if (++next === N) next = 0;
      } else i = this.schedule.index(t, k);
      const f = w1 * x1[i] + w2 * x2[i];
      const r = mse ? f - y[i] : sigmoid(f) - y[i]; // dl_i/df
      g1 += r * x1[i];
      g2 += r * x2[i];
      if (record && (k === 0 || each)) recordExample(record, t, k, B, r, x1[i], x2[i]);
    }
    out[0] = g1 / B;
    out[1] = g2 / B;
    if (record) recordGradient(record, t, out);
  }

  /** The hottest case (mse, cyclic order, nothing recorded) as a loop with no branches in it. */
  private cyclicMseGradient(t: number, w1: number, w2: number, out: Float64Array): void {
    const { x1, x2, y, n } = this.data;
    const B = this.batchSize;
    // Steps come in order: continue where the last batch ended instead of a division per step.
    let i = t === this.nextStep ? this.nextIndex : (t * B) % n;
    let g1 = 0;
    let g2 = 0;
    for (let k = 0; k < B; k++) {
      const r = w1 * x1[i] + w2 * x2[i] - y[i];
      g1 += r * x1[i];
      g2 += r * x2[i];
      if (++i === n) i = 0;
    }
    this.nextStep = t + 1;
    this.nextIndex = i;
    out[0] = g1 / B;
    out[1] = g2 / B;
  }

  /** Records a step whose gradient came from batch sums: only the examples the records show are visited. */
  private recordMseStep(t: number, w1: number, w2: number, g: Float64Array, record: StepRecorder): void {
    const { x1, x2, y } = this.data;
    const B = this.batchSize;
    // The first example's chain rule, or every example's sign of dL/df (and push, when recorded).
    const visited = record.perExample || record.dLdfSigns ? B : 1;
    for (let k = 0; k < visited; k++) {
      const i = this.schedule.index(t, k);
      recordExample(record, t, k, B, w1 * x1[i] + w2 * x2[i] - y[i], x1[i], x2[i]);
    }
    recordGradient(record, t, g);
  }

  private autodiffGradient(t: number, w1: number, w2: number, out: Float64Array, record: StepRecorder | null): void {
    const ref = this.reference!;
    const B = this.batchSize;
    for (let k = 0; k < B; k++) {
      const i = this.schedule.index(t, k);
      this.batchX1[k] = this.data.x1[i];
      this.batchX2[k] = this.data.x2[i];
      this.batchY[k] = this.data.y[i];
    }
    const p = ref.program;
    p.setLeaf(ref.w1, w1);
    p.setLeaf(ref.w2, w2);
    p.setLeaf(ref.x1, this.batchX1);
    p.setLeaf(ref.x2, this.batchX2);
    p.setLeaf(ref.y, this.batchY);
    p.forward();
    p.backward();
    out[0] = p.grad(ref.w1)[0];
    out[1] = p.grad(ref.w2)[0];
    if (record) {
      // d(mean loss)/df_k = (1/B)·dl_k/df_k, so the per-example factor is B times the graph's.
      const dfs = p.grad(ref.f);
      for (let k = 0; k < B; k++) recordExample(record, t, k, B, B * dfs[k], this.batchX1[k], this.batchX2[k]);
      recordGradient(record, t, out);
    }
  }

  hessian(w: Weights): readonly [number, number, number] {
    const { x1, x2, n } = this.data;
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    for (let i = 0; i < n; i++) {
      // mse: l'' = 1; logistic: l'' = σ(f)(1 − σ(f)).
      let c = 1;
      if (this.lossName === 'logistic') {
        const s = sigmoid(w[0] * x1[i] + w[1] * x2[i]);
        c = s * (1 - s);
      }
      h11 += c * x1[i] * x1[i];
      h12 += c * x1[i] * x2[i];
      h22 += c * x2[i] * x2[i];
    }
    return [h11 / n, h12 / n, h22 / n];
  }

  lossGrid(x0: number, dx: number, y0: number, dy: number, n: number, out: Float64Array): Pieces<void> {
    const { x1, x2, y } = this.data;
    // The mse loss costs O(1) (its statistics): a row per piece. The logistic loss sums over the data.
    if (this.lossName === 'mse') return lossGridByPoints(this, x0, dx, y0, dy, n, out, true);
    if (!logisticGridIsSafe(x1, x2, null, x0, dx, y0, dy, n)) return lossGridByPoints(this, x0, dx, y0, dy, n, out);
    return logisticGrid(x1, x2, y, null, x0, dx, y0, dy, n, out);
  }
}

/**
 * Example k of step t's batch (dl/df = r at inputs x1, x2) into the records: the chain rule of the first
 * (k = 0 starts the step's sign counts), the sign of r, and its push r·x when per-example pushes are kept.
 */
function recordExample(record: StepRecorder, t: number, k: number, B: number, r: number, x1: number, x2: number): void {
  const signs = record.dLdfSigns;
  if (k === 0) {
    if (record.dLdf) record.dLdf[t] = r;
    if (record.x) {
      record.x[2 * t] = x1;
      record.x[2 * t + 1] = x2;
    }
    if (signs) signs.fill(0, 2 * t, 2 * t + 2);
  }
  if (signs) {
    if (r > 0) signs[2 * t]++;
    else if (r < 0) signs[2 * t + 1]++;
  }
  const per = record.perExample;
  if (per) {
    per[2 * (t * B + k)] = r * x1;
    per[2 * (t * B + k) + 1] = r * x2;
  }
}

/** Step t's batch gradient g into the records. */
function recordGradient(record: StepRecorder, t: number, g: Float64Array): void {
  record.gradient[2 * t] = g[0];
  record.gradient[2 * t + 1] = g[1];
}

function mseStatistics(d: Dataset, target: Vec2): MseStatistics {
  const { x1, x2, y, n } = d;
  const [c1, c2] = target;
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let g1 = 0;
  let g2 = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const r = c1 * x1[i] + c2 * x2[i] - y[i];
    s11 += x1[i] * x1[i];
    s12 += x1[i] * x2[i];
    s22 += x2[i] * x2[i];
    g1 += r * x1[i];
    g2 += r * x2[i];
    loss += r * r;
  }
  s11 /= n;
  s12 /= n;
  s22 /= n;
  return { s11, s12, s22, det: Math.max(0, s11 * s22 - s12 * s12), g1: g1 / n, g2: g2 / n, loss: (0.5 * loss) / n, target };
}

const LOG_SCALE = 576; // 2^576 ≈ 2.5e173: rescale products before they can overflow
const SCALE = pow(2, -LOG_SCALE); // exact

/** Π (1 + e_k) over the examples into out[at], rescaled (count in scaledBy[at]); advances each e_k by its step. */
function logisticCellProduct(e: Float64Array, step: Float64Array, N: number, out: Float64Array, scaledBy: Float64Array, at: number): void {
  let prod = 1;
  let scaled = 0;
  for (let k = 0; k < N; k++) {
    prod *= 1 + e[k];
    e[k] *= step[k];
    if (prod > 1e150) {
      prod *= SCALE;
      scaled++;
    }
  }
  out[at] = prod;
  scaledBy[at] = scaled;
}

/**
 * |f| stays small enough on the grid that exp(f) and running products cannot overflow, with
 * f_n = offset_n + u·xa_n + v·xb_n (offset: the other weights' share on a slice; none in the plane).
 */
export function logisticGridIsSafe(
  xa: Float64Array,
  xb: Float64Array,
  offset: Float64Array | null,
  x0: number,
  dx: number,
  y0: number,
  dy: number,
  n: number,
): boolean {
  let m1 = 0;
  let m2 = 0;
  let mc = 0;
  for (let i = 0; i < xa.length; i++) {
    m1 = Math.max(m1, Math.abs(xa[i]));
    m2 = Math.max(m2, Math.abs(xb[i]));
    if (offset) mc = Math.max(mc, Math.abs(offset[i]));
  }
  const wMax1 = Math.max(Math.abs(x0), Math.abs(x0 + (n - 1) * dx));
  const wMax2 = Math.max(Math.abs(y0), Math.abs(y0 + (n - 1) * dy));
  return wMax1 * m1 + wMax2 * m2 + mc < 300;
}

/**
 * Logistic loss grid without a log per cell and example: Σ softplus(f_n) = log Π (1 + e^{f_n}), and
 * along a row e^{f_n} advances by the constant factor e^{x1_n·dx}. One log per cell instead of N;
 * the −y·f term is linear in w, so it comes from two means (three with an offset: the slice of a
 * fan-in neuron, f_n = offset_n + u·x1_n + v·x2_n).
 */
export function* logisticGrid(
  x1: Float64Array,
  x2: Float64Array,
  y: Float64Array,
  offset: Float64Array | null,
  x0: number,
  dx: number,
  y0: number,
  dy: number,
  n: number,
  out: Float64Array,
): Pieces<void> {
  const N = x1.length;
  let my1 = 0;
  let my2 = 0;
  let myc = 0;
  for (let k = 0; k < N; k++) {
    my1 += y[k] * x1[k];
    my2 += y[k] * x2[k];
    if (offset) myc += y[k] * offset[k];
    if ((k + 1) % (VALUES_PER_PIECE / 2) === 0) yield 'examples';
  }
  my1 /= N;
  my2 /= N;
  myc /= N;
  const e = new Float64Array(N);
  const step = new Float64Array(N);
  // Rows start from e^{f_n} at (x0, w2), which advances by the factor e^{x2_n·dy} from row to row:
  // 3N exps for the whole grid instead of N per row (exp is portableMath's, dearer than Math.exp).
  const rowStart = new Float64Array(N);
  const rowStep = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    step[k] = exp(x1[k] * dx);
    rowStep[k] = exp(x2[k] * dy);
    rowStart[k] = offset ? exp(offset[k] + x0 * x1[k] + y0 * x2[k]) : exp(x0 * x1[k] + y0 * x2[k]);
    if ((k + 1) % (VALUES_PER_PIECE / 2) === 0) yield 'examples';
  }
  // The products first, then the logs in a pass of their own: the hot loop stays small (and in a
  // function of its own, which the engines optimise better than a loop inside a generator).
  const scaledBy = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < N; k++) {
      e[k] = rowStart[k];
      rowStart[k] *= rowStep[k];
    }
    for (let i = 0; i < n; i++) {
      logisticCellProduct(e, step, N, out, scaledBy, j * n + i);
      yield 'cell';
    }
  }
  const LN2 = Math.LN2;
  for (let j = 0; j < n; j++) {
    const w2 = y0 + j * dy;
    for (let i = 0; i < n; i++) {
      const w1 = x0 + i * dx;
      const linear = offset ? w1 * my1 + w2 * my2 + myc : w1 * my1 + w2 * my2;
      out[j * n + i] = (log(out[j * n + i]) + scaledBy[j * n + i] * LOG_SCALE * LN2) / N - linear;
    }
    yield 'row';
  }
}
