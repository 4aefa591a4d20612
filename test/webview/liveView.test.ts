// webview/liveView.ts in Node: what the playground shows between a change and the host's answer. The
// host here is the real PlaygroundSession behind a stand-in for the webview bridge (run messages with
// the scenario as written, `applied` after each numbered change); the test decides when each side's
// messages arrive, as a slow or remote host would deliver them.
import * as assert from 'node:assert/strict';
import { PlaygroundSession } from '../../src/host/session';
import type { HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { startPatch, targetPatch } from '../../src/shared/scenarioEdit';
import { LiveModel, shown } from '../../webview/liveView';

type Json = Record<string, unknown>;

/** A host and a webview model with both directions queued until flushed. */
class Wire {
  readonly toHost: WebviewMessage[] = [];
  readonly toView: HostMessage[] = [];
  readonly session: PlaygroundSession;
  readonly model: LiveModel;
  previews = 0;

  constructor(scenario: Json = {}) {
    const storage = { get: () => undefined, update: async () => undefined };
    this.session = new PlaygroundSession(
      storage,
      (_t, work) =>
        work(
          () => undefined,
          () => false,
        ),
      () => scenario,
    );
    this.session.onEvent((e) => {
      if (e.kind === 'run') this.toView.push({ type: 'run', revision: e.revision, run: e.run, raw: e.raw });
      if (e.kind === 'compare') this.toView.push({ type: 'compare', revision: e.revision, ...e.comparison, raw: e.raw });
      if (e.kind === 'failed') this.toView.push({ type: 'invalid', message: e.message });
    });
    this.model = new LiveModel((m) => this.toHost.push(m));
  }

  /** The host handles every queued change, as the webview bridge does (its runs, then `applied`). */
  async hostWorks(): Promise<void> {
    while (this.toHost.length > 0) {
      const m = this.toHost.shift()!;
      try {
        if (m.type === 'patch') await this.session.apply(m.patch);
        if (m.type === 'setStart') await this.session.apply(startPatch(m.point));
        if (m.type === 'setTarget') await this.session.apply(targetPatch(m.point));
        if (m.type === 'reset') await this.session.reset();
      } catch (e) {
        this.toView.push({ type: 'invalid', message: (e as Error).message });
      }
      if ('seq' in m && m.seq !== undefined) this.toView.push({ type: 'applied', seq: m.seq });
    }
  }

  /** Delivers `count` of the host's queued messages (all by default). */
  deliver(count = Infinity): void {
    for (let i = 0; i < count && this.toView.length > 0; i++) this.model.receive(this.toView.shift()!);
  }

  async start(): Promise<void> {
    await this.session.compute();
    this.deliver();
  }

  get shown() {
    return shown(this.model.state);
  }
}

describe('live view: previews until the host has answered', () => {
  it('shows a change from its preview at once; the host’s identical answer keeps the preview’s objects', async () => {
    const w = new Wire();
    await w.start();
    const before = w.shown.view.run!;
    w.model.patch({ optimizer: { lr: 0.1 } });
    assert.equal(w.shown.source, 'preview');
    const preview = w.shown.view.run!;
    assert.notEqual(preview, before);
    assert.equal(preview.scenario.optimizer.lr, 0.1);
    assert.deepEqual(w.toHost, [{ type: 'patch', patch: { optimizer: { lr: 0.1 } }, seq: 1 }]);
    await w.hostWorks();
    w.deliver(1); // the host's run: still waiting for `applied`
    assert.equal(w.shown.source, 'preview');
    w.deliver();
    assert.equal(w.shown.source, 'host');
    assert.equal(w.shown.view.run, preview, 'the same bits: the preview stays on screen as the host’s run');
    assert.equal(w.shown.view.revision, w.session.currentRevision);
    assert.equal(w.model.state.mismatches, 0);
  });

  it('answers to older changes never replace a newer preview (a slider dragged over a slow host)', async () => {
    const w = new Wire();
    await w.start();
    for (const lr of [0.1, 0.2, 0.3]) w.model.patch({ optimizer: { lr } });
    assert.equal(w.shown.view.run!.scenario.optimizer.lr, 0.3);
    await w.hostWorks();
    // run(0.1), applied 1, run(0.2), applied 2, run(0.3), applied 3, one at a time.
    while (w.toView.length > 2) {
      w.deliver(1);
      assert.equal(w.shown.source, 'preview');
      assert.equal(w.shown.view.run!.scenario.optimizer.lr, 0.3, 'an older answer reached the screen');
    }
    w.deliver();
    assert.equal(w.shown.source, 'host');
    assert.equal(w.shown.view.run!.scenario.optimizer.lr, 0.3);
    assert.equal(w.model.state.mismatches, 0);
  });

  it('a change made elsewhere meanwhile shows once the host has caught up, and the next preview builds on it', async () => {
    const w = new Wire();
    await w.start();
    w.model.patch({ optimizer: { lr: 0.1 } });
    await w.session.apply({ inputs: { distribution: 'tanh' } }); // a palette command, before the webview's change arrives
    await w.hostWorks();
    w.deliver(1); // the command's run
    assert.equal(w.shown.source, 'preview');
    w.deliver();
    const run = w.shown.view.run!;
    assert.equal(w.shown.source, 'host');
    assert.equal(run.scenario.inputs.distribution, 'tanh');
    assert.equal(run.scenario.optimizer.lr, 0.1);
    w.model.patch({ batchSize: 4 });
    const next = w.shown.view.run!.scenario;
    assert.deepEqual([next.inputs.distribution, next.optimizer.lr, next.batchSize], ['tanh', 0.1, 4]);
    await w.hostWorks();
    w.deliver();
    assert.equal(w.shown.view.run, w.model.state.host.run);
    assert.equal(w.model.state.mismatches, 0);
  });

  it('a change the host will refuse is not previewed; the host’s message shows and the last good run stays', async () => {
    const w = new Wire();
    await w.start();
    const before = w.shown.view.run;
    w.model.patch({ optimizer: { lr: -1 } });
    assert.equal(w.shown.view.run, before);
    assert.deepEqual(w.model.state.expected, w.model.state.hostRaw, 'the host keeps its scenario');
    await w.hostWorks();
    w.deliver();
    assert.match(w.shown.view.invalid ?? '', /optimizer\.lr/);
    assert.equal(w.shown.view.run, before);
    // The next valid change previews on the unchanged scenario.
    w.model.patch({ steps: 50 });
    assert.equal(w.shown.view.run!.scenario.optimizer.lr, 0.5);
  });

  it('reset is not previewed (the defaults are the host’s) and nothing is previewed until the host has answered it', async () => {
    const w = new Wire({ steps: 100 });
    await w.start();
    w.model.patch({ steps: 200 });
    w.model.reset();
    assert.equal(w.model.state.expected, null);
    w.model.patch({ optimizer: { lr: 0.2 } });
    assert.equal(w.shown.view.run!.scenario.steps, 200, 'the last preview stays while the host works');
    await w.hostWorks();
    w.deliver();
    const run = w.shown.view.run!;
    assert.deepEqual([run.scenario.steps, run.scenario.optimizer.lr], [100, 0.2]);
    w.model.patch({ seed: 3 });
    assert.equal(w.shown.source, 'preview', 'previews resume once the host’s scenario is known again');
  });

  it('a drag shows drafts without sending anything, and its release is one change (cancel: none)', async () => {
    const w = new Wire({ target: { point: [-2, 2] } });
    await w.start();
    const window = w.shown.view.run!.grid;
    for (const x of [0.1, 0.2, 0.3]) {
      w.model.drag('start', [x, -0.1]);
      assert.equal(w.shown.source, 'draft');
      const draft = w.shown.view.run!;
      assert.deepEqual(draft.scenario.start, [x, -0.1]);
      assert.deepEqual([draft.grid.x0, draft.grid.x1, draft.grid.y0, draft.grid.y1], [window.x0, window.x1, window.y0, window.y1]);
    }
    assert.equal(w.toHost.length, 0, 'a drag in progress sends nothing');
    w.model.drop('start', [0.3, -0.1]);
    assert.equal(w.toHost.length, 1);
    assert.deepEqual(w.toHost[0], { type: 'setStart', point: [0.3, -0.1], seq: 1 });
    assert.equal(w.shown.source, 'preview');
    await w.hostWorks();
    w.deliver();
    assert.equal(w.shown.source, 'host');
    assert.deepEqual(w.shown.view.run!.scenario.start, [0.3, -0.1]);
    assert.equal(w.model.state.mismatches, 0);

    const shownBefore = w.shown.view.run;
    w.model.drag('target', [1, 1]);
    assert.deepEqual(w.shown.view.run!.target, [1, 1]);
    w.model.cancelDrag();
    assert.equal(w.shown.view.run, shownBefore);
    assert.equal(w.toHost.length, 0);
  });

  it('counts a host answer that contradicts the preview of the same scenario (and shows the host’s)', async () => {
    const w = new Wire();
    await w.start();
    w.model.patch({ seed: 5 });
    await w.hostWorks();
    const [run, applied] = w.toView.splice(0);
    assert.equal(run.type, 'run');
    const tampered = run.type === 'run' ? { ...run, run: { ...run.run, loss: run.run.loss.map((v) => v * (1 + 1e-15)) } } : run;
    w.model.receive(tampered);
    w.model.receive(applied);
    assert.equal(w.model.state.mismatches, 1);
    assert.equal(w.shown.view.run, w.model.state.host.run);
    assert.notEqual(w.shown.view.run, null);
  });

  it('leaves compare mode at a change, as the host does', async () => {
    const w = new Wire();
    await w.start();
    await w.session.compareCentring();
    w.deliver();
    assert.notEqual(w.shown.view.compare, null);
    w.model.patch({ batchSize: 2 });
    assert.equal(w.shown.view.compare, null);
    assert.equal(w.shown.view.run!.scenario.batchSize, 2);
    await w.hostWorks();
    w.deliver();
    assert.equal(w.shown.view.compare, null);
    assert.equal(w.model.state.mismatches, 0);
  });

  it('ignores malformed acknowledgements and runs without a scenario as written', async () => {
    const w = new Wire();
    await w.start();
    const run = w.model.state.host.run!;
    w.model.receive({ type: 'run', revision: 99, run, raw: null as unknown as Json });
    assert.equal(w.model.state.expected, null);
    w.model.patch({ steps: 10 });
    assert.equal(w.shown.source, 'host', 'nothing to preview on');
  });
});
