// The one message protocol between the extension host and the playground webviews (editor panel and
// side panel). Imported by both sides. Everything a webview sends is untrusted: the host passes it
// through parseWebviewMessage before acting on it.
import { STEP_SIZE_RULES, type StepSizeRule } from '../engine/catalog/stepSizeRules';
import type { Ledger } from '../engine/ledger';
import type { RunGeometry } from '../engine/metrics';
import type { Axes, Metrics, Scenario, Vec2 } from '../engine/types';
import type { StepSizeChoice } from './comparison';
import { EXERCISE_LIMITS, PREDICTION_ID_PATTERN, type Answers, type Exercise } from './exercise';

/**
 * Which webview a message is for: the shared editor panel, the compact side-panel view, or a scenario
 * file's own playground (laid out like the panel).
 */
export type ViewKind = 'panel' | 'sidebar' | 'file';

/** Loss values on an n×n grid; values[j * n + i] is the loss at (x0 + i·dx, y0 + j·dy). */
export interface ContourGrid {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly n: number;
  readonly values: Float64Array;
}

/** What each step did, for the arrows, the cone and the chain-rule strip (index t = 0 … steps−1). */
export interface StepRecords {
  /** Batch gradient g_t, interleaved (g1, g2). Length 2·steps. */
  readonly gradient: Float64Array;
  /** Neuron only: dL/df of the first example of the step's batch. Length steps. */
  readonly dLdf: Float64Array | null;
  /** Neuron only: that example's inputs (x1, x2), interleaved. Length 2·steps. */
  readonly x: Float64Array | null;
  /** Neuron with batch ≤ 64 only: per-example gradients, interleaved, batchSize pairs per step. */
  readonly perExample: Float64Array | null;
  /**
   * Neuron only, when the engine counted them (countsSigns: batch ≤ 64, or batch × steps ≤ 1,000,000): how
   * many of the step's examples have dL/df > 0 and how many < 0, interleaved.
   */
  readonly dLdfSigns: Uint32Array | null;
  /**
   * Fan-in (d > 2) only: how many of the batch gradient's d components are > 0 and how many < 0,
   * interleaved (the sign pattern of all d components; gradient and x above hold the shown pair).
   */
  readonly gradientSigns: Uint32Array | null;
  readonly batchSize: number;
}

/** One computed run as the webview draws it. */
export interface RunView {
  readonly scenario: Scenario;
  /**
   * w_0 … w_K on the shown pair, interleaved (w[axes[0]], w[axes[1]]): for d = 2 and axes (0, 1) all of
   * w; K = steps taken (fewer than scenario.steps when it diverged).
   */
  readonly trajectory: Float64Array;
  /** Full-data loss at w_0 … w_K. */
  readonly loss: Float64Array;
  /** w* on the shown pair, or null (function model with an expression and no target point). */
  readonly target: Vec2 | null;
  readonly metrics: Metrics;
  readonly records: StepRecords | null;
  /** The loss on the plane of the shown pair through w* (every other weight at its value in w*). */
  readonly grid: ContourGrid;
  /** Every input of every example is > 0: single-example updates are locked to quadrants I and III. */
  readonly allPositive: boolean;
  /** d, the number of weights; the plane shows axes[0] across and axes[1] up. */
  readonly dimension: number;
  readonly axes: Axes;
  /** d > 2: what the metrics are taken from (MetricsTimeline.ofRun reads it); null for d = 2. */
  readonly geometry: RunGeometry | null;
  /** The loss bowl's λmax, λmin, κ and the theory's prediction beside the run (or why there is none). */
  readonly ledger: Ledger;
}

export interface UiSettings {
  /** Animation speed in steps per second. */
  readonly stepsPerSecond: number;
  /** Number of log-spaced contour levels. */
  readonly contourLevels: number;
}

/**
 * The playground's own limits, on top of the file format's (the engine's LIMITS): the one source for the
 * host's settings and run check, the webview's clamps and controls, and package.json's settings (a test
 * compares them).
 */
export const UI_LIMITS = {
  /** Steps the playground computes and draws; longer runs belong to the CLI. */
  maxSteps: 50_000,
  stepsPerSecond: { min: 1, max: 2000, default: 60 },
  contourLevels: { min: 2, max: 60, default: 14 },
} as const;

export const DEFAULT_UI_SETTINGS: UiSettings = {
  stepsPerSecond: UI_LIMITS.stepsPerSecond.default,
  contourLevels: UI_LIMITS.contourLevels.default,
};

/** Settings from anywhere (the user's settings.json, a message): clamped into UI_LIMITS, the default where not a number. */
export function clampUiSettings(raw: { readonly [K in keyof UiSettings]?: unknown } | null | undefined): UiSettings {
  const clamp = (key: keyof UiSettings): number => {
    const v = raw?.[key];
    const { min, max, default: d } = UI_LIMITS[key];
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d;
  };
  return { stepsPerSecond: clamp('stepsPerSecond'), contourLevels: Math.round(clamp('contourLevels')) };
}

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

/** A scenario in the v1 file format as the user (or their file) wrote it, before validation fills defaults. */
export type RawScenario = { readonly [field: string]: unknown };

/** Host → webview. */
export type HostMessage =
  /** `raw`: the scenario as written that the run resolves; the webview merges its next change into it. */
  | { readonly type: 'run'; readonly revision: number; readonly run: RunView; readonly raw: RawScenario }
  | {
      readonly type: 'compare';
      readonly revision: number;
      /** Raw inputs first, centred second. */
      readonly runs: readonly [RunView, RunView];
      readonly labels: readonly [string, string];
      /** How the two learning rates were chosen. */
      readonly stepSize: StepSizeChoice;
      readonly raw: RawScenario;
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
  | { readonly type: 'held'; readonly message: string; readonly raw: RawScenario }
  | { readonly type: 'playback'; readonly action: PlaybackAction }
  | { readonly type: 'settings'; readonly settings: UiSettings }
  /** Asks the panel for a PNG of its weight-plane canvas; it answers with an `export` message. */
  | { readonly type: 'exportPng' }
  /** A scenario file's exercise and answers: sent when the view is ready and whenever they change. */
  | { readonly type: 'exercise'; readonly view: ExerciseView };

/**
 * A partial scenario in the v1 file format (any subset of its fields, nested objects merged field by
 * field). The host merges it into the session's scenario and validates the result with the engine.
 */
export type ScenarioPatch = { readonly [field: string]: unknown };

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
export const WEBVIEW_MESSAGE_TYPES = Object.keys(WEBVIEW_MESSAGE_FIELDS) as readonly WebviewMessage['type'][];

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
