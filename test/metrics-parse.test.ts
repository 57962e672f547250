import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MetricsReader, PSNR_IDENTICAL } from '../app/ffmpeg/metrics-parse';
import { METRIC_FRAMES_MAX } from '../app/jobs/metrics';

// Recorded with ffmpeg 5.1 (test/fixtures/record-metrics.sh): an x264 CRF 35 encode of a
// 1 s 160x120 clip measured every 3rd frame, with ffmpeg's own logged overall scores.
const fixture = (name: string): string =>
  readFileSync(path.resolve(import.meta.dirname, 'fixtures/metrics', name), 'utf8');

/** The overall score ffmpeg's filter logged ("SSIM … All:0.953349", "PSNR … average:33.74"). */
function logged(metric: 'SSIM' | 'PSNR'): number {
  const key = metric === 'SSIM' ? 'All' : 'average';
  const line = fixture('x264-every3.stderr.txt')
    .split('\n')
    .find((l) => l.startsWith(metric));
  return Number(new RegExp(`${key}:([0-9.]+)`).exec(line ?? '')?.[1]);
}

describe('MetricsReader', () => {
  it('reads every measured frame and equals the overall scores ffmpeg logs', () => {
    const result = new MetricsReader(['ssim', 'psnr'], 255)
      .text(fixture('x264-every3.txt'))
      .result();
    expect(result?.count).toBe(9);
    expect(result?.frames.timeSec).toEqual([0, 0.12, 0.24, 0.36, 0.48, 0.6, 0.72, 0.84, 0.96]);
    expect(result?.frames.ssim?.[0]).toBe(0.980523);
    expect(result?.frames.psnr?.[0]).toBeCloseTo(37.177753, 4);
    expect(result?.scores.ssim).toBeCloseTo(logged('SSIM'), 5);
    expect(result?.scores.psnr).toBeCloseTo(logged('PSNR'), 4);
  });

  it('reads only the metrics asked for', () => {
    const result = new MetricsReader(['ssim'], 255).text(fixture('x264-every3.txt')).result();
    expect(Object.keys(result?.scores ?? {})).toEqual(['ssim']);
    expect(result?.frames.psnr).toBeUndefined();
  });

  it('leaves out a frame cut short, and says null when nothing was measured', () => {
    const text = fixture('x264-every3.txt');
    const cut = text.slice(0, text.lastIndexOf('lavfi.psnr.mse.y'));
    expect(new MetricsReader(['ssim', 'psnr'], 255).text(cut).result()?.count).toBe(8);
    expect(new MetricsReader(['ssim'], 255).text('').result()).toBeNull();
  });

  it('counts identical pictures as PSNR_IDENTICAL, not infinity', () => {
    const text = 'frame:0 pts:0 pts_time:0\nlavfi.psnr.mse_avg=0.000000\nlavfi.psnr.psnr_avg=inf\n';
    const result = new MetricsReader(['psnr'], 255).text(text).result();
    expect(result?.scores.psnr).toBe(PSNR_IDENTICAL);
    expect(result?.frames.psnr).toEqual([PSNR_IDENTICAL]);
  });

  it(`keeps at most ${METRIC_FRAMES_MAX} frames, first and last among them, and scores them all`, () => {
    const n = METRIC_FRAMES_MAX * 3 + 1;
    const text = Array.from(
      { length: n },
      (_, i) => `frame:${i} pts:${i} pts_time:${i / 25}\nlavfi.ssim.All=${i === 0 ? 0.5 : 1}`,
    ).join('\n');
    const result = new MetricsReader(['ssim'], 255).text(text).result();
    expect(result?.count).toBe(n);
    expect(result?.frames.timeSec).toHaveLength(METRIC_FRAMES_MAX);
    expect(result?.frames.timeSec.at(-1)).toBe((n - 1) / 25);
    expect(result?.scores.ssim).toBeCloseTo(1 - 0.5 / n, 9);
  });
});
