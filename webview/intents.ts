// What the user asks the host to do, as protocol messages: change the scenario, move the start or the
// target, reset, compare raw and centred inputs. The host validates each one; its answer arrives as a new run or an `invalid` message.
import type { StepSizeRule } from '../src/engine/catalog/stepSizeRules';
import type { Vec2 } from '../src/engine/types';
import type { ScenarioPatch } from '../src/shared/protocol';
import { hostChannel } from './vscodeApi';

export interface Intents {
  readonly patch: (patch: ScenarioPatch) => void;
  readonly setStart: (point: Vec2) => void;
  readonly setTarget: (point: Vec2) => void;
  readonly reset: () => void;
  /** Compare raw and centred inputs at matched or at the same learning rate. */
  readonly compare: (stepSize: StepSizeRule) => void;
}

export const intents: Intents = {
  patch: (patch) => hostChannel().post({ type: 'patch', patch }),
  setStart: (point) => hostChannel().post({ type: 'setStart', point }),
  setTarget: (point) => hostChannel().post({ type: 'setTarget', point }),
  reset: () => hostChannel().post({ type: 'reset' }),
  compare: (stepSize) => hostChannel().post({ type: 'compare', stepSize }),
};
