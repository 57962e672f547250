import type { CallMessage, ReplyMessage } from './contract';

/**
 * What the Electron preload exposes to the renderer as `window.framewright` through
 * contextBridge: a transport for the api, not a pass-through of Node or IPC.
 * The web host has no bridge; its renderer talks to the same api over WebSocket.
 */
export interface FramewrightBridge {
  readonly host: 'electron';
  /** Sends one api call; the main process validates it and replies. */
  call(message: CallMessage): Promise<ReplyMessage>;
  /** Receives api events (type 'event'); returns an unsubscribe function. */
  onEvent(listener: (message: ReplyMessage) => void): () => void;
  /** Real file-system paths of dropped or picked `File`s (webUtils.getPathForFile). */
  pathsForFiles(files: readonly object[]): string[];
  /** Opens the system file manager at a job's output. */
  revealOutput(jobId: string): Promise<void>;
  /** Shows the native open dialog for files and folders; resolves to chosen paths. */
  pickPaths(): Promise<string[]>;
}
