// The webview's preview of a change (src/shared/preview.ts) against the host itself: a real
// PlaygroundSession applies the same patch to the same scenario as written, and the preview must
// predict it exactly — the scenario as written afterwards, the refusal and its message, and every bit
// of the run (trajectory, loss, grid, records, metrics). Random scenarios and patches, valid and not.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_KEPT, OPTIMIZER_NAMES, FUNCTION_PRESET_NAMES, resolveScenario } from '../../src/engine/index';
import { PlaygroundSession, type SessionEvent } from '../../src/host/session';
import type { RunView } from '../../src/shared/runModel';
import { PREVIEW_MAX_WORK, RunViewMemo, previewChange, previewWork } from '../../src/shared/preview';
import { computeRunView } from '../../src/shared/runView';
import { startPatch, targetPatch } from '../../src/shared/scenarioEdit';

type Json = Record<string, unknown>;

/** Every number of a run as hex bit patterns, and the rest as JSON: equal strings = the same run. */
function fingerprint(r: RunView): string {
  const hex = (a: Float64Array | null | undefined): string => (a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex') : '-');
  const { values, ...grid } = r.grid;
  return [
    hex(r.trajectory),
    hex(r.loss),
    hex(values),
    hex(r.records?.gradient),
    hex(r.records?.dLdf),
    hex(r.records?.x),
    hex(r.records?.perExample),
    JSON.stringify([r.scenario, r.target, r.metrics, grid, r.allPositive, r.records?.batchSize]),
  ].join('|');
}

/** What the host does with `patch` on `base`: the scenario as written afterwards, the run it sends, or its message. */
async function host(base: Json, patch: Json): Promise<{ raw: Json; run: RunView | null; problem: string | null }> {
  const storage = { get: () => undefined, update: async () => undefined };
  const s = new PlaygroundSession(
    storage,
    (_title, work) =>
      work(
        () => undefined,
        () => false,
      ),
    () => base,
  );
  await s.compute();
  const events: SessionEvent[] = [];
  s.onEvent((e) => events.push(e));
  let problem: string | null = null;
  try {
    await s.apply(patch);
  } catch (e) {
    problem = (e as Error).message;
  }
  const last = events.at(-1);
  return { raw: s.raw, run: last?.kind === 'run' ? last.run : null, problem };
}

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const small = fc.record(
  {
    inputs: fc.record(
      {
        distribution: fc.constantFrom('sigmoid', 'tanh', 'relu', 'gaussian', 'uniform'),
        center: fc.boolean(),
        count: fc.integer({ min: 2, max: 300 }),
        shift: fc.tuple(finite(-1, 1), finite(-1, 1)),
      },
      { requiredKeys: [] },
    ),
    optimizer: fc.record(
      { name: fc.constantFrom(...OPTIMIZER_NAMES), lr: finite(0.001, 1), momentum: finite(0, 0.99) },
      { requiredKeys: [] },
    ),
    batchSize: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.constant('full')),
    order: fc.constantFrom('cyclic', 'shuffle'),
    steps: fc.integer({ min: 1, max: 300 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    loss: fc.constantFrom('mse', 'logistic'),
    start: fc.tuple(finite(-3, 3), finite(-3, 3)),
    target: fc.oneof(
      fc.record({ quadrant: fc.constantFrom('nw', 'ne', 'sw', 'se'), distance: finite(0.5, 4) }),
      fc.record({ point: fc.tuple(finite(-3, 3), finite(-3, 3)) }),
    ),
  },
  { requiredKeys: [] },
);
const functionScenario = fc.record({
  model: fc.constant('function'),
  function: fc.oneof(
    fc.record({ preset: fc.constantFrom(...FUNCTION_PRESET_NAMES) }),
    fc.record({ expression: fc.constantFrom('w1^2 + 3*w2^2', 'sin(w1) + w2^2', '(w1 - 1)^2 + 10*(w2 - w1^2)^2') }),
  ),
  start: fc.tuple(finite(-2, 2), finite(-2, 2)),
  steps: fc.integer({ min: 1, max: 300 }),
  optimizer: fc.record({ name: fc.constantFrom(...OPTIMIZER_NAMES), lr: finite(0.001, 0.1) }, { requiredKeys: [] }),
});
/** Patches as the controls, the plane and the palette send them, some of them invalid. */
const patches = fc.oneof(
  small,
  fc.tuple(finite(-4, 4), finite(-4, 4)).map((p) => startPatch(p)),
  fc.tuple(finite(-4, 4), finite(-4, 4)).map((p) => targetPatch(p)),
  fc.record({ optimizer: fc.record({ lr: fc.oneof(finite(-1, 2), fc.constant(0)) }) }),
  fc.constantFrom<Json>(
    { steps: 0 },
    { steps: 60_000 },
    { batchSize: 'half' },
    { inputs: { distribution: 'points' } },
    { model: 'function', function: { preset: 'beale', expression: null }, target: null },
    { model: 'function', function: { expression: 'w1 +* w2', preset: null }, target: null },
    { model: 'neuron', function: null, target: null },
    { optimizer: null },
    { target: { quadrant: 'ne', distance: 2, point: null } },
    { wat: 1 },
  ),
);

describe('preview: the page predicts the host', function () {
  this.timeout(120_000);

  it('the same scenario as written, the same refusal, the same run bit for bit (random scenarios and patches)', async () => {
    let compared = 0;
    let refused = 0;
    let failedToRun = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: functionScenario }),
        patches,
        async (base, patch) => {
          try {
            resolveScenario(base);
          } catch {
            return; // the host never holds an invalid scenario
          }
          const expected = await host(base as Json, patch);
          const preview = previewChange(base as Json, patch, { maxWork: Infinity });
          assert.deepEqual(preview.raw, expected.raw, 'the scenario as written afterwards');
          assert.equal(preview.problem, expected.problem, 'the refusal');
          if (expected.problem === null) {
            assert.ok(preview.run && expected.run, 'a run on both sides');
            assert.equal(fingerprint(preview.run), fingerprint(expected.run), 'the run, bit for bit');
            compared++;
          } else {
            assert.equal(preview.run, null);
            // Refused before anything changed, or taken and then failed to run (an expression that does not compile).
            if (JSON.stringify(expected.raw) === JSON.stringify(base)) refused++;
            else failedToRun++;
          }
        },
      ),
      { numRuns: 150, seed: 12 },
    );
    assert.ok(compared > 60 && refused > 10, `compared ${compared}, refused ${refused}, failed to run ${failedToRun}`);
  });

  it('a change too costly for a frame is predicted (scenario as written) but not run', () => {
    const base = {};
    const patch = { loss: 'logistic', inputs: { count: 20_000 }, batchSize: 'full', steps: 2000 };
    const preview = previewChange(base, patch);
    assert.ok(previewWork(resolveScenario(preview.raw)) > PREVIEW_MAX_WORK);
    assert.equal(preview.run, null);
    assert.equal(preview.problem, null);
    assert.deepEqual(preview.raw, patch);
  });

  it('the classic demo and its usual changes are cheap enough to preview', () => {
    for (const patch of [{}, { optimizer: { lr: 0.1 } }, { batchSize: 16 }, { inputs: { distribution: 'relu' } }, { steps: 50_000 }]) {
      const s = resolveScenario(patch);
      assert.ok(previewWork(s) <= PREVIEW_MAX_WORK, `${JSON.stringify(patch)}: work ${previewWork(s)}`);
    }
  });

  it('a fan-in drag (issue 21’s d = 784, N = 256, batch 1, 400 steps) dear only while what its inputs keep is missing: each move works towards it, then every move previews the host’s run', () => {
    const base: Json = { inputs: { dimension: 784, count: 256 }, optimizer: { name: 'sgd', lr: 0.002 }, batchSize: 1, steps: 400 };
    const memo = new RunViewMemo();
    const now = (): number => performance.now();
    const move = (k: number): ReturnType<typeof previewChange> =>
      previewChange(base, { start: Array.from({ length: 784 }, (_, j) => (j === 0 ? 0.01 * k : 0)) }, { memo, now });
    const s = resolveScenario(move(0).raw);
    assert.ok(previewWork(s) > PREVIEW_MAX_WORK && previewWork(s, ALL_KEPT) <= PREVIEW_MAX_WORK, 'the case is dear cold only');
    let moves = 1;
    let last = move(moves);
    assert.equal(last.run, null, 'the first move is not previewed');
    while (last.run === null && moves < 2000) last = move(++moves);
    assert.ok(last.run, `previewed after ${moves} moves`);
    assert.ok(moves > 2, 'the work came in slices');
    assert.ok(previewWork(resolveScenario(last.raw), memo) <= PREVIEW_MAX_WORK);
    assert.equal(fingerprint(last.run), fingerprint(computeRunView(resolveScenario(last.raw))));
    // The moves after: each previewed, the host's run bit for bit (its own data, scored afresh).
    for (let k = moves + 1; k <= moves + 3; k++) {
      const next = move(k);
      assert.ok(next.run, `move ${k} previewed`);
      assert.equal(fingerprint(next.run), fingerprint(computeRunView(resolveScenario(next.raw))));
    }
  });

  it('a fan-in change too dear even with everything kept does not warm anything', () => {
    const base: Json = { inputs: { dimension: 784, count: 256 }, loss: 'logistic', optimizer: { lr: 0.002 } };
    const memo = new RunViewMemo();
    const preview = previewChange(base, { optimizer: { lr: 0.001 } }, { memo, now: () => performance.now() });
    const s = resolveScenario(preview.raw);
    assert.ok(previewWork(s, ALL_KEPT) > PREVIEW_MAX_WORK);
    assert.equal(preview.run, null);
    assert.equal(memo.datasets.keptFor(s), null);
  });

  it('a drag keeps the window: the grid is over the given window, the run is the host’s', () => {
    const base: Json = { target: { point: [-2, 2] } };
    const shown = computeRunView(resolveScenario(base));
    const window = { x0: shown.grid.x0, x1: shown.grid.x1, y0: shown.grid.y0, y1: shown.grid.y1 };
    const draft = previewChange(base, startPatch([0.3, -0.2]), { window });
    const exact = previewChange(base, startPatch([0.3, -0.2]));
    assert.ok(draft.run && exact.run);
    assert.deepEqual([draft.run.grid.x0, draft.run.grid.x1, draft.run.grid.y0, draft.run.grid.y1], Object.values(window));
    // The target does not move with the start here, so the surface in the same window is the same grid.
    const hex = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
    assert.equal(hex(draft.run.grid.values), hex(shown.grid.values));
    assert.equal(hex(draft.run.trajectory), hex(exact.run.trajectory));
    assert.deepEqual(draft.run.metrics, exact.run.metrics);
  });
});
