import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../app/jobs/job';
import { settingsFromFlags } from '../main/cli/settings-flags';
import { runCli } from './helpers/cli';
import { makeClip, tempDir } from './helpers/media';

// `--metrics` and `--metrics-every` become the job's metrics setting (a bad value is a
// usage error naming the flag), and `convert --json` reports what was measured.

describe('--metrics flags', () => {
  it('ask for the metrics, on every Nth frame', () => {
    expect(settingsFromFlags({ metrics: 'ssim,PSNR' }, true)).toEqual({
      metrics: { names: ['ssim', 'psnr'] },
    });
    expect(settingsFromFlags({ metrics: 'vmaf', 'metrics-every': '5' }, true)).toEqual({
      metrics: { names: ['vmaf'], every: 5 },
    });
  });

  it.each([
    [{ metrics: 'ssim,butteraugli' }, /^--metrics must be ssim, psnr, vmaf or xpsnr\.$/],
    [{ metrics: 'ssim,ssim' }, /^--metrics ssim,ssim is not accepted: name each metric once\.$/],
    [{ metrics: 'ssim', 'metrics-every': '0' }, /^--metrics-every must be at least 1\.$/],
    [{ metrics: 'ssim', 'metrics-every': 'x' }, /^--metrics-every needs a whole number\.$/],
    [{ 'metrics-every': '2' }, /^--metrics-every needs --metrics/],
  ])('%o is a usage error naming the flag', (values, message) => {
    expect(() => settingsFromFlags(values, true)).toThrow(message);
  });
});

describe('convert --metrics --json', () => {
  it('reports the scores and the per-frame values of every Nth frame', async () => {
    const dir = tempDir('fw-metrics-cli-');
    const clip = makeClip(path.join(dir, 'clip.mp4'), { audio: false });
    const args = ['--metrics', 'ssim,psnr', '--metrics-every', '5', '--crf', '35', '--json'];
    const out = path.join(dir, 'out');
    const run = await runCli(['convert', clip, '--preset', 'h264-mp4', '--out', out, ...args]);
    expect(run.code).toBe(0);
    const [job] = (JSON.parse(run.stdout) as { jobs: Job[] }).jobs;
    expect(job?.metrics?.ssim).toBeGreaterThan(0.8);
    expect(job?.metrics?.ssim).toBeLessThan(1);
    expect(job?.metrics?.psnr).toBeGreaterThan(20);
    expect(job?.metricFrames?.timeSec).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});
