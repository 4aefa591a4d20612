// src/shared/contours.ts in Node: the negated d3-contour pass draws the same lines as the straightforward one,
// and ContourCache hits exactly when the grid is the same (bounds, n, every bit of the values).
import assert from 'node:assert/strict';
import { contours } from 'd3-contour';
import { resolveScenario } from '../../src/engine/index';
import { UI_LIMITS } from '../../src/shared/uiLimits';
import type { ContourGrid } from '../../src/shared/runModel';
import { COARSE_STRIDE, ContourCache, type ContourLevel, contourLevels, gridFingerprint, logLevels } from '../../src/shared/contours';
import { computeRunView } from '../../src/shared/runView';

const grid = (scenario: Record<string, unknown>): ContourGrid => computeRunView(resolveScenario(scenario)).grid;

/** The interior crossings (off the grid's border) of the straightforward pass: values ≥ level outlined. */
function referencePoints(g: ContourGrid, level: number): string[] {
  const n = g.n;
  const values = Array.from(g.values, (v) => (Number.isFinite(v) ? v : Number.MAX_VALUE));
  const out: string[] = [];
  for (const polygon of contours().size([n, n]).smooth(true).contour(values, level).coordinates) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        const gx = Math.min(Math.max(x - 0.5, 0), n - 1);
        const gy = Math.min(Math.max(y - 0.5, 0), n - 1);
        if (gx === 0 || gx === n - 1 || gy === 0 || gy === n - 1) continue;
        out.push(key(g.x0 + gx * ((g.x1 - g.x0) / (n - 1)), g.y0 + gy * ((g.y1 - g.y0) / (n - 1))));
      }
    }
  }
  return out;
}

const key = (x: number, y: number): string => `${x.toFixed(9)},${y.toFixed(9)}`;

function interiorPoints(g: ContourGrid, rings: readonly Float64Array[]): string[] {
  const out: string[] = [];
  for (const r of rings) {
    for (let k = 0; k < r.length; k += 2) {
      if (r[k] === g.x0 || r[k] === g.x1 || r[k + 1] === g.y0 || r[k + 1] === g.y1) continue;
      out.push(key(r[k], r[k + 1]));
    }
  }
  return out;
}

const distinct = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

