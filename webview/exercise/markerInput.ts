// The plane's input in an exercise: the playground's own, with the reasons why the start or the target
// may not be moved (the plane then does not move them, by pointer or by key).
import type { ExerciseView } from '../../src/shared/protocol';
import type { PlaneInput } from '../plot/planeInteraction';
import { markerLocks } from './locks';

export function withMarkerLocks(input: PlaneInput, view: ExerciseView | null): PlaneInput {
  const fixed = markerLocks(view);
  if (fixed.start === null && fixed.target === null) return input;
  return {
    setStart: (p) => input.setStart(p),
    setTarget: (p) => input.setTarget(p),
    drag: (kind, p) => input.drag(kind, p),
    drop: (kind, p) => input.drop(kind, p),
    cancelDrag: () => input.cancelDrag(),
    fixed,
  };
}
