import type { FramewrightBridge } from '../../app/api/bridge';
import type { Transport } from './transport';

/** The Electron preload's bridge: calls go over validated IPC, always connected. */
export function bridgeTransport(bridge: FramewrightBridge): Transport {
  return {
    kind: 'electron',
    call: (message) => bridge.call(message),
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection: (listener) => {
      listener(true, null);
      return () => undefined;
    },
  };
}
