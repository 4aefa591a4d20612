// The loss-grid window is total: whatever a scenario, a run or a caller hands it (±Infinity, NaN,
// ±1e308, subnormals, a run that ran to the edge of the doubles), gridBounds and niceCeil return in a
// bounded number of iterations, with a finite window around everything finite they were given.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { GRID_EXTENT, NICE_MAX, NICE_MIN, gridBounds, niceCeil } from '../../src/engine/grid';

/** Every double, with the extremes (±Infinity, NaN, ±MAX_VALUE, ±1e308, subnormals, ±0) drawn often. */
const extreme = fc.oneof(
  fc.double(),
  fc.constantFrom(Infinity, -Infinity, NaN, Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, -1e308, 1.5e308, -1.5e308),
  fc.constantFrom(Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 1e-310, 0, -0, 1e12, -1e12, 1e15, -1e15),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
const point = fc.tuple(extreme, extreme);

/** What gridBounds promises to enclose: each finite coordinate, held within ±GRID_EXTENT. */
const held = (v: number): number => Math.max(-GRID_EXTENT, Math.min(GRID_EXTENT, v));

describe('grid window: total over every double', () => {
  it("niceCeil returns for every double: in its range the smallest nice number ≥ x (less than 4/3·x: 2 after 1.5 is the widest step), else the range's end", () => {
    fc.assert(
      fc.property(extreme, (x) => {
        const v = niceCeil(x);
        if (Number.isNaN(x)) return assert.ok(Number.isNaN(v));
        if (x > NICE_MAX) return assert.equal(v, Infinity);
        if (x < NICE_MIN) return assert.equal(v, niceCeil(NICE_MIN));
        assert.ok(Number.isFinite(v) && v >= x && v <= (4 / 3) * x * (1 + 1e-12), `niceCeil(${x}) = ${v}`);
      }),
      { numRuns: 3000 },
    );
    assert.deepEqual(
      [Infinity, -Infinity, 0, -0, -1, Number.MIN_VALUE, NICE_MAX].map((x) => Number.isFinite(niceCeil(x))),
      [false, true, true, true, true, true, true],
    );
  });

  it('gridBounds returns a finite window of the asked shape around every finite point and trajectory sample', () => {
    fc.assert(
      fc.property(
        fc.array(point, { maxLength: 4 }),
        fc.array(extreme, { maxLength: 40 }),
        fc.constantFrom(1, 1.5),
        (points, samples, aspect) => {
          const trajectory = Float64Array.from(samples);
          const w = gridBounds(points, trajectory, 0.15, 0.5, aspect);
          for (const v of [w.x0, w.x1, w.y0, w.y1]) assert.ok(Number.isFinite(v), JSON.stringify(w));
          assert.ok(w.x1 > w.x0 && w.y1 > w.y0, JSON.stringify(w));
          const inside = (a: number, b: number): void => {
            if (!Number.isFinite(a) || !Number.isFinite(b)) return;
            const x = held(a);
            const y = held(b);
            assert.ok(x >= w.x0 && x <= w.x1 && y >= w.y0 && y <= w.y1, `(${a}, ${b}) outside ${JSON.stringify(w)}`);
          };
          for (const [a, b] of points) inside(a, b);
          for (let i = 0; i + 1 < trajectory.length; i += 2) inside(trajectory[i], trajectory[i + 1]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the runs of issue 17: weights at ±1e308, a window that would overflow to Infinity', () => {
    const w = gridBounds(
      [
        [0.3, 0.7],
        [1e308, -1e308],
      ],
      Float64Array.of(0.3, 0.7, -1.7e308, 1.7e308, Number.MAX_VALUE, -Number.MAX_VALUE),
    );
    for (const v of [w.x0, w.x1, w.y0, w.y1]) assert.ok(Number.isFinite(v));
    assert.ok(w.x0 <= -GRID_EXTENT && w.x1 >= GRID_EXTENT);
  });

  it('refuses a shape it cannot fit (margin, half-width or aspect not finite or out of range) instead of looping', () => {
    for (const [margin, half, aspect] of [
      [NaN, 0.5, 1],
      [0.15, Infinity, 1],
      [0.15, 0, 1],
      [0.15, 0.5, 0.01],
      [0.15, 0.5, NaN],
      [-1, 0.5, 1],
    ]) {
      assert.throws(() => gridBounds([[0, 0]], new Float64Array(0), margin, half, aspect), RangeError);
    }
  });
});
