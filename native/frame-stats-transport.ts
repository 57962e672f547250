import { constants, openSync, rmSync } from 'node:fs';
import { Socket, createServer } from 'node:net';
import { makeFifo } from './fifo-pool';

// How the worker receives ffmpeg's -vstats_file at the path the plan names. POSIX: a FIFO
// (Node's own stdio pipes are socketpairs, which ffmpeg cannot reopen by path; Node has no
// mkfifo call: fifo-pool.ts). Windows has no FIFOs: a named pipe
// (\\.\pipe\…) that we serve, which ffmpeg opens like a file.

export interface StatsSource {
  /** The path ffmpeg writes to. */
  path: string;
  /** Stops reading and removes the FIFO or pipe. */
  close(): void;
}

/** Makes a FIFO and reads it; null when it cannot be made. */
export async function openFifo(
  fifo: string,
  env: Record<string, string>,
  onData: (chunk: string) => void,
): Promise<StatsSource | null> {
  if (!(await makeFifo(fifo, env))) return null;
  // Opened read-write, so the open never waits for ffmpeg and no early end-of-file
  // arrives before ffmpeg opens it; libuv reads it like a pipe.
  const fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
  const socket = new Socket({ fd, readable: true, writable: false });
  socket.setEncoding('utf8');
  socket.on('data', onData);
  socket.on('error', () => undefined);
  return {
    path: fifo,
    close: () => {
      socket.destroy(); // closes the descriptor
      rmSync(fifo, { force: true });
    },
  };
}

/**
 * Serves a named pipe (on Windows a \\.\pipe\ name; elsewhere a socket path) and reads
 * what its first writer sends; later connections are refused. Null when it cannot listen.
 */
export async function openNamedPipe(
  pipePath: string,
  onData: (chunk: string) => void,
): Promise<StatsSource | null> {
  let writer: Socket | null = null;
  const server = createServer((socket) => {
    if (writer !== null) {
      socket.destroy();
      return;
    }
    writer = socket;
    socket.setEncoding('utf8');
    socket.on('data', onData);
    socket.on('error', () => undefined);
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(pipePath, () => resolve(true));
  });
  if (!listening) return null;
  return {
    path: pipePath,
    close: () => {
      writer?.destroy();
      server.close();
    },
  };
}
