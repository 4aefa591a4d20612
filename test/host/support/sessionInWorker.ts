// One scenario through the host's session, in a worker thread the test can terminate (a case that never
// finishes must fail the test, not hang it), with an event-loop monitor: a setImmediate chain that
// records the longest gap between its turns, which is the longest the session held the event loop.
// Each gap is measured in wall time and in the process's CPU time: on a machine shared with other
// jobs the wall time of a short slice can stretch many times over while the thread is not running,
// the CPU time is the work the slice did.
import { parentPort, workerData } from 'node:worker_threads';
import { ScenarioError } from '../../../src/engine/index';
import { PlaygroundSession, RunCancelled, type WithProgress } from '../../../src/host/session';
import { ScenarioEditError } from '../../../src/shared/scenarioEdit';
import { parseScenarioText } from '../../../src/shared/scenarioText';

export interface WorkerInput {
  readonly text: string;
  /** Cancel from the progress notification after this many progress reports (none: never cancel). */
  readonly cancelAfterReports?: number;
}

export interface WorkerOutcome {
  readonly outcome: 'run' | 'refused' | 'cancelled';
  readonly field?: string;
  readonly message?: string;
  readonly divergedAt?: number | null;
  readonly stepsTaken?: number;
  /** Whether a progress notification was shown, and how many reports it got. */
  readonly notified: boolean;
  readonly reports: number;
  /** The session's scenario after the run (a cancelled run rolls back). */
  readonly scenarioSteps: number;
  readonly longestWallMs: number;
  /** The longest gap in CPU time, at most its wall time (the process counts other threads too). */
  readonly longestCpuMs: number;
  readonly elapsedMs: number;
}

const input = workerData as WorkerInput;
const store = new Map<string, unknown>();
let notified = false;
let reports = 0;
const withProgress: WithProgress = (_title, work) => {
  notified = true;
  return work(
    () => void reports++,
    () => input.cancelAfterReports !== undefined && reports >= input.cancelAfterReports,
  );
};
const session = new PlaygroundSession(
  { get: (k) => store.get(k), update: (k, v) => Promise.resolve(void store.set(k, v)) },
  withProgress,
  () => ({}),
);

let longestWallMs = 0;
let longestCpuMs = 0;
let running = true;
let lastWall = performance.now();
let lastCpu = process.cpuUsage();
const turn = (): void => {
  const wall = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  longestWallMs = Math.max(longestWallMs, wall - lastWall);
  // The process's CPU time also counts its other threads (GC helpers, the compiler, the test's own
  // thread), so a gap held no longer than the lesser of the two.
  longestCpuMs = Math.max(longestCpuMs, Math.min(wall - lastWall, (cpu.user + cpu.system) / 1000));
  lastWall = wall;
  lastCpu = process.cpuUsage();
  if (running) setImmediate(turn);
};

async function main(): Promise<WorkerOutcome> {
  // The case once first, unmeasured, in a session of its own (so nothing is remembered for the measured
  // run): a fresh worker compiles the code a case needs on its first use, once per process, which under
  // load alone passed 50 ms; what is measured is the case's own work.
  const scratch = new Map<string, unknown>();
  const warmUp = new PlaygroundSession(
    { get: (k) => scratch.get(k), update: (k, v) => Promise.resolve(void scratch.set(k, v)) },
    withProgress,
    () => ({}),
  );
  try {
    await warmUp.replace(parseScenarioText(input.text, 'the case'));
  } catch {
    // The measured run below meets the same refusal and reports it.
  }
  notified = false;
  reports = 0;
  const started = performance.now();
  lastWall = started;
  lastCpu = process.cpuUsage();
  setImmediate(turn);
  let result: Pick<WorkerOutcome, 'outcome' | 'field' | 'message' | 'divergedAt' | 'stepsTaken'>;
  try {
    const run = await session.replace(parseScenarioText(input.text, 'the case'));
    result = { outcome: 'run', divergedAt: run.metrics.divergedAt, stepsTaken: run.trajectory.length / 2 - 1 };
  } catch (e) {
    if (e instanceof ScenarioError) result = { outcome: 'refused', field: e.field, message: e.message };
    else if (e instanceof ScenarioEditError) result = { outcome: 'refused', field: '', message: e.message };
    else if (e instanceof RunCancelled) result = { outcome: 'cancelled', message: e.message };
    else throw e;
  }
  turn();
  running = false;
  return {
    ...result,
    notified,
    reports,
    scenarioSteps: session.scenario.steps,
    longestWallMs,
    longestCpuMs,
    elapsedMs: performance.now() - started,
  };
}

void main().then((outcome) => parentPort!.postMessage(outcome));
