// Pure mappings between control values and scenario patches (v1 format, partial, nested merge).
import type { FunctionPreset, Quadrant, Scenario } from '../../src/engine/types';
import type { ScenarioPatch } from '../../src/shared/scenarioEdit';
import { QUADRANT_CHOICES } from '../../src/shared/quadrants';

/** The learning-rate slider works in log10(η): 10⁻⁴ … 10¹. */
export const LR_MIN_EXP = -4;
export const LR_MAX_EXP = 1;
export const LR_SLIDER_STEP = 0.02;

/** Slider position → η, rounded to two significant figures so scenarios stay readable. */
export function lrFromSlider(position: number): number {
  const p = Math.min(LR_MAX_EXP, Math.max(LR_MIN_EXP, position));
  return Number((10 ** p).toPrecision(2));
}

/** η → slider position. */
export function sliderFromLr(lr: number): number {
  if (!(lr > 0) || !Number.isFinite(lr)) return LR_MIN_EXP;
  return Math.min(LR_MAX_EXP, Math.max(LR_MIN_EXP, Math.log10(lr)));
}

export const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;

/** The target control's quadrants: the same names and hints as the palette's quick pick. */
export const QUADRANT_OPTIONS: readonly { value: Quadrant; label: string; hint: string }[] = QUADRANT_CHOICES.map((q) => ({
  value: q.quadrant,
  label: q.name,
  hint: q.hint,
}));

/** The target quadrant and distance the controls show; a dragged target ("point") reads as custom. */
export function targetControls(s: Scenario): { quadrant: Quadrant | 'custom'; distance: number } {
  const t = s.target;
  if (t && 'quadrant' in t) return { quadrant: t.quadrant, distance: t.distance };
  if (t && 'point' in t) {
    const [a, b] = s.axes;
    const d = Math.hypot(t.point[a] - s.start[a], t.point[b] - s.start[b]);
    return { quadrant: 'custom', distance: Number(d.toPrecision(3)) };
  }
  return { quadrant: 'custom', distance: 3 };
}

// Patches merge field by field and null removes a field (the host's mergeScenario), so fields that
// hold one of several shapes (target, function) clear the other shape explicitly.

export function targetPatch(quadrant: Quadrant, distance: number): ScenarioPatch {
  return { target: { quadrant, distance, point: null } };
}

export function modelPatch(model: Scenario['model']): ScenarioPatch {
  // A function has its own minimum (no quadrant target) and a neuron takes no function: start clean.
  return model === 'function'
    ? { model, function: { preset: 'rotated', expression: null }, target: null }
    : { model, function: null, target: null };
}

export function presetPatch(preset: FunctionPreset): ScenarioPatch {
  return { function: { preset, expression: null }, target: null };
}

export function expressionPatch(expression: string): ScenarioPatch {
  return { function: { expression, preset: null } };
}

export function batchPatch(value: string): ScenarioPatch {
  return { batchSize: value === 'full' ? 'full' : Number(value) };
}

/** `w` for d weights: its first ones kept, the rest `fill`. */
function resized(w: readonly number[], d: number, fill = 0): number[] {
  return Array.from({ length: d }, (_, i) => (i < w.length ? w[i] : fill));
}

/**
 * The patch for a fan-in of d inputs: start, shift and a target point resized with it (the weights kept,
 * new ones 0; a shift equal for every input stays one number), the shown pair kept when it still exists.
 * d = 2 removes the field, so a two-input scenario reads as v1 wrote it.
 */
export function dimensionPatch(s: Scenario, d: number): ScenarioPatch {
  const shift = s.inputs.shift;
  const even = shift.every((v) => v === shift[0]);
  const t = s.target;
  const axesFit = s.axes[0] < d && s.axes[1] < d;
  return {
    inputs: { dimension: d === 2 ? null : d, shift: even ? (d === 2 ? [shift[0], shift[0]] : shift[0]) : resized(shift, d) },
    start: resized(s.start, d),
    ...(axesFit ? {} : { axes: null }),
    ...(t && 'point' in t ? { target: { point: resized(t.point, d) } } : {}),
  };
}

/** The plane's pair from the controls' 1-based weight numbers (the scenario's axes are 0-based). */
export function axesPatch(across: number, up: number): ScenarioPatch {
  return { axes: [across - 1, up - 1] };
}
