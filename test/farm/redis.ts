import { startCli, type CliRun } from '../helpers/cli';
import { makeClip } from '../helpers/media';
import { processesMentioning } from '../helpers/processes';
import { waitForOutput } from './redis-server';

// `framewright worker` processes for the farm tests (Redis itself: redis-server.ts).

/** Starts `framewright worker` and resolves once it has joined the farm. */
export async function startWorker(args: string[]): Promise<CliRun> {
  const run = startCli(['worker', ...args]);
  const err = run.child.stderr;
  if (err === null) throw new Error('The worker has no stderr.');
  await waitForOutput(err, 'joined the farm');
  return run;
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
