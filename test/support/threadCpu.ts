// CPU time of the calling thread alone, for tests that hold a piece of work to the 50 ms of a long task.
// process.cpuUsage() counts every thread of the process (the compiler's, the collector's helpers, other
// workers), and Node 20 has no per-thread clock (process.threadCpuUsage is Node 23.9+): on Linux the
// kernel's own count of the thread's time on a CPU, /proc/thread-self/schedstat, is one. The kernel brings
// it up to date at its scheduler ticks (every few milliseconds): good for pieces of work held to 50 ms,
// not for timing a millisecond.
import { readFileSync } from 'node:fs';

function schedstatMs(): number {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

function processMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Whether threadCpuMs() counts this thread alone (false: the whole process, an upper bound). */
const perThread = ((): boolean => {
  try {
    return Number.isFinite(schedstatMs());
  } catch {
    return false;
  }
})();

/** Milliseconds of CPU time this thread has used (the whole process's where the kernel gives no per-thread count). */
export const threadCpuMs: () => number = perThread ? schedstatMs : processMs;
