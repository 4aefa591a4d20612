// The host conversation as state for the App: listens for host messages from mount, says `ready` once
// listening (the host answers with the current run), and keeps a LiveModel (liveView.ts) that previews
// each change in the page until the host has answered it. Playback and export requests are handed to
// the callbacks instead.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PlaybackAction } from '../src/shared/protocol';
import { asHostMessage } from './hostMessages';
import { LiveModel, type LiveState, shown, type Shown } from './liveView';
import { hostChannel } from './vscodeApi';

export interface HostRequests {
  readonly onPlayback: (action: PlaybackAction) => void;
  readonly onExportPng: () => void;
}

export interface LiveView {
  readonly state: LiveState;
  readonly shown: Shown;
  /** Changes (previewed, numbered, sent) and the drag in progress. */
  readonly model: LiveModel;
}

export function useLiveView(requests: HostRequests): LiveView {
  const model = useMemo(() => new LiveModel((m) => hostChannel().post(m)), []);
  const [state, setState] = useState(model.state);
  const requestsRef = useRef(requests);
  requestsRef.current = requests;
  useEffect(() => {
    const unsubscribe = model.subscribe(setState);
    const onMessage = (e: MessageEvent): void => {
      const m = asHostMessage(e.data);
      if (!m) return;
      if (m.type === 'playback') requestsRef.current.onPlayback(m.action);
      else if (m.type === 'exportPng') requestsRef.current.onExportPng();
      else model.receive(m);
    };
    window.addEventListener('message', onMessage);
    hostChannel().post({ type: 'ready' });
    return () => {
      window.removeEventListener('message', onMessage);
      unsubscribe();
    };
  }, []);
  const view = useMemo(() => shown(state), [state]);
  return { state, shown: view, model };
}
