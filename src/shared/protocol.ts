// The one message protocol between the extension host and the playground webviews (editor panel and
// side panel). Imported by both sides. Everything a webview sends is untrusted: the host passes it
// through parseWebviewMessage before acting on it.
import { STEP_SIZE_RULES, type StepSizeRule } from '../engine/catalog/stepSizeRules';
import type { Vec2 } from '../engine/types';
import type { StepSizeChoice } from './comparison';
import { EXERCISE_LIMITS, PREDICTION_ID_PATTERN, type Answers, type Exercise } from './exercise';
import type { RunView } from './runModel';
import type { ScenarioPatch, WrittenScenario } from './scenarioEdit';
import type { UiSettings } from './uiLimits';

/**
 * Which webview a message is for: the shared editor panel, the compact side-panel view, or a scenario
 * file's own playground (laid out like the panel).
 */
export type ViewKind = 'panel' | 'sidebar' | 'file';

export const PLAYBACK_ACTIONS = ['play', 'pause', 'step', 'reset', 'faster', 'slower'] as const;
export type PlaybackAction = (typeof PLAYBACK_ACTIONS)[number];

/**
 * A scenario file's exercise as the host read it (docs/exercises.md): null without one, or while the
 * exercise or its answers are invalid (then `problem` names the field, and nothing may be changed).
 */
export interface ExerciseView {
  readonly exercise: Exercise | null;
  readonly answers: Answers;
  readonly problem: string | null;
}

/** Host → webview. */
export type HostMessage =
  /** `raw`: the scenario as written that the run resolves; the webview merges its next change into it. */
  | { readonly type: 'run'; readonly revision: number; readonly run: RunView; readonly raw: WrittenScenario }
  | {
      readonly type: 'compare';
      readonly revision: number;
      /** Raw inputs first, centred second. */
      readonly runs: readonly [RunView, RunView];
      readonly labels: readonly [string, string];
      /** How the two learning rates were chosen. */
      readonly stepSize: StepSizeChoice;
      readonly raw: WrittenScenario;
    }
  /**
   * The host has finished with the webview's change number `seq` (and every earlier one): any run it
   * caused has been sent before this message, as has an `invalid` when the change was refused.
   */
  | { readonly type: 'applied'; readonly seq: number }
  | { readonly type: 'computing'; readonly revision: number; readonly fraction: number }
  | { readonly type: 'invalid'; readonly message: string }
  /**
   * A restored playground whose scenario's last computation never showed: `raw` is not run until the
   * webview asks (`runHeld`), so a scenario that hangs or fails cannot come back after every reload.
   */
  | { readonly type: 'held'; readonly message: string; readonly raw: WrittenScenario }
  | { readonly type: 'playback'; readonly action: PlaybackAction }
  | { readonly type: 'settings'; readonly settings: UiSettings }
  /** Asks the panel for a PNG of its weight-plane canvas; it answers with an `export` message. */
  | { readonly type: 'exportPng' }
  /** A scenario file's exercise and answers: sent when the view is ready and whenever they change. */
  | { readonly type: 'exercise'; readonly view: ExerciseView };

/**
 * Webview → host. A change (patch, setStart, setTarget, reset) may carry `seq`, the webview's own count
 * of its changes: the host answers each numbered change with `applied` once it is done with it, so the
 * webview knows when the host's runs have caught up with its preview.
 */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'patch'; readonly patch: ScenarioPatch; readonly seq?: number }
  | { readonly type: 'setStart'; readonly point: Vec2; readonly seq?: number }
  | { readonly type: 'setTarget'; readonly point: Vec2; readonly seq?: number }
  | { readonly type: 'reset'; readonly seq?: number }
  /** Run the scenario the host held back (`held`). */
  | { readonly type: 'runHeld' }
  /** Compare raw and centred inputs of the current scenario, at matched or at the same learning rate. */
  | { readonly type: 'compare'; readonly stepSize: StepSizeRule }
  /** The answer to `exportPng`: the plot as a data: URL (SVG is drawn by the host itself). */
  | { readonly type: 'export'; readonly format: 'png'; readonly data: string }
  /** The student's predictions, by prediction id: written into the file's `answers` as one edit. */
  | { readonly type: 'answers'; readonly answers: Answers; readonly seq?: number };

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Every host message type; the compiler checks this record against HostMessage both ways. */
const HOST_MESSAGE_TYPE_SET: { readonly [T in HostMessage['type']]: true } = {
  run: true,
  compare: true,
  computing: true,
  invalid: true,
  playback: true,
  settings: true,
  exportPng: true,
  applied: true,
  exercise: true,
  held: true,
};
export const HOST_MESSAGE_TYPES = Object.keys(HOST_MESSAGE_TYPE_SET) as readonly HostMessage['type'][];

