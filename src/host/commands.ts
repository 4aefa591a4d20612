// The palette commands (category "Zig-Zag"). Each one that acts on the playground opens it when it is
// closed; arguments from scripts and keybindings are validated like typed input.
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import { ScenarioError } from '../engine/index';
import { parsePointArg, parsePointText, parseQuadrantArg, parseStepSizeArg } from './commandArgs';
import { QUADRANT_CHOICES } from '../shared/quadrants';
import { FileInputError } from './fileArgs';
import { ScenarioEditError } from '../shared/scenarioEdit';
import type { PlaygroundPanels } from './panels/playgroundPanel';
import type { HostMessage, PlaybackAction } from '../shared/protocol';
import { RunCancelled, type PlaygroundSession } from './session';

export interface CommandContext {
  readonly command: RegisterCommand;
  readonly session: PlaygroundSession;
  readonly panels: PlaygroundPanels;
  readonly broadcast: (message: HostMessage) => void;
  readonly log: vscode.LogOutputChannel;
}

class ArgumentError extends Error {}

/** Failures caused by what the user gave us: shown, not logged as internal errors. */
const isUserError = (e: unknown): boolean =>
  e instanceof ScenarioError ||
  e instanceof RunCancelled ||
  e instanceof ArgumentError ||
  e instanceof FileInputError ||
  e instanceof ScenarioEditError;

export type RegisterCommand = (id: string, title: string, run: (...args: unknown[]) => Promise<unknown>) => vscode.Disposable;

/**
 * registerCommand with failures shown the way a user should see them (our message, not a stack
 * trace); the command then resolves to undefined. `shown` hears every message (the test API keeps it).
 */
export function commandRegistrar(log: vscode.LogOutputChannel, shown: (message: string) => void = () => undefined): RegisterCommand {
  const report = (title: string, e: unknown): void => {
    if (e instanceof RunCancelled && !e.byUser) return;
    const message = `${title}: ${e instanceof Error ? e.message : String(e)}`;
    if (!isUserError(e)) log.error(message);
    shown(message);
    // Not awaited: the notification stays until dismissed, and the command must finish now.
    void vscode.window.showErrorMessage(message);
  };
  return (id, title, run) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (e) {
        report(title, e);
        return undefined;
      }
    });
}

export function registerCommands(c: CommandContext): vscode.Disposable[] {
  const { session, panels, command } = c;

  const playback = (action: PlaybackAction) => (): Promise<void> => {
    panels.show();
    c.broadcast({ type: 'playback', action });
    return Promise.resolve();
  };

  return [
    command('zigzag.runDemo', l10n.t('Run Zig-Zag Demo'), async () => {
      panels.show();
      if (!session.run) await session.compute();
    }),

    command('zigzag.setStart', l10n.t('Set Starting Point'), async (arg?: unknown) => {
      let point;
      if (arg !== undefined) {
        const parsed = parsePointArg(arg);
        if (!parsed.ok) throw new ArgumentError(parsed.error);
        point = parsed.value;
      } else {
        const [w1, w2] = session.scenario.start;
        const text = await vscode.window.showInputBox({
          title: l10n.t('Set Starting Point'),
          prompt: l10n.t('Weights at step 0 as "w1, w2"'),
          value: `${w1}, ${w2}`,
          placeHolder: '-1.5, 2',
          // A message under the box while the text is not two numbers in range; Enter does nothing until it is.
          validateInput: (t) => {
            const p = parsePointText(t);
            return p.ok ? undefined : { message: p.error, severity: vscode.InputBoxValidationSeverity.Error };
          },
        });
        if (text === undefined) return;
        const parsed = parsePointText(text);
        if (!parsed.ok) throw new ArgumentError(parsed.error);
        point = parsed.value;
      }
      panels.show();
      await session.setStart(point);
    }),

    command('zigzag.setTargetQuadrant', l10n.t('Set Target Quadrant'), async (arg?: unknown) => {
      let quadrant;
      if (arg !== undefined) {
        const parsed = parseQuadrantArg(arg);
        if (!parsed.ok) throw new ArgumentError(parsed.error);
        quadrant = parsed.value;
      } else {
        const current = session.scenario.target;
        const items = QUADRANT_CHOICES.map((q) => ({
          quadrant: q.quadrant,
          label: `$(${q.icon}) ${l10n.t(q.name)}`,
          detail: l10n.t(q.hint),
          description: current && 'quadrant' in current && current.quadrant === q.quadrant ? l10n.t('current') : undefined,
        }));
        const pick = await vscode.window.showQuickPick(items, {
          title: l10n.t('Set Target Quadrant'),
          placeHolder: l10n.t('Where should the target w* lie, seen from the starting point?'),
          matchOnDetail: true,
        });
        if (!pick) return;
        quadrant = pick.quadrant;
      }
      panels.show();
      await session.setQuadrant(quadrant);
    }),

    // By default at the same normalised step η·λmax; "same" (or { stepSize: "same" }) keeps the same η.
    command('zigzag.compareInputs', l10n.t('Compare Positive and Zero-Centred Inputs'), async (arg?: unknown) => {
      const rule = arg === undefined ? 'matched' : parseStepSizeArg(arg);
      if (typeof rule !== 'string' && !rule.ok) throw new ArgumentError(rule.error);
      panels.show();
      await session.compareCentring(typeof rule === 'string' ? rule : rule.value);
    }),

    command('zigzag.reset', l10n.t('Reset Playground'), async () => {
      panels.show();
      await session.reset();
      c.broadcast({ type: 'playback', action: 'reset' });
    }),

    command('zigzag.play', l10n.t('Play'), playback('play')),
    command('zigzag.pause', l10n.t('Pause'), playback('pause')),
    command('zigzag.step', l10n.t('Step'), playback('step')),
    command('zigzag.faster', l10n.t('Faster'), playback('faster')),
    command('zigzag.slower', l10n.t('Slower'), playback('slower')),
  ];
}
