import type { WorkerToMain } from '../../app/worker/protocol';

// The worker's side of the channel: child_process.fork (process.send) here, Electron's
// utilityProcess (process.parentPort) in the desktop app. Same messages either way.

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface ParentChannel {
  send(message: WorkerToMain): void;
  onMessage(listener: (raw: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

export function parentChannel(): ParentChannel {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort !== undefined) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      onDisconnect: () => undefined, // utilityProcess is killed by its parent
    };
  }
  if (process.send === undefined)
    throw new Error('The worker must be started by Framewright, not directly.');
  return {
    send: (message) => {
      if (process.connected) process.send?.(message);
    },
    onMessage: (listener) => process.on('message', listener),
    onDisconnect: (listener) => process.on('disconnect', listener),
  };
}
