// Runs work that comes in pieces (src/engine/pieces.ts) a slice at a time, letting other work in between
// slices: the extension host's event loop, a page's main thread. A slice ends once SLICE_MS have passed,
// so no slice comes near the 50 ms of a long task. Pieces are timed by kind (a step, a grid cell, a
// block of examples): the clock is read after a batch of pieces that grows while batches stay short and
// starts again at one piece whenever the kind changes, so reading the clock costs next to nothing and a
// dear kind of piece following a cheap one cannot run a long batch. Pure: the caller supplies the clock.
import type { Pieces } from '../engine/pieces';

/** What slicing needs from the thread it runs on. */
export interface SliceClock {
  /** Milliseconds (performance.now). */
  now(): number;
  /** Resolves once other work has had its turn (a new task). */
  pause(): Promise<void>;
}

/** A slice's length in milliseconds: a tenth of a long task, so a slice stays short on a loaded machine too. */
export const SLICE_MS = 5;
/** How long a batch of pieces between two readings of the clock should take, in milliseconds. */
const BATCH_MS = 1;

/**
 * Runs `pieces` to the end in slices of about SLICE_MS, pausing between slices; `between` runs at each
 * pause (report progress there, or throw to stop: the pieces are then dropped and the promise rejects).
 */
export async function runInSlices<T, K extends string>(pieces: Pieces<T, K>, clock: SliceClock, between?: () => void): Promise<T> {
  let kind: K | undefined;
  let batch = 1;
  let count = 0;
  let sliceStart = clock.now();
  let read = sliceStart;
  for (;;) {
    const r = pieces.next();
    if (r.done) return r.value;
    if (r.value === kind && ++count < batch) continue;
    const t = clock.now();
    if (r.value !== kind) {
      kind = r.value;
      batch = 1;
    } else if (t - read < BATCH_MS / 2) batch *= 2;
    else if (t - read > 2 * BATCH_MS) batch = Math.max(1, batch >> 1);
    count = 0;
    read = t;
    if (t - sliceStart >= SLICE_MS) {
      between?.();
      await clock.pause();
      sliceStart = read = clock.now();
    }
  }
}
