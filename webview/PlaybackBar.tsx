// Play / pause / step / reset / speed, and a scrubber over the run's steps.
import type { Playback } from './usePlayback';
import { formatInteger, formatNumber } from '../src/shared/format';

export function PlaybackBar({
  playback,
  lastStep,
  computing,
}: {
  readonly playback: Playback;
  readonly lastStep: number;
  readonly computing: number | null;
}) {
  const { cursor, playing, speed, act, seek } = playback;
  const disabled = lastStep < 1;
  return (
    <div class="playback" role="toolbar" aria-label="Animation">
      <button
        type="button"
        class="is-primary"
        onClick={() => act(playing ? 'pause' : 'play')}
        disabled={disabled}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause' : 'Play'}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button type="button" onClick={() => act('step')} disabled={disabled} aria-label="Step forward one update" title="Step">
        ⇥
      </button>
      <button type="button" onClick={() => act('reset')} disabled={disabled} aria-label="Reset animation to step 0" title="Reset">
        ⟲
      </button>
      <button type="button" onClick={() => act('slower')} aria-label="Slower" title="Slower">
        −
      </button>
      <span class="speed" aria-live="polite">
        <span class="speed-value" aria-hidden="true">
          {formatNumber(speed)}/s
        </span>
        <span class="sr-only">Speed {formatNumber(speed)} steps per second</span>
      </span>
      <button type="button" onClick={() => act('faster')} aria-label="Faster" title="Faster">
        +
      </button>
      <input
        type="range"
        class="scrubber"
        min={0}
        max={Math.max(0, lastStep)}
        step={1}
        value={Math.min(cursor, Math.max(0, lastStep))}
        disabled={disabled}
        aria-label="Animation step"
        onInput={(e) => seek(Number(e.currentTarget.value))}
      />
      <span class="step-readout" data-testid="step-readout">
        step {formatInteger(Math.min(cursor, Math.max(0, lastStep)))} / {formatInteger(Math.max(0, lastStep))}
      </span>
      {computing !== null && (
        <progress class="computing" max={1} value={Number.isFinite(computing) ? computing : 0} aria-label="Computing the run" />
      )}
    </div>
  );
}
