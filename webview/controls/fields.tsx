// Labelled form fields in VS Code's look. Each field commits a value; the parent turns it into a patch.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { formatNumber } from '../../src/shared/format';
import { describedBy, useFieldLock } from '../exercise/locks';

export interface Option<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly disabled?: boolean;
}

export function SelectField<T extends string>(p: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly Option<T>[];
  readonly disabled?: boolean;
  readonly name: string;
  /** A line under the select about the chosen option (kept out of the options, which must stay short). */
  readonly hint?: string;
  readonly onChange: (value: T) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const lock = useFieldLock(p.name);
  return (
    <div class="field" title={lock?.reason}>
      <label for={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        value={p.value}
        disabled={p.disabled || lock !== null}
        title={lock?.reason}
        aria-describedby={describedBy(p.hint ? hintId : undefined, lock?.describedBy)}
        onChange={(e) => p.onChange(e.currentTarget.value as T)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {p.hint && (
        <p class="field-hint" id={hintId}>
          {p.hint}
        </p>
      )}
    </div>
  );
}

/** A number input that commits on change (Enter or blur) and reverts text that is not a number. */
export function NumberField(p: {
  readonly label: string;
  readonly value: number;
  readonly name: string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number | 'any';
  readonly integer?: boolean;
  readonly disabled?: boolean;
  readonly hint?: string;
  readonly onCommit: (value: number) => void;
}) {
  const id = useId();
  const shown = Number.isFinite(p.value) ? String(p.value) : '';
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = (raw: string): void => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || (p.integer && !Number.isInteger(v))) {
      setText(shown);
      return;
    }
    if (v !== p.value) p.onCommit(v);
  };
  const lock = useFieldLock(p.name);
  return (
    <div class="field" title={lock?.reason}>
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type="number"
        inputMode={p.integer ? 'numeric' : 'decimal'}
        value={text}
        min={p.min}
        max={p.max}
        step={p.step ?? 'any'}
        disabled={p.disabled || lock !== null}
        title={lock?.reason ?? p.hint}
        aria-describedby={lock?.describedBy}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => commit(e.currentTarget.value)}
      />
    </div>
  );
}

export function CheckboxField(p: {
  readonly label: string;
  readonly checked: boolean;
  readonly name: string;
  readonly disabled?: boolean;
  readonly hint?: string;
  readonly onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const lock = useFieldLock(p.name);
  return (
    <div class="field field-checkbox" title={lock?.reason}>
      <input
        id={id}
        name={p.name}
        type="checkbox"
        checked={p.checked}
        disabled={p.disabled || lock !== null}
        title={lock?.reason}
        aria-describedby={lock?.describedBy}
        onChange={(e) => p.onChange(e.currentTarget.checked)}
      />
      <label for={id} title={lock?.reason ?? p.hint}>
        {p.label}
      </label>
    </div>
  );
}

/** A range slider over log10(value); reports each movement, shows the value it maps to. */
export function LogSlider(p: {
  readonly label: string;
  readonly name: string;
  readonly position: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly toValue: (position: number) => number;
  readonly disabled?: boolean;
  readonly onInput: (value: number) => void;
}) {
  const id = useId();
  const [position, setPosition] = useState(p.position);
  useEffect(() => setPosition(p.position), [p.position]);
  const value = p.toValue(position);
  const lock = useFieldLock(p.name);
  return (
    <div class="field field-slider" title={lock?.reason}>
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type="range"
        min={p.min}
        max={p.max}
        step={p.step}
        value={position}
        disabled={p.disabled || lock !== null}
        title={lock?.reason}
        aria-describedby={lock?.describedBy}
        aria-valuetext={formatNumber(value)}
        onInput={(e) => {
          const pos = Number(e.currentTarget.value);
          setPosition(pos);
          p.onInput(p.toValue(pos));
        }}
      />
      <output for={id} class="slider-value">
        {formatNumber(value)}
      </output>
    </div>
  );
}

export function Section(p: {
  readonly title: string;
  readonly open: boolean;
  readonly onToggle: (open: boolean) => void;
  readonly children: ComponentChildren;
  readonly id: string;
}) {
  return (
    <details
      class="section"
      open={p.open}
      data-section={p.id}
      onToggle={(e) => {
        const open = e.currentTarget.open;
        if (open !== p.open) p.onToggle(open);
      }}
    >
      <summary>{p.title}</summary>
      <div class="section-body">{p.children}</div>
    </details>
  );
}
