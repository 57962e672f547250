import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { startCli, type CliRun } from '../helpers/cli';
import { makeClip } from '../helpers/media';
import { processesMentioning } from '../helpers/processes';

// A private Redis for the farm tests: Debian's redis-server on a free loopback port with
// a password and append-only persistence, plus `framewright worker` processes.

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

/** Starts `framewright worker` and resolves once it has joined the farm. */
export async function startWorker(args: string[]): Promise<CliRun> {
  const run = startCli(['worker', ...args]);
  const err = run.child.stderr;
  if (err === null) throw new Error('The worker has no stderr.');
  await waitForOutput(err, 'joined the farm');
  return run;
}

/** Every farm test's teardown: what it started stops (workers, then Redis), its folder goes. */
export async function stopAll(started: {
  workers?: Iterable<CliRun | undefined>;
  redis?: TestRedis | undefined;
  dir?: string | undefined;
}): Promise<void> {
  for (const run of started.workers ?? []) {
    if (run === undefined || run.child.exitCode !== null || run.child.signalCode !== null) continue;
    run.child.kill('SIGTERM');
    await run.done;
  }
  await started.redis?.stop();
  if (started.dir !== undefined) rmSync(started.dir, { recursive: true, force: true });
}

/** A 320x240 clip with a keyframe every second, so it splits into chunks. */
export function chunkableClip(file: string, seconds: number): string {
  return makeClip(file, {
    seconds,
    size: '320x240',
    codec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25'],
  });
}

/** x264's "slow" on a 640x360 clip: still encoding when the first progress arrives. */
export const SLOW_PRESET = {
  id: 'h264-slow',
  name: 'H.264 slow',
  container: 'mp4',
  extension: '.mp4',
  video: { codec: 'libx264', crf: 23, speed: 'slow' },
  audio: { codec: 'aac', bitrateKbps: 128 },
};

/** ffmpeg (or its sandbox) processes working on files under `dir`. */
export function ffmpegsUnder(dir: string): unknown[] {
  return processesMentioning(dir).filter((p) =>
    /\b(ffmpeg|bwrap)$/.test(p.cmdline.split(' ')[0] ?? ''),
  );
}
