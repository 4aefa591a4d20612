// The optimizers' update rules, with torch.optim semantics as written in the spec (state starts at
// zero, k = t + 1 counts steps from 1). Each updates w in place from the gradient g. Names, labels and
// hyperparameters are in ./catalog/optimizers.ts; the compiler asks for a rule for each name there.
import { pow } from './portableMath';
import type { OptimizerName, OptimizerSettings } from './types';

export interface Optimizer {
  /** One update of w (length d) from gradient g (length d) at step count k = t + 1. */
  step(w: Float64Array, g: Float64Array, k: number): void;
}

/** The optimizer's update rule for d coordinates, its state at zero. */
export function createOptimizer(o: OptimizerSettings, d = 2): Optimizer {
  return UPDATE_RULES[o.name](o, d);
}

const SATURATED = 2 ** -55;

// Per-coordinate state (a, b), as torch keeps it per parameter element.
const UPDATE_RULES: { readonly [N in OptimizerName]: (o: OptimizerSettings, d: number) => Optimizer } = {
  sgd: ({ lr }, d) => ({
    step(w, g) {
      for (let i = 0; i < d; i++) w[i] -= lr * g[i];
    },
  }),
  momentum: ({ lr, momentum: mu }, d) => {
    const a = new Float64Array(d);
    return {
      step(w, g) {
        for (let i = 0; i < d; i++) {
          a[i] = mu * a[i] + g[i];
          w[i] -= lr * a[i];
        }
      },
    };
  },
  nesterov: ({ lr, momentum: mu }, d) => {
    const a = new Float64Array(d);
    return {
      step(w, g) {
        for (let i = 0; i < d; i++) {
          a[i] = mu * a[i] + g[i];
          w[i] -= lr * (g[i] + mu * a[i]);
        }
      },
    };
  },
  adagrad: ({ lr, eps }, d) => {
    const a = new Float64Array(d);
    return {
      step(w, g) {
        for (let i = 0; i < d; i++) {
          a[i] += g[i] * g[i];
          w[i] -= (lr * g[i]) / (Math.sqrt(a[i]) + eps);
        }
      },
    };
  },
  rmsprop: ({ lr, alpha, eps }, d) => {
    const a = new Float64Array(d);
    return {
      step(w, g) {
        for (let i = 0; i < d; i++) {
          a[i] = alpha * a[i] + (1 - alpha) * g[i] * g[i];
          w[i] -= (lr * g[i]) / (Math.sqrt(a[i]) + eps);
        }
      },
    };
  },
  adam: ({ lr, beta1, beta2, eps }, d) => {
    const a = new Float64Array(d);
    const b = new Float64Array(d);
    // Once |β^k| ≤ 2^-55, 1 − β^k rounds to exactly 1 for that k and every later one (β^k keeps
    // shrinking and pow is within 1 ulp), so pow (portable, so not cheap) is skipped from there on.
    let done1 = Infinity;
    let done2 = Infinity;
    return {
      step(w, g, k) {
        let c1 = 1;
        let c2 = 1;
        if (k < done1) {
          const p = pow(beta1, k);
          c1 = 1 - p;
          if (Math.abs(p) <= SATURATED) done1 = k;
        }
        if (k < done2) {
          const p = pow(beta2, k);
          c2 = 1 - p;
          if (Math.abs(p) <= SATURATED) done2 = k;
        }
        for (let i = 0; i < d; i++) {
          a[i] = beta1 * a[i] + (1 - beta1) * g[i];
          b[i] = beta2 * b[i] + (1 - beta2) * g[i] * g[i];
          w[i] -= (lr * (a[i] / c1)) / (Math.sqrt(b[i] / c2) + eps);
        }
      },
    };
  },
};
