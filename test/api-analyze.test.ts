import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../main/engine/engine';
import { testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

// jobs.analyze: the detected crop and interlacing of a job's source, found once per job.

/** A 320x180 picture in a 320x240 frame: black bars of 30 lines above and below. */
function letterboxed(file: string): string {
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y', '-f', 'lavfi'],
    ...['-i', 'testsrc2=size=320x180:rate=25:duration=4', '-vf', 'pad=320:240:0:30'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', `file:${file}`],
  ]);
  return file;
}

describe('jobs.analyze', () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    engine = await testEngine();
    dir = tempDir();
  });
  afterAll(() => engine.dispose());

  it('finds the picture inside black bars, probing the job first, and keeps the answer', async () => {
    const { ids } = await engine.jobs.add({
      paths: [letterboxed(path.join(dir, 'bars.mp4'))],
      outDir: path.join(dir, 'out'),
    });
    const id = ids[0] ?? '';
    const analysis = await engine.jobs.analyze({ id });
    expect(analysis).toEqual({ crop: { width: 320, height: 180, x: 0, y: 30 }, interlaced: false });
    expect(engine.queue.analysisOf(id)).toEqual(analysis);
    expect(engine.queue.probeOf(id)?.path).toBe(path.join(dir, 'bars.mp4'));
  });

  it('a full picture has nothing to crop', async () => {
    const { ids } = await engine.jobs.add({
      paths: [makeClip(path.join(dir, 'full.mp4'), { seconds: 2 })],
      outDir: path.join(dir, 'out'),
    });
    expect(await engine.jobs.analyze({ id: ids[0] ?? '' })).toMatchObject({ crop: null });
  });

  it('says in a sentence when the job is gone', async () => {
    await expect(engine.jobs.analyze({ id: 'nope' })).rejects.toThrow(
      'That job is no longer in the queue.',
    );
  });
});
