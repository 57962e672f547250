import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaInfo } from '../app/media/model';
import { analyzeSource } from '../main/engine/analyze';
import { WorkerSupervisor } from '../main/engine/supervisor';
import { forkLauncher } from '../main/engine/worker-port';
import { root } from './helpers/cli';
import { tempDir } from './helpers/media';
import { eventually, processesMentioning } from './helpers/processes';

// The analysis behind `crop: 'auto'` and `deinterlace: 'auto'`, through the real worker
// and ffmpeg, on sources generated here.

const dir = tempDir('fw-analysis-');
let supervisor: WorkerSupervisor;

function make(name: string, args: string[]): string {
  const file = path.join(dir, name);
  execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-y', ...args, file]);
  return file;
}

const probe = (file: string): Promise<MediaInfo> =>
  supervisor.request('probe', { path: file, timeoutMs: 30_000, scanResolution: false });

const analyze = async (file: string, signal?: AbortSignal) =>
  analyzeSource(supervisor, await probe(file), {
    timeoutMs: 30_000,
    ...(signal ? { signal } : {}),
  });

const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

beforeAll(() => {
  supervisor = new WorkerSupervisor(forkLauncher(path.join(root, 'dist/worker.js')));
});
afterAll(async () => {
  await supervisor.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('analyzeSource', () => {
  it('finds the picture inside letterbox bars, and calls a progressive source progressive', async () => {
    const file = make('letterbox.mp4', [
      ...['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25:duration=8'],
      ...['-vf', 'pad=320:240:0:30', ...x264],
    ]);
    expect(await analyze(file)).toEqual({
      crop: { width: 320, height: 180, x: 0, y: 30 },
      interlaced: false,
    });
  });

  it('proposes no crop for a full-frame picture', async () => {
    const file = make('full.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25:duration=4',
      ...x264,
    ]);
    expect((await analyze(file)).crop).toBeNull();
  });

  it('sees interlacing in an interlaced encode', async () => {
    const file = make('interlaced.mp4', [
      ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=50:duration=8'],
      ...['-vf', 'tinterlace=mode=interleave_top,setfield=tff', '-flags', '+ilme+ildct', ...x264],
    ]);
    expect((await analyze(file)).interlaced).toBe(true);
  });

  it('has nothing to find in a source without video', async () => {
    const file = make('tone.m4a', ['-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac']);
    expect(await analyze(file)).toEqual({ crop: null, interlaced: null });
  });

  it('stops every ffmpeg it started when cancelled', async () => {
    const file = make('long.mkv', [
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=60'],
      ...['-c:v', 'mpeg2video', '-q:v', '20'],
    ]);
    const info = await probe(file);
    const controller = new AbortController();
    const running = analyzeSource(supervisor, info, {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    expect(await eventually(() => processesMentioning(file).length > 0)).toBe(true);
    controller.abort();
    await expect(running).rejects.toThrow(/Cancelled/);
    expect(processesMentioning(file)).toEqual([]);
  });
});
