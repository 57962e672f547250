import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

// A private Redis for the farm tests (and the Farm view's e2e spec): Debian's redis-server
// on a free loopback port with a password and append-only persistence.

export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `text` appears in the stream's output so far or later. */
export function waitForOutput(stream: NodeJS.ReadableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer | string): void => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        stream.off('data', onData);
        resolve();
      }
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`The process ended before "${text}":\n${seen}`)));
  });
}

export interface TestRedis {
  url: string;
  port: number;
  /** Stops it cleanly (the append-only file is written) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(dir: string, password: string): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess;
  const start = async (): Promise<void> => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--requirepass',
        password,
        '--appendonly',
        'yes',
        '--dir',
        dir,
        '--save',
        '',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const out = child.stdout;
    if (out === null) throw new Error('redis-server has no output.');
    await waitForOutput(out, 'Ready to accept connections');
    out.resume();
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    port,
    restart: async () => {
      await stop();
      await start();
    },
    stop,
  };
}

/** Every farm test's teardown: what it started stops (workers, then Redis), its folder goes. */
export async function stopAll(started: {
  workers?: Iterable<ChildProcess | undefined>;
  redis?: TestRedis | undefined;
  dir?: string | undefined;
}): Promise<void> {
  for (const child of started.workers ?? []) {
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await started.redis?.stop();
  if (started.dir !== undefined) rmSync(started.dir, { recursive: true, force: true });
}
