// The scenario controls. Each change posts a partial scenario patch; the host validates it and answers
// with a new run or an `invalid` message, shown here while the last good run stays on screen.
import { LIMITS } from '../../src/engine/catalog/limits';
import { HYPERPARAMETERS, OPTIMIZER_CATALOG, optimizerInfo } from '../../src/engine/catalog/optimizers';
import type { Distribution, ModelName, OptimizerName, Quadrant, Scenario } from '../../src/engine/types';
import { UI_LIMITS } from '../../src/shared/uiLimits';
import type { ScenarioPatch } from '../../src/shared/scenarioEdit';
import type { SectionId } from '../uiState';
import { CheckboxField, LogSlider, NumberField, type Option, Section, SelectField } from './fields';
import { FunctionControls } from './FunctionControls';
import { ResetButton } from './ResetButton';
import {
  BATCH_SIZES,
  LR_MAX_EXP,
  LR_MIN_EXP,
  LR_SLIDER_STEP,
  QUADRANT_OPTIONS,
  axesPatch,
  batchPatch,
  dimensionPatch,
  lrFromSlider,
  modelPatch,
  sliderFromLr,
  targetControls,
  targetPatch,
} from './patches';

export interface ControlsProps {
  readonly scenario: Scenario;
  readonly invalid: string | null;
  readonly expanded: Readonly<Record<SectionId, boolean>>;
  readonly onToggle: (id: SectionId, open: boolean) => void;
  readonly onPatch: (patch: ScenarioPatch) => void;
  readonly onResetScenario: () => void;
}

// Labels per value: a Record, so the compiler asks for one when the engine's list grows. Listed with
// the all-positive inputs first; "points" and "file" need data named in a scenario file, so they are not offered.
const DISTRIBUTION_LABELS: Readonly<Record<Distribution, string>> = {
  sigmoid: 'sigmoid outputs (all positive)',
  relu: 'ReLU outputs (non-negative)',
  uniform: 'uniform',
  tanh: 'tanh outputs (zero-centred)',
  gaussian: 'Gaussian',
  points: 'points (from a scenario file)',
  file: 'data file (named in a scenario file)',
};
const DISTRIBUTIONS: readonly Option<Distribution>[] = (Object.keys(DISTRIBUTION_LABELS) as Distribution[]).map((value) => ({
  value,
  label: DISTRIBUTION_LABELS[value],
  disabled: value === 'points' || value === 'file',
}));

const MODEL_LABELS: Readonly<Record<ModelName, string>> = {
  neuron: 'neuron f = w·x, trained on data',
  function: 'function f(w₁, w₂), minimised directly',
};
const MODELS: readonly Option<ModelName>[] = (Object.keys(MODEL_LABELS) as ModelName[]).map((value) => ({
  value,
  label: MODEL_LABELS[value],
}));

const OPTIMIZERS: readonly Option<OptimizerName>[] = OPTIMIZER_CATALOG.map((o) => ({ value: o.name, label: o.label }));

/** An HTML min/max attribute: only a finite, closed end (an open one is checked by the host). */
const bound = (v: number, open: boolean | undefined): number | undefined => (Number.isFinite(v) && !open ? v : undefined);

