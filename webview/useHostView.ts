// The host's side of the conversation, as state: listens for host messages from mount, says `ready` once
// listening (the host answers with the current run), and folds messages into a HostView. Playback and
// export requests are handed to the callbacks instead.
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { PlaybackAction } from '../src/shared/protocol';
import { type HostView, INITIAL_HOST_VIEW, asHostMessage, reduceHostView } from './hostMessages';
import { hostChannel } from './vscodeApi';

export interface HostRequests {
  readonly onPlayback: (action: PlaybackAction) => void;
  readonly onExportPng: () => void;
}

export function useHostView(requests: HostRequests): HostView {
  const [view, dispatch] = useReducer(reduceHostView, INITIAL_HOST_VIEW);
  const requestsRef = useRef(requests);
  requestsRef.current = requests;
  useEffect(() => {
    const onMessage = (e: MessageEvent): void => {
      const m = asHostMessage(e.data);
      if (!m) return;
      if (m.type === 'playback') requestsRef.current.onPlayback(m.action);
      else if (m.type === 'exportPng') requestsRef.current.onExportPng();
      else dispatch(m);
    };
    window.addEventListener('message', onMessage);
    hostChannel().post({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return view;
}
