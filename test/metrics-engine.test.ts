import { mkdirSync, readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../app/jobs/job';
import type { JobSettings } from '../app/jobs/settings';
import type { Engine } from '../main/engine/engine';
import { settled, testEngine } from './helpers/engine';
import { ffmpegScore } from './helpers/ffmpeg-score';
import { makeClip, tempDir } from './helpers/media';
import { eventually, processesMentioning } from './helpers/processes';

// The quality step of a job, through the engine and its sandboxed worker: measured after
// the commit, recorded on the job, and never a risk to the output (a metric this ffmpeg
// lacks is a note, a cancel while measuring keeps the saved file).

let engine: Engine;
let dir = '';

beforeAll(async () => {
  dir = tempDir('fw-metrics-engine-');
  engine = await testEngine();
});
afterAll(async () => {
  await engine.dispose();
});

/** Converts `clip` into the folder named after it, with the job settings; the ended job. */
async function convert(clip: string, settings: JobSettings): Promise<Job> {
  const outDir = path.join(dir, path.basename(clip, path.extname(clip)));
  const { ids } = await engine.jobs.add({ paths: [clip], outDir, presetId: 'h264-mp4', settings });
  await engine.jobs.start();
  const [job] = await settled(engine, ids);
  if (job === undefined) throw new Error('no job');
  return job;
}

describe('a job with metrics', () => {
  it('records the scores and per-frame values; VMAF missing from this ffmpeg is a note', async () => {
    const clip = makeClip(path.join(dir, 'small.mp4'), { seconds: 1, audio: false });
    const settings: JobSettings = {
      crf: 32,
      speed: 'ultrafast',
      metrics: { names: ['ssim', 'psnr', 'vmaf'] },
    };
    const job = await convert(clip, settings);
    expect(job.status).toBe('done');
    expect(job.metrics?.ssim).toBeCloseTo(ffmpegScore(job.output ?? '', clip, 'ssim'), 5);
    expect(job.metrics?.psnr).toBeGreaterThan(20);
    expect(job.metricFrames?.timeSec).toHaveLength(25);
    expect(job.metricFrames?.ssim).toHaveLength(25);
    expect(job.warnings).toContain('VMAF is not in this ffmpeg build, so it was not measured.');
    expect(readdirSync(path.dirname(job.output ?? '')).filter((f) => f.startsWith('.'))).toEqual(
      [],
    );
  });

  it('a cancel while measuring keeps the saved output, ends done with a note, and leaves no ffmpeg', async () => {
    const clip = makeClip(path.join(dir, 'long.mp4'), {
      seconds: 8,
      size: '320x240',
      audio: false,
    });
    const out = path.join(dir, 'long');
    mkdirSync(out);
    // The measuring step's stats file appears when its ffmpeg starts: cancel then.
    let cancelled = false;
    const watcher = watch(out, (_event, name) => {
      if (cancelled || !String(name).includes('.framewright-metrics-')) return;
      cancelled = true;
      void engine.jobs.list().then((jobs) => engine.jobs.cancel({ ids: jobs.map((j) => j.id) }));
    });
    const job = await convert(clip, { speed: 'ultrafast', metrics: { names: ['ssim', 'psnr'] } });
    watcher.close();
    expect(cancelled).toBe(true);
    expect(job.status).toBe('done');
    expect(job.metrics).toBeUndefined();
    expect(job.warnings).toContain(
      'Quality was not measured: the job was cancelled after its output was saved.',
    );
    expect(statSync(job.output ?? '').size).toBe(job.outputBytes);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(await eventually(() => processesMentioning(out).length === 0)).toBe(true);
  });
});
