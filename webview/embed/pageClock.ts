// The page's thread for runs computed in slices (src/shared/slices.ts): each pause is a message on a
// MessageChannel, a task of its own, so the browser paints and takes input between slices; nested
// zero timeouts would wait at least 4 ms each.
import type { SliceClock } from '../../src/shared/slices';

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

export const PAGE_CLOCK: SliceClock = {
  now: () => performance.now(),
  pause: () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    }),
};
