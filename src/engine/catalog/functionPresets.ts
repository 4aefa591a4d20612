// The preset objectives of model "function" (docs/scenario-format.md), written in the expression language so
// that they go through exactly the same parser and autodiff as a user's own expression. The list of
// preset names (type and values) derives from this record. Pure data (the webview bundles it).
import type { Vec2 } from '../types';

export interface FunctionPresetInfo {
  readonly expression: string;
  readonly minimum: Vec2;
  readonly description: string;
}

// rotated: u = (w1 + w2)/√2 and v = (w2 − w1)/√2, spelled out so the text matches the spec's formula.
export const FUNCTION_PRESETS = Object.freeze({
  quadratic: {
    expression: '0.5*w1^2 + 5*w2^2',
    minimum: [0, 0],
    description: 'An axis-aligned bowl, 10× steeper along w2 than along w1.',
  },
  rotated: {
    expression: '5*((w1 + w2)/sqrt(2))^2 + 0.5*((w2 - w1)/sqrt(2))^2',
    minimum: [0, 0],
    description: 'A bowl steep towards north-east and shallow towards north-west, like the sigmoid-input bowl.',
  },
  rosenbrock: {
    expression: '(1 - w1)^2 + 100*(w2 - w1^2)^2',
    minimum: [1, 1],
    description: 'A long curved banana valley: easy to reach the valley floor, slow to follow it to (1, 1).',
  },
  beale: {
    expression: '(1.5 - w1 + w1*w2)^2 + (2.25 - w1 + w1*w2^2)^2 + (2.625 - w1 + w1*w2^3)^2',
    minimum: [3, 0.5],
    description: 'Flat plateaus and sharp ridges; the minimum at (3, 0.5) sits in a narrow valley.',
  },
  himmelblau: {
    expression: '(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2',
    minimum: [3, 2],
    description: 'Four equally deep minima; which one you reach depends on where you start ((3, 2) is the target).',
  },
} satisfies Record<string, FunctionPresetInfo>);

export type FunctionPreset = keyof typeof FUNCTION_PRESETS;
export const FUNCTION_PRESET_NAMES = Object.keys(FUNCTION_PRESETS) as readonly FunctionPreset[];
