// The course repository in examples/course must work as shipped: valid scenarios, a devcontainer that
// installs this extension with settings it really has.
import * as assert from 'node:assert/strict';
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
    inputFile: parseDataFile(file, new Uint8Array(readFileSync(join(course, 'scenarios', file))), (b) => new TextDecoder().decode(b)),
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
});
