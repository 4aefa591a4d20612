// The d = 2 runs whose every number is pinned (test/engine/d2Pins.test.ts): the course's scenario files,
// its Markdown blocks and notebook outputs, the host's presets, and a fixed sweep over every optimizer,
// loss, batch size, order, distribution, centring, shift and label noise. Each run's arrays are hashed
// byte for byte; the hashes in fixtures/d2-pins.json were computed on main before fan-in existed, so a
// d = 2 scenario that changes one bit anywhere fails.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareCentring, curvatureAtTarget } from '../../../src/engine/centring';
import { exactKey } from '../../../src/engine/exactKey';
import { gridBounds, lossGrid } from '../../../src/engine/grid';
import { MetricsTimeline } from '../../../src/engine/metrics';
import { resolveScenario } from '../../../src/engine/scenario';
import { createProblem, simulate } from '../../../src/engine/simulate';
import { SCENARIO_PRESETS } from '../../../src/host/scenarioPresets';

const root = resolve(__dirname, '../../..');
const course = join(root, 'examples/course');

/** Every pinned scenario as written, by a name that says where it comes from. */
export function pinnedScenarios(): [string, unknown][] {
  const out: [string, unknown][] = [];
  const dir = join(course, 'scenarios');
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.zigzag.json')) continue; // data/: the data files of the fan-in examples
    const json = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { inputs?: { distribution?: unknown } };
    if (json.inputs?.distribution === 'file') continue; // d read from a data file: fan-in, not v1's d = 2
    out.push([`examples/${f}`, json]);
  }
  const sheet = readFileSync(join(course, 'EXERCISES.md'), 'utf8');
  let k = 0;
  for (const m of sheet.matchAll(/```zigzag\n([\s\S]*?)```/g)) out.push([`EXERCISES.md block ${k++}`, JSON.parse(m[1])]);
  const notebook = JSON.parse(readFileSync(join(course, 'zigzag.ipynb'), 'utf8')) as {
    cells: { outputs?: { data?: Record<string, unknown> }[] }[];
  };
  k = 0;
  for (const cell of notebook.cells) {
    for (const o of cell.outputs ?? []) {
      const s = o.data?.['application/vnd.zigzag.scenario+json'];
      if (s !== undefined) out.push([`zigzag.ipynb output ${k++}`, s]);
    }
  }
  for (const p of SCENARIO_PRESETS) out.push([`preset ${p.id}`, p.scenario]);
  out.push(...sweep());
  return out;
}

/** A fixed sweep: every optimizer × loss, with batch, order, data and target varied alongside. */
function sweep(): [string, unknown][] {
  const optimizers = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
  const distributions = ['sigmoid', 'tanh', 'relu', 'gaussian', 'uniform'];
  const batches: (number | 'full')[] = [1, 3, 8, 32, 'full'];
  const quadrants = ['nw', 'ne', 'sw', 'se'];
  const out: [string, unknown][] = [];
  let i = 0;
  for (const loss of ['mse', 'logistic']) {
    for (const name of optimizers) {
      for (let v = 0; v < 4; v++, i++) {
        const s = {
          loss,
          inputs: {
            distribution: distributions[i % 5],
            count: [64, 100, 256, 37][v],
            mean: [0, 0.5, -1, 0][(i >> 1) % 4],
            std: [1, 2, 0.5, 1][(i >> 2) % 4],
            center: v === 2,
            shift: v === 3 ? [0.25, -0.5] : [0, 0],
          },
          start: [
            [0, 0],
            [1, -0.5],
            [-0, 0.75],
            [2, 2],
          ][(i + v) % 4],
          target: v === 1 ? { point: [-1.5, 2.5] } : { quadrant: quadrants[i % 4], distance: [3, 1, 5, 2][v] },
          labelNoise: i % 3 === 0 && loss === 'mse' ? 0.2 : 0,
          optimizer: { name, lr: [0.5, 0.1, 0.03, 1.5][v] },
          batchSize: batches[(i + v) % 5],
          order: i % 2 === 0 ? 'cyclic' : 'shuffle',
          steps: [300, 150, 500, 80][v],
          seed: 1 + (i % 5),
        };
        out.push([`sweep ${i} ${loss} ${name}`, s]);
      }
    }
  }
  const points = Array.from({ length: 40 }, (_, j) => [((j * 37) % 11) / 10 + 0.05, ((j * 17) % 13) / 12 + 0.02]);
  out.push(['points, full batch', { inputs: { distribution: 'points', points }, batchSize: 'full', steps: 2000, optimizer: { lr: 1.9 } }]);
  out.push(['points, logistic', { inputs: { distribution: 'points', points }, loss: 'logistic', target: { point: [2, -3] }, steps: 500 }]);
  out.push(['diverges', { optimizer: { lr: 40 }, batchSize: 'full', steps: 200 }]);
  out.push(['diverges at once', { start: [1e6, 1e6], inputs: { mean: 1e6, distribution: 'gaussian' } }]);
  out.push(['long full batch', { inputs: { count: 4096 }, batchSize: 'full', steps: 20000, optimizer: { lr: 2 } }]);
  out.push(['cyclic sums', { inputs: { count: 1000 }, batchSize: 40, steps: 3000, optimizer: { name: 'momentum', lr: 0.2 } }]);
  out.push(['function expression', { model: 'function', function: { expression: 'w1^2 + 3*w2^2 + sin(w1*w2)' }, start: [1, 1] }]);
  out.push(['function with target', { model: 'function', function: { preset: 'rotated' }, target: { point: [0.5, 0.5] }, start: [2, -1] }]);
  return out;
}

const bytes = (a: Float64Array | Uint32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** One hash of everything the engine gives for a scenario in d = 2: run, records, metrics at every step, loss grid, curvature, centring. */
export function pinOf(raw: unknown): string {
  const h = createHash('sha256');
  const text = (x: unknown): void => void h.update(exactKey(x) + '\n');
  const s = resolveScenario(raw);
  for (const records of [false, true]) {
    const run = simulate(s, { records });
    h.update(bytes(run.trajectory));
    h.update(bytes(run.loss));
    text([run.stepsTaken, run.target, run.allPositive, run.metrics]);
    const r = run.records;
    if (r) {
      text([r.batchSize, r.dLdf === null, r.x === null, r.perExample === null, r.dLdfSigns === null]);
      for (const a of [r.gradient, r.dLdf, r.x, r.perExample, r.dLdfSigns]) if (a) h.update(bytes(a));
    }
    if (records) {
      const timeline = MetricsTimeline.ofRun(run);
      for (let c = 0; c <= timeline.steps; c++) text(timeline.at(c));
      const b = gridBounds([s.start, ...(run.target ? [run.target] : [])], run.trajectory, 0.15, 0.5, 1.5);
      text(b);
      h.update(bytes(lossGrid(createProblem(s), b, 33).values));
    }
  }
  if (s.model === 'neuron') {
    text(curvatureAtTarget(s));
    const c = compareCentring(s);
    text([c.applied, c.fallback, c.lambdaMax, c.centred.optimizer.lr]);
  }
  return h.digest('hex');
}
