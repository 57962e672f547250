import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../main/engine/engine';
import { settled, testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

// A job's settings reach the run: the engine's plan applies them to real ffmpeg.

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

/** Frames, size and duration of a file's video, as ffprobe counts them. */
function videoOf(file: string): { frames: number; width: number; height: number; sec: number } {
  const out = execFileSync(
    'ffprobe',
    [
      ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=nb_read_frames,width,height:format=duration'],
      ...['-of', 'json', `file:${file}`],
    ],
    { encoding: 'utf8' },
  );
  const json = JSON.parse(out) as {
    streams: { nb_read_frames: string; width: number; height: number }[];
    format: { duration: string };
  };
  const [stream] = json.streams;
  return {
    frames: Number(stream?.nb_read_frames),
    width: stream?.width ?? 0,
    height: stream?.height ?? 0,
    sec: Number(json.format.duration),
  };
}

async function convert(
  e: Engine,
  input: string,
  settings: Parameters<Engine['jobs']['add']>[0]['settings'],
): Promise<string> {
  const { ids } = await e.jobs.add({
    paths: [input],
    outDir: path.join(path.dirname(input), 'out'),
    presetId: 'h264-mp4',
    settings,
  });
  await e.jobs.start();
  const [job] = await settled(e, ids);
  expect(job?.error).toBeNull();
  expect(job?.status).toBe('done');
  return job?.output ?? '';
}

describe('job settings in a run', () => {
  it('a trimmed job at CRF 40 is the trimmed length, encoded at CRF 40', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'a.mp4'), { seconds: 4 });
    engine = await testEngine();
    const output = await convert(engine, clip, { crf: 40, trim: { startSec: 1, endSec: 3 } });
    const video = videoOf(output);
    expect(video.frames).toBe(50);
    expect(video.sec).toBeGreaterThan(1.9);
    expect(video.sec).toBeLessThan(2.1);
    // x264 writes its options into the stream.
    expect(readFileSync(output).toString('latin1')).toContain(' crf=40.0 ');
  });

  it("crop 'auto' analyses the source and takes the black bars off", async () => {
    const dir = tempDir();
    const clip = path.join(dir, 'bars.mp4');
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-v', 'error', '-nostdin', '-y', '-f', 'lavfi'],
      ...['-i', 'testsrc2=size=320x180:rate=25:duration=3', '-vf', 'pad=320:240:0:30'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', `file:${clip}`],
    ]);
    engine = await testEngine();
    const output = await convert(engine, clip, { crop: 'auto' });
    expect(videoOf(output)).toMatchObject({ width: 320, height: 180 });
  });
});