/** Each webview message type and the fields it may carry besides `type` (checked against WebviewMessage). */
const WEBVIEW_MESSAGE_FIELDS: {
  readonly [T in WebviewMessage['type']]: readonly Exclude<keyof Extract<WebviewMessage, { type: T }>, 'type'>[];
} = {
  ready: [],
  runHeld: [],
  reset: ['seq'],
  patch: ['patch', 'seq'],
  setStart: ['point', 'seq'],
  setTarget: ['point', 'seq'],
  compare: ['stepSize'],
  export: ['format', 'data'],
  answers: ['answers', 'seq'],
};
const WEBVIEW_MESSAGE_TYPES = Object.keys(WEBVIEW_MESSAGE_FIELDS) as readonly WebviewMessage['type'][];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function parsePoint(v: unknown, name: string): ParseResult<Vec2> {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((c) => typeof c === 'number' && Number.isFinite(c))) {
    return { ok: false, error: `${name} must be two finite numbers [w1, w2]` };
  }
  return { ok: true, value: [v[0] as number, v[1] as number] };
}

/** Answers by prediction id: ids as an exercise names them, finite numbers, no more than an exercise asks. */
function parseAnswers(v: unknown): ParseResult<Answers> {
  if (!isPlainObject(v)) return { ok: false, error: 'answers.answers must be an object' };
  const entries = Object.entries(v);
  if (entries.length > EXERCISE_LIMITS.predictions) {
    return { ok: false, error: `answers.answers holds more than ${EXERCISE_LIMITS.predictions} answers` };
  }
  const id = new RegExp(PREDICTION_ID_PATTERN);
  for (const [key, answer] of entries) {
    if (key.length > EXERCISE_LIMITS.idLength || !id.test(key))
      return { ok: false, error: `answers.answers has an invalid id ${JSON.stringify(key.slice(0, 60))}` };
    if (typeof answer !== 'number' || !Number.isFinite(answer))
      return { ok: false, error: `answers.answers.${key} must be a finite number` };
  }
  return { ok: true, value: v as Answers };
}

/** A change's number: a whole number ≥ 0 (absent: the webview does not need the host's `applied`). */
function parseSeq(raw: Record<string, unknown>, type: string): ParseResult<{ seq?: number }> {
  if (!('seq' in raw)) return { ok: true, value: {} };
  const seq = raw.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    return { ok: false, error: `${type}.seq must be a whole number ≥ 0` };
  }
  return { ok: true, value: { seq } };
}

/** Validates a message from a webview. Never throws; the error names what is wrong. */
export function parseWebviewMessage(raw: unknown): ParseResult<WebviewMessage> {
  if (!isPlainObject(raw)) return { ok: false, error: 'message must be an object' };
  const type = raw.type;
  if (typeof type !== 'string' || !(WEBVIEW_MESSAGE_TYPES as readonly string[]).includes(type)) {
    return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
  }
  const allowed: readonly string[] = WEBVIEW_MESSAGE_FIELDS[type as WebviewMessage['type']];
  const extra = Object.keys(raw).filter((k) => k !== 'type' && !allowed.includes(k));
  if (extra.length > 0) return { ok: false, error: `${type} message has unknown field ${extra[0]}` };
  const seq = parseSeq(raw, type);
  if (!seq.ok) return seq;
  switch (type) {
    case 'ready':
    case 'runHeld':
      return { ok: true, value: { type } };
    case 'reset':
      return { ok: true, value: { type, ...seq.value } };
    case 'patch':
      if (!isPlainObject(raw.patch)) return { ok: false, error: 'patch.patch must be an object' };
      return { ok: true, value: { type, patch: raw.patch, ...seq.value } };
    case 'setStart':
    case 'setTarget': {
      const point = parsePoint(raw.point, `${type}.point`);
      return point.ok ? { ok: true, value: { type, point: point.value, ...seq.value } } : point;
    }
    case 'compare':
      if (!(STEP_SIZE_RULES as readonly unknown[]).includes(raw.stepSize)) {
        return { ok: false, error: `compare.stepSize must be one of ${STEP_SIZE_RULES.map((r) => `"${r}"`).join(', ')}` };
      }
      return { ok: true, value: { type, stepSize: raw.stepSize as StepSizeRule } };
    case 'export': {
      if (raw.format !== 'png') return { ok: false, error: 'export.format must be "png"' };
      if (typeof raw.data !== 'string' || raw.data.length > 20_000_000) {
        return { ok: false, error: 'export.data must be a string under 20 MB' };
      }
      return { ok: true, value: { type, format: raw.format, data: raw.data } };
    }
    case 'answers': {
      const answers = parseAnswers(raw.answers);
      return answers.ok ? { ok: true, value: { type, answers: answers.value, ...seq.value } } : answers;
    }
  }
  return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
}
