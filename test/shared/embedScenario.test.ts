import * as assert from 'node:assert/strict';
import { resolveScenario } from '../../src/engine/index';
import {
  EMBED_LIMITS,
  parseRendererMessage,
  readEmbedScenario,
  runEmbedScenario,
  runEmbedScenarioInSlices,
} from '../../src/shared/embedScenario';
import type { SliceClock } from '../../src/shared/slices';
import { identical } from '../webview/pages/identical';

/** A clock that ends a slice at every reading (the most pauses a run can meet). */
function everyReading(): SliceClock & { pauses: number } {
  let t = 0;
  const clock = {
    pauses: 0,
    now: () => (t += 100),
    pause: () => {
      clock.pauses++;
      return Promise.resolve();
    },
  };
  return clock;
}

function message(text: string): string {
  const r = readEmbedScenario(text);
  assert.ok(!r.ok, `expected a refusal of ${text.slice(0, 80)}`);
  return r.message;
}

/** `f` with JSON.parse unavailable: proves a refusal came before any parsing. */
function withoutJsonParse<T>(f: () => T): T {
  const parse = JSON.parse;
  JSON.parse = () => {
    throw new Error('JSON.parse was called');
  };
  try {
    return f();
  } finally {
    JSON.parse = parse;
  }
}