describe('contours', () => {
  for (const [name, scenario] of [
    ['default neuron (a bowl around w*)', {}],
    ['tanh inputs', { inputs: { distribution: 'tanh' } }],
    ['Himmelblau (four minima, saddles)', { model: 'function', function: { preset: 'himmelblau' } }],
    ['Rosenbrock (a curved valley clipped by the window)', { model: 'function', function: { preset: 'rosenbrock' } }],
  ] as const) {
    it(`draws the same crossings as outlining the region above each level: ${name}`, () => {
      const g = grid(scenario);
      const levels = logLevels(g.values, 14);
      const ours = contourLevels(g, levels);
      assert.deepEqual(
        ours.map((l) => l.value),
        [...levels].sort((a, b) => a - b),
      );
      let total = 0;
      for (const level of ours) {
        const mine = distinct(interiorPoints(g, level.rings));
        assert.deepEqual(mine, distinct(referencePoints(g, level.value)), `level ${level.value}`);
        total += mine.length;
      }
      assert.ok(total > 200, `only ${total} contour points`);
    });
  }

  it('treats non-finite grid values as above every level', () => {
    const g = grid({});
    const values = g.values.slice();
    values.fill(Infinity, 0, g.n * 10); // the bottom ten rows overflowed
    values[g.n * 60 + 60] = NaN;
    const levels = logLevels(values, 8);
    for (const level of contourLevels({ ...g, values }, levels)) {
      for (const r of level.rings) for (const v of r) assert.ok(Number.isFinite(v), `ring point ${v}`);
    }
  });

  it('levels are bounded whatever asked for or held: at most the UI’s most levels, none from non-finite or extreme values', () => {
    const g = grid({});
    for (const count of [1e9, Infinity, UI_LIMITS.contourLevels.max + 1])
      assert.equal(logLevels(g.values, count).length, UI_LIMITS.contourLevels.max);
    for (const count of [NaN, 0, -5]) assert.deepEqual(logLevels(g.values, count), []);
    const extreme = Float64Array.of(NaN, Infinity, -Infinity, -1e308, 5e-324, Number.MAX_VALUE, 0, -0);
    const levels = logLevels(extreme, 14);
    assert.equal(levels.length, 14);
    assert.ok(
      levels.every((v) => Number.isFinite(v) && v > 0),
      String(levels),
    );
  });

  /** The largest distance (in grid cells) from a point of `quick` to the lines of `full` at the same level. */
  function worstDeviation(g: ContourGrid, quick: readonly ContourLevel[], full: readonly ContourLevel[]): number {
    const seg = (px: number, py: number, ax: number, ay: number, bx: number, by: number): number => {
      const dx = bx - ax;
      const dy = by - ay;
      const l = dx * dx + dy * dy;
      const t = l > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l)) : 0;
      return Math.hypot(px - ax - t * dx, py - ay - t * dy);
    };
    let worst = 0;
    quick.forEach((level, k) => {
      assert.equal(level.value, full[k].value);
      for (const r of level.rings) {
        for (let i = 0; i < r.length; i += 2) {
          let best = Infinity;
          for (const f of full[k].rings)
            for (let j = 0; j + 3 < f.length; j += 2) best = Math.min(best, seg(r[i], r[i + 1], f[j], f[j + 1], f[j + 2], f[j + 3]));
          worst = Math.max(worst, best);
        }
      }
    });
    return worst / ((g.x1 - g.x0) / (g.n - 1));
  }

  describe('the quick pass (drawn at once for a new surface)', () => {
    for (const [name, scenario, cells] of [
      ['default neuron', {}, 0.15],
      ['tanh inputs', { inputs: { distribution: 'tanh' } }, 0.15],
      ['Himmelblau', { model: 'function', function: { preset: 'himmelblau' } }, 0.3],
      ['Rosenbrock', { model: 'function', function: { preset: 'rosenbrock' } }, 1],
    ] as const) {
      it(`stays within ${cells} grid cells of the full pass and stays inside the window: ${name}`, () => {
        const g = grid(scenario);
        const cache = new ContourCache();
        const quick = cache.get(g, 14, { progressive: true });
        assert.equal(quick.final, false);
        const full = contourLevels(g, logLevels(g.values, 14));
        const deviation = worstDeviation(g, quick.contours, full);
        assert.ok(deviation < cells, `${deviation.toFixed(3)} cells`);
        // Every second sample plus the last row and column: lines still end on the grid's border.
        const xs = quick.contours.flatMap((l) => l.rings.flatMap((r) => Array.from(r.filter((_, i) => i % 2 === 0))));
        assert.ok(Math.max(...xs) <= g.x1 && Math.min(...xs) >= g.x0);
        assert.equal(COARSE_STRIDE, 2);
      });
    }

    it('refine completes the full pass level by level, then the cache answers with it', () => {
      const g = grid({ inputs: { distribution: 'relu' } });
      const cache = new ContourCache();
      const quick = cache.get(g, 14, { progressive: true });
      assert.equal(quick.final, false);
      let slices = 0;
      let result: ReturnType<ContourCache['refine']> = 'more';
      // No time left: exactly one level per call.
      while (result === 'more') {
        result = cache.refine(g, 14, () => 0);
        slices++;
      }
      assert.ok(slices > 1, `${slices} slices`);
      assert.ok(result);
      const full = contourLevels(g, logLevels(g.values, 14));
      assert.equal(worstDeviation(g, result, full), 0);
      const again = cache.get(structuredClone(g), 14, { progressive: true });
      assert.deepEqual([again.final, again.computed, again.contours], [true, false, result]);
      assert.equal(cache.computed, 1);
      // Asked for a full answer, a half-refined grid is finished on the spot.
      const other = grid({ inputs: { distribution: 'tanh' } });
      cache.get(other, 14, { progressive: true });
      const finished = cache.get(other, 14);
      assert.equal(finished.final, true);
      assert.equal(worstDeviation(other, finished.contours, contourLevels(other, logLevels(other.values, 14))), 0);
      // A grid no longer cached: refine says so.
      assert.equal(
        new ContourCache().refine(g, 14, () => 10),
        null,
      );
    });
  });

  describe('ContourCache', () => {
    it('reuses the contours of a structurally cloned grid (a new run message, same surface)', () => {
      const cache = new ContourCache();
      const a = grid({});
      const first = cache.get(a, 14);
      assert.equal(first.computed, true);
      const again = cache.get(structuredClone(a), 14);
      assert.equal(again.computed, false);
      assert.equal(again.contours, first.contours);
      assert.equal(cache.computed, 1);
    });

    it('peek answers from the cache only: null for a surface not seen, never a d3-contour run', () => {
      const cache = new ContourCache();
      const a = grid({});
      assert.equal(cache.peek(a, 14), null);
      assert.equal(cache.computed, 0);
      const first = cache.get(a, 14, { progressive: true });
      const seen = cache.peek(structuredClone(a), 14);
      assert.ok(seen);
      assert.equal(seen.contours, first.contours);
      assert.equal(seen.final, first.final);
      assert.equal(cache.peek(a, 15), null, 'another level count is another entry');
      assert.equal(cache.computed, 1);
    });

    it('recomputes when any value, the window, n or the level count differs', () => {
      const cache = new ContourCache();
      const a = grid({});
      cache.get(a, 14);
      const one = a.values.slice();
      one[4321] = one[4321] * (1 + 2 ** -52); // one ulp in one cell
      assert.notEqual(gridFingerprint(one), gridFingerprint(a.values));
      assert.equal(cache.get({ ...a, values: one }, 14).computed, true);
      assert.equal(cache.get({ ...a, x1: a.x1 + 1 }, 14).computed, true);
      assert.equal(cache.get(a, 15).computed, true);
      assert.equal(cache.get(a, 14).computed, false);
      assert.equal(cache.computed, 4);
    });

    it('recognises a learning-rate change as the same surface and a new distribution as a new one', () => {
      const cache = new ContourCache();
      cache.get(grid({ optimizer: { lr: 0.5 } }), 14);
      assert.equal(cache.get(grid({ optimizer: { lr: 0.3 } }), 14).computed, false, 'the host’s snapped window should give the same grid');
      assert.equal(cache.get(grid({ inputs: { distribution: 'tanh' } }), 14).computed, true);
    });

    it('keeps the most recently used surfaces up to its capacity', () => {
      const cache = new ContourCache(2);
      const [a, b, c] = [grid({}), grid({ inputs: { distribution: 'tanh' } }), grid({ inputs: { distribution: 'relu' } })];
      cache.get(a, 14);
      cache.get(b, 14);
      cache.get(a, 14); // a is now the most recent
      cache.get(c, 14); // evicts b
      assert.equal(cache.get(a, 14).computed, false);
      assert.equal(cache.get(b, 14).computed, true);
    });
  });
});
