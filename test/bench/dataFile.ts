// npm run bench:data-file — the host's first plot of a large data file (issue 21): a float32 .npy of
// 10,000 × 784 (the size of MNIST's test set, pixel-like values in [0, 1]) opened as the playground does
// it: the file read and parsed in slices (DataFileSource on the host's clock), then the run, the
// curvature at w* (κ) and the loss grid in slices (PlaygroundSession, RunViewJob). Prints the time to the
// first plot (wall and CPU), its parts, the event loop's longest block, and the memory (peak RSS, heap,
// array buffers). A benchmark, not a test: the target is 3 s on the project's 2-core machine.
//   npm run bench:data-file                  one round
//   npm run bench:data-file -- --rounds 3    more (each in a fresh session, the file read again)
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HOST_CLOCK, PlaygroundSession } from '../../src/host/session';
import { DataFileSource, type DataFileSystem, type LoadedData } from '../../src/shared/dataFileSource';
import type { SliceClock } from '../../src/shared/slices';
import type { WrittenScenario } from '../../src/shared/scenarioEdit';
import { threadCpuMs } from '../support/threadCpu';

const N = 10_000;
const D = 784;
const FILE = 'mnist-size.npy';

/** A C-order float32 .npy (format 1.0) of n × d pixel-like values: a pixel is 0 or uniform in (0, 1], more often lit near the centre. */
function npy(n: number, d: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + 4 * n * d);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const values = new Float32Array(bytes.buffer, 10 + header.length, n * d);
  let state = 12345;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const side = Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const r = Math.hypot((j % side) - side / 2, Math.floor(j / side) - side / 2) / (side / 2);
      values[i * d + j] = random() < 0.6 - 0.5 * Math.min(1, r) ? 1 - random() : 0;
    }
  }
  return bytes;
}

/** The file system under `folder`, as the CLI's reader (without its link checks). */
function folderFiles(folder: string): DataFileSystem {
  return {
    stat: (file) => {
      const s = statSync(join(folder, file));
      return Promise.resolve({ size: s.size, mtime: s.mtimeMs });
    },
    read: async (file) => {
      const bytes = await readFile(join(folder, file));
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    decoder: () => new TextDecoder(),
  };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const MB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/**
 * The host's clock, noting the longest slice in the main thread's own CPU time (on a loaded machine the
 * wall clock counts other processes' turns; process.cpuUsage, the threads that read the file).
 */
function timedClock(): { readonly clock: SliceClock; readonly longestMs: () => number } {
  let longest = 0;
  let since = threadCpuMs();
  const clock: SliceClock = {
    now: () => HOST_CLOCK.now(),
    pause: async () => {
      longest = Math.max(longest, threadCpuMs() - since);
      await HOST_CLOCK.pause();
      since = threadCpuMs();
    },
  };
  return { clock, longestMs: () => Math.max(longest, threadCpuMs() - since) };
}

async function round(folder: string, scenario: WrittenScenario): Promise<void> {
  const { clock, longestMs } = timedClock();
  const source = new DataFileSource(folderFiles(folder), clock);
  const storage = { get: () => undefined, update: () => Promise.resolve() };
  const session = new PlaygroundSession(
    storage,
    (_title, work) =>
      work(
        () => undefined,
        () => false,
      ),
    () => ({ version: 1 }), // the playground's default; the file scenario is opened into it
    () => undefined,
    clock,
  );
  let readMs = 0;
  // As the host: the file parsed in the session's slices (its progress and Cancel).
  session.readData = async (raw, _folder, run): Promise<LoadedData> => {
    const t = performance.now();
    const loaded = await source.load(raw, run);
    readMs = performance.now() - t;
    return loaded;
  };
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const run = await session.replace(scenario);
  const wall = performance.now() - wall0;
  const cpu = cpuMs() - cpu0;
  delay.disable();
  const memory = process.memoryUsage();
  const κ = run.metrics.conditionNumber;
  console.log(
    `first plot ${(wall / 1000).toFixed(2)} s (CPU ${(cpu / 1000).toFixed(2)} s; target 3 s: ${(wall / 3000).toFixed(2)}×${wall <= 3000 ? ' ok' : ' OVER'}): ` +
      `read + parse ${(readMs / 1000).toFixed(2)} s, run + κ + grid ${((wall - readMs) / 1000).toFixed(2)} s; ` +
      `κ = ${κ === null ? 'none' : κ.toFixed(1)}, λmax ${run.ledger.lambdaMax?.toPrecision(4) ?? '–'}, ${run.trajectory.length / 2 - 1} steps; ` +
      `longest slice ${longestMs().toFixed(1)} ms of the thread's CPU, event loop blocked at most ${(delay.max / 1e6).toFixed(0)} ms (wall)`,
  );
  console.log(
    `  memory: peak RSS ${MB(process.resourceUsage().maxRSS * 1024)}; now heap ${MB(memory.heapUsed)} of ${MB(memory.heapTotal)}, array buffers ${MB(memory.arrayBuffers)}, RSS ${MB(memory.rss)}`,
  );
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--rounds');
  const rounds = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 1) : 1;
  const folder = mkdtempSync(join(tmpdir(), 'zigzag-data-'));
  try {
    writeFileSync(join(folder, FILE), npy(N, D));
    const size = statSync(join(folder, FILE)).size;
    // The case as a student opens it: SGD on every example in turn, 400 steps, η for the steep direction.
    const scenario: WrittenScenario = { version: 1, inputs: { distribution: 'file', file: FILE }, optimizer: { lr: 0.002 }, steps: 400 };
    console.log(`d = ${D}, N = ${N.toLocaleString('en-US')} float32 .npy (${MB(size)}); ${JSON.stringify(scenario)}`);
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}; peak RSS before ${MB(process.resourceUsage().maxRSS * 1024)}`,
    );
    for (let r = 0; r < rounds; r++) await round(folder, scenario);
    console.log(
      `load average after: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}; node ${process.version}`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