describe('scenarios embedded in course material', () => {
  it('a valid block runs with the embed grid; its numbers are the engine numbers', () => {
    const r = readEmbedScenario('{ "version": 1, "steps": 400 }');
    assert.ok(r.ok);
    const run = runEmbedScenario(r.scenario);
    assert.ok(run.ok);
    assert.equal(run.run.grid.n, EMBED_LIMITS.gridSize);
    assert.equal(run.run.metrics.lockedFraction, 1);
    assert.equal(run.run.metrics.reversals, 82); // the CLI's and the playground's classic demo (turn-backs on the way to w*)
  });

  it('names the field of an invalid scenario, and says what is wrong with bad JSON', () => {
    assert.equal(message('{ "optimizer": { "lr": -1 } }'), 'optimizer.lr must be a finite number > 0, got -1');
    assert.match(message('{ "steps": 10, }'), /^the block: invalid JSON: /);
    assert.equal(message('[1, 2]'), 'the block: a scenario must be a JSON object, got an array');
    assert.match(message('   \n'), /^the block is empty/);
  });

  it('a run in slices is the run in one go, bit for bit; a run nobody wants any more stops at a pause', async () => {
    const r = readEmbedScenario('{ "loss": "logistic", "inputs": { "count": 500 }, "steps": 300 }');
    assert.ok(r.ok);
    const clock = everyReading();
    const sliced = await runEmbedScenarioInSlices(r.scenario, clock, () => true);
    assert.ok(clock.pauses > 100, `${clock.pauses} pauses`);
    assert.ok(sliced?.ok && identical(sliced.run, (runEmbedScenario(r.scenario) as { run: unknown }).run));
    let pauses = 0;
    assert.equal(await runEmbedScenarioInSlices(r.scenario, everyReading(), () => ++pauses < 5), null);
    assert.equal(pauses, 5);
  });

  it('a run that fails in the engine is a message, not an exception', async () => {
    const valid = resolveScenario({ model: 'function', function: { preset: 'beale' } });
    const broken = { ...valid, function: { expression: 'w1 +' } };
    const r = await runEmbedScenarioInSlices(broken, everyReading(), () => true);
    assert.ok(r && !r.ok && r.message.length > 0);
  });

  it('refuses runs too big for a page, naming the field', () => {
    assert.match(message('{ "steps": 5001 }'), /^steps must be at most 5,000 in a document, got 5,001 \(open it in the playground/);
    assert.match(message('{ "inputs": { "count": 2001 } }'), /^inputs\.count must be at most 2,000 examples in a document/);
    // The engine's cost model decides, and the message names the field with the largest share of the cost:
    // the steps (a logistic step touches every example), the contour grid's examples, the grid's expression.
    // Over the page's budget is a notice, not an error: the block shows it with Open in Playground.
    const overBudget = (text: string): string => {
      const r = readEmbedScenario(text);
      assert.ok(!r.ok && r.overBudget, `expected the budget notice for ${text.slice(0, 80)}`);
      return r.message;
    };
    const refusal = (advice: string) =>
      new RegExp(
        `^this run would cost [\\d,]+ units of work \\(steps [\\d,]+, contour grid [\\d,]+, data [\\d,]+\\); ` +
          `a document computes at most 20,000,000: ${advice.replace('.', '\\.')} \\(open it in the playground`,
      );
    assert.match(
      overBudget('{ "steps": 5000, "batchSize": "full", "loss": "logistic", "inputs": { "count": 1000 } }'),
      refusal('lower steps'),
    );
    assert.match(overBudget('{ "steps": 100, "loss": "logistic", "inputs": { "count": 2000 } }'), refusal('lower inputs.count'));
    const chains = Array.from({ length: 8 }, () => Array.from({ length: 41 }, () => 'w1').join('^')).join('+');
    assert.match(
      overBudget(JSON.stringify({ model: 'function', function: { expression: chains }, steps: 10 })),
      refusal('simplify function.expression'),
    );
    // mse batches cost O(1) a step (batch sums): the most steps at batch 100 fit.
    assert.ok(readEmbedScenario('{ "steps": 5000, "batchSize": 100 }').ok);
    const points = JSON.stringify({ inputs: { distribution: 'points', points: Array.from({ length: 2001 }, () => [1, 1]) } });
    assert.match(message(points), /^inputs\.points must be at most 2,000 examples/);
    assert.equal((readEmbedScenario(points) as { overBudget?: boolean }).overBudget, undefined, 'a limit of the format is an error');
  });

  it('huge or deeply nested text is refused before it is parsed', () => {
    const huge = `{ "steps": 10, "$schema": "${'x'.repeat(5_000_000)}" }`;
    assert.equal(
      withoutJsonParse(() => message(huge)),
      `the block holds ${huge.length.toLocaleString('en-US')} characters; a plot block takes at most 20,000`,
    );
    const deep = '['.repeat(9_000) + ']'.repeat(9_000);
    assert.match(
      withoutJsonParse(() => message(deep.slice(0, 19_000))),
      /^the block nests arrays and objects more than 8 levels deep; a scenario needs 3$/,
    );
    // Brackets inside strings are text, not nesting.
    assert.equal(readEmbedScenario(`{ "$schema": "${'['.repeat(100)}" }`).ok, true);
    // An escaped quote does not end the string: the braces after it are still text.
    assert.equal(readEmbedScenario(`{ "$schema": "\\"${'{'.repeat(100)}" }`).ok, true);
  });

  it('markup and script in strings are data: the message quotes them as text (the page shows it with textContent)', () => {
    const m = message('{ "inputs": { "distribution": "<script>alert(1)</script>" } }');
    assert.match(m, /^inputs\.distribution must be one of .*, got "<script>alert\(1\)<\/script>"$/);
  });

  it('validates the notebook renderer messages', () => {
    assert.deepEqual(parseRendererMessage({ type: 'openInPlayground', scenario: '{}' }), {
      ok: true,
      value: { type: 'openInPlayground', scenario: '{}' },
    });
    assert.equal(parseRendererMessage(null).ok, false);
    assert.equal(parseRendererMessage({ type: 'run', scenario: '{}' }).ok, false);
    assert.equal(parseRendererMessage({ type: 'openInPlayground', scenario: 5 }).ok, false);
    assert.equal(parseRendererMessage({ type: 'openInPlayground', scenario: '{}', extra: 1 }).ok, false);
    assert.equal(parseRendererMessage({ type: 'openInPlayground', scenario: 'x'.repeat(EMBED_LIMITS.maxTextLength + 1) }).ok, false);
  });
});
