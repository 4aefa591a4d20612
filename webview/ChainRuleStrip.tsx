// The chain rule for one example, by sign: dL/dw_i = (dL/df)·x_i, so with x1, x2 > 0 the two gradient
// components share the sign of dL/df, and the update −η·g can only point north-east or south-west.
import type { RunView } from '../src/shared/protocol';
import { formatNumber, signSymbol } from '../src/shared/format';
import { clampCursor, pointCount } from './plot/planeFrame';

const COMPASS: Record<string, string> = {
  '++': 'north-east',
  '+−': 'south-east',
  '−+': 'north-west',
  '−−': 'south-west',
};

function Sign({ value, label }: { readonly value: number; readonly label: string }) {
  const s = signSymbol(value);
  const cls = s === '+' ? 'is-pos' : s === '−' ? 'is-neg' : 'is-zero';
  return (
    <span
      class={`sign ${cls}`}
      title={`${label} = ${formatNumber(value)}`}
      aria-label={`${label} ${s === '+' ? 'positive' : s === '−' ? 'negative' : 'zero'}`}
    >
      {s}
    </span>
  );
}

export function ChainRuleStrip({ run, cursor }: { readonly run: RunView; readonly cursor: number }) {
  const r = run.records;
  const steps = pointCount(run) - 1;
  if (!r || !r.dLdf || !r.x || steps < 1) {
    return <p class="chain-rule is-empty">The chain-rule view applies to the neuron model f = w·x.</p>;
  }
  const t = Math.min(clampCursor(run, cursor), steps - 1);
  const dLdf = r.dLdf[t];
  const x1 = r.x[2 * t];
  const x2 = r.x[2 * t + 1];
  const g1 = dLdf * x1;
  const g2 = dLdf * x2;
  const u1 = signSymbol(-g1);
  const u2 = signSymbol(-g2);
  const heading = COMPASS[`${u1}${u2}`];
  const locked = signSymbol(g1) === signSymbol(g2) && signSymbol(g1) !== '0';
  return (
    <div class="chain-rule" aria-live="off">
      <div class="chain-rule-title">
        Step {t}
        {r.batchSize > 1 ? ', first example of the batch' : ''}
      </div>
      <div class="chain-rule-equation" role="group" aria-label="sign of dL/df times signs of x gives signs of the gradient">
        <span class="chain-term">
          sign(∂L/∂f) <Sign value={dLdf} label="dL/df" />
        </span>
        <span class="chain-op">×</span>
        <span class="chain-term">
          (sign x₁, sign x₂) (<Sign value={x1} label="x1" />, <Sign value={x2} label="x2" />)
        </span>
        <span class="chain-op">→</span>
        <span class="chain-term">
          (sign g₁, sign g₂) (<Sign value={g1} label="g1" />, <Sign value={g2} label="g2" />)
        </span>
      </div>
      <p class="chain-rule-note">
        {heading
          ? `The update −η·g heads ${heading}. ${locked ? 'Both components share the sign of ∂L/∂f because both inputs are positive.' : 'The inputs differ in sign, so the components can differ too.'}`
          : 'This example leaves one weight unchanged.'}
      </p>
    </div>
  );
}
