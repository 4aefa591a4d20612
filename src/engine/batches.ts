// Which examples step t uses. Cyclic: (t·B + k) mod N. Shuffle: the same positions p = t·B + k read
// through a seeded permutation of 0 … N−1 drawn afresh for each epoch ⌊p / N⌋.
import { Rng, Stream } from './rng';
import type { Order } from './types';

export class BatchSchedule {
  private rng: Rng;
  private nextEpoch = 0;
  // The two most recent epochs' permutations: a batch can straddle an epoch boundary.
  private epochA = -1;
  private permA: Uint32Array;
  private epochB = -1;
  private permB: Uint32Array;

  constructor(
    readonly n: number,
    readonly batchSize: number,
    readonly order: Order,
    private readonly seed: number,
  ) {
    this.rng = new Rng(seed, Stream.Shuffle);
    this.permA = new Uint32Array(order === 'shuffle' ? n : 0);
    this.permB = new Uint32Array(order === 'shuffle' ? n : 0);
  }

  /** Index of the k-th example of step t's batch. */
  index(t: number, k: number): number {
    const p = t * this.batchSize + k;
    if (this.order === 'cyclic') return p % this.n;
    const epoch = Math.floor(p / this.n);
    return this.permutation(epoch)[p - epoch * this.n];
  }

  private permutation(epoch: number): Uint32Array {
    if (epoch === this.epochA) return this.permA;
    if (epoch === this.epochB) return this.permB;
    if (epoch < this.nextEpoch) {
      // Asked to go back in time (e.g. re-inspecting an old step): replay the stream from the start.
      this.rng = new Rng(this.seed, Stream.Shuffle);
      this.nextEpoch = 0;
      this.epochA = this.epochB = -1;
    }
    while (this.nextEpoch <= epoch) {
      // Recycle the older buffer; Fisher–Yates from the identity each epoch.
      const perm = this.epochA < this.epochB ? this.permA : this.permB;
      for (let i = 0; i < this.n; i++) perm[i] = i;
      for (let i = this.n - 1; i > 0; i--) {
        const j = this.rng.nextInt(i + 1);
        const tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      if (perm === this.permA) this.epochA = this.nextEpoch;
      else this.epochB = this.nextEpoch;
      this.nextEpoch++;
    }
    return epoch === this.epochA ? this.permA : this.permB;
  }
}
