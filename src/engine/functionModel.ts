// Model "function": minimise an expression f(w1, w2) with its exact (autodiff) gradient.
import { compileObjective, parseExpression, type Objective } from './expression';
import { FUNCTION_PRESETS } from './catalog/functionPresets';
import type { Pieces } from './pieces';
import { PlaneProblem, lossGridByPoints, type StepRecorder } from './problem';
import type { FunctionSpec, Vec2, Weights } from './types';

export class FunctionProblem extends PlaneProblem {
  readonly batchSize = 1;
  readonly allPositive = false;
  private readonly objective: Objective;
  private readonly g = new Float64Array(2);

  constructor(
    spec: FunctionSpec,
    readonly target: Vec2 | null,
  ) {
    super();
    const text = 'preset' in spec ? FUNCTION_PRESETS[spec.preset].expression : spec.expression;
    this.objective = compileObjective(parseExpression(text));
  }

  loss(w1: number, w2: number): number {
    return this.objective.value(w1, w2);
  }

  gradient(t: number, w1: number, w2: number, out: Float64Array, record: StepRecorder | null): void {
    this.objective.gradient(w1, w2, out);
    if (record) {
      record.gradient[2 * t] = out[0];
      record.gradient[2 * t + 1] = out[1];
    }
  }

  /**
   * Hessian from central differences of the exact gradient with one Richardson extrapolation
   * (error O(h⁴), about 1e-10 relative for smooth objectives), symmetrised.
   */
  hessian(w: Weights): readonly [number, number, number] {
    const cols: number[][] = [];
    for (let axis = 0; axis < 2; axis++) {
      const h = 1e-3 * Math.max(1, Math.abs(w[axis]));
      const d1 = this.centralDifference(w, axis, h);
      const d2 = this.centralDifference(w, axis, h / 2);
      cols.push([(4 * d2[0] - d1[0]) / 3, (4 * d2[1] - d1[1]) / 3]);
    }
    return [cols[0][0], (cols[0][1] + cols[1][0]) / 2, cols[1][1]];
  }

  private centralDifference(w: Weights, axis: number, h: number): [number, number] {
    const plus: [number, number] = [w[0], w[1]];
    const minus: [number, number] = [w[0], w[1]];
    plus[axis] += h;
    minus[axis] -= h;
    this.objective.gradient(plus[0], plus[1], this.g);
    const a0 = this.g[0];
    const a1 = this.g[1];
    this.objective.gradient(minus[0], minus[1], this.g);
    return [(a0 - this.g[0]) / (2 * h), (a1 - this.g[1]) / (2 * h)];
  }

  lossGrid(x0: number, dx: number, y0: number, dy: number, n: number, out: Float64Array): Pieces<void> {
    return lossGridByPoints(this, x0, dx, y0, dy, n, out);
  }
}

/** w* for a function: target.point if given, else the preset's minimum, else none. */
export function functionTarget(spec: FunctionSpec, point: Vec2 | null): Vec2 | null {
  if (point) return point;
  return 'preset' in spec ? FUNCTION_PRESETS[spec.preset].minimum : null;
}
