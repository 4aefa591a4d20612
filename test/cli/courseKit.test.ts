// The course kit's grading (examples/course/.github/workflows/classroom.yml) as GitHub Classroom runs it:
// the workflow is read, not copied, and each grading step's setup and command run in a shell in a student's
// repository, whose first commit is the kit as published. Unsolved, every step fails; solved, every step
// passes; a later commit that edits the grader and the exercise changes nothing.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { load } from 'js-yaml';

const root = resolve(__dirname, '../..');
const kit = join(root, 'examples/course');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly with?: Record<string, string | number>;
  readonly env?: Record<string, string>;
}
interface Workflow {
  readonly name: string;
  readonly on: unknown;
  readonly jobs: Record<string, { readonly 'runs-on': string; readonly steps: readonly Step[] }>;
}

const workflow = load(readFileSync(join(kit, '.github/workflows/classroom.yml'), 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs)[0].steps;
const graders = steps.filter((s) => s.uses?.startsWith('classroom-resources/autograding-command-grader@'));
const exercises = readdirSync(join(kit, 'exercises')).filter((f) => f.endsWith('.zigzag.json'));

/** The exercise file a grading step checks. */
function checked(step: Step): string {
  const m = /\bcheck (exercises\/\S+\.zigzag\.json)\b/.exec(String(step.with?.command));
  assert.ok(m, `${step.id}: a zigzag check of one exercise file: ${step.with?.command}`);
  return m[1];
}

function git(repo: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Student', '-c', 'user.email=student@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    stdio: 'ignore',
  });
}

const repositories: string[] = [];
after(() => {
  for (const repo of repositories) rmSync(repo, { recursive: true, force: true });
});

/** A student's repository: the kit as a teacher publishes it (without solutions/), as its first commit. */
function studentRepository(): string {
  const repo = mkdtempSync(join(tmpdir(), 'zigzag-kit-'));
  repositories.push(repo);
  const solutions = join(kit, 'solutions');
  cpSync(kit, repo, { recursive: true, filter: (src) => src !== solutions && !src.startsWith(solutions + sep) });
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'The course as published');
  return repo;
}

function commit(repo: string, message: string): void {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
}

/** One grading step as autograding-command-grader runs it: the setup, then the command, in a shell. */
function grade(repo: string, step: Step): { code: number | null; output: string } {
  // The grader passes the runner's PATH and HOME on and little else.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const run = (command: string) => spawnSync('/bin/sh', ['-c', command], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
  const setup = run(String(step.with!['setup-command']));
  assert.equal(setup.status, 0, `${step.id} setup: ${setup.stderr}`);
  const r = run(String(step.with!.command));
  return { code: r.status, output: r.stdout + r.stderr };
}

describe('course kit: the CLI it carries', () => {
  it('is the build of the current source (esbuild.mjs courseCli --check)', function () {
    this.timeout(60_000);
    const r = spawnSync(process.execPath, [join(root, 'esbuild.mjs'), 'courseCli', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });
});

describe('course kit: the Classroom workflow', () => {
  it('has the form GitHub Classroom reports from: one job, a checkout with history, one grading step per exercise, the reporter', () => {
    assert.equal(workflow.name, 'Autograding Tests');
    assert.deepEqual(Object.keys(workflow.jobs), ['run-autograding-tests']);
    assert.deepEqual(workflow.on, ['push', 'workflow_dispatch']);
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0, 'the first commit is needed');
    assert.deepEqual(graders.map(checked).sort(), exercises.map((f) => `exercises/${f}`).sort(), 'one step per exercise');
    for (const g of graders) {
      const title = (JSON.parse(readFileSync(join(kit, checked(g)), 'utf8')) as { exercise: { title: string } }).exercise.title;
      assert.equal(g.with!['test-name'], title, `${g.id} is named after its exercise`);
      assert.ok(Number(g.with!['max-score']) > 0 && Number(g.with!.timeout) > 0, `${g.id}: a score and a timeout`);
    }
    const reporter = steps[steps.length - 1];
    assert.match(String(reporter.uses), /^classroom-resources\/autograding-grading-reporter@/);
    const ids = graders.map((g) => g.id!);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(String(reporter.with!.runners).split(','), ids);
    assert.deepEqual(
      reporter.env,
      Object.fromEntries(ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{ steps.${id}.outputs.result }}`])),
    );
  });

  it('grades a student’s repository: every step fails unsolved, passes solved, and ignores a later edit of the grader', function () {
    this.timeout(300_000);
    const repo = studentRepository();
    for (const step of graders) {
      const r = grade(repo, step);
      assert.equal(r.code, 1, `${step.id} unsolved: ${r.output}`);
      assert.match(r.output, new RegExp(`^FAIL  ${checked(step)}  `), step.id);
    }

    for (const f of exercises) cpSync(join(kit, 'solutions', f), join(repo, 'exercises', f));
    commit(repo, 'My answers');
    for (const step of graders) {
      const r = grade(repo, step);
      assert.equal(r.code, 0, `${step.id} solved: ${r.output}`);
      assert.match(r.output, new RegExp(`^PASS  ${checked(step)}  `), step.id);
    }

    // Undo the answers, then make the grader pass anything and drop every exercise's goals and predictions.
    for (const f of exercises) {
      const path = join(repo, 'exercises', f);
      const json = JSON.parse(execFileSync('git', ['show', `HEAD~1:exercises/${f}`], { cwd: repo, encoding: 'utf8' })) as {
        exercise: Record<string, unknown>;
      };
      json.exercise.goals = [];
      json.exercise.predict = [];
      writeFileSync(path, JSON.stringify(json));
    }
    writeFileSync(join(repo, '.github/zigzag/zigzag.cjs'), 'process.exit(0);\n');
    commit(repo, 'Easier');
    for (const step of graders) {
      const r = grade(repo, step);
      assert.equal(r.code, 1, `${step.id} after editing the grader and the exercise: ${r.output}`);
      assert.match(r.output, /exercise\.(goals|predict) changed: the exercise must stay as published/, step.id);
    }
  });
});
