// The animation over a computed run: a cursor that advances at `speed` steps per second while playing.
// Rules for a new run: the first run after (re)load keeps the restored cursor; later runs restart from
// step 0 when playing, and otherwise keep the cursor (clamped), so a paused view shows the new path at once.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PlaybackAction } from '../src/shared/protocol';
import { clampSpeed } from './uiState';

export interface Playback {
  readonly cursor: number;
  readonly playing: boolean;
  /** Steps per second. */
  readonly speed: number;
  readonly act: (action: PlaybackAction) => void;
  readonly seek: (step: number) => void;
}

export interface PlaybackInit {
  readonly cursor: number;
  readonly playing: boolean;
  readonly speed: number | null;
}

/**
 * @param lastStep index of the last trajectory point (K); -1 while there is no run
 * @param runKey changes whenever a new run (or compare pair) arrives
 * @param defaultSpeed the host's stepsPerSecond, used while the user has not chosen a speed
 */
export function usePlayback(init: PlaybackInit, lastStep: number, runKey: unknown, defaultSpeed: number): Playback {
  const [cursor, setCursor] = useState(init.cursor);
  const [playing, setPlayingState] = useState(init.playing);
  // Read by the animation frame itself: a frame already scheduled when Pause, Step, Reset or a seek
  // arrives must not move the cursor once more (the effect's cleanup only runs after the next render).
  const playingRef = useRef(init.playing);
  const setPlaying = useCallback((v: boolean): void => {
    playingRef.current = v;
    setPlayingState(v);
  }, []);
  const [chosenSpeed, setChosenSpeed] = useState<number | null>(init.speed);
  const speed = clampSpeed(chosenSpeed ?? defaultSpeed);
  const position = useRef(init.cursor);
  const seenRuns = useRef(0);
  const lastRef = useRef(lastStep);
  lastRef.current = lastStep;

  const moveTo = useCallback((v: number): void => {
    position.current = v;
    setCursor(Math.floor(v));
  }, []);

  // A new run arrived.
  useEffect(() => {
    if (lastStep < 0) return;
    seenRuns.current += 1;
    if (seenRuns.current > 1 && playing) moveTo(0);
    else moveTo(Math.min(position.current, lastStep));
  }, [runKey]);

  // The animation loop, only while playing.
  useEffect(() => {
    if (!playing || lastStep < 0) return;
    let frame = 0;
    let before = performance.now();
    const tick = (now: number): void => {
      if (!playingRef.current) return;
      const dt = Math.min(0.25, Math.max(0, (now - before) / 1000));
      before = now;
      const next = position.current + speed * dt;
      if (next >= lastRef.current) {
        moveTo(lastRef.current);
        setPlaying(false);
        return;
      }
      moveTo(next);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, lastStep]);

  const act = useCallback(
    (action: PlaybackAction): void => {
      const last = lastRef.current;
      switch (action) {
        case 'play':
          if (last >= 0 && position.current >= last) moveTo(0);
          setPlaying(true);
          break;
        case 'pause':
          setPlaying(false);
          break;
        case 'step':
          setPlaying(false);
          moveTo(Math.min(Math.max(last, 0), Math.floor(position.current) + 1));
          break;
        case 'reset':
          setPlaying(false);
          moveTo(0);
          break;
        case 'faster':
          setChosenSpeed(clampSpeed(speed * 2));
          break;
        case 'slower':
          setChosenSpeed(clampSpeed(speed / 2));
          break;
      }
    },
    [speed, moveTo],
  );

  const seek = useCallback(
    (step: number): void => {
      setPlaying(false);
      moveTo(Math.max(0, Math.min(Math.max(lastRef.current, 0), Math.floor(step))));
    },
    [moveTo],
  );

  return { cursor, playing, speed, act, seek };
}
