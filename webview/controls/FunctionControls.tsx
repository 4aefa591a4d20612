// The function model's objective: a preset, or an expression typed by the user (sent on Enter/blur).
import { useEffect, useId, useState } from 'preact/hooks';
import type { FunctionPreset, Scenario } from '../../src/engine/types';
import type { ScenarioPatch } from '../../src/shared/scenarioEdit';
import { SelectField } from './fields';
import { FUNCTION_PRESET_NAMES } from '../../src/engine/catalog/functionPresets';
import { expressionPatch, presetPatch } from './patches';
import { useFieldLock } from '../exercise/locks';

export function FunctionControls({ scenario, onPatch }: { readonly scenario: Scenario; readonly onPatch: (p: ScenarioPatch) => void }) {
  const fn = scenario.function;
  const preset = fn && 'preset' in fn ? fn.preset : 'expression';
  const expression = fn && 'expression' in fn ? fn.expression : '';
  const [text, setText] = useState(expression);
  useEffect(() => setText(expression), [expression]);
  const id = useId();
  const lock = useFieldLock('expression');
  const options = [
    ...FUNCTION_PRESET_NAMES.map((p) => ({ value: p, label: p })),
    { value: 'expression' as const, label: 'custom expression…' },
  ];
  return (
    <>
      <SelectField<FunctionPreset | 'expression'>
        label="Objective"
        name="preset"
        value={preset}
        options={options}
        onChange={(v) => onPatch(v === 'expression' ? expressionPatch(text || '0.5*w1^2 + 5*w2^2') : presetPatch(v))}
      />
      <div class="field" title={lock?.reason}>
        <label for={id}>Expression f(w1, w2)</label>
        <input
          id={id}
          name="expression"
          type="text"
          disabled={lock !== null}
          title={lock?.reason}
          aria-describedby={lock?.describedBy}
          spellcheck={false}
          value={text}
          placeholder="e.g. 0.5*w1^2 + 5*w2^2"
          onInput={(e) => setText(e.currentTarget.value)}
          onChange={(e) => {
            const v = e.currentTarget.value.trim();
            if (v !== '' && v !== expression) onPatch(expressionPatch(v));
          }}
        />
      </div>
    </>
  );
}
