import type { CallMessage, ReplyMessage } from '../../app/api/contract';

/** How the renderer reaches the api: the Electron bridge, or a WebSocket to the web host. */
export interface Transport {
  readonly kind: 'electron' | 'web';
  /** Sends one call and resolves to its result or error reply. */
  call(message: CallMessage): Promise<ReplyMessage>;
  /** Receives event messages; returns an unsubscribe function. */
  onEvent(listener: (message: ReplyMessage) => void): () => void;
  /**
   * Connection changes (the bridge is always connected), with a sentence when it cannot
   * connect for a reason retrying will not fix; returns an unsubscribe function.
   */
  onConnection(listener: (connected: boolean, problem: string | null) => void): () => void;
}
