import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../app/jobs/job';
import type { JobSettings } from '../app/jobs/settings';
import { METRIC_SCALE } from '../app/quality/target';
import type { Engine } from '../main/engine/engine';
import { settled, testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

// Encoding to a quality target with real ffmpeg: the CRF is searched on samples of each
// file with the job's own plan, the output is measured, and a target out of reach says so.

const dir = tempDir('fw-quality-');
// The search's cache lives here, so every run of this file searches afresh.
process.env.XDG_CACHE_HOME = path.join(dir, 'cache');

/**
 * A 5 s 320x240 clip at 10 fps (whole milliseconds per frame, as Matroska keeps times),
 * encoded nearly losslessly; grain makes it harder. Short enough to be sampled whole (one
 * encode and one measure per trial, for the test's time; the e2e spec's 8 s clip takes two
 * samples).
 */
function clip(name: string, grain: boolean): string {
  const filters = grain ? ['-vf', 'noise=alls=24:allf=t+u'] : [];
  return makeClip(path.join(dir, name), {
    seconds: 5,
    size: '320x240',
    rate: 10,
    audio: false,
    codec: [...filters, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '8'],
  });
}

/** The SSIM of a file against its source, as ffmpeg's own ssim filter reports it. */
function ssimOf(output: string, source: string): number {
  const { stderr } = spawnSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-i', `file:${output}`, '-i', `file:${source}`],
      ...['-lavfi', '[0:v][1:v]ssim', '-f', 'null', '-'],
    ],
    { encoding: 'utf8' },
  );
  return Number(/ All:([\d.]+)/.exec(stderr)?.[1]);
}

let engine: Engine;
let clean: string;
let grainy: string;
beforeAll(async () => {
  clean = clip('clean.mkv', false);
  grainy = clip('grainy.mkv', true);
  engine = await testEngine({ defaultOutDir: path.join(dir, 'out') });
});
afterAll(async () => {
  await engine.dispose();
});

async function convert(inputs: string[], quality: JobSettings['quality']): Promise<Job[]> {
  const { ids } = await engine.jobs.add({
    paths: inputs,
    presetId: 'h264-mp4',
    settings: { speed: 'ultrafast', quality },
  });
  await engine.jobs.start();
  return settled(engine, ids);
}

const TARGET = 0.975;

describe('encoding to a quality target', () => {
  it('gives clean and grainy content different CRFs, each output meeting the target', async () => {
    const jobs = await convert([clean, grainy], { metric: 'ssim', target: TARGET });
    const [a, b] = jobs.map((job) => {
      expect(job.error).toBeNull();
      expect(job.status).toBe('done');
      const q = job.quality;
      expect(q).toMatchObject({ metric: 'ssim', target: TARGET, phase: 'done' });
      expect(q?.note).toBeUndefined();
      expect(q?.trials.length).toBeGreaterThan(1);
      // The output's own score, as the job recorded it and as ffmpeg's filter reads it.
      const tolerance = METRIC_SCALE.ssim.tolerance;
      expect(q?.measured).toBeGreaterThanOrEqual(TARGET - tolerance);
      expect(ssimOf(job.output ?? '', job.spec.input)).toBeCloseTo(q?.measured ?? 0, 3);
      expect(q?.actualBytes).toBe(job.outputBytes);
      expect(q?.predictedBytes).toBeGreaterThan(0);
      return q?.crf ?? -1;
    });
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(a ?? 0);
  });

  it('says when a target is out of reach and keeps the best output within it', async () => {
    // The target itself is reached at a CRF searched before (cached): the cap is what bites.
    const [job] = await convert([grainy], { metric: 'ssim', target: TARGET, maxSizePercent: 5 });
    expect(job?.status).toBe('done');
    const q = job?.quality;
    expect(q?.note).toMatch(/larger than 5% of the source: encoded at CRF \d+, the best quality/);
    expect(job?.warnings).toContain(q?.note);
    // The best within the cap: the lowest CRF whose samples fit in 5%.
    const fitting = (q?.trials ?? []).filter((t) => t.sizePercent <= 5).map((t) => t.crf);
    expect(q?.crf).toBe(Math.min(...fitting));
    expect(q?.trials.some((t) => t.crf === (q.crf ?? 0) - 1 && t.sizePercent > 5)).toBe(true);
  });

  it('refuses a VMAF target, which this ffmpeg cannot measure, with a sentence', async () => {
    const [job] = await convert([clean], { metric: 'vmaf', target: 95 });
    expect(job?.status).toBe('failed');
    expect(job?.error).toBe(
      'The quality target vmaf:95 cannot be searched: Framewright measures only SSIM and PSNR so far, so use ssim or psnr.',
    );
    expect(job?.output).toBeNull();
  });
});
