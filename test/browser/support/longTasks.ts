// Long tasks of a page's main thread, with the CPU time each took from Chromium's trace: the browser
// stage's long-task tests (the Markdown preview's, the notebook renderer's) hold a page's own work to the
// 50 ms of a long task, not the time it waited for a core on a machine shared with other jobs.

/** A task the Long Tasks API reported (times in ms of the page's clock). */
export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

export interface MeasuredTask extends LongTask {
  /** CPU time of the main thread's task behind it (the trace's thread duration), in ms. */
  readonly cpu: number;
  /** What ran in it (the trace's top events). */
  readonly what: string;
}

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  /** Microseconds. */
  readonly ts: number;
  readonly dur?: number;
  /** The thread's CPU time in the event, microseconds. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly startTime?: number } };
}

/**
 * Each long task with the CPU time the page's main thread spent in it, from Chromium's trace. A long
 * task is one of over 50 ms of wall time; on a machine shared with other jobs a task that did a few
 * milliseconds of work can wait that long for a core, so the test holds each task's own CPU time to the
 * budget and reports the wall time beside it.
 */
export function withCpuTime(tasks: readonly LongTask[], events: readonly TraceEvent[]): MeasuredTask[] {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The page's own main thread is the one that made the clock mark: other renderers' main threads (another
  // page's module evaluation, say) must not be charged to it.
  const mark = events.find((e) => e.name === 'zz-clock' && main.has(`${e.pid}:${e.tid}`));
  const onMain = (e: TraceEvent): boolean => mark !== undefined && e.pid === mark.pid && e.tid === mark.tid;
  const runs = events.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ph === 'X' && onMain(e));
  // The mark's time in the page's clock (ms) and in the trace's (µs) tie the two together.
  const markPage = mark?.args?.data?.startTime;
  return tasks.map((t) => {
    if (!mark || markPage === undefined) return { ...t, cpu: Infinity, what: 'no clock mark in the trace' };
    const from = mark.ts + (t.start - markPage) * 1000;
    const to = from + t.duration * 1000;
    let best: TraceEvent | undefined;
    let overlap = 0;
    for (const r of runs) {
      const o = Math.min(to, r.ts + (r.dur ?? 0)) - Math.max(from, r.ts);
      if (o > overlap) [best, overlap] = [r, o];
    }
    if (!best) return { ...t, cpu: Infinity, what: 'no task in the trace' };
    const end = best.ts + (best.dur ?? 0);
    const inner = events.filter(
      (e) => e.ph === 'X' && onMain(e) && e !== best && e.ts >= best.ts && e.ts < end && !e.name.endsWith('RunTask'),
    );
    const names = [...new Set(inner.filter((e) => (e.dur ?? 0) > 0.2 * (best.dur ?? 0)).map((e) => e.name))].slice(0, 4);
    return { ...t, cpu: (best.tdur ?? Infinity) / 1000, what: names.join(' > ') || 'unnamed' };
  });
}

/** What `promise` gives within `ms`, else `otherwise`; the timer is cleared, so it cannot keep mocha's process alive. */
export async function within<T, U>(promise: Promise<T>, ms: number, otherwise: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<U>((resolve) => (timer = setTimeout(() => resolve(otherwise), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
