// The exercise of the scenario file this playground shows, as the host last told it (`exercise`
// messages; none for the shared playground), and the student's answers on their way to the file.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Answers } from '../../src/shared/exercise';
import type { ExerciseView } from '../../src/shared/protocol';
import { hostChannel } from '../vscodeApi';

export interface ExerciseState {
  /** null: the host has said nothing of an exercise (the shared playground, or a file without one). */
  readonly view: ExerciseView | null;
  /** Answers sent and not yet written (the host answers with the file's new exercise, or `invalid`). */
  readonly saving: boolean;
  readonly submit: (answers: Answers) => void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Our host validated the exercise; a malformed message must still never take the page down. */
function asExerciseView(v: unknown): ExerciseView | null {
  if (!isObject(v) || !isObject(v.answers) || !(v.problem === null || typeof v.problem === 'string')) return null;
  const e = v.exercise;
  if (e === null) return v as unknown as ExerciseView;
  const lists = isObject(e) && ['editable', 'goals', 'predict'].every((k) => Array.isArray(e[k]));
  return lists && typeof e.title === 'string' && typeof e.task === 'string' ? (v as unknown as ExerciseView) : null;
}

export function useExercise(): ExerciseState {
  const [view, setView] = useState<ExerciseView | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const onMessage = (e: MessageEvent): void => {
      const m: unknown = e.data;
      if (!isObject(m)) return;
      if (m.type === 'exercise') {
        const next = asExerciseView(m.view);
        if (next) setView(next);
        setSaving(false);
      } else if (m.type === 'invalid') setSaving(false);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  const submit = useCallback((answers: Answers): void => {
    setSaving(true);
    hostChannel().post({ type: 'answers', answers });
  }, []);
  return { view, saving, submit };
}
