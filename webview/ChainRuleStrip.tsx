// The chain rule by sign, for the step leaving the current point: dL/dw_i = (dL/df)·x_i, so with x1, x2 > 0
// one example's gradient components share the sign of dL/df and its push −η·g can only point north-east or
// south-west. A batch averages its examples' pushes, whose signs of dL/df may differ: then the strip counts
// them and says where their mean heads. It only ever names directions the run's numbers have
// (webview/chainRule.ts), and the move it names is the one the plot draws.
import { formatInteger, formatNumber, inputName, signSymbol, weightName } from '../src/shared/format';
import type { RunView } from '../src/shared/runModel';
import { describeHeading } from '../src/shared/quadrants';
import { type ChainRuleStep, chainRuleStep, describeCounts, describeFanIn, describeMean } from './chainRule';

function Sign({ value, name }: { readonly value: number; readonly name: string }) {
  const s = signSymbol(value);
  const cls = s === '+' ? 'is-pos' : s === '−' ? 'is-neg' : 'is-zero';
  const word = s === '+' ? 'positive' : s === '−' ? 'negative' : s === '0' ? 'zero' : 'not a number';
  return (
    <span class={`sign ${cls}`} title={`${name} = ${formatNumber(value)}`}>
      <span aria-hidden="true">{s}</span>
      <span class="sr-only">{word}</span>
    </span>
  );
}

/** Why one example's two gradient components have the signs they have. */
function inputsReason(x1: number, x2: number): string {
  if (x1 > 0 && x2 > 0) return 'Both components share the sign of ∂L/∂f because both inputs are positive.';
  if (x1 < 0 && x2 < 0) return 'Both components share the sign of ∂L/∂f because both inputs are negative.';
  if (x1 === 0 || x2 === 0) return 'One input is 0, so its weight gets no push.';
  return 'The inputs differ in sign, so the components differ too.';
}

function ExampleEquation({
  dLdf,
  x1,
  x2,
  axes,
}: {
  readonly dLdf: number;
  readonly x1: number;
  readonly x2: number;
  readonly axes: readonly [number, number];
}) {
  const [xa, xb] = axes.map(inputName);
  const [ga, gb] = axes.map((i) => `g${weightName(i).slice(1)}`);
  return (
    <div class="chain-rule-equation">
      <span class="chain-term">
        sign(∂L/∂f) <Sign value={dLdf} name="∂L/∂f" />
      </span>
      <span class="chain-op">×</span>
      <span class="chain-term">
        (sign {xa}, sign {xb}) (<Sign value={x1} name={xa} />, <Sign value={x2} name={xb} />)
      </span>
      <span class="chain-op">→</span>
      <span class="chain-term">
        (sign {ga}, sign {gb}) (<Sign value={dLdf * x1} name={ga} />, <Sign value={dLdf * x2} name={gb} />)
      </span>
    </div>
  );
}

/** The step's own move, when the optimizer makes it differ from the mean push (momentum, Adam, …). */
function moveSentence(s: ChainRuleStep): string {
  if (!s.move) return '';
  if (s.optimizer === null) {
    // Plain SGD steps along −ḡ: say so, unless rounding left the step without the push's direction.
    return s.push && s.move.name === s.push.name ? '' : `The step itself moves ${describeHeading(s.move)}.`;
  }
  return `With ${s.optimizer} the step itself heads ${describeHeading(s.move)}.`;
}

export function ChainRuleStrip({
  run,
  cursor,
  playing = false,
}: {
  readonly run: RunView;
  readonly cursor: number;
  readonly playing?: boolean;
}) {
  const s = chainRuleStep(run, cursor);
  // Announced on Step and on seeking; silent while playing (it changes every frame then).
  const live = playing ? 'off' : 'polite';
  if (!s) {
    return (
      <p class="chain-rule is-empty" aria-live="off">
        The chain-rule view applies to the neuron model f = w·x.
      </p>
    );
  }
  const title = `Step ${formatInteger(s.step)} → ${formatInteger(s.step + 1)}`;
  const push = s.push ? describeHeading(s.push) : null;
  return (
    <div class="chain-rule" aria-live={live} aria-atomic="true" data-step={s.step}>
      <p class="chain-rule-title">
        {title}
        {s.batchSize > 1 ? ` · a batch of ${formatInteger(s.batchSize)} examples` : ' · one example'}
      </p>
      {s.example ? (
        <>
          <ExampleEquation {...s.example} axes={run.axes} />
          <p class="chain-rule-note">
            {push && s.push?.name !== 'nowhere'
              ? `Its push −η·g heads ${push}. ${inputsReason(s.example.x1, s.example.x2)}`
              : 'This example leaves the weights where they are.'}{' '}
            {moveSentence(s)}
          </p>
        </>
      ) : (
        <>
          <p class="chain-rule-counts">
            {s.counts
              ? describeCounts(s.counts, s.allPositive)
              : `The signs of ∂L/∂f over the ${formatInteger(s.batchSize)} examples were not counted for a run this long.`}
          </p>
          <p class="chain-rule-note">
            {push ? `Their mean push −ḡ heads ${push}. ${describeMean(s)}` : 'The mean push is not a finite direction.'} {moveSentence(s)}
          </p>
        </>
      )}
      {s.fanIn && (
        <p class="chain-rule-fan-in" data-testid="chain-rule-fan-in">
          {describeFanIn(s.fanIn, s.example?.dLdf ?? null)}
        </p>
      )}
    </div>
  );
}