export function Controls({ scenario: s, invalid, expanded, onToggle, onPatch, onResetScenario }: ControlsProps) {
  const neuron = s.model === 'neuron';
  const target = targetControls(s);
  // d > 2: one shift for every input, and the choice of the plane's pair of weights.
  const wide = neuron && s.inputs.dimension > 2;
  const evenShift = s.inputs.shift.every((v) => v === s.inputs.shift[0]);
  const dataFixesDimension = s.inputs.distribution === 'points' || s.inputs.distribution === 'file';
  const batchValue = s.batchSize === 'full' ? 'full' : String(s.batchSize);
  const batchOptions: Option<string>[] = [
    ...BATCH_SIZES.map((b) => ({ value: String(b), label: String(b) })),
    { value: 'full', label: 'full batch' },
  ];
  if (!batchOptions.some((o) => o.value === batchValue)) batchOptions.unshift({ value: batchValue, label: batchValue });
  const distributionOptions = DISTRIBUTIONS.map((o) => (o.value === s.inputs.distribution ? { ...o, disabled: false } : o));
  const quadrantOptions: Option<Quadrant | 'custom'>[] = [
    ...QUADRANT_OPTIONS.map((q) => ({ value: q.value, label: q.label })),
    ...(target.quadrant === 'custom' ? [{ value: 'custom' as const, label: 'custom point (dragged)', disabled: true }] : []),
  ];

  return (
    <form class="controls" aria-labelledby="controls-title" onSubmit={(e) => e.preventDefault()}>
      <h2 class="sr-only" id="controls-title">
        Scenario
      </h2>
      {invalid !== null && (
        <p class="invalid" role="alert" data-testid="invalid">
          {invalid}
        </p>
      )}

      <Section id="model" title="Model" open={expanded.model} onToggle={(o) => onToggle('model', o)}>
        <SelectField<ModelName>
          label="Model"
          name="model"
          value={s.model}
          options={MODELS}
          onChange={(model) => onPatch(modelPatch(model))}
        />
        {!neuron && <FunctionControls scenario={s} onPatch={onPatch} />}
      </Section>

      <Section id="data" title="Inputs" open={expanded.data} onToggle={(o) => onToggle('data', o)}>
        <SelectField<Distribution>
          label="Input distribution"
          name="distribution"
          value={s.inputs.distribution}
          options={distributionOptions}
          disabled={!neuron}
          onChange={(distribution) => onPatch({ inputs: { distribution } })}
        />
        <CheckboxField
          label="Centre inputs (subtract the mean)"
          name="center"
          checked={s.inputs.center}
          disabled={!neuron}
          hint="What batch normalisation's centring does: removes the all-positive sign lock"
          onChange={(center) => onPatch({ inputs: { center } })}
        />
        <NumberField
          label="Fan-in d (inputs and weights)"
          name="dimension"
          value={s.inputs.dimension}
          min={LIMITS.minDimension}
          max={LIMITS.maxDimension}
          step={1}
          integer
          disabled={!neuron || dataFixesDimension}
          hint={dataFixesDimension ? 'd is the number of columns of the data' : undefined}
          onCommit={(d) => onPatch(dimensionPatch(s, d))}
        />
        {wide && (
          <div class="field-row" role="group" aria-label="The pair of weights the plane shows">
            <NumberField
              label="Plane across: weight"
              name="axisAcross"
              value={s.axes[0] + 1}
              min={1}
              max={s.inputs.dimension}
              step={1}
              integer
              onCommit={(i) => onPatch(axesPatch(i, s.axes[1] + 1))}
            />
            <NumberField
              label="Plane up: weight"
              name="axisUp"
              value={s.axes[1] + 1}
              min={1}
              max={s.inputs.dimension}
              step={1}
              integer
              onCommit={(j) => onPatch(axesPatch(s.axes[0] + 1, j))}
            />
          </div>
        )}
        {wide ? (
          <NumberField
            label="Shift (added to every input)"
            name="shift"
            value={evenShift ? s.inputs.shift[0] : Number.NaN}
            step={0.1}
            hint={evenShift ? undefined : 'the inputs have shifts of their own (set in the scenario file)'}
            onCommit={(v) => onPatch({ inputs: { shift: v } })}
          />
        ) : (
          <div class="field-row">
            <NumberField
              label="Shift x₁"
              name="shift1"
              value={s.inputs.shift[0]}
              step={0.1}
              disabled={!neuron}
              onCommit={(v) => onPatch({ inputs: { shift: [v, s.inputs.shift[1]] } })}
            />
            <NumberField
              label="Shift x₂"
              name="shift2"
              value={s.inputs.shift[1]}
              step={0.1}
              disabled={!neuron}
              onCommit={(v) => onPatch({ inputs: { shift: [s.inputs.shift[0], v] } })}
            />
          </div>
        )}
        <SelectField<string>
          label="Batch size"
          name="batchSize"
          value={batchValue}
          options={batchOptions}
          disabled={!neuron}
          onChange={(v) => onPatch(batchPatch(v))}
        />
      </Section>

      <Section id="optimizer" title="Optimizer" open={expanded.optimizer} onToggle={(o) => onToggle('optimizer', o)}>
        <SelectField<OptimizerName>
          label="Optimizer"
          name="optimizer"
          value={s.optimizer.name}
          options={OPTIMIZERS}
          onChange={(name) => onPatch({ optimizer: { name } })}
        />
        <LogSlider
          label={HYPERPARAMETERS.lr.label}
          name="lr"
          position={sliderFromLr(s.optimizer.lr)}
          min={LR_MIN_EXP}
          max={LR_MAX_EXP}
          step={LR_SLIDER_STEP}
          toValue={lrFromSlider}
          onInput={(lr) => {
            if (lr !== s.optimizer.lr) onPatch({ optimizer: { lr } });
          }}
        />
        {optimizerInfo(s.optimizer.name).uses.map((k) => {
          const { label, range } = HYPERPARAMETERS[k];
          return (
            <NumberField
              key={k}
              label={label}
              name={k}
              value={s.optimizer[k]}
              min={bound(range.min, range.minOpen)}
              max={bound(range.max, range.maxOpen)}
              step="any"
              onCommit={(v) => onPatch({ optimizer: { [k]: v } })}
            />
          );
        })}
        <div class="field-row">
          <NumberField
            label="Steps"
            name="steps"
            value={s.steps}
            min={1}
            max={UI_LIMITS.maxSteps}
            step={1}
            integer
            onCommit={(steps) => onPatch({ steps })}
          />
          <NumberField
            label="Seed"
            name="seed"
            value={s.seed}
            min={0}
            max={LIMITS.maxSeed}
            step={1}
            integer
            onCommit={(seed) => onPatch({ seed })}
          />
        </div>
      </Section>

      {neuron && (
        <Section id="target" title="Target w*" open={expanded.target} onToggle={(o) => onToggle('target', o)}>
          <SelectField<Quadrant | 'custom'>
            label="Target quadrant"
            name="quadrant"
            value={target.quadrant}
            options={quadrantOptions}
            hint={QUADRANT_OPTIONS.find((q) => q.value === target.quadrant)?.hint ?? 'a point you placed by dragging the target'}
            onChange={(q) => {
              if (q !== 'custom') onPatch(targetPatch(q, target.distance));
            }}
          />
          <NumberField
            label="Distance from start"
            name="distance"
            value={target.distance}
            min={0}
            step={0.5}
            disabled={target.quadrant === 'custom'}
            onCommit={(d) => {
              if (target.quadrant !== 'custom') onPatch(targetPatch(target.quadrant, d));
            }}
          />
        </Section>
      )}

      <div class="controls-footer">
        <ResetButton onReset={onResetScenario} />
      </div>
    </form>
  );
}
