// A scenario the playground may run: validated (with its data file's table) and within the playground's
// own limits. Only PlaygroundScenario.check makes one, so every later stage (the file's re-reading, the
// session, its run) takes it as checked instead of checking again: the limits are checked once per change.
import { LIMITS, ScenarioError, resolveScenario, type Scenario } from '../engine/index';
import type { LoadedData } from './dataFileSource';
import type { WrittenScenario } from './scenarioEdit';
import { UI_LIMITS } from './uiLimits';

export class PlaygroundScenario {
  private constructor(
    /** The scenario in the file format, as written. */
    readonly raw: WrittenScenario,
    /** `raw` validated, with every default filled in. */
    readonly scenario: Scenario,
    /** The data file `scenario` was resolved with; undefined when none was read. */
    readonly loaded: LoadedData | undefined,
  ) {}

  /**
   * `raw` validated with the data file read for it (if any) and checked against the playground's limits
   * on top of the format's; throws ScenarioError naming the field.
   */
  static check(raw: WrittenScenario, loaded?: LoadedData): PlaygroundScenario {
    const scenario = resolveScenario(raw, loaded?.data);
    if (scenario.steps > UI_LIMITS.maxSteps) {
      throw new ScenarioError(
        'steps',
        `steps must be at most ${UI_LIMITS.maxSteps} in the playground, got ${scenario.steps} (the zigzag CLI runs up to ${LIMITS.maxSteps})`,
      );
    }
    return new PlaygroundScenario(raw, scenario, loaded);
  }
}
