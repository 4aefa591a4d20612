// Saves the UI state (vscode.setState) so the view comes back as it was after being hidden: at once when
// something discrete changes, at most twice a second while the animation runs.
import { useEffect } from 'preact/hooks';
import type { UiState } from './uiState';
import { hostChannel } from './vscodeApi';

export function usePersistUiState({ cursor, playing, speed, expanded }: UiState): void {
  useEffect(() => {
    const save = (): void => hostChannel().saveState({ cursor, playing, speed, expanded });
    if (!playing) {
      save();
      return;
    }
    const timer = setTimeout(save, 500);
    return () => clearTimeout(timer);
  }, [playing ? Math.floor(cursor / 30) : cursor, playing, speed, expanded]);
}
