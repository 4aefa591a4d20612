// zigzag.* settings: the scenario a fresh or reset playground starts from, and the UI's animation speed
// and contour levels. The mapping is pure (tested in Node); reading goes through a getter the host
// binds to vscode.workspace.getConfiguration('zigzag').
import { ScenarioError, resolveScenario } from '../engine/index';
import { clampUiSettings, type UiSettings } from '../shared/uiLimits';
import { setPath, type ScenarioPatch, type WrittenScenario } from '../shared/scenarioEdit';

/** Setting (under "zigzag.") → scenario field it provides a default for. */
export const SCENARIO_SETTINGS: Readonly<Record<string, string>> = {
  'defaults.start': 'start',
  'defaults.targetQuadrant': 'target.quadrant',
  'defaults.targetDistance': 'target.distance',
  'defaults.inputs': 'inputs.distribution',
  'defaults.center': 'inputs.center',
  'defaults.optimizer': 'optimizer.name',
  'defaults.learningRate': 'optimizer.lr',
  'defaults.batchSize': 'batchSize',
  'defaults.steps': 'steps',
  'defaults.seed': 'seed',
};

/** Reads one setting; undefined when the user has not set it (the engine default applies). */
export type SettingReader = (key: string) => unknown;

export interface DefaultsResult {
  readonly scenario: WrittenScenario;
  /** One message per setting that was ignored, naming the setting and the problem. */
  readonly problems: readonly string[];
}

/**
 * The default scenario from the settings. A bad value is reported and skipped, so one typo in
 * settings.json does not stop the playground.
 */
export function scenarioDefaults(read: SettingReader): DefaultsResult {
  let scenario: WrittenScenario = {};
  const problems: string[] = [];
  for (const [key, field] of Object.entries(SCENARIO_SETTINGS)) {
    const value = read(key);
    if (value === undefined || value === null) continue;
    const candidate = setPath(scenario, field, value);
    try {
      resolveScenario(candidate);
      scenario = candidate;
    } catch (e) {
      const why = e instanceof ScenarioError ? e.message : String(e);
      problems.push(`Setting zigzag.${key} is ignored: ${why}`);
    }
  }
  return { scenario, problems };
}

/** The fields whose settings changed, as a patch for a live session. */
export function changedSettingsPatch(read: SettingReader, changed: (key: string) => boolean): ScenarioPatch {
  let patch: ScenarioPatch = {};
  for (const [key, field] of Object.entries(SCENARIO_SETTINGS)) {
    if (!changed(key)) continue;
    patch = setPath(patch, field, read(key) ?? null);
  }
  return patch;
}

/** zigzag.ui.* → UiSettings, clamped into the protocol's UI_LIMITS. */
export function uiSettings(read: SettingReader): UiSettings {
  return clampUiSettings({ stepsPerSecond: read('ui.stepsPerSecond'), contourLevels: read('ui.contourLevels') });
}
