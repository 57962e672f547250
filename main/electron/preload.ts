import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { FramewrightBridge } from '../../app/api/bridge';
import type { CallMessage, ReplyMessage } from '../../app/api/contract';
import { CHANNELS } from './channels';

// The preload of a sandboxed renderer: it may require only 'electron', so it imports
// nothing else at run time. It exposes a transport for the typed api (window.framewright),
// never raw ipcRenderer or Node. The main process validates everything it receives.

function isEventMessage(value: unknown): value is ReplyMessage {
  return (
    typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'event'
  );
}

const bridge: FramewrightBridge = {
  host: 'electron',

  call(message: CallMessage): Promise<ReplyMessage> {
    // Rebuilt field by field: only these cross, and a call without input still carries
    // the `input` key, which the router's CallMessage schema requires.
    const { type, id, service, method, input } = message;
    return ipcRenderer.invoke(CHANNELS.call, {
      type,
      id,
      service,
      method,
      input,
    }) as Promise<ReplyMessage>;
  },

  onEvent(listener: (message: ReplyMessage) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: unknown): void => {
      if (isEventMessage(message)) listener(message);
    };
    ipcRenderer.on(CHANNELS.event, handler);
    return () => {
      ipcRenderer.removeListener(CHANNELS.event, handler);
    };
  },

  pathsForFiles(files: readonly object[]): string[] {
    const paths: string[] = [];
    if (!Array.isArray(files)) return paths;
    for (const file of files as readonly unknown[]) {
      if (!(file instanceof File)) continue;
      const path = webUtils.getPathForFile(file);
      if (path !== '') paths.push(path); // '' for a File made in script, not backed by disk
    }
    return paths;
  },

  revealOutput(jobId: string): Promise<void> {
    return ipcRenderer.invoke(CHANNELS.reveal, jobId) as Promise<void>;
  },

  pickPaths(): Promise<string[]> {
    return ipcRenderer.invoke(CHANNELS.pick) as Promise<string[]>;
  },
};

contextBridge.exposeInMainWorld('framewright', bridge);
