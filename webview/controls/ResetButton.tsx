// "Reset playground": back to the settings' defaults (disabled, with the reason, in an exercise).
import { useFieldLock } from '../exercise/locks';

export function ResetButton({ onReset }: { readonly onReset: () => void }) {
  const lock = useFieldLock('reset');
  return (
    <button
      type="button"
      class="is-secondary"
      name="reset"
      onClick={onReset}
      disabled={lock !== null}
      title={lock?.reason}
      aria-describedby={lock?.describedBy}
    >
      Reset playground
    </button>
  );
}
